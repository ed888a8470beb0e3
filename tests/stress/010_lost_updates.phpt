--TEST--
stress: 8 workers x 250,000 incr() on 10 hot keys, int and float columns: no update is lost
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('pcntl_fork')) die('skip pcntl required');
if (!function_exists('posix_kill')) die('skip posix required');
?>
--FILE--
<?php
require __DIR__ . '/stress.inc';
use ShmTable\Table;

stress_watchdog((int) stress_scale(50, 900));

const WORKERS = 8;
const KEYS = 10;
$ops = (int) stress_scale(250000, 2500000); // increments per worker and column

$t = new Table(64);
$t->column('n', Table::TYPE_INT);
$t->column('f', Table::TYPE_FLOAT);
$t->column('m', Table::TYPE_INT);
$t->create();

$start = hrtime(true);
$pids = [];
for ($w = 0; $w < WORKERS; $w++) {
    $pids[] = stress_fork(function () use ($t, $w, $ops) {
        // Each worker walks the keys from its own offset; the keys do not
        // exist at first, so the first increments race to create them.
        for ($i = 0; $i < $ops; $i++) {
            $k = 'hot' . (($i + $w) % KEYS);
            $t->incr($k, 'n');
            $t->incr($k, 'f', 0.5);      // exact in binary: sums stay exact
            if (($i & 7) === 0) {
                $t->decr($k, 'm', 3);
            }
        }
        return 0;
    }, 600);
}
$bad = [];
foreach ($pids as $pid) {
    $st = stress_wait($pid);
    if (!stress_ok($st)) {
        $bad[] = stress_describe($st);
    }
}
$secs = (hrtime(true) - $start) / 1e9;
echo "workers: ", WORKERS - count($bad), " of ", WORKERS, " finished", $bad ? ' (' . implode(', ', $bad) . ')' : '', "\n";

// What the workers did, key by key (the same loops, counting).
$expN = array_fill(0, KEYS, 0);
$expM = array_fill(0, KEYS, 0);
for ($w = 0; $w < WORKERS; $w++) {
    for ($i = 0; $i < $ops; $i++) {
        $k = ($i + $w) % KEYS;
        $expN[$k]++;
        if (($i & 7) === 0) {
            $expM[$k] -= 3;
        }
    }
}

$lostN = 0;
$lostF = 0.0;
$lostM = 0;
$wrong = [];
$totalN = 0;
for ($k = 0; $k < KEYS; $k++) {
    $row = $t->get("hot$k");
    if (!is_array($row)) {
        $wrong[] = "hot$k missing";
        $lostN += $expN[$k];
        continue;
    }
    $totalN += $row['n'];
    $lostN += $expN[$k] - $row['n'];
    $lostF += $expN[$k] * 0.5 - $row['f'];
    $lostM += $row['m'] - $expM[$k];
    if ($row !== ['n' => $expN[$k], 'f' => $expN[$k] * 0.5, 'm' => $expM[$k]]) {
        $wrong[] = "hot$k: " . json_encode($row) . " expected n={$expN[$k]} f=" . ($expN[$k] * 0.5) . " m={$expM[$k]}";
    }
}
echo "rows: ", count($t), "\n";
echo $wrong ? implode("\n", $wrong) . "\n" : "int, float and decr totals exact\n";
echo "check: ", stress_check($t), "\n";
$s = $t->stats();
echo "lock recoveries: {$s['lock_recoveries']}\n";

stress_summary('010_lost_updates', sprintf(
    '%d workers x %d incr+incr(float)+decr/8 on %d keys in %.1f s (%.0f ops/s): lost int %d, lost float %s, lost decr %d',
    WORKERS, $ops, KEYS, $secs, WORKERS * $ops * 2.125 / $secs, $lostN, $lostF, $lostM));
?>
--EXPECT--
workers: 8 of 8 finished
rows: 10
int, float and decr totals exact
check: ok
lock recoveries: 0
