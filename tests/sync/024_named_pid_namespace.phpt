--TEST--
named Atomic and Lock across pid namespaces: while processes of one namespace map them, a process of another is refused and nothing changes; once the holder is SIGKILLed, another namespace reopens them, is told the holder died, and the count is exact
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
require __DIR__ . '/../named/named.inc';
use ShmTable\Atomic;
use ShmTable\Lock;

// Every worker is pid 1 of a namespace of its own: the robust lock words
// name holders by pid, so only one namespace at a time may map the objects.
named_watchdog(120);
$n = named_unique('ns');
Atomic::unlink($n);
Lock::unlink($n . 'l');

function in_namespace(string $script, array $args): array
{
    $asan = getenv('ASAN_OPTIONS');
    $env = $asan !== false ? 'env ' . escapeshellarg("ASAN_OPTIONS=$asan:detect_leaks=0") . ' ' : '';
    $cmd = "exec {$env}unshare --pid --fork --mount-proc " . named_php_cmd($script, $args);
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    return [$p, $pipes];
}

// A: creates both, takes the lock and keeps adding under it until killed;
// 'd' counts the adds that ended, so the value is d or d + 1.
[$a, $ap] = in_namespace(<<<'PHP'
    $c = new ShmTable\Atomic(0, $argv[1]);
    $d = new ShmTable\Atomic(0, $argv[1] . 'd');
    $l = new ShmTable\Lock(ShmTable\Lock::MUTEX, $argv[1] . 'l');
    $l->lock();
    echo "pid ", getmypid(), " holds the lock\n";
    for ($i = 0; ; $i++) {
        $c->add(1);
        $d->add(1);
        if ($i === 20000) { echo "busy\n"; }
    }
    PHP, [$n]);
echo "A: ", trim(fgets($ap[1])), "\n";
echo "A: ", trim(fgets($ap[1])), "\n";

$try = <<<'PHP'
    foreach (['Atomic' => fn() => ShmTable\Atomic::attach($argv[1]),
              'new Atomic' => fn() => new ShmTable\Atomic(5, $argv[1]),
              'Lock' => fn() => ShmTable\Lock::attach($argv[1] . 'l')] as $what => $f) {
        try { $f(); echo "$what: opened\n"; }
        catch (ShmTable\Exception $e) { echo "$what: ", $e->getMessage(), "\n"; }
    }
    PHP;
[$b, $bp] = in_namespace($try, [$n]);
echo "B (pid 1 of another namespace):\n", named_clean(trim(stream_get_contents($bp[1]))), "\n";
proc_close($b);
echo "this namespace:\n";
named_try(fn() => Lock::attach($n . 'l'));

$unshare = proc_get_status($a)['pid'];
$killed = 0;
foreach (array_filter(explode(' ', trim((string)@file_get_contents("/proc/$unshare/task/$unshare/children")))) as $child) {
    $killed += posix_kill((int)$child, SIGKILL);
}
stream_get_contents($ap[1]);
proc_close($a);
echo "killed A: ", $killed === 1 ? 'yes' : 'no', "\n";

// C, a third namespace: the lock is taken over from the dead holder, and
// the count is what A's adds made it.
[$c, $cp] = in_namespace(<<<'PHP'
    $c = ShmTable\Atomic::attach($argv[1]);
    $d = ShmTable\Atomic::attach($argv[1] . 'd');
    $l = ShmTable\Lock::attach($argv[1] . 'l');
    $t0 = microtime(true);
    $got = $l->lock(LOCK_EX, 5.0);
    echo "pid ", getmypid(), " locked ", var_export($got, true), ", owner died ", var_export($l->ownerDied(), true),
        ", in time ", var_export(microtime(true) - $t0 < 5.0, true),
        ", count exact ", var_export($c->get() - $d->get() >= 0 && $c->get() - $d->get() <= 1 && $d->get() > 20000, true), "\n";
    $c->set(0);
    for ($i = 0; $i < 1000; $i++) { $c->add(1); }
    $l->unlock();
    echo "after: ", $c->get(), "\n";
    PHP, [$n]);
echo "C: ", trim(stream_get_contents($cp[1])), "\n";
proc_close($c);

// This namespace can have them again once C is gone.
$l = Lock::attach($n . 'l');
var_dump($l->lock(LOCK_EX | LOCK_NB), $l->ownerDied(), Atomic::attach($n)->get());
$l->unlock();
unset($l);
var_dump(Atomic::unlink($n), Atomic::unlink($n . 'd'), Lock::unlink($n . 'l'));
?>
--EXPECT--
A: pid 1 holds the lock
A: busy
B (pid 1 of another namespace):
Atomic: ShmTable\Atomic: Atomic 'ns' (/dev/shm/shmtable-sync.ns) is in use by processes of another pid namespace; a process of this one cannot share its locks (pids differ between namespaces); use it from one namespace at a time
new Atomic: ShmTable\Atomic: Atomic 'ns' (/dev/shm/shmtable-sync.ns) is in use by processes of another pid namespace; a process of this one cannot share its locks (pids differ between namespaces); use it from one namespace at a time
Lock: ShmTable\Lock: Lock 'nsl' (/dev/shm/shmtable-sync.nsl) is in use by processes of another pid namespace; a process of this one cannot share its locks (pids differ between namespaces); use it from one namespace at a time
this namespace:
ShmTable\Exception: ShmTable\Lock: Lock 'nsl' (/dev/shm/shmtable-sync.nsl) is in use by processes of another pid namespace; a process of this one cannot share its locks (pids differ between namespaces); use it from one namespace at a time
killed A: yes
C: pid 1 locked true, owner died true, in time true, count exact true
after: 1000
bool(true)
bool(false)
int(1000)
bool(true)
bool(true)
bool(true)
