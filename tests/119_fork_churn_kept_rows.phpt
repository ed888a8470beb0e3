--TEST--
fork: rows kept by stripes are handed back to inserts into a full table: 2 fillers get exactly the free rows; 2 churners (del + set) beside a filler, then exactly size rows fit
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl required'); ?>
--FILE--
<?php
use ShmTable\Table;

pcntl_alarm(120);

const SIZE = 4096;     // 256 stripes, each may keep 1 freed row while rows <= 3840
const BASE = 3500;     // rows before the workers start
const CHURNERS = 2;
const CYCLES = 20000;  // del + set per churner

$t = new Table(SIZE);
$t->column('w', Table::TYPE_INT);
$t->column('n', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 32);
$t->create();
for ($i = 0; $i < BASE; $i++) {
    $t->set("base:$i", ['w' => 0, 'n' => $i, 's' => str_repeat('b', 32)]);
}
// A delete keeps its row in its stripe (still free: count() leaves it out).
for ($i = 0; $i < 40; $i++) {
    $t->del("base:$i");
}
$s = $t->stats();
echo "after 40 deletes: rows=", count($t), " kept rows > 0: ", var_export($s['kept_rows'] > 0, true), "\n";
for ($i = 0; $i < 40; $i++) {
    $t->set("base:$i", ['w' => 0, 'n' => $i, 's' => str_repeat('b', 32)]);
}
echo "rows=", count($t), "\n";

$dir = sys_get_temp_dir() . '/shmt_119_' . getmypid();
@mkdir($dir);

// Part 1: every stripe keeps a row, then 2 workers fill the table. Most
// inserts land in stripes that have used their row already, so the table
// looks full while about 40 rows are still kept elsewhere: those must be
// handed back, and the two fillers get exactly SIZE - 3584 rows between them.
$u = new Table(SIZE);
$u->column('n', Table::TYPE_INT);
$u->create();
for ($i = 0; $i < 3584; $i++) {
    $u->add("k:$i", ['n' => $i]);
}
// An insert and a delete of a scratch key: a stripe that keeps no row gains
// one (the delete keeps it), one that keeps one is unchanged.
for ($i = 0; $u->stats()['kept_rows'] < 256; $i++) {
    $u->add("tmp:$i", ['n' => 0]);
    $u->del("tmp:$i");
}
$s = $u->stats();
echo "part 1: rows=", count($u), " kept_rows=", $s['kept_rows'], " stripes=", $s['stripes'], "\n";
$pids = [];
for ($w = 1; $w <= 2; $w++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        $ok = 0;
        for ($i = 0; ; $i++) {
            try {
                $u->add("f$w:$i", ['n' => $w]);
                $ok++;
            } catch (ShmTable\FullException $e) {
                break;
            }
        }
        file_put_contents("$dir/f$w", $ok);
        exit(0);
    }
    $pids[] = $pid;
}
foreach ($pids as $pid) {
    pcntl_waitpid($pid, $status);
}
$got = (int) file_get_contents("$dir/f1") + (int) file_get_contents("$dir/f2");
unlink("$dir/f1");
unlink("$dir/f2");
echo "part 1: the fillers inserted $got rows; rows=", count($u), " kept_rows=", $u->stats()['kept_rows'], "\n";
var_dump($u->check());
$u->destroy();

// Part 2: churn beside a filler.
$pids = [];
for ($w = 1; $w <= CHURNERS + 1; $w++) {
    $pid = pcntl_fork();
    if ($pid === -1) {
        die("fork failed\n");
    }
    if ($pid === 0) {
        pcntl_alarm(120);
        $out = ['lost' => [], 'ok' => 0, 'full' => 0, 'bad' => 0];
        if ($w <= CHURNERS) {
            // Churner: its own half of the base keys, del then set again.
            $per = intdiv(BASE, CHURNERS);
            for ($c = 0; $c < CYCLES; $c++) {
                $i = ($w - 1) * $per + $c % $per;
                if (isset($out['lost'][$i])) {
                    continue;
                }
                $k = "base:$i";
                if (!$t->del($k)) {
                    $out['bad']++;
                }
                try {
                    $t->set($k, ['w' => $w, 'n' => $c, 's' => str_repeat(chr(96 + $w), 32)]);
                    $out['ok']++;
                } catch (ShmTable\FullException $e) {
                    $out['lost'][$i] = true; // the filler took that capacity
                    $out['full']++;
                }
            }
        } else {
            // Filler: new keys, slowly, until the table is full.
            for ($i = 0; ; $i++) {
                try {
                    $t->add("new:$i", ['w' => $w, 'n' => $i, 's' => str_repeat('n', 32)]);
                    $out['ok']++;
                } catch (ShmTable\FullException $e) {
                    $out['full']++;
                    break;
                }
                usleep(20);
            }
        }
        $out['lost'] = array_keys($out['lost']);
        file_put_contents("$dir/$w", json_encode($out));
        exit(0);
    }
    $pids[] = $pid;
}
$exits = 0;
foreach ($pids as $pid) {
    pcntl_waitpid($pid, $status);
    $exits += pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0;
}
echo "workers exited cleanly: $exits\n";

$lost = [];
$bad = 0;
$filled = 0;
for ($w = 1; $w <= CHURNERS + 1; $w++) {
    $r = json_decode(file_get_contents("$dir/$w"), true);
    unlink("$dir/$w");
    $bad += $r['bad'];
    if ($w <= CHURNERS) {
        foreach ($r['lost'] as $i) {
            $lost[$i] = true;
        }
        if ($r['ok'] + $r['full'] < 1000) {
            echo "churner $w did only ", $r['ok'] + $r['full'], " sets\n";
        }
    } else {
        $filled = $r['ok'];
        echo "filler stopped at a FullException: ", var_export($r['full'] === 1, true), "\n";
    }
}
rmdir($dir);
echo "deletes that found nothing: $bad\n";

// Whatever the churn left free, fill it now: exactly SIZE rows in all.
$more = 0;
for ($i = 0; ; $i++) {
    try {
        $t->add("more:$i", ['w' => 9, 'n' => $i, 's' => '']);
        $more++;
    } catch (ShmTable\FullException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
        break;
    }
}
$s = $t->stats();
echo "rows=", count($t), " stats rows=", $s['rows'], " kept_rows=", $s['kept_rows'], "\n";

// Every row accounted for: base keys not lost, the filler's, the parent's.
$seen = ['base' => 0, 'new' => 0, 'more' => 0];
$wrong = 0;
foreach ($t as $k => $row) {
    [$kind, $i] = explode(':', $k);
    $seen[$kind]++;
    if ($kind === 'base' && isset($lost[(int) $i])) {
        $wrong++; // a lost key must stay absent
    }
    if ($kind === 'base' && $row['w'] > 0 && $row['s'] !== str_repeat(chr(96 + $row['w']), 32)) {
        $wrong++;
    }
}
$baseWant = BASE - count($lost);
echo "base rows as expected: ", var_export($seen['base'] === $baseWant, true), "\n";
echo "filler rows as counted: ", var_export($seen['new'] === $filled, true), "\n";
echo "parent rows as counted: ", var_export($seen['more'] === $more, true), "\n";
echo "total: ", array_sum($seen), ", wrong rows: $wrong\n";
var_dump($t->check());
?>
--EXPECT--
after 40 deletes: rows=3460 kept rows > 0: true
rows=3500
part 1: rows=3584 kept_rows=256 stripes=256
part 1: the fillers inserted 512 rows; rows=4096 kept_rows=0
bool(true)
workers exited cleanly: 3
filler stopped at a FullException: true
deletes that found nothing: 0
ShmTable\FullException: Table is full: all 4096 rows are in use
rows=4096 stats rows=4096 kept_rows=0
base rows as expected: true
filler rows as counted: true
parent rows as counted: true
total: 4096, wrong rows: 0
bool(true)