--TEST--
Lock: RWLOCK: readers hold it at the same time, a writer excludes readers and writers, a writer waits for readers and gets in ahead of new ones
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('pcntl_fork')) die('skip pcntl required');
?>
--FILE--
<?php
use ShmTable\Lock;
use ShmTable\Atomic;

pcntl_alarm(120);
function status(int $pid): int {
    pcntl_waitpid($pid, $st);
    return pcntl_wifexited($st) ? pcntl_wexitstatus($st) : 100 + pcntl_wtermsig($st);
}

$rw = new Lock(Lock::RWLOCK);
$inside = new Atomic(0);      // readers inside now
$maxInside = new Atomic(0);
$writers = new Atomic(0);     // writers inside now
$bad = new Atomic(0);         // a reader saw a writer, or a writer saw anyone
$release = new Atomic(0);

// Phase 1: 4 readers take the read lock and wait until all 4 are in.
$pids = [];
for ($i = 0; $i < 4; $i++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        pcntl_alarm(60);
        $rw->lock(LOCK_SH);
        $n = $inside->add();
        while (($m = $maxInside->get()) < $n && !$maxInside->cmpset($m, $n));
        while ($release->get() === 0) usleep(1000);
        $inside->sub();
        $rw->unlock();
        exit(0);
    }
    $pids[] = $pid;
}
$t = hrtime(true);
while ($inside->get() < 4 && hrtime(true) - $t < 20e9) usleep(1000);
echo "readers in at once: ", $inside->get(), "\n";
$st = $rw->stats();
echo "stats readers: ", count($st['readers']), "\n";
// A writer cannot get in now; a new reader neither once a writer waits.
var_dump($rw->lock(LOCK_EX | LOCK_NB), $rw->lock(LOCK_EX, 0.02));
$release->set(1);
var_dump(array_map('status', $pids), $rw->lock(LOCK_EX, 10));
var_dump($rw->stats()['readers']);
$rw->unlock();

// Phase 2: 2 writers and 3 readers in loops; counters checked inside.
$pids = [];
for ($i = 0; $i < 5; $i++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        pcntl_alarm(60);
        $writer = $i < 2;
        for ($k = 0; $k < 2000; $k++) {
            if ($writer) {
                $rw->lock(LOCK_EX);
                if ($writers->add() !== 1 || $inside->get() !== 0) $bad->add();
                if ($k % 50 === 0) usleep(10);
                $writers->sub();
            } else {
                $rw->lock(LOCK_SH);
                $inside->add();
                if ($writers->get() !== 0) $bad->add();
                if ($k % 50 === 0) usleep(10);
                $inside->sub();
            }
            $rw->unlock();
        }
        exit(0);
    }
    $pids[] = $pid;
}
$codes = array_map('status', $pids);
var_dump($codes === [0, 0, 0, 0, 0], $bad->get(), $rw->stats()['acquisitions']);
?>
--EXPECT--
readers in at once: 4
stats readers: 4
bool(false)
bool(false)
array(4) {
  [0]=>
  int(0)
  [1]=>
  int(0)
  [2]=>
  int(0)
  [3]=>
  int(0)
}
bool(true)
array(0) {
}
bool(true)
int(0)
int(10005)
