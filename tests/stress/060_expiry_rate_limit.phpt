--TEST--
stress: 4 workers rate-limit 4 shared keys with incr(..., ttl: 0.25), fixed windows: no update is lost, no window starts before the last one expired, no counter outlives its window
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

stress_watchdog((int) stress_scale(60, 900));
ini_set('memory_limit', '1G');

const WORKERS = 4;
const KEYS = 4;
const WINDOW = 0.25;                       // seconds
$seconds = stress_scale(1.6, 30);

$t = new Table(16);
$t->column('n', Table::TYPE_INT);
$t->create();

// Each worker logs every call: key, the count incr() returned, and the
// monotonic time just before and just after the call.
$files = [];
$pids = [];
$start = hrtime(true);
$end = $start + (int) ($seconds * 1e9);
for ($w = 0; $w < WORKERS; $w++) {
    $files[$w] = stress_result_file("rate-$w");
    $pids[] = stress_fork(function () use ($t, $w, $end, $files) {
        $log = '';
        for ($i = $w; hrtime(true) < $end; $i++) {
            $k = $i % KEYS;
            $tb = hrtime(true);
            $v = $t->incr("client:$k", 'n', 1, WINDOW);
            $ta = hrtime(true);
            $log .= pack('CNJJ', $k, $v, $tb, $ta);
            usleep(20);                    // about 10,000 calls a second each
        }
        file_put_contents($files[$w], $log);
        return 0;
    });
}
$bad = 0;
foreach ($pids as $pid) {
    $status = stress_wait($pid);
    if (!stress_ok($status)) {
        echo "worker: ", stress_describe($status), "\n";
        $bad++;
    }
}

$events = array_fill(0, KEYS, []);
$calls = 0;
foreach ($files as $f) {
    $log = (string) @file_get_contents($f);
    @unlink($f);
    for ($o = 0; $o + 21 <= strlen($log); $o += 21) {
        $e = unpack('Ck/Nv/Jtb/Jta', $log, $o);
        $events[$e['k']][] = $e;
        $calls++;
    }
}

$w_ns = (int) (WINDOW * 1e9);
// The table clock advances in ticks of the kernel (CLOCK_MONOTONIC_COARSE:
// 1-10 ms), these times are exact: a window may end up to a tick early or
// late against them.
$tick_ns = 20_000_000;
$errors = [];
$windows = 0;
foreach ($events as $k => $evs) {
    // The calls that created a row (returned 1) start the windows.
    $starts = array_values(array_filter($evs, fn ($e) => $e['v'] === 1));
    usort($starts, fn ($a, $b) => $a['tb'] <=> $b['tb']);
    $windows += count($starts);
    for ($i = 1; $i < count($starts); $i++) {
        // A new window only once the previous row expired: it was created
        // at the earliest at the previous start's tb, so expired at the
        // earliest WINDOW later.
        if ($starts[$i]['ta'] + $tick_ns < $starts[$i - 1]['tb'] + $w_ns) {
            $errors[] = "key $k: window $i started too early";
        }
    }
    // Every call belongs to a window whose row was alive at some moment of
    // the call: created before the call ended, expired after it began (give
    // or take a tick). Calls with one such window are placed first. A call
    // near a boundary (two candidates) goes to the window whose nearest call
    // in time (placed in the first pass) returned the closest count: the
    // count at the end of the old window, or at the start of the new one.
    $vals = array_fill(0, count($starts), []);
    $near = array_fill(0, count($starts), []);
    foreach ($starts as $i => $s) {
        $near[$i][] = [$s['tb'], 1];
    }
    $ambiguous = [];
    foreach ($evs as $e) {
        if ($e['v'] === 1) {
            continue;
        }
        $cand = [];
        foreach ($starts as $i => $s) {
            if ($s['tb'] <= $e['ta'] && $e['tb'] <= $s['ta'] + $w_ns + $tick_ns) {
                $cand[] = $i;
            }
        }
        if (count($cand) === 1) {
            if (isset($vals[$cand[0]][$e['v']])) {
                $errors[] = "key $k: count {$e['v']} returned twice in window {$cand[0]} (a lost update)";
            }
            $vals[$cand[0]][$e['v']] = true;
            $near[$cand[0]][] = [$e['tb'], $e['v']];
        } elseif (count($cand) > 1) {
            $ambiguous[] = [$e, $cand];
        } else {
            $errors[] = "key $k: count {$e['v']} fits no live window (a stale counter)";
        }
    }
    foreach ($near as &$list) {
        sort($list);
    }
    unset($list);
    $closest = function (array $list, int $t): int {
        [$lo, $hi] = [0, count($list) - 1];
        while ($lo < $hi) {
            $mid = intdiv($lo + $hi, 2);
            if ($list[$mid][0] < $t) {
                $lo = $mid + 1;
            } else {
                $hi = $mid;
            }
        }
        $best = $list[$lo];
        if ($lo > 0 && abs($list[$lo - 1][0] - $t) < abs($best[0] - $t)) {
            $best = $list[$lo - 1];
        }
        return $best[1];
    };
    foreach ($ambiguous as [$e, $cand]) {
        usort($cand, fn ($x, $y) => abs($closest($near[$x], $e['tb']) - $e['v'])
            <=> abs($closest($near[$y], $e['tb']) - $e['v']));
        if (isset($vals[$cand[0]][$e['v']])) {
            $errors[] = "key $k: count {$e['v']} returned twice in window {$cand[0]} (a lost update)";
        }
        $vals[$cand[0]][$e['v']] = true;
    }
    // In each window the counts returned are exactly 1..n: none lost, none twice.
    foreach ($vals as $i => $set) {
        $set[1] = true;
        $n = count($set);
        if (max(array_keys($set)) !== $n) {
            $errors[] = "key $k: window $i returned $n distinct counts, up to " . max(array_keys($set));
        }
    }
}
$seen = count($errors);
foreach (array_slice($errors, 0, 5) as $e) {
    echo $e, "\n";
}
stress_summary('060_expiry_rate_limit', sprintf('%d calls, %d windows over %d keys in %.1f s',
    $calls, $windows, KEYS, (hrtime(true) - $start) / 1e9));
echo "workers failed: $bad\n";
echo "errors: $seen\n";
echo "enough windows: ", var_export($windows >= KEYS * 3, true), "\n";
echo "calls per window > 1: ", var_export($calls > $windows * 2, true), "\n";
echo "check: ", stress_check($t), "\n";
?>
--EXPECT--
workers failed: 0
errors: 0
enough windows: true
calls per window > 1: true
check: ok
