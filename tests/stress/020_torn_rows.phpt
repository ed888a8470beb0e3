--TEST--
stress: readers never see a torn row while writers rewrite rows with set(), update(), cmpset(), add() and del()
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
 * Every row holds a number a and columns computed from it (a, 2a as a
 * float, (string)a, a string of a % 64 copies of one letter, and a string
 * of up to 16 KiB), so a row mixing two writes cannot pass for whole. Two
 * writers rewrite a small set of keys (few stripes, much contention) with
 * every kind of whole-row write; two readers get() rows, get() single
 * columns and walk the table with foreach, checking everything they see.
 */
$seconds = stress_scale(5, 50);
stress_watchdog((int) $seconds + 30);

const KEYS = 12;
const BIG = 16384;
const WRITERS = 2;
const READERS = 2;

$t = new Table(32);
stress_whole_columns($t, BIG);
$t->create();
for ($k = 0; $k < KEYS; $k++) {
    $t->set("k$k", stress_whole_row($k + 1, BIG));
}

$deadline = hrtime(true) + (int) ($seconds * 1e9);
$writers = $readers = [];
for ($w = 0; $w < WRITERS; $w++) {
    $file = stress_result_file("w$w");
    $writers[$file] = stress_fork(function () use ($t, $deadline, $file) {
        $n = ['set' => 0, 'update' => 0, 'cmpset' => 0, 'cmpset_lost' => 0, 'add' => 0, 'del' => 0];
        while (hrtime(true) < $deadline) {
            for ($j = 0; $j < 64; $j++) {
                $a = mt_rand(1, 1 << 30);
                $key = 'k' . mt_rand(0, KEYS - 1);
                switch (mt_rand(0, 9)) {
                    case 0: case 1: case 2:
                        $t->set($key, stress_whole_row($a, BIG));
                        $n['set']++;
                        break;
                    case 3: case 4:
                        $t->update($key, stress_whole_row($a, BIG));
                        $n['update']++;
                        break;
                    case 5: case 6: case 7:
                        // compare-and-set against what was read: a whole row
                        // replaces a whole row, or nothing happens
                        $old = $t->get($key);
                        if (is_array($old)) {
                            if ($t->cmpset($key, ['a' => $old['a'], 's' => $old['s']], stress_whole_row($a, BIG))) {
                                $n['cmpset']++;
                            } else {
                                $n['cmpset_lost']++;
                            }
                        }
                        break;
                    case 8:
                        // take one key out and put it back (readers may miss it)
                        if ($t->del($key)) {
                            $n['del']++;
                            if ($t->add($key, stress_whole_row($a, BIG))) {
                                $n['add']++;
                            }
                        }
                        break;
                    case 9:
                        if ($t->add($key, stress_whole_row($a, BIG))) {
                            $n['add']++;
                        }
                        break;
                }
            }
        }
        stress_put_result($file, $n);
        return 0;
    });
}
for ($r = 0; $r < READERS; $r++) {
    $file = stress_result_file("r$r");
    $readers[$file] = stress_fork(function () use ($t, $deadline, $file) {
        $reads = $torn = $missing = $loops = $colReads = 0;
        $example = null;
        while (hrtime(true) < $deadline) {
            for ($j = 0; $j < 200; $j++) {
                $key = 'k' . mt_rand(0, KEYS - 1);
                $row = $t->get($key);
                if ($row === false) {
                    $missing++;
                    continue;
                }
                $reads++;
                if (!stress_is_whole($row, BIG)) {
                    $torn++;
                    $example ??= $row;
                }
                // single columns: only their own shape can be checked
                $s = $t->get($key, 'p');
                $colReads++;
                if ($s !== false && (strlen($s) > 63 || ($s !== '' && $s !== str_repeat($s[0], strlen($s))))) {
                    $torn++;
                    $example ??= ['p' => $s];
                }
            }
            $loops++;
            foreach ($t as $key => $row) {
                $reads++;
                if (!stress_is_whole($row, BIG)) {
                    $torn++;
                    $example ??= $row;
                }
            }
        }
        if ($example !== null) {
            $example = array_map(fn($v) => is_string($v) && strlen($v) > 40 ? substr($v, 0, 20) . '...(' . strlen($v) . ')' : $v, $example);
        }
        stress_put_result($file, ['reads' => $reads, 'col_reads' => $colReads, 'torn' => $torn,
            'missing' => $missing, 'loops' => $loops, 'retries' => $t->stats()['read_retries'],
            'example' => $example]);
        return 0;
    });
}

$bad = [];
$w = ['set' => 0, 'update' => 0, 'cmpset' => 0, 'cmpset_lost' => 0, 'add' => 0, 'del' => 0];
$r = ['reads' => 0, 'col_reads' => 0, 'torn' => 0, 'missing' => 0, 'loops' => 0, 'retries' => 0];
$examples = [];
foreach ($writers + $readers as $file => $pid) {
    $st = stress_wait($pid);
    if (!stress_ok($st)) {
        $bad[] = stress_describe($st);
    }
    $res = stress_get_result($file);
    if ($res === null) {
        $bad[] = 'no result';
        continue;
    }
    foreach ($res as $k => $v) {
        if ($k === 'example') {
            if ($v !== null) {
                $examples[] = json_encode($v);
            }
        } elseif (isset($w[$k])) {
            $w[$k] += $v;
        } else {
            $r[$k] += $v;
        }
    }
}
echo "processes: ", $bad ? implode(', ', $bad) : 'all finished', "\n";
echo "writes done: ", ($w['set'] > 0 && $w['update'] > 0 && $w['cmpset'] > 0 && $w['del'] > 0 && $w['add'] > 0) ? 'ok' : json_encode($w), "\n";
echo "rows read: ", $r['reads'] > 1000 ? 'ok' : $r['reads'], "\n";
echo "torn rows: ", $r['torn'], "\n";
if ($examples) {
    echo "for example: ", $examples[0], "\n";
}
$seen = 0;
$torn = 0;
foreach ($t as $key => $row) {
    $seen++;
    $torn += !stress_is_whole($row, BIG);
}
echo "after: ", $seen === count($t) ? 'count matches foreach' : "count " . count($t) . " foreach $seen", ", torn $torn\n";
echo "check: ", stress_check($t), "\n";

stress_summary('020_torn_rows', sprintf(
    '%.0f s, %d writers, %d readers on %d keys: %d rows read (+%d column reads, %d misses during del/add, %d foreach loops), torn %d, optimistic read retries %d; writes: %s',
    $seconds, WRITERS, READERS, KEYS, $r['reads'], $r['col_reads'], $r['missing'], $r['loops'], $r['torn'], $r['retries'], json_encode($w)));
?>
--EXPECT--
processes: all finished
writes done: ok
rows read: ok
torn rows: 0
after: count matches foreach, torn 0
check: ok
