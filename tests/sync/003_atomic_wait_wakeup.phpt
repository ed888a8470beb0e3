--TEST--
Atomic: wait()/wakeup() between processes: a sleeper is woken, timeouts are kept, each 1 is taken by one waiter, a killed waiter loses no wake-up
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('pcntl_fork')) die('skip pcntl required');
if (!function_exists('posix_kill')) die('skip posix required');
?>
--FILE--
<?php
use ShmTable\Atomic;

pcntl_alarm(60);

function child(callable $f): int {
    $pid = pcntl_fork();
    if ($pid === 0) {
        pcntl_alarm(30);
        exit($f());
    }
    return $pid;
}
function status(int $pid): int {
    pcntl_waitpid($pid, $st);
    return pcntl_wifexited($st) ? pcntl_wexitstatus($st) : 100 + pcntl_wtermsig($st);
}

// A timeout: no wake-up, false after about the time asked (not much less).
$a = new Atomic(0);
$t = hrtime(true);
$r = $a->wait(0.05);
$ms = (hrtime(true) - $t) / 1e6;
echo "timeout: ", var_export($r, true), ' ', $ms >= 49 ? 'waited' : "too short ($ms ms)", "\n";

// One sleeper, woken by the parent: true, and the value is taken (0).
$ready = new Atomic(0);
$pid = child(function () use ($a, $ready) {
    $ready->set(1);
    return $a->wait(20) ? 0 : 1;
});
while ($ready->get() !== 1) usleep(1000);
usleep(20000); // most likely asleep now; if not, wait() sees the 1 at once
var_dump($a->wakeup(), status($pid), $a->get());

// Three sleepers, wakeup(3) three times: each wait() returns true once;
// the value ends 0. A sleeper that wakes without taking the 1 sleeps on.
$got = new Atomic(0);
$ready->set(0);
$pids = [];
for ($i = 0; $i < 3; $i++) {
    $pids[] = child(function () use ($a, $got, $ready) {
        $ready->add();
        if ($a->wait(20)) {
            $got->add();
            return 0;
        }
        return 1;
    });
}
while ($ready->get() !== 3) usleep(1000);
usleep(20000);
for ($i = 0; $i < 3; $i++) {
    $a->wakeup(3);
    $t = hrtime(true);
    while ($got->get() !== $i + 1 && hrtime(true) - $t < 10e9) usleep(500);
}
$codes = array_map('status', $pids);
var_dump($codes, $got->get(), $a->get());

// A waiter woken and SIGKILLed before it could take the 1 (the kill comes
// while it is stopped): the next wakeup() still wakes the other waiter.
$ready->set(0);
$victim = child(function () use ($a, $ready) { $ready->add(); $a->wait(-1); return 0; });
while ($ready->get() !== 1) usleep(1000);
usleep(20000);
posix_kill($victim, SIGSTOP);
$a->wakeup(1);               // may wake the stopped victim only: it cannot take the 1
$other = child(function () use ($a, $ready) { $ready->add(); return $a->wait(20) ? 0 : 1; });
posix_kill($victim, SIGKILL);
$codes = [status($victim)];
$a->wakeup(1);               // wakes the other waiter if it is asleep by now
$codes[] = status($other);   // 0: it got a 1 (it took the first, or the one just given)
// Which of the two it took depends on when it started waiting: the value
// left is then 1 or 0, and says nothing about lost wake-ups.
var_dump($codes);
?>
--EXPECT--
timeout: false waited
bool(true)
int(0)
int(0)
array(3) {
  [0]=>
  int(0)
  [1]=>
  int(0)
  [2]=>
  int(0)
}
int(3)
int(0)
array(2) {
  [0]=>
  int(109)
  [1]=>
  int(0)
}
