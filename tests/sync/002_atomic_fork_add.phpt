--TEST--
Atomic: 4 forked workers x 20,000 add()/sub() each: the totals are exact; cmpset() hands out each ticket once
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('pcntl_fork')) die('skip pcntl required');
?>
--FILE--
<?php
use ShmTable\Atomic;

pcntl_alarm(120);
const WORKERS = 4;
const M = 20000;

$sum = new Atomic();
$down = new Atomic(WORKERS * M);
$ticket = new Atomic(0);
$claimed = new Atomic(0);
$results = [];
$pids = [];
for ($w = 0; $w < WORKERS; $w++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        pcntl_alarm(100);
        $mine = 0;
        for ($i = 0; $i < M; $i++) {
            $sum->add(3);
            $down->sub();
            // cmpset: take the next ticket; each value is won by one process.
            do {
                $t = $ticket->get();
            } while (!$ticket->cmpset($t, $t + 1));
            $mine += $t;
        }
        $claimed->add($mine);
        exit(0);
    }
    $pids[] = $pid;
}
$bad = 0;
foreach ($pids as $pid) {
    pcntl_waitpid($pid, $st);
    if (!pcntl_wifexited($st) || pcntl_wexitstatus($st) !== 0) {
        $bad++;
    }
}
$n = WORKERS * M;
var_dump($bad, $sum->get() === 3 * $n, $down->get(), $ticket->get() === $n,
         $claimed->get() === intdiv($n * ($n - 1), 2));
?>
--EXPECT--
int(0)
bool(true)
int(0)
bool(true)
bool(true)
