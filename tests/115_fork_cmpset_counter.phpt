--TEST--
fork: a compare-and-set loop in 4 workers is atomic (no lost or doubled update); cmpdel deletes once
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl required'); ?>
--FILE--
<?php
use ShmTable\Table;

pcntl_alarm(120);

const WORKERS = 4;
const OPS = 3000;

$t = new Table(8);
$t->column('v', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 24);
$t->create();
$t->set('ctr', ['v' => 0, 's' => 'v0']);
for ($i = 0; $i < 4; $i++) {
    $t->set("gone$i", ['v' => 7]);
}

$pids = [];
for ($w = 0; $w < WORKERS; $w++) {
    $pid = pcntl_fork();
    if ($pid === -1) {
        die("fork failed\n");
    }
    if ($pid === 0) {
        pcntl_alarm(120);
        $bad = 0;
        for ($i = 0; $i < OPS; $i++) {
            do {
                $row = $t->get('ctr');
                if ($row['s'] !== 'v' . $row['v']) {
                    $bad++; // a torn row: v and s always change together
                }
                $n = $row['v'] + 1;
            } while (!$t->cmpset('ctr', ['v' => $row['v'], 's' => $row['s']], ['v' => $n, 's' => "v$n"]));
        }
        $deleted = 0;
        for ($i = 0; $i < 4; $i++) {
            if ($t->cmpdel("gone$i", ['v' => 7])) {
                $deleted++;
            }
        }
        // Exit status: deletions this worker did, +100 if it saw a torn row.
        exit($deleted + ($bad ? 100 : 0));
    }
    $pids[] = $pid;
}
$deleted = 0;
$torn = 0;
foreach ($pids as $pid) {
    pcntl_waitpid($pid, $status);
    $code = pcntl_wexitstatus($status);
    $torn += intdiv($code, 100);
    $deleted += $code % 100;
}
var_dump($t->get('ctr'));
echo "torn reads: $torn, cmpdel successes: $deleted\n";
var_dump(count($t));
?>
--EXPECT--
array(2) {
  ["v"]=>
  int(12000)
  ["s"]=>
  string(6) "v12000"
}
torn reads: 0, cmpdel successes: 4
int(1)
