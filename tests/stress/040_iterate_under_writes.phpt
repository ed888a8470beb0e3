--TEST--
stress: foreach sees every row that stays exactly once, with its exact value, while other processes insert, update and delete
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
 * 150 stable rows are written once and never touched; 250 churn keys are
 * inserted, rewritten and deleted by two writer processes all along (they
 * share buckets and stripes with the stable rows). Meanwhile the parent
 * walks the table with foreach, a child walks it with the Iterator methods
 * and with nested loops, and in every single walk each stable row must
 * appear exactly once with its exact value, no key may appear twice, and
 * every churn row seen must be whole. The parent also deletes rows inside
 * its loops, the current row included.
 */
const SIZE = 512;
const STABLE = 150;
const CHURN = 250;
const BIG = 1024;
const WRITERS = 2;

$seconds = stress_scale(5, 45);
stress_watchdog((int) $seconds * 3 + 30);

$t = new Table(SIZE);
stress_whole_columns($t, BIG);
$t->create();
$stable = [];
for ($i = 0; $i < STABLE; $i++) {
    $stable["stable$i"] = stress_whole_row(1000 + $i, BIG) + ['c' => 7];
    $t->set("stable$i", $stable["stable$i"]);
}

$stop = hrtime(true) + (int) ($seconds * 1e9);
$writers = [];
for ($w = 0; $w < WRITERS; $w++) {
    $writers[] = stress_fork(function () use ($t, $stop) {
        while (hrtime(true) < $stop) {
            for ($j = 0; $j < 50; $j++) {
                $key = 'churn' . mt_rand(0, CHURN - 1);
                $a = mt_rand(1, 1 << 30);
                switch (mt_rand(0, 7)) {
                    case 0: case 1: $t->set($key, stress_whole_row($a, BIG)); break;
                    case 2: $t->add($key, stress_whole_row($a, BIG)); break;
                    case 3: $t->update($key, stress_whole_row($a, BIG)); break;
                    case 4: case 5: $t->del($key); break;
                    case 6: $t->incr($key, 'c'); break;
                    case 7: $t->getdel($key); break;
                }
            }
        }
        return 0;
    });
}

/** One walk's verdict: problems found, as text. */
function check_walk(array $seen, array $stable): array
{
    $problems = [];
    foreach ($stable as $key => $row) {
        $n = count($seen[$key] ?? []);
        if ($n !== 1) {
            $problems[] = "$key seen $n times";
        } elseif ($seen[$key][0] !== $row) {
            $problems[] = "$key has value " . json_encode(array_map(fn($v) => is_string($v) ? strlen($v) : $v, $seen[$key][0]));
        }
    }
    foreach ($seen as $key => $rows) {
        if (count($rows) > 1 && !isset($stable[$key])) {
            $problems[] = "$key seen " . count($rows) . " times";
        }
        if (str_starts_with($key, 'churn') && !stress_is_whole($rows[0], BIG)) {
            $problems[] = "$key torn";
        }
    }
    return $problems;
}

// A child walks with the Iterator methods, and with nested foreach.
$readerFile = stress_result_file('reader');
$reader = stress_fork(function () use ($t, $stop, $stable, $readerFile) {
    $walks = $bad = 0;
    $example = '';
    while (hrtime(true) < $stop) {
        $seen = [];
        for ($t->rewind(); $t->valid(); $t->next()) {
            $seen[$t->key()][] = $t->current();
        }
        $walks++;
        if ($p = check_walk($seen, $stable)) {
            $bad++;
            $example = $example ?: implode('; ', array_slice($p, 0, 3));
        }
        // nested: an inner walk inside the outer one, for a few outer rows
        $outer = 0;
        foreach ($t as $k1 => $r1) {
            if (++$outer > 3) {
                break;
            }
            $seen = [];
            foreach ($t as $k2 => $r2) {
                $seen[$k2][] = $r2;
            }
            $walks++;
            if ($p = check_walk($seen, $stable)) {
                $bad++;
                $example = $example ?: 'nested: ' . implode('; ', array_slice($p, 0, 3));
            }
        }
    }
    stress_put_result($readerFile, ['walks' => $walks, 'bad' => $bad, 'example' => $example]);
    return 0;
});

// The parent walks with foreach; every fourth walk deletes churn rows as
// it goes, the current one included.
$walks = $badWalks = $deleted = $churnSeen = 0;
$example = '';
while (hrtime(true) < $stop) {
    $seen = [];
    $deleting = $walks % 4 === 3;
    foreach ($t as $key => $row) {
        $seen[$key][] = $row;
        if (str_starts_with($key, 'churn')) {
            $churnSeen++;
            if ($deleting && $t->del($key)) {
                $deleted++;
            }
        }
    }
    $walks++;
    if ($p = check_walk($seen, $stable)) {
        $badWalks++;
        $example = $example ?: implode('; ', array_slice($p, 0, 3));
    }
}

$failed = [];
foreach (array_merge($writers, [$reader]) as $pid) {
    $st = stress_wait($pid);
    if (!stress_ok($st)) {
        $failed[] = stress_describe($st);
    }
}
$rd = stress_get_result($readerFile) ?? ['walks' => 0, 'bad' => -1, 'example' => 'no result'];
echo "processes: ", $failed ? implode(', ', $failed) : 'all finished', "\n";
echo "walks by foreach: ", $walks > 10 ? 'many' : $walks, ", wrong: $badWalks", $example ? " ($example)" : '', "\n";
echo "walks by Iterator methods and nested foreach: ", $rd['walks'] > 10 ? 'many' : $rd['walks'], ", wrong: {$rd['bad']}",
    $rd['example'] ? " ({$rd['example']})" : '', "\n";
echo "churn rows seen and deleted: ", $churnSeen > 0 && $deleted > 0 ? 'yes' : "seen $churnSeen deleted $deleted", "\n";

// Quiet now: delete every churn row inside the loop (unset and del, the
// current row), then every row; stable rows show up exactly once each time.
$seen = [];
$n = 0;
foreach ($t as $key => $row) {
    $seen[$key][] = $row;
    if (str_starts_with($key, 'churn')) {
        if ($n++ % 2) {
            unset($t[$key]);
        } else {
            $t->del($key);
        }
    }
}
$p = check_walk($seen, $stable);
echo "deleting churn rows in foreach: ", $p ? implode('; ', array_slice($p, 0, 3)) : 'stable rows once each', ", rows left ", count($t), "\n";
$left = [];
foreach ($t as $key => $row) {
    $left[$key][] = $row;
    $t->del($key);
}
$p = check_walk($left, $stable);
echo "deleting every row in foreach: ", $p ? implode('; ', array_slice($p, 0, 3)) : 'stable rows once each', ", rows left ", count($t), "\n";
echo "check: ", stress_check($t), "\n";

stress_summary('040_iterate_under_writes', sprintf(
    '%.0f s, %d writers: %d foreach walks in the parent (%d deleting, %d churn rows deleted in the loop), %d walks by the Iterator methods and nested loops; wrong walks %d + %d',
    $seconds, WRITERS, $walks, intdiv($walks, 4), $deleted, $rd['walks'], $badWalks, $rd['bad']));
?>
--EXPECT--
processes: all finished
walks by foreach: many, wrong: 0
walks by Iterator methods and nested foreach: many, wrong: 0
churn rows seen and deleted: yes
deleting churn rows in foreach: stable rows once each, rows left 150
deleting every row in foreach: stable rows once each, rows left 0
check: ok
