--TEST--
fork: 4 workers x 10000 four-column incr() leave exact totals, and a reader never sees the columns disagree
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl required'); ?>
--FILE--
<?php
use ShmTable\Table;

pcntl_alarm(180);

const WORKERS = 4;
const OPS = 10000;
const KEYS = 5;

$t = new Table(16);
$t->column('hits', Table::TYPE_INT);
$t->column('bytes', Table::TYPE_INT);
$t->column('secs', Table::TYPE_FLOAT);
$t->column('down', Table::TYPE_INT);
$t->create();
// Workers and the reader report here (a row each).
$report = new Table(16);
$report->column('reads', Table::TYPE_INT);
$report->column('bad', Table::TYPE_INT);
$report->create();

// The columns of one row always agree: bytes = 512 hits, secs = hits / 4,
// down = -hits.
function agrees(array $r): bool {
    return $r['bytes'] === 512 * $r['hits'] && $r['secs'] === $r['hits'] * 0.25
        && $r['down'] === -$r['hits'];
}

$pids = [];
for ($w = 0; $w < WORKERS; $w++) {
    $pid = pcntl_fork();
    if ($pid === -1) {
        die("fork failed\n");
    }
    if ($pid === 0) {
        pcntl_alarm(180);
        $errors = 0;
        for ($i = 0; $i < OPS; $i++) {
            $k = 'key' . (($i + $w) % KEYS);   // the first call on a key inserts it
            try {
                $r = $t->incr($k, ['hits' => 1, 'bytes' => 512, 'secs' => 0.25, 'down' => -1]);
                if (array_keys($r) !== ['hits', 'bytes', 'secs', 'down'] || !agrees($r)) {
                    $errors++;
                }
            } catch (Throwable $e) {
                $errors++;
            }
        }
        $report->set("w$w", ['bad' => $errors]);
        exit(0);
    }
    $pids[] = $pid;
}
// The reader: whole rows with get(), single values never disagree either,
// and foreach snapshots.
$reader = pcntl_fork();
if ($reader === 0) {
    pcntl_alarm(180);
    $reads = $bad = 0;
    while (!$report->exists('stop')) {
        for ($k = 0; $k < KEYS; $k++) {
            $r = $t->get("key$k");
            if ($r !== false) {
                $reads++;
                $bad += agrees($r) ? 0 : 1;
            }
        }
        foreach ($t as $r) {
            $reads++;
            $bad += agrees($r) ? 0 : 1;
        }
    }
    $report->set('reader', ['reads' => $reads, 'bad' => $bad]);
    exit(0);
}
$failed = 0;
foreach ($pids as $pid) {
    pcntl_waitpid($pid, $status);
    $failed += pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0 ? 0 : 1;
}
$report->set('stop', []);
pcntl_waitpid($reader, $status);
$failed += pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0 ? 0 : 1;
echo "processes failed: $failed\n";
$bad = 0;
for ($w = 0; $w < WORKERS; $w++) {
    $bad += $report->get("w$w", 'bad');
}
echo "workers' results wrong: $bad\n";
$rd = $report->get('reader');
echo "reader: ", $rd['reads'] > 0 ? 'read rows' : 'read nothing', ", disagreeing: {$rd['bad']}\n";

$per = WORKERS * OPS / KEYS;
$wrong = 0;
for ($k = 0; $k < KEYS; $k++) {
    $r = $t->get("key$k");
    if ($r !== ['hits' => $per, 'bytes' => 512 * $per, 'secs' => $per * 0.25, 'down' => -$per]) {
        echo "key$k: ", json_encode($r), "\n";
        $wrong++;
    }
}
echo "keys not exact: $wrong\n";
// decr() with an array takes every key back to zero, atomically too.
for ($k = 0; $k < KEYS; $k++) {
    $t->decr("key$k", ['hits' => $per, 'bytes' => 512 * $per, 'secs' => $per * 0.25, 'down' => -$per]);
}
$sum = 0;
foreach ($t as $r) {
    $sum += abs($r['hits']) + abs($r['bytes']) + abs($r['secs']) + abs($r['down']);
}
var_dump(count($t), $sum == 0);
$t->check();
var_dump($t->stats()['lock_recoveries']);
?>
--EXPECT--
processes failed: 0
workers' results wrong: 0
reader: read rows, disagreeing: 0
keys not exact: 0
int(5)
bool(true)
int(0)
