--TEST--
Lock: MUTEX and RWLOCK in one process: lock/unlock, LOCK_NB, timeouts, argument errors, unlock when not held, stats and var_dump, not cloneable or serializable
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Lock;

function show(callable $f): void {
    try {
        var_export($f());
        echo "\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

var_dump(Lock::MUTEX, Lock::RWLOCK);
$m = new Lock();
show(fn() => $m->unlock());
show(fn() => $m->lock());
show(fn() => $m->ownerDied());
show(fn() => $m->lock());                  // held already: refused, not a deadlock
show(fn() => $m->lock(LOCK_EX | LOCK_NB));
show(fn() => $m->unlock());
show(fn() => $m->unlock());
show(fn() => $m->lock(LOCK_EX | LOCK_NB));
show(fn() => $m->unlock());
show(fn() => $m->lock(LOCK_EX, 0.5));
show(fn() => $m->unlock());
show(fn() => $m->lock(LOCK_SH));
show(fn() => $m->lock(LOCK_UN));
show(fn() => $m->lock(0));
show(fn() => $m->lock(LOCK_EX, NAN));
show(fn() => $m->lock(LOCK_EX | LOCK_SH));
show(fn() => new Lock(3));
show(fn() => new Lock(0));
show(fn() => clone $m);
show(fn() => serialize($m));
show(fn() => $m->__construct());
$s = $m->stats();
unset($s['holder']);
var_dump($s);

$rw = new Lock(Lock::RWLOCK);
show(fn() => $rw->lock(LOCK_SH));
$st = $rw->stats();
var_dump($st['readers'] === [getmypid()], $st['holder']);
show(fn() => $rw->lock(LOCK_SH));           // held already
show(fn() => $rw->unlock());
show(fn() => $rw->lock(LOCK_SH | LOCK_NB));
show(fn() => $rw->unlock());
show(fn() => $rw->lock(LOCK_EX, 1));
$st = $rw->stats();
var_dump($st['holder'] === getmypid(), $st['readers']);
show(fn() => $rw->unlock());
var_dump($rw);

// The object goes away while it holds the lock: released with it.
$m2 = new Lock();
$m2->lock();
$copy = $m2;
unset($m2);
var_dump($copy->stats()['held_here']);
unset($copy);
echo "done\n";
?>
--EXPECTF--
int(1)
int(2)
ShmTable\Exception: ShmTable\Lock::unlock(): this process does not hold the lock
true
false
ShmTable\Exception: ShmTable\Lock::lock(): this process holds the lock already
ShmTable\Exception: ShmTable\Lock::lock(): this process holds the lock already
true
ShmTable\Exception: ShmTable\Lock::unlock(): this process does not hold the lock
true
true
true
true
ValueError: ShmTable\Lock::lock(): Argument #1 ($operation) cannot be LOCK_SH: a ShmTable\Lock::MUTEX has no shared mode
ValueError: ShmTable\Lock::lock(): Argument #1 ($operation) must be LOCK_EX or LOCK_SH, optionally | LOCK_NB
ValueError: ShmTable\Lock::lock(): Argument #1 ($operation) must be LOCK_EX or LOCK_SH, optionally | LOCK_NB
ValueError: ShmTable\Lock::lock(): Argument #2 ($timeout) must not be NAN
ValueError: ShmTable\Lock::lock(): Argument #1 ($operation) must be LOCK_EX or LOCK_SH, optionally | LOCK_NB
ValueError: ShmTable\Lock::__construct(): Argument #1 ($type) must be ShmTable\Lock::MUTEX or ShmTable\Lock::RWLOCK
ValueError: ShmTable\Lock::__construct(): Argument #1 ($type) must be ShmTable\Lock::MUTEX or ShmTable\Lock::RWLOCK
Error: Trying to clone an uncloneable object of class ShmTable\Lock
Exception: Serialization of 'ShmTable\Lock' is not allowed
Error: Cannot call ShmTable\Lock::__construct() twice
array(8) {
  ["type"]=>
  int(1)
  ["holder_dead"]=>
  bool(false)
  ["readers"]=>
  array(0) {
  }
  ["dead_readers"]=>
  int(0)
  ["waiters"]=>
  int(0)
  ["acquisitions"]=>
  int(3)
  ["owner_died"]=>
  int(0)
  ["held_here"]=>
  bool(false)
}
true
bool(true)
int(0)
ShmTable\Exception: ShmTable\Lock::lock(): this process holds the lock already
true
true
true
true
bool(true)
array(0) {
}
true
object(ShmTable\Lock)#%d (9) {
  ["type"]=>
  int(2)
  ["holder"]=>
  int(0)
  ["holder_dead"]=>
  bool(false)
  ["readers"]=>
  array(0) {
  }
  ["dead_readers"]=>
  int(0)
  ["waiters"]=>
  int(0)
  ["acquisitions"]=>
  int(3)
  ["owner_died"]=>
  int(0)
  ["held_here"]=>
  bool(false)
}
bool(true)
done
