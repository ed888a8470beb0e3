--TEST--
fork: 4 workers add() the same 1000 keys: each key is added exactly once; then getdel() hands each row to exactly one worker
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl required'); ?>
--FILE--
<?php
use ShmTable\Table;

pcntl_alarm(120);

const WORKERS = 4;
const KEYS = 1000;

$t = new Table(KEYS);
$t->column('owner', Table::TYPE_INT);
$t->column('tag', Table::TYPE_STRING, 16);
$t->create();

$dir = sys_get_temp_dir() . '/shmt_112_' . getmypid();
@mkdir($dir);

function run_workers(callable $work): array {
    global $dir;
    $pids = [];
    for ($w = 1; $w <= WORKERS; $w++) {
        $pid = pcntl_fork();
        if ($pid === -1) {
            die("fork failed\n");
        }
        if ($pid === 0) {
            pcntl_alarm(120);
            file_put_contents("$dir/$w", json_encode($work($w)));
            exit(0);
        }
        $pids[] = $pid;
    }
    $bad = 0;
    foreach ($pids as $pid) {
        pcntl_waitpid($pid, $status);
        if (!pcntl_wifexited($status) || pcntl_wexitstatus($status) !== 0) {
            $bad++;
        }
    }
    $results = [];
    for ($w = 1; $w <= WORKERS; $w++) {
        $results[$w] = json_decode((string)@file_get_contents("$dir/$w"), true);
        @unlink("$dir/$w");
    }
    echo "workers failed: $bad\n";
    return $results;
}

echo "-- add\n";
$results = run_workers(function (int $w) use ($t) {
    $added = [];
    $errors = 0;
    // Each worker walks the keys in its own order to mix up the races.
    $order = range(0, KEYS - 1);
    if ($w % 2 === 0) {
        $order = array_reverse($order);
    }
    foreach ($order as $i) {
        try {
            if ($t->add("key$i", ['owner' => $w, 'tag' => "w$w"])) {
                $added[] = $i;
            }
        } catch (Throwable $e) {
            $errors++;
        }
    }
    return ['added' => $added, 'errors' => $errors];
});
$total = 0;
$errors = 0;
$ownerOk = 0;
$seen = [];
foreach ($results as $w => $r) {
    $total += count($r['added']);
    $errors += $r['errors'];
    foreach ($r['added'] as $i) {
        $seen[$i] = ($seen[$i] ?? 0) + 1;
        // The row holds what the worker whose add() returned true wrote.
        if ($t->get("key$i") === ['owner' => $w, 'tag' => "w$w"]) {
            $ownerOk++;
        }
    }
}
echo "true returns: $total, errors: $errors, distinct keys: ", count($seen), ", max per key: ", max($seen), "\n";
echo "rows owned by the adder: $ownerOk\n";
var_dump(count($t));

echo "-- getdel\n";
$results = run_workers(function (int $w) use ($t) {
    $got = [];
    for ($i = 0; $i < KEYS; $i++) {
        $k = 'key' . (($i + $w * 250) % KEYS);
        $row = $t->getdel($k);
        if ($row !== false) {
            $got[] = $k;
        }
    }
    return $got;
});
$all = array_merge(...array_values($results));
echo 'rows taken: ', count($all), ', distinct: ', count(array_unique($all)), "\n";
var_dump(count($t));
@rmdir($dir);
?>
--EXPECT--
-- add
workers failed: 0
true returns: 1000, errors: 0, distinct keys: 1000, max per key: 1
rows owned by the adder: 1000
int(1000)
-- getdel
workers failed: 0
rows taken: 1000, distinct: 1000
int(0)
