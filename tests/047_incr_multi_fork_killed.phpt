--TEST--
fork: workers SIGKILLed in the middle of multi-column incr()/decr() never leave a row whose columns disagree
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('pcntl_fork')) die('skip pcntl required');
if (!function_exists('posix_kill')) die('skip posix required');
?>
--FILE--
<?php
use ShmTable\Table;

pcntl_alarm(240);

const KILLS = 60;
const KEYS = 40;     // more keys than rows: some increments meet a full table
const SIZE = 32;

$t = new Table(SIZE);
$t->column('hits', Table::TYPE_INT);
$t->column('note', Table::TYPE_STRING, 2000); // a big row: a long copy to die in
$t->column('bytes', Table::TYPE_INT);
$t->column('secs', Table::TYPE_FLOAT);
$t->create();

function agrees(array $r): bool {
    return $r['bytes'] === 512 * $r['hits'] && $r['secs'] === $r['hits'] * 0.25
        && $r['note'] === str_repeat('n', 2000);
}

function worker(Table $t, int $seed): never {
    mt_srand($seed);
    while (true) {
        $k = 'k' . mt_rand(0, KEYS - 1);
        $n = mt_rand(1, 5);
        try {
            if (mt_rand(0, 3) === 0) {
                $t->decr($k, ['secs' => 0.25 * $n, 'hits' => $n, 'bytes' => 512 * $n]);
            } elseif (mt_rand(0, 9) === 0) {
                $t->del($k);
            } else {
                $t->incr($k, ['hits' => $n, 'bytes' => 512 * $n, 'secs' => 0.25 * $n]);
            }
        } catch (ShmTable\FullException $e) {
        }
    }
}

// Rows are seeded with a note that every increment must carry over to the
// new version of the row. A key that del() removed (or that never existed)
// comes back through incr() with the note empty.
for ($k = 0; $k < SIZE; $k++) {
    $t->set("k$k", ['note' => str_repeat('n', 2000)]);
}
function agrees_any(array $r): bool {
    return $r['note'] === '' ? $r['bytes'] === 512 * $r['hits'] && $r['secs'] === $r['hits'] * 0.25
                             : agrees($r);
}

mt_srand(47);
$notSignaled = 0;
$badSeen = 0;
$workers = [];
for ($i = 0; $i < 2; $i++) {
    $seed = mt_rand();
    $pid = pcntl_fork();
    if ($pid === 0) {
        pcntl_alarm(120);
        worker($t, $seed);
    }
    $workers[] = $pid;
}
// At least KILLS kills, and more (up to MAX_KILLS) until one of them has
// hit a worker inside a write, which a loaded or instrumented run makes rarer.
const MAX_KILLS = 1000;
for ($kill = 0; $kill < KILLS || ($kill < MAX_KILLS && $t->stats()['lock_recoveries'] === 0); $kill++) {
    usleep(mt_rand(2000, 20000));
    $victim = mt_rand(0, 1);
    posix_kill($workers[$victim], SIGKILL);
    pcntl_waitpid($workers[$victim], $status);
    $notSignaled += pcntl_wifsignaled($status) ? 0 : 1;
    // The survivor keeps writing while this process reads.
    foreach ($t as $r) {
        $badSeen += agrees_any($r) ? 0 : 1;
    }
    $seed = mt_rand();
    $pid = pcntl_fork();
    if ($pid === 0) {
        pcntl_alarm(120);
        worker($t, $seed);
    }
    $workers[$victim] = $pid;
}
foreach ($workers as $pid) {
    posix_kill($pid, SIGKILL);
    pcntl_waitpid($pid, $status);
    $notSignaled += pcntl_wifsignaled($status) ? 0 : 1;
}
echo "workers not killed by the signal: $notSignaled\n";
echo "rows seen disagreeing during the run: $badSeen\n";

$t->check();
$bad = $n = 0;
foreach ($t as $key => $r) {
    $n++;
    if (!agrees_any($r)) {
        echo "$key: ", json_encode(['hits' => $r['hits'], 'bytes' => $r['bytes'], 'secs' => $r['secs']]), "\n";
        $bad++;
    }
}
echo "rows disagreeing after the kills: $bad\n";
var_dump($n === count($t), $t->stats()['lock_recoveries'] > 0);
// Nothing leaked: the table still holds exactly SIZE rows.
foreach (iterator_to_array($t) as $key => $r) {
    $t->del($key);
}
for ($i = 0; $i < SIZE; $i++) {
    $t->incr("new$i", ['hits' => 1, 'secs' => 1]);
}
try {
    $t->incr('one too many', ['hits' => 1]);
} catch (ShmTable\FullException $e) {
    echo get_class($e), "\n";
}
var_dump(count($t));
?>
--EXPECT--
workers not killed by the signal: 0
rows seen disagreeing during the run: 0
rows disagreeing after the kills: 0
bool(true)
bool(true)
ShmTable\FullException
int(32)
