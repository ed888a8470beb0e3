--TEST--
fork: a table created before pcntl_fork() is shared; rows written by a child are seen by the parent and back
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl required'); ?>
--FILE--
<?php
use ShmTable\Table;

pcntl_alarm(60); // watchdog: a hang kills the test instead of the run

$t = new Table(64);
$t->column('n', Table::TYPE_INT);
$t->column('f', Table::TYPE_FLOAT);
$t->column('s', Table::TYPE_STRING, 32);
$t->create();
$t->set('from_parent', ['n' => 1, 'f' => 1.5, 's' => 'parent']);
$t->set('to_delete', ['n' => 2]);

$pid = pcntl_fork();
if ($pid === -1) {
    die("fork failed\n");
}
if ($pid === 0) {
    pcntl_alarm(60);
    // The child sees the parent's rows; it reports through its exit status.
    $ok = $t->get('from_parent') === ['n' => 1, 'f' => 1.5, 's' => 'parent'];
    $t->set('from_child', ['n' => 42, 'f' => -0.25, 's' => "child\0"]);
    $t->incr('from_parent', 'n', 10);
    $t->del('to_delete');
    $t['array_access'] = ['s' => 'aa'];
    for ($i = 0; $i < 20; $i++) {
        $t->set("c$i", ['n' => $i]);
    }
    exit($ok ? 0 : 1);
}
pcntl_waitpid($pid, $status);
echo 'child exit: ', pcntl_wexitstatus($status), "\n";
$r = $t->get('from_child');
echo $r['n'], ' ', $r['f'], ' ', bin2hex($r['s']), "\n";
var_dump($t->get('from_parent', 'n'));
var_dump($t->exists('to_delete'));
var_dump($t['array_access']['s']);
var_dump(count($t));
$sum = 0;
foreach ($t as $k => $row) {
    if ($k[0] === 'c') {
        $sum += $row['n'];
    }
}
var_dump($sum);
$s = $t->stats();
echo 'rows=', $s['rows'], ' insert_count=', $s['insert_count'], ' delete_count=', $s['delete_count'], "\n";

// A second child sees what the first one wrote, and the parent's later writes.
$t->set('later', ['n' => 7]);
$pid = pcntl_fork();
if ($pid === 0) {
    pcntl_alarm(60);
    $ok = $t->get('from_child', 'n') === 42 && $t->get('later', 'n') === 7 && count($t) === 24;
    exit($ok ? 0 : 1);
}
pcntl_waitpid($pid, $status);
echo 'second child exit: ', pcntl_wexitstatus($status), "\n";
?>
--EXPECT--
child exit: 0
42 -0.25 6368696c6400
int(11)
bool(false)
string(2) "aa"
int(23)
int(190)
rows=23 insert_count=24 delete_count=1
second child exit: 0
