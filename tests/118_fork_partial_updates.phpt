--TEST--
fork: concurrent partial set()s of different columns and incr()s of another on one row lose nothing
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl required'); ?>
--FILE--
<?php
use ShmTable\Table;

pcntl_alarm(120);

const WORKERS = 4;
const OPS = 5000;

$t = new Table(4);
for ($w = 0; $w < WORKERS; $w++) {
    $t->column("c$w", Table::TYPE_INT);
}
$t->column('hits', Table::TYPE_INT);
$t->column('tag', Table::TYPE_STRING, 200);
$t->create();
$t->set('row', []);

$pids = [];
for ($w = 0; $w < WORKERS; $w++) {
    $pid = pcntl_fork();
    if ($pid === -1) {
        die("fork failed\n");
    }
    if ($pid === 0) {
        pcntl_alarm(120);
        for ($i = 1; $i <= OPS; $i++) {
            // Each worker owns one column; the string makes every set() copy a long row.
            $t->set('row', ["c$w" => $i, 'tag' => str_repeat((string)$w, 100 + $i % 100)]);
            $t->incr('row', 'hits');
            if ($i % 3 === 0) {
                $t->update('row', ["c$w" => $i]);
            }
        }
        exit(0);
    }
    $pids[] = $pid;
}
foreach ($pids as $pid) {
    pcntl_waitpid($pid, $status);
}
$row = $t->get('row');
for ($w = 0; $w < WORKERS; $w++) {
    echo "c$w=", $row["c$w"], "\n";
}
echo 'hits=', $row['hits'], "\n";
$d = $row['tag'][0];
var_dump($row['tag'] === str_repeat($d, strlen($row['tag'])) && strlen($row['tag']) >= 100);
var_dump(count($t));
?>
--EXPECT--
c0=5000
c1=5000
c2=5000
c3=5000
hits=20000
bool(true)
int(1)
