--TEST--
Lock: between processes: a child forked while the parent holds the lock does not hold it; LOCK_NB and timeouts answer false; a MUTEX keeps a two-row transfer in a Table consistent
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('pcntl_fork')) die('skip pcntl required');
?>
--FILE--
<?php
use ShmTable\Lock;
use ShmTable\Table;
use ShmTable\Atomic;

pcntl_alarm(120);
function status(int $pid): int {
    pcntl_waitpid($pid, $st);
    return pcntl_wifexited($st) ? pcntl_wexitstatus($st) : 100 + pcntl_wtermsig($st);
}

$m = new Lock();
$m->lock();
$pid = pcntl_fork();
if ($pid === 0) {
    pcntl_alarm(30);
    $r = [];
    try {
        $m->unlock();
        $r[] = 'unlocked';
    } catch (ShmTable\Exception $e) {
        $r[] = 'not held';
    }
    $r[] = var_export($m->lock(LOCK_EX | LOCK_NB), true);
    $t = hrtime(true);
    $r[] = var_export($m->lock(LOCK_EX, 0.05), true);
    $r[] = (hrtime(true) - $t) >= 49e6 ? 'waited' : 'too short';
    $r[] = var_export($m->stats()['held_here'], true);
    $r[] = var_export($m->stats()['holder'] === posix_getppid(), true);
    file_put_contents(sys_get_temp_dir() . '/shmtable-sync-011.' . getmypid(), implode(' ', $r));
    exit(0);
}
$code = status($pid);
$f = sys_get_temp_dir() . '/shmtable-sync-011.' . $pid;
echo $code, ': ', file_get_contents($f), "\n";
unlink($f);
var_dump($m->unlock());

// Transfers between two rows under the mutex; a checker reads both rows
// under the mutex and never sees a sum other than the total.
const TOTAL = 1000000;
$t = new Table(4);
$t->column('v', Table::TYPE_INT);
$t->create();
$t->set('a', ['v' => TOTAL]);
$t->set('b', ['v' => 0]);
$bad = new Atomic(0);
$checks = new Atomic(0);
$pids = [];
for ($w = 0; $w < 3; $w++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        pcntl_alarm(60);
        mt_srand($w);
        for ($i = 0; $i < 3000; $i++) {
            $m->lock();
            $x = mt_rand(-50, 50);
            $a = $t->get('a', 'v');
            $t->set('a', ['v' => $a - $x]);
            if ($i % 7 === 0) usleep(1);  // a pause inside: the others must wait
            $b = $t->get('b', 'v');
            $t->set('b', ['v' => $b + $x]);
            $m->unlock();
        }
        exit(0);
    }
    $pids[] = $pid;
}
$pid = pcntl_fork();
if ($pid === 0) {
    pcntl_alarm(60);
    for ($i = 0; $i < 3000; $i++) {
        $m->lock();
        if ($t->get('a', 'v') + $t->get('b', 'v') !== TOTAL) $bad->add();
        $m->unlock();
        $checks->add();
    }
    exit(0);
}
$pids[] = $pid;
$codes = array_map('status', $pids);
var_dump($codes === [0, 0, 0, 0], $bad->get(), $checks->get(),
         $t->get('a', 'v') + $t->get('b', 'v') === TOTAL, $m->stats()['acquisitions']);
?>
--EXPECT--
0: not held false false waited false true
bool(true)
bool(true)
int(0)
int(3000)
bool(true)
int(12001)
