--TEST--
named Atomic and Lock: bad names and modes, wrong kind, wrong lock type, missing, cut short, wrong magic, mode wider than asked: clear exceptions, nothing changed; unlink and reopen after unlink; names apart from tables' names; Table::list() skips them; var_dump and stats() show the name
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!is_dir('/dev/shm')) die('skip needs /dev/shm');
?>
--FILE--
<?php
require __DIR__ . '/../named/named.inc';
use ShmTable\Atomic;
use ShmTable\Lock;
use ShmTable\Table;

function t(callable $f): void
{
    try {
        $r = $f();
        echo 'no exception: ', var_export($r, true), "\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', str_replace(getmypid(), 'PID', $e->getMessage()), "\n";
    }
}

$n = named_unique('e');
$file = "/dev/shm/shmtable-sync.$n";
Atomic::unlink($n);
Lock::unlink($n);

echo "-- names and modes\n";
t(fn() => new Atomic(0, ''));
t(fn() => new Atomic(0, '.hidden'));
t(fn() => new Lock(Lock::MUTEX, 'a/b'));
t(fn() => new Lock(Lock::MUTEX, "a\0b"));
t(fn() => new Atomic(0, str_repeat('x', 201)));
t(fn() => Atomic::attach('../x'));
t(fn() => Lock::unlink(''));
t(fn() => new Atomic(0, 'x', 01000));
t(fn() => new Lock(Lock::MUTEX, 'x', -1));
t(fn() => new Lock(3, $n));
var_dump(file_exists("/dev/shm/shmtable-sync.x"), file_exists($file));

echo "-- missing\n";
t(fn() => Atomic::attach($n));
t(fn() => Lock::attach($n));
var_dump(Atomic::unlink($n), Lock::unlink($n));

echo "-- kinds and types\n";
$a = new Atomic(7, $n);
t(fn() => new Lock(Lock::MUTEX, $n));
t(fn() => Lock::attach($n));
var_dump(Atomic::unlink($n));
$l = new Lock(Lock::RWLOCK, $n);
t(fn() => new Lock(Lock::MUTEX, $n));
t(fn() => new Atomic(0, $n));
t(fn() => Atomic::attach($n));
var_dump(Lock::attach($n)->stats()['type'] === Lock::RWLOCK);
var_dump((new Lock(Lock::RWLOCK, $n))->lock(LOCK_SH));

echo "-- a table of the same name is another object\n";
$t = named_table();
$t->create(name: $n);
$t->set('k', ['hits' => 3]);
var_dump(Table::attach($n)->get('k', 'hits'), Lock::attach($n)->stats()['type']);
$listed = array_column(Table::list(), 'name');
var_dump(in_array($n, $listed, true), count(array_filter($listed, fn($x) => $x === $n)));
var_dump(Table::unlink($n), Lock::unlink($n), Lock::unlink($n));
var_dump($a->get(), $a->add(1));    // unlinked: the mapping stays valid

echo "-- reopen after unlink: a new object\n";
$a2 = new Atomic(100, $n);
var_dump($a2->get(), $a->get());
unset($a2);

echo "-- var_dump and stats show the name\n";
$a3 = Atomic::attach($n);
ob_start(); var_dump($a3); $d = ob_get_clean();
echo str_replace($n, 'NAME', $d);
$anon = new Atomic(3);
var_dump($anon);
var_dump(array_key_exists('name', (new Lock())->stats()));
unset($a3);
var_dump(Atomic::unlink($n));

echo "-- cut short, wrong magic, not ready\n";
$a = new Atomic(5, $n);
unset($a);
$good = file_get_contents($file);
var_dump(strlen($good));
file_put_contents($file, substr($good, 0, 70));
t(fn() => Atomic::attach($n));
t(fn() => new Atomic(0, $n));
file_put_contents($file, str_repeat("\xAB", strlen($good)));
t(fn() => Atomic::attach($n));
file_put_contents($file, substr_replace($good, "\x07", 12, 1));   // kind 7
t(fn() => Atomic::attach($n));
file_put_contents($file, substr_replace($good, "\0\0\0\0", 64, 4)); // the Atomic's own magic
t(fn() => Atomic::attach($n));
file_put_contents($file, $good);
var_dump(Atomic::attach($n)->get());
var_dump(Atomic::unlink($n));

echo "-- mode\n";
$old = umask(0);
$a = new Atomic(1, $n, 0640);
clearstatcache();
printf("%o\n", fileperms($file) & 0777);
unset($a);
chmod($file, 0666);
t(fn() => new Atomic(1, $n));      // wider than the 0600 asked
var_dump((new Atomic(1, $n, 0666))->get());
var_dump(Atomic::attach($n)->get());   // attach asks no mode, as Table::attach
$l = new Lock(Lock::MUTEX, $n . 'l', 0666);
unset($l);
t(fn() => new Lock(Lock::MUTEX, $n . 'l'));   // a Lock's message speaks of its state
umask($old);
var_dump(Atomic::unlink($n), Lock::unlink($n . 'l'));
?>
--EXPECTF--
-- names and modes
ValueError: ShmTable\Atomic::__construct(): Argument #2 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Atomic::__construct(): Argument #2 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Lock::__construct(): Argument #2 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Lock::__construct(): Argument #2 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Atomic::__construct(): Argument #2 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Atomic::attach(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Lock::unlink(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Atomic::__construct(): Argument #3 ($mode) must be between 0 and 0777
ValueError: ShmTable\Lock::__construct(): Argument #3 ($mode) must be between 0 and 0777
ValueError: ShmTable\Lock::__construct(): Argument #1 ($type) must be ShmTable\Lock::MUTEX or ShmTable\Lock::RWLOCK
bool(false)
bool(false)
-- missing
ShmTable\Exception: ShmTable\Atomic: no Atomic named 'phpt-PID-e'
ShmTable\Exception: ShmTable\Lock: no Lock named 'phpt-PID-e'
bool(false)
bool(false)
-- kinds and types
ShmTable\Exception: ShmTable\Lock: 'phpt-PID-e' is a named Atomic, not a Lock
ShmTable\Exception: ShmTable\Lock: 'phpt-PID-e' is a named Atomic, not a Lock
bool(true)
ShmTable\Exception: ShmTable\Lock: Lock 'phpt-PID-e' is a Lock::RWLOCK, not the Lock::MUTEX asked
ShmTable\Exception: ShmTable\Atomic: 'phpt-PID-e' is a named Lock, not an Atomic
ShmTable\Exception: ShmTable\Atomic: 'phpt-PID-e' is a named Lock, not an Atomic
bool(true)
bool(true)
-- a table of the same name is another object
int(3)
int(2)
bool(true)
int(1)
bool(true)
bool(true)
bool(false)
int(7)
int(8)
-- reopen after unlink: a new object
int(100)
int(8)
-- var_dump and stats show the name
object(ShmTable\Atomic)#%d (3) {
  ["value"]=>
  int(100)
  ["wakeups"]=>
  int(0)
  ["name"]=>
  string(%d) "NAME"
}
object(ShmTable\Atomic)#%d (2) {
  ["value"]=>
  int(3)
  ["wakeups"]=>
  int(0)
}
bool(false)
bool(true)
-- cut short, wrong magic, not ready
int(88)
ShmTable\Exception: ShmTable\Atomic: Atomic 'phpt-PID-e' (/dev/shm/shmtable-sync.phpt-PID-e) has 70 bytes (its header says 88), not the 88 an Atomic has: cut short or altered, refused
ShmTable\Exception: ShmTable\Atomic: Atomic 'phpt-PID-e' (/dev/shm/shmtable-sync.phpt-PID-e) has 70 bytes (its header says 88), not the 88 an Atomic has: cut short or altered, refused
ShmTable\Exception: ShmTable\Atomic: Atomic 'phpt-PID-e' (/dev/shm/shmtable-sync.phpt-PID-e) is not a named Atomic or Lock of this version (wrong magic or version): refused
ShmTable\Exception: ShmTable\Atomic: Atomic 'phpt-PID-e' (/dev/shm/shmtable-sync.phpt-PID-e) holds an unknown kind of object (7): refused
ShmTable\Exception: ShmTable\Atomic: Atomic 'phpt-PID-e' (/dev/shm/shmtable-sync.phpt-PID-e) has a damaged Atomic (wrong magic): refused
int(5)
bool(true)
-- mode
640
ShmTable\Exception: ShmTable\Atomic: Atomic 'phpt-PID-e' (/dev/shm/shmtable-sync.phpt-PID-e) has mode 0666, wider than the mode 0600 asked: refused, since someone it was not meant for may have read or changed its value; narrow it (chmod 0600) or ask for mode 0666
int(1)
int(1)
ShmTable\Exception: ShmTable\Lock: Lock 'phpt-PID-el' (/dev/shm/shmtable-sync.phpt-PID-el) has mode 0666, wider than the mode 0600 asked: refused, since someone it was not meant for may have read or changed its state; narrow it (chmod 0600) or ask for mode 0666
bool(true)
bool(true)
