--TEST--
stress: get() of one hot key scales with reader processes (2 readers: more than 1.2x the reads of 1, same CPU per read, under SHMTABLE_TIMING_TESTS=1); every read returns the right row
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
 * Readers store nothing to shared memory, so readers of the same key on
 * two cores should not slow each other down. One reader process reads one
 * hot key for a while, then two reader processes do the same at once, for
 * get() of the whole row and get() of one column (cheaper on the PHP side,
 * so any cost in the engine shows more). In the same attempt:
 *  - two readers do more than 1.2 times the reads of one, for both (wall
 *    clock);
 *  - a whole-row read costs no more CPU with two readers than with one
 *    (reads per CPU second at least 0.8 times those of one reader).
 * Reads that take the stripe lock fail this: a build whose get() always
 * locks measured x0.5-1.2 for the column read (lock-free: x1.5-2.7).
 * The machine may be busy with other work: the ratio is not asserted when
 * a spin test finds no second core free, and it measures up to five times, stopping
 * at the first attempt that passes. Each attempt also times a plain PHP
 * array read the same way (what the machine could scale at that moment);
 * all figures go to the summary file.
 */
// The speed ratio is asserted only with SHMTABLE_TIMING_TESTS=1 (CI sets
// it; bench/run.sh measures scaling too). Without it the readers still
// run, briefly, and every read is still checked.
$timed = getenv('SHMTABLE_TIMING_TESTS') === '1';
$busy = $timed ? second_core_busy() : null;
$duration = $timed ? stress_scale(1.0, 3.0) : 0.2;   // seconds per measurement
$attempts = $timed && $busy === null ? 5 : 1;
stress_watchdog((int) stress_scale(55, 150));

$t = new Table(1024);
$t->column('id', Table::TYPE_INT);
$t->column('score', Table::TYPE_FLOAT);
$t->column('name', Table::TYPE_STRING, 64);
$t->create();
for ($i = 0; $i < 200; $i++) {
    $t->set("user$i", ['id' => $i, 'score' => $i / 3, 'name' => str_repeat('n', $i % 64)]);
}
$t->set('hot', ['id' => 42, 'score' => 4.25, 'name' => 'the hot row']);
$want = $t->get('hot');

/**
 * Is a second core free right now? Spin alone, then next to a second
 * process: with two free cores the second spin goes as fast as the first.
 * Returns why not, or null.
 */
function second_core_busy(): ?string
{
    $spin = function (float $s): int {
        $end = hrtime(true) + (int) ($s * 1e9);
        $n = 0;
        while (hrtime(true) < $end) {
            for ($i = 0; $i < 1000; $i++) {
            }
            $n++;
        }
        return $n;
    };
    $one = $spin(0.3);
    $pid = pcntl_fork();
    if ($pid === 0) {
        $spin(0.35);
        exit(0);
    }
    $two = $spin(0.3);
    pcntl_waitpid($pid, $st);
    return $two < 0.75 * $one
        ? sprintf('machine busy: no second core free (a second process slowed a spin loop to x%.2f)', $two / $one)
        : null;
}

function cpu_seconds(): float
{
    $r = getrusage();
    return $r['ru_utime.tv_sec'] + $r['ru_utime.tv_usec'] / 1e6 + $r['ru_stime.tv_sec'] + $r['ru_stime.tv_usec'] / 1e6;
}

/**
 * $procs processes read for $duration seconds at once. Returns the reads
 * per second of all together, and the reads per CPU second.
 */
function measure(int $procs, float $duration, callable $read): array
{
    $start = hrtime(true) + 50_000_000;          // all start together
    $end = $start + (int) ($duration * 1e9);
    $files = [];
    for ($p = 0; $p < $procs; $p++) {
        $file = stress_result_file("reader$p");
        $files[$file] = stress_fork(function () use ($start, $end, $read, $file) {
            while (hrtime(true) < $start) {
            }
            $cpu0 = cpu_seconds();
            $n = 0;
            $bad = 0;
            do {
                for ($i = 0; $i < 1000; $i++) {
                    $bad += !$read();
                }
                $n += 1000;
            } while (hrtime(true) < $end);
            $secs = (hrtime(true) - $start) / 1e9;
            stress_put_result($file, ['n' => $n, 'secs' => $secs, 'cpu' => cpu_seconds() - $cpu0, 'bad' => $bad]);
            return 0;
        });
    }
    $rate = 0.0;
    $n = 0;
    $cpu = 0.0;
    foreach ($files as $file => $pid) {
        $st = stress_wait($pid);
        $r = stress_get_result($file);
        if (!stress_ok($st) || $r === null) {
            echo "reader failed: ", stress_describe($st), "\n";
            continue;
        }
        if ($r['bad'] > 0) {
            echo "reader saw a wrong row {$r['bad']} times\n";
        }
        $rate += $r['n'] / $r['secs'];
        $n += $r['n'];
        $cpu += $r['cpu'];
    }
    return [$rate, $cpu > 0 ? $n / $cpu : 0.0];
}

$readTable = fn() => $t->get('hot') === $want;
$readColumn = fn() => $t->get('hot', 'id') === 42;
$arr = ['hot' => $want];
$readArray = fn() => $arr['hot'] === $want;
$bestWall = $bestCol = $bestArray = $bestCpu = 0.0;
$figures = [];
$decided = '';
for ($a = 0; $a < $attempts && $decided === ''; $a++) {
    [$aOne] = measure(1, $duration / 2, $readArray);
    [$aTwo] = measure(2, $duration / 2, $readArray);
    [$one, $cpuOne] = measure(1, $duration, $readTable);
    [$two, $cpuTwo] = measure(2, $duration, $readTable);
    [$cOne] = measure(1, $duration, $readColumn);
    [$cTwo] = measure(2, $duration, $readColumn);
    $wall = $one > 0 ? $two / $one : 0.0;
    $col = $cOne > 0 ? $cTwo / $cOne : 0.0;
    $array = $aOne > 0 ? $aTwo / $aOne : 0.0;
    $cpu = $cpuOne > 0 ? $cpuTwo / $cpuOne : 0.0;
    $figures[] = sprintf('get() 1 reader %.2fM/s, 2 readers %.2fM/s (x%.2f; per CPU second x%.2f); '
        . 'get(column) %.2fM/s, %.2fM/s (x%.2f); plain array x%.2f',
        $one / 1e6, $two / 1e6, $wall, $cpu, $cOne / 1e6, $cTwo / 1e6, $col, $array);
    $bestWall = max($bestWall, $wall);
    $bestCol = max($bestCol, $col);
    $bestArray = max($bestArray, $array);
    $bestCpu = max($bestCpu, $cpu);
    if ($wall > 1.2 && $col > 1.2 && $cpu > 0.8) {
        $decided = 'attempt ' . ($a + 1);
    }
}
// Timed on an idle machine, the line must say ok; otherwise it says why it
// was not timed, and only the checks below assert anything.
$result = !$timed ? 'not timed' : ($busy !== null ? "not timed ($busy)" : ($decided !== '' ? 'ok'
    : sprintf('no (best: row x%.2f, column x%.2f, per CPU second x%.2f; plain array x%.2f)',
        $bestWall, $bestCol, $bestCpu, $bestArray)));
$expect = $timed && $busy === null ? 'ok' : $result;
echo "two readers do more than 1.2x the reads of one, at no more CPU per read: ",
    $result === $expect ? 'as expected' : $result, "\n";
echo "timed: ", $timed ? ($busy === null ? 'yes' : 'no, machine busy') : 'no', "\n";

$s = $t->stats();
echo "rows: ", $s['rows'], "\n";
echo "check: ", stress_check($t), "\n";

stress_summary('050_read_scaling', sprintf('%.1f s per measurement: %s; %s',
    $duration, implode(' | ', $figures), $result === 'ok' ? "passed at $decided" : $result));
?>
--EXPECTF--
two readers do more than 1.2x the reads of one, at no more CPU per read: as expected
timed: %s
rows: 201
check: ok
