--TEST--
named Lock: a MUTEX, and the write lock of an RWLOCK, held by an unrelated php process that is SIGKILLed, is taken by another unrelated process which is told ownerDied(); mutual exclusion across unrelated processes
--EXTENSIONS--
shmtable
--FILE--
<?php
require __DIR__ . '/../named/named.inc';
use ShmTable\Lock;

/** The php process itself (no shell between), so that a signal reaches it. */
function php_argv(string $script, array $args): array
{
    return array_merge([PHP_BINARY, '-n', '-d', 'extension=' . named_module(), '-r', $script],
        array_map('strval', $args));
}

$holder = <<<'PHP'
    $l = new ShmTable\Lock((int)$argv[2], $argv[1]);
    var_dump($l->lock());
    echo "held\n";
    sleep(60);
    PHP;
$taker = <<<'PHP'
    $l = ShmTable\Lock::attach($argv[1]);
    $t0 = microtime(true);
    var_dump($l->lock(LOCK_EX, 10.0), $l->ownerDied(), microtime(true) - $t0 < 5.0);
    $s = $l->stats();
    echo $s['owner_died'], ' ', $s['type'], ' ', $s['name'] === $argv[1] ? 'named' : 'unnamed', "\n";
    var_dump($l->unlock(), $l->lock(), $l->ownerDied(), $l->unlock());
    PHP;

foreach (['MUTEX' => Lock::MUTEX, 'RWLOCK' => Lock::RWLOCK] as $label => $type) {
    echo "-- $label\n";
    $name = named_unique('lock' . $type);
    Lock::unlink($name);
    $p = proc_open(php_argv($holder, [$name, $type]), [1 => ['pipe', 'w']], $pipes);
    echo fgets($pipes[1]), fgets($pipes[1]);
    $mine = new Lock($type, $name);
    var_dump($mine->lock(LOCK_EX | LOCK_NB));      // held by the other process
    proc_terminate($p, 9);
    proc_close($p);
    echo named_php($taker, [$name]);
    var_dump(Lock::unlink($name));
}

// Mutual exclusion between unrelated processes: a read-modify-write of a
// value kept in a named Atomic, under the named MUTEX, never loses an update.
$name = named_unique('mx');
Lock::unlink($name);
ShmTable\Atomic::unlink($name . '-v');
$l = new Lock(Lock::MUTEX, $name);
$v = new ShmTable\Atomic(0, $name . '-v');
$worker = <<<'PHP'
    $l = new ShmTable\Lock(ShmTable\Lock::MUTEX, $argv[1]);
    $v = ShmTable\Atomic::attach($argv[1] . '-v');
    for ($i = 0; $i < 3000; $i++) {
        $l->lock();
        $x = $v->get();
        $v->set($x + 1);
        $l->unlock();
    }
    echo "ok\n";
    PHP;
$procs = [];
for ($w = 0; $w < 3; $w++) {
    $procs[] = proc_open(named_php_cmd($worker, [$name]), [1 => ['pipe', 'w']], $pp[$w]);
}
foreach ($procs as $w => $p) {
    echo stream_get_contents($pp[$w][1]);
    proc_close($p);
}
var_dump($v->get());
var_dump(Lock::unlink($name), ShmTable\Atomic::unlink($name . '-v'));
?>
--EXPECT--
-- MUTEX
bool(true)
held
bool(false)
bool(true)
bool(true)
bool(true)
1 1 named
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
-- RWLOCK
bool(true)
held
bool(false)
bool(true)
bool(true)
bool(true)
1 2 named
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
ok
ok
ok
int(9000)
bool(true)
bool(true)
