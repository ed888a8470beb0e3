--TEST--
named: two processes in pid namespaces of their own (both pid 1) hammer one named table; one is SIGKILLed mid-load; the other goes on, totals exact
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('posix_kill') || !function_exists('proc_open')) die('skip posix and proc_open required');
if (!function_exists('posix_geteuid') || posix_geteuid() !== 0) die('skip needs root for unshare --pid');
if (trim((string)shell_exec('unshare --pid --fork --mount-proc sh -c "echo \$\$" 2>/dev/null')) !== '1') die('skip unshare --pid not available');
?>
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

// Each worker's lock words hold thread id 1, as the other's do: a locker
// must neither take a lock held by the other for its own (EDEADLK, or a
// second owner) nor miss the death of the other.
named_watchdog(120);
const OPS = 60000;
$name = named_unique('pidns');
Table::unlink($name);
$t = named_table(2048);
$t->create(name: $name);

$worker = <<<'PHP'
    [$_, $name, $w, $ops] = $argv;
    $t = ShmTable\Table::attach($name);
    echo "pid ", getmypid(), "\n";
    for ($i = 0; $i < (int)$ops; $i++) {
        $t->incr("p$w", 'hits');
        $t->incr('total', 'hits');
        $t->incr("d$w", 'hits');
        $t->set("s" . ($i % 8), ['note' => str_repeat(chr(97 + $i % 26), 32)]);
    }
    echo "done\n";
    PHP;
$procs = [];
for ($w = 0; $w < 2; $w++) {
    // LeakSanitizer cannot run as pid 1 of a namespace: under ASan, leave
    // leak checking to the other tests.
    $asan = getenv('ASAN_OPTIONS');
    $env = $asan !== false ? 'env ' . escapeshellarg("ASAN_OPTIONS=$asan:detect_leaks=0") . ' ' : '';
    $cmd = "exec {$env}unshare --pid --fork --mount-proc " . named_php_cmd($worker, [$name, $w, OPS]);
    $procs[$w] = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes[$w]);
}
$pids = [];
foreach ($procs as $w => $p) {
    $pids[$w] = trim(fgets($pipes[$w][1]));
}
echo "worker pids in their namespaces: ", implode(', ', $pids), "\n";

// Kill worker 1's php (the child of its unshare) once both are under way.
$until = microtime(true) + 30;
while (($t->get('d1', 'hits') < 5000 || $t->get('d0', 'hits') < 5000) && microtime(true) < $until) {
    usleep(2000);
}
$unshare = proc_get_status($procs[1])['pid'];
$children = trim((string)@file_get_contents("/proc/$unshare/task/$unshare/children"));
$killed = 0;
foreach (array_filter(explode(' ', $children)) as $child) {
    $killed += posix_kill((int)$child, SIGKILL);
}
echo "killed worker 1: ", $killed === 1 ? 'yes' : "no ($children)", "\n";
$out0 = stream_get_contents($pipes[0][1]) . stream_get_contents($pipes[0][2]);
stream_get_contents($pipes[1][1]);
foreach ($procs as $w => $p) {
    proc_close($p);
}
echo "worker 0: ", trim($out0), "\n";
$p0 = $t->get('p0', 'hits'); $d0 = $t->get('d0', 'hits');
$p1 = $t->get('p1', 'hits'); $d1 = $t->get('d1', 'hits');
$total = $t->get('total', 'hits');
echo "worker 0 made all: ", var_export($p0 === OPS && $d0 === OPS, true), "\n";
echo "worker 1 stopped early: ", var_export($d1 < OPS, true), "\n";
echo "total exact: ", var_export($total >= $d0 + $d1 && $total <= $p0 + $p1 && $p1 - $d1 <= 1, true), "\n";
var_dump($t->check());
named_summary('named/100_pid_namespaces', sprintf('worker 1 killed after %d increments; lock recoveries %d; '
    . 'worker 0 finished %d', $d1, $t->stats()['lock_recoveries'], $d0));
// Every lock is free: a write to every stripe goes through at once.
for ($i = 0; $i < 1000; $i++) {
    $t->incr("after$i", 'hits');
}
echo "writes after the kill: ", count($t) >= 1000 ? 'ok' : 'missing', "\n";
var_dump(Table::unlink($name));
?>
--EXPECT--
worker pids in their namespaces: pid 1, pid 1
killed worker 1: yes
worker 0: done
worker 0 made all: true
worker 1 stopped early: true
total exact: true
bool(true)
writes after the kill: ok
bool(true)
