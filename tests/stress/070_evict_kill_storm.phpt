--TEST--
stress: 300 SIGKILLs of writers filling an EVICT_LRU table past capacity (rows with and without a ttl, 16 KiB strings): no hang, no torn row, no leak, every insert finds room
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('pcntl_fork')) die('skip pcntl required');
if (!function_exists('posix_kill')) die('skip posix required');
?>
--FILE--
<?php
/*
 * Writers insert, update, increment and read keys from a pool four times
 * the table's size, into a table made with EVICT_LRU, so that nearly every
 * insert evicts a row or reclaims an expired one; half the rows they write
 * expire within 50 ms. The parent SIGKILLs one of them at a random moment,
 * over and over. An insert must never be refused (FullException) and no
 * other exception may happen. Afterwards every row is whole, count() agrees
 * with foreach once expired rows are flushed, check() passes, and new keys
 * fill exactly the declared number of rows.
 */
require __DIR__ . '/stress.inc';
use ShmTable\Table;

const SIZE = 64;
const POOL = 4 * SIZE;
const BIG = 16384;
const WRITERS = 2;
$kills_wanted = (int) stress_scale(300, 3000);
$limit = (int) stress_scale(40, 600);
stress_watchdog($limit + 40);

$t = new Table(SIZE, evict: Table::EVICT_LRU);
stress_whole_columns($t, BIG);
$t->create();

function writer(Table $t): int
{
    while (true) {
        $a = mt_rand(1, 1 << 30);
        $key = 'pool' . mt_rand(0, POOL - 1);
        $ttl = mt_rand(0, 1) ? mt_rand(5, 50) / 1000 : null;
        try {
            switch (mt_rand(0, 5)) {
                case 0: case 1:
                    $t->set($key, stress_whole_row($a, BIG), $ttl);
                    break;
                case 2:
                    $t->add($key, stress_whole_row($a, BIG), $ttl);
                    break;
                case 3:
                    $t->incr($key, 'c', 1, $ttl);
                    break;
                case 4:
                    $row = $t->get($key);
                    if ($row !== false && !stress_is_whole($row, BIG) && $row['a'] !== 0) {
                        echo "writer: torn row $key\n";
                    }
                    break;
                case 5:
                    $t->del($key);
                    break;
            }
        } catch (\Throwable $e) {
            echo "writer: ", get_class($e), ": ", $e->getMessage(), "\n";
            return 1;
        }
    }
}

$writers = [];
for ($w = 0; $w < WRITERS; $w++) {
    $writers[$w] = stress_fork(fn() => writer($t), $limit + 60);
}
mt_srand(7070);
$kills = 0;
$unexpected = [];
$start = hrtime(true);
while ($kills < $kills_wanted && hrtime(true) - $start < $limit * 1e9) {
    usleep(mt_rand(0, 30000));
    $w = mt_rand(0, WRITERS - 1);
    posix_kill($writers[$w], SIGKILL);
    $st = stress_wait($writers[$w]);
    if (!(pcntl_wifsignaled($st) && pcntl_wtermsig($st) === SIGKILL)) {
        $unexpected[] = stress_describe($st);
    }
    $kills++;
    $writers[$w] = stress_fork(fn() => writer($t), $limit + 60);
}
$secs = (hrtime(true) - $start) / 1e9;
foreach ($writers as $pid) {
    posix_kill($pid, SIGKILL);
    stress_wait($pid);
}
echo "kills: ", $kills >= $kills_wanted ? "enough" : "only $kills in $limit s", "\n";
echo "writers: ", $unexpected ? 'died by themselves: ' . implode(', ', array_slice($unexpected, 0, 5)) : 'all killed by the storm', "\n";
stress_watchdog(30, 'the checks after the storm');
echo "check: ", stress_check($t), "\n";
usleep(60000);                                  // every ttl written has run out
$t->flushExpired();
$seen = $torn = 0;
foreach ($t as $key => $row) {
    $seen++;
    $torn += !stress_is_whole($row, BIG) && $row['a'] !== 0;   // incr() makes rows of zeros
}
echo "rows whole: ", $torn === 0 ? 'all' : "$torn torn", "\n";
echo "count: ", count($t) === $seen ? 'matches foreach' : count($t) . " but foreach saw $seen", "\n";
$s = $t->stats();
echo "evicted: ", $s['evicted'] > 0 ? 'some' : 'none', ", expired: ", $s['expired'] > 0 ? 'some' : 'none',
    ", lock recoveries: ", $s['lock_recoveries'] > 0 ? 'some' : 'none', "\n";
// No row leaked: emptied, the table takes exactly SIZE keys before it
// evicts.
foreach (iterator_to_array($t) as $key => $row) {
    $t->del($key);
}
$evicted = $t->stats()['evicted'];
for ($i = 0; $i < SIZE; $i++) {
    $t->set("fill$i", stress_whole_row($i + 1, BIG));
}
echo "after ", SIZE, " new keys: ", count($t), " rows, evicted ", $t->stats()['evicted'] - $evicted, "\n";
$t->set('one-more', stress_whole_row(1, BIG));
echo "one more: ", count($t), " rows, evicted ", $t->stats()['evicted'] - $evicted, "\n";
echo "check: ", stress_check($t), "\n";
stress_summary('070_evict_kill_storm', sprintf('%d kills of %d writers in %.1f s; evicted %d, expired %d, lock_recoveries %d',
    $kills, WRITERS, $secs, $s['evicted'], $s['expired'], $s['lock_recoveries']));
?>
--EXPECT--
kills: enough
writers: all killed by the storm
check: ok
rows whole: all
count: matches foreach
evicted: some, expired: some, lock recoveries: some
after 64 new keys: 64 rows, evicted 0
one more: 64 rows, evicted 1
check: ok
