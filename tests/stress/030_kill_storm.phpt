--TEST--
stress: 1,000 SIGKILLs of writers in the middle of every kind of write (48 KiB rows): no hang, no torn row, no leak
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

/*
 * Writer processes run every write operation (set, add, update, del, incr,
 * cmpset, getdel, cmpdel, flushExpired; half the rows they write expire
 * within 70 ms) on a pool of keys larger than the table, with
 * rows that carry a 48 KiB string, so most of their time is spent inside
 * a lock copying a row. The parent SIGKILLs one of them at a random moment,
 * over and over, and starts a new one each time. A survivor process works
 * on the same keys all along and times every single operation: a lock left
 * by a dead writer must be taken over at once, not after a timeout (the
 * longest wait is checked, under 1 s, with SHMTABLE_TIMING_TESTS=1 only;
 * without it a hang still meets the watchdog).
 * Afterwards the table passes check(), every row is whole, count() agrees
 * with foreach, and exactly $size rows still fit (no row leaked).
 */
const SIZE = 128;
const POOL = 160;          // more keys than rows: inserts meet a full table
const BIG = 49152;
const WRITERS = 2;
const SURV_KEYS = 8;

$kills_wanted = (int) stress_scale(1000, 10000);
$limit = (int) stress_scale(150, 1500);  // seconds the storm may take at most
stress_watchdog($limit + 30);

$t = new Table(SIZE);
stress_whole_columns($t, BIG);
$t->create();
// The survivor's own rows: nobody else writes them.
for ($i = 0; $i < SURV_KEYS; $i++) {
    $t->set("surv$i", stress_whole_row(0, BIG));
}
$t->set('surv-counter', ['c' => 0]);

function writer(Table $t): int
{
    while (true) {
        $a = mt_rand(1, 1 << 30);
        $key = 'pool' . mt_rand(0, POOL - 1);
        // Half the rows written expire within 70 ms, so that kills also
        // land in the reclaims of expired rows (by writers, by the full
        // table, by flushExpired()).
        $ttl = mt_rand(0, 1) ? mt_rand(10, 70) / 1000 : null;
        try {
            switch (mt_rand(0, 10)) {
                case 0: case 1:
                    $t->set($key, stress_whole_row($a, BIG), $ttl);
                    break;
                case 10:
                    $t->flushExpired(mt_rand(0, 4));
                    break;
                case 2:
                    $t->add($key, stress_whole_row($a, BIG), $ttl);
                    break;
                case 3:
                    $t->update($key, stress_whole_row($a, BIG));
                    break;
                case 4:
                    $t->del($key);
                    break;
                case 5:
                    $t->incr($key, 'c', 1, $ttl);
                    break;
                case 6: case 7:
                    $old = $t->get($key);
                    if ($old !== false) {
                        if (!stress_is_whole($old, BIG)) {
                            echo "writer: torn row $key\n";
                        }
                        $t->cmpset($key, ['a' => $old['a']], stress_whole_row($a, BIG));
                    }
                    break;
                case 8:
                    $old = $t->getdel($key);
                    if ($old !== false && !stress_is_whole($old, BIG)) {
                        echo "writer: getdel returned a torn row $key\n";
                    }
                    break;
                case 9:
                    $old = $t->get($key, 'a');
                    if ($old !== false) {
                        $t->cmpdel($key, ['a' => $old]);
                    }
                    break;
            }
        } catch (ShmTable\FullException $e) {
            // the pool is larger than the table
        }
    }
}

// The survivor: works until SIGUSR1, timing every operation.
$survFile = stress_result_file('survivor');
$survivor = stress_fork(function () use ($t, $survFile) {
    $stop = false;
    pcntl_async_signals(true);
    pcntl_signal(SIGUSR1, function () use (&$stop) { $stop = true; });
    $ops = $slow = $torn = $loops = 0;
    $hist = ['<0.1ms' => 0, '<1ms' => 0, '<10ms' => 0, '<100ms' => 0, '>=100ms' => 0];
    $maxWait = 0;
    $maxWaitOp = '';
    $maxLoop = 0;
    $counter = 0;
    $mine = array_fill(0, SURV_KEYS, 0);
    $full = 0;
    while (!$stop) {
        $op = mt_rand(0, 99);
        $key = 'pool' . mt_rand(0, POOL - 1);
        $t0 = hrtime(true);
        try {
            if ($op < 35) {
                $name = 'get';
                $row = $t->get($key);
                if ($row !== false && !stress_is_whole($row, BIG)) {
                    $torn++;
                }
            } elseif ($op < 50) {
                $name = 'set';
                $t->set($key, stress_whole_row(mt_rand(1, 1 << 30), BIG));
            } elseif ($op < 60) {
                $name = 'incr';
                $t->incr($key, 'c');
            } elseif ($op < 65) {
                $name = 'del';
                $t->del($key);
            } elseif ($op < 80) {
                $name = 'set own';
                $i = mt_rand(0, SURV_KEYS - 1);
                $mine[$i] = mt_rand(1, 1 << 30);
                $t->set("surv$i", stress_whole_row($mine[$i], BIG));
            } elseif ($op < 95) {
                $name = 'incr own';
                $t->incr('surv-counter', 'c');
                $counter++;
            } else {
                $name = 'exists';
                $t->exists($key);
            }
        } catch (ShmTable\FullException $e) {
            $full++;
        }
        $dt = hrtime(true) - $t0;
        $ops++;
        if ($dt > $maxWait) {
            $maxWait = $dt;
            $maxWaitOp = $name;
        }
        if ($dt > 10e6) {
            $slow++;
        }
        $hist[$dt < 1e5 ? '<0.1ms' : ($dt < 1e6 ? '<1ms' : ($dt < 1e7 ? '<10ms' : ($dt < 1e8 ? '<100ms' : '>=100ms')))]++;
        if ($ops % 1000 === 0) {
            // a whole walk now and then: every row whole
            $t0 = hrtime(true);
            foreach ($t as $k => $row) {
                if (!stress_is_whole($row, BIG)) {
                    $torn++;
                }
            }
            $maxLoop = max($maxLoop, hrtime(true) - $t0);
            $loops++;
        }
    }
    // Its own rows and counter: what it wrote, nothing lost.
    $lost = 0;
    for ($i = 0; $i < SURV_KEYS; $i++) {
        $lost += $t->get("surv$i") !== array_merge(stress_whole_row($mine[$i], BIG), ['c' => 0]);
    }
    $lost += $t->get('surv-counter', 'c') !== $counter;
    stress_put_result($survFile, ['ops' => $ops, 'max_wait_ns' => $maxWait, 'max_wait_op' => $maxWaitOp,
        'slow_ops' => $slow, 'torn' => $torn, 'loops' => $loops, 'max_loop_ns' => $maxLoop,
        'own_rows_wrong' => $lost, 'full' => $full, 'hist' => $hist]);
    return 0;
}, $limit + 60);

$writers = [];
for ($w = 0; $w < WRITERS; $w++) {
    $writers[$w] = stress_fork(fn() => writer($t), $limit + 60);
}

mt_srand(3030);
$kills = 0;
$unexpected = [];
$start = hrtime(true);
while ($kills < $kills_wanted && hrtime(true) - $start < $limit * 1e9) {
    usleep(mt_rand(0, 40000));
    $w = mt_rand(0, WRITERS - 1);
    posix_kill($writers[$w], SIGKILL);
    $st = stress_wait($writers[$w]);
    if (!(pcntl_wifsignaled($st) && pcntl_wtermsig($st) === SIGKILL)) {
        $unexpected[] = stress_describe($st);
    }
    $kills++;
    $writers[$w] = stress_fork(fn() => writer($t), $limit + 60);
    if ($kills % 250 === 0 && $kills < $kills_wanted) {
        echo "storm: $kills kills\n";    // keeps run-tests.php from timing out a long soak
    }
}
$stormSecs = (hrtime(true) - $start) / 1e9;
foreach ($writers as $pid) {
    posix_kill($pid, SIGKILL);
    stress_wait($pid);
}
echo "kills: ", $kills >= $kills_wanted ? "enough" : "only $kills in $limit s", "\n";
echo "writers: ", $unexpected ? 'died by themselves: ' . implode(', ', array_slice($unexpected, 0, 5)) : 'all killed by the storm', "\n";
// From here on everything is quick: a hang is a failure, said as such.
stress_watchdog(35, 'the checks after the storm');
posix_kill($survivor, SIGUSR1);
$st = stress_wait_timeout($survivor, 10);
$surv = $st === null ? null : stress_get_result($survFile);

echo "survivor: ", $st === null ? 'hung (killed after 10 s)' : (stress_ok($st) && $surv !== null ? 'finished' : stress_describe($st)), "\n";
$known = $surv !== null;
$surv ??= ['ops' => 0, 'max_wait_ns' => 0, 'max_wait_op' => '', 'slow_ops' => 0, 'torn' => 0, 'loops' => 0,
    'max_loop_ns' => 0, 'own_rows_wrong' => -1, 'full' => 0, 'hist' => []];
echo "survivor saw torn rows: ", $known ? $surv['torn'] : 'unknown', "\n";
echo "survivor's own rows: ", $surv['own_rows_wrong'] === 0 ? 'exact' : ($known ? "{$surv['own_rows_wrong']} wrong" : 'unknown'), "\n";
echo "survivor's longest wait under 1 s: ", !$known ? 'unknown' : (getenv('SHMTABLE_TIMING_TESTS') !== '1' ? 'not timed'
    : ($surv['max_wait_ns'] < 1e9 ? 'yes' : 'no')), "\n";

echo "check: ", stress_check($t), "\n";
usleep(100000);                             // every ttl written has run out
$flushed = $t->flushExpired();
$seen = $torn = 0;
foreach ($t as $key => $row) {
    $seen++;
    if (!stress_is_whole($row, BIG) && !str_starts_with($key, 'surv-counter')) {
        $torn++;
    }
}
echo "rows whole: ", $torn === 0 ? 'all' : "$torn torn", "\n";
echo "count: ", count($t) === $seen ? 'matches foreach' : count($t) . " but foreach saw $seen", "\n";
$stats = $t->stats();
echo "lock recoveries: ", $stats['lock_recoveries'] > 0 ? 'some' : 'none', "\n";
echo "expired rows reclaimed: ", $stats['expired'] > 0 ? 'some' : 'none', "\n";
echo "writes done: ", $stats['insert_count'] > 0 && $stats['update_count'] > 0 && $stats['delete_count'] > 0 ? 'inserts, updates, deletes' : json_encode($stats), "\n";

// No row leaked: empty the table, then exactly SIZE rows fit.
$keys = [];
foreach ($t as $key => $row) {
    $keys[] = $key;
}
foreach ($keys as $key) {
    $t->del($key);
}
$fit = 0;
try {
    for ($i = 0; $i < SIZE + 1; $i++) {
        $t->set("fill$i", stress_whole_row($i, BIG));
        $fit++;
    }
} catch (ShmTable\FullException $e) {
}
echo "rows that fit afterwards: $fit\n";
echo "check: ", stress_check($t), "\n";

stress_summary('030_kill_storm', sprintf(
    '%d kills of %d writers in %.1f s; lock_recoveries %d; survivor: %d ops, longest wait %.3f ms (%s), ops over 10 ms %d, '
    . 'torn %d, %d foreach walks (longest %.1f ms), full %d, wait histogram %s; rows after %d (count %d), leaked %d (rows that fit %d of %d)',
    $kills, WRITERS, $stormSecs, $stats['lock_recoveries'], $surv['ops'], $surv['max_wait_ns'] / 1e6, $surv['max_wait_op'],
    $surv['slow_ops'], $surv['torn'], $surv['loops'], $surv['max_loop_ns'] / 1e6, $surv['full'], json_encode($surv['hist']),
    $seen, $stats['rows'],
    SIZE - $fit, $fit, SIZE));
?>
--EXPECTF--
%r(storm: \d+ kills\n)*%rkills: enough
writers: all killed by the storm
survivor: finished
survivor saw torn rows: 0
survivor's own rows: exact
survivor's longest wait under 1 s: %r(yes|not timed)%r
check: ok
rows whole: all
count: matches foreach
lock recoveries: some
expired rows reclaimed: some
writes done: inserts, updates, deletes
rows that fit afterwards: 128
check: ok
