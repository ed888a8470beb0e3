--TEST--
fork: 4 workers x 20000 incr()/decr() on 10 keys lose no update (int and float columns)
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl required'); ?>
--FILE--
<?php
use ShmTable\Table;

pcntl_alarm(120);

$t = new Table(16);
$t->column('hits', Table::TYPE_INT);
$t->column('sum', Table::TYPE_FLOAT);
$t->column('down', Table::TYPE_INT);
$t->create();

const WORKERS = 4;
const OPS = 20000;
const KEYS = 10;

$pids = [];
for ($w = 0; $w < WORKERS; $w++) {
    $pid = pcntl_fork();
    if ($pid === -1) {
        die("fork failed\n");
    }
    if ($pid === 0) {
        pcntl_alarm(120);
        $errors = 0;
        for ($i = 0; $i < OPS; $i++) {
            $k = 'key' . ($i % KEYS);
            try {
                $t->incr($k, 'hits');
                $t->incr($k, 'sum', 0.5);   // exact in binary: totals are exact
                $t->decr($k, 'down', 3);
            } catch (Throwable $e) {
                $errors++;
            }
        }
        exit($errors === 0 ? 0 : 1);
    }
    $pids[] = $pid;
}
$failed = 0;
foreach ($pids as $pid) {
    pcntl_waitpid($pid, $status);
    if (!pcntl_wifexited($status) || pcntl_wexitstatus($status) !== 0) {
        $failed++;
    }
}
echo "workers failed: $failed\n";
var_dump(count($t));
$per = WORKERS * OPS / KEYS;
$wrong = [];
for ($k = 0; $k < KEYS; $k++) {
    $row = $t->get("key$k");
    if ($row !== ['hits' => $per, 'sum' => $per * 0.5, 'down' => -3 * $per]) {
        $wrong[] = "key$k: " . json_encode($row);
    }
}
echo "expected per key: hits=$per sum=", $per * 0.5, " down=", -3 * $per, "\n";
echo $wrong ? implode("\n", $wrong) : 'all keys exact', "\n";
$total = 0;
foreach ($t as $row) {
    $total += $row['hits'];
}
var_dump($total);
var_dump($t->stats()['lock_recoveries']);
?>
--EXPECT--
workers failed: 0
int(10)
expected per key: hits=8000 sum=4000 down=-24000
all keys exact
int(80000)
int(0)
