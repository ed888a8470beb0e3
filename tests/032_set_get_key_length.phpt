--TEST--
Keys: 1..maxKeyLength bytes; an empty or longer key is a ValueError in every method, never truncated
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

function attempt(string $label, callable $f): void {
    try {
        echo $label, ': ';
        var_dump($f());
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

$t = new Table(16);
$t->column('n', Table::TYPE_INT);
$t->create();

$k63 = str_repeat('k', 63);
$k64 = $k63 . 'k';
attempt('set 63', fn() => $t->set($k63, ['n' => 63]));
attempt('get 63', fn() => $t->get($k63, 'n'));
attempt('set 64', fn() => $t->set($k64, ['n' => 64]));
attempt('set 70', fn() => $t->set(str_repeat('x', 70), ['n' => 70]));
attempt('set ""', fn() => $t->set('', ['n' => 0]));
// The 64-byte key was not truncated to the stored 63-byte one.
attempt('get 63 after', fn() => $t->get($k63, 'n'));
attempt('count', fn() => $t->count());

foreach (['' => 'empty', $k64 => '64'] as $key => $label) {
    $key = (string)$key;
    attempt("get $label", fn() => $t->get($key));
    attempt("exists $label", fn() => $t->exists($key));
    attempt("del $label", fn() => $t->del($key));
    attempt("incr $label", fn() => $t->incr($key, 'n'));
    attempt("decr $label", fn() => $t->decr($key, 'n'));
    attempt("add $label", fn() => $t->add($key, ['n' => 1]));
    attempt("update $label", fn() => $t->update($key, ['n' => 1]));
    attempt("getdel $label", fn() => $t->getdel($key));
    attempt("cmpset $label", fn() => $t->cmpset($key, ['n' => 63], ['n' => 1]));
    attempt("cmpdel $label", fn() => $t->cmpdel($key, ['n' => 63]));
}
// Aliases refuse too (message names the alias or the method; only the class is checked).
foreach (['exist', 'delete'] as $m) {
    try {
        $t->$m($k64);
        echo "$m: no exception\n";
    } catch (ValueError $e) {
        echo "$m: ValueError\n";
    }
}
attempt('count', fn() => $t->count());

// A multibyte key counts bytes, not characters: 31 x "é" (62 bytes) + "a" fits, 32 x "é" does not.
attempt('set 63 bytes utf8', fn() => $t->set(str_repeat("\u{e9}", 31) . 'a', ['n' => 1]));
attempt('set 64 bytes utf8', fn() => $t->set(str_repeat("\u{e9}", 32), ['n' => 1]));

echo "-- max_key_length: 200\n";
$u = new Table(4, max_key_length: 200);
$u->column('n', Table::TYPE_INT);
$u->create();
$k200 = str_repeat('u', 199) . "\0";
attempt('set 200', fn() => $u->set($k200, ['n' => 200]));
attempt('get 200', fn() => $u->get($k200, 'n'));
attempt('get 199', fn() => $u->get(substr($k200, 0, 199), 'n'));
attempt('set 201', fn() => $u->set($k200 . 'x', ['n' => 201]));
attempt('key_max_length', fn() => $u->stats()['key_max_length']);

echo "-- max_key_length: 1\n";
$v = new Table(4, 0.2, 1);
$v->column('n', Table::TYPE_INT);
$v->create();
attempt('set "a"', fn() => $v->set('a', ['n' => 1]));
attempt('set "\0"', fn() => $v->set("\0", ['n' => 2]));
attempt('set "ab"', fn() => $v->set('ab', ['n' => 3]));
attempt('count', fn() => count($v));

echo "-- max_key_length: 1024\n";
$w = new Table(4, max_key_length: 1024);
$w->column('n', Table::TYPE_INT);
$w->create();
$k1024 = str_repeat('w', 1023) . 'z';
attempt('set 1024', fn() => $w->set($k1024, ['n' => 1024]));
attempt('get 1024', fn() => $w->get($k1024, 'n'));
attempt('set 1025', fn() => $w->set($k1024 . 'z', ['n' => 1025]));
?>
--EXPECT--
set 63: bool(true)
get 63: int(63)
set 64: ValueError: ShmTable\Table::set(): Argument #1 ($key) must be at most 63 bytes long, 64 given
set 70: ValueError: ShmTable\Table::set(): Argument #1 ($key) must be at most 63 bytes long, 70 given
set "": ValueError: ShmTable\Table::set(): Argument #1 ($key) must not be empty
get 63 after: int(63)
count: int(1)
get empty: ValueError: ShmTable\Table::get(): Argument #1 ($key) must not be empty
exists empty: ValueError: ShmTable\Table::exists(): Argument #1 ($key) must not be empty
del empty: ValueError: ShmTable\Table::del(): Argument #1 ($key) must not be empty
incr empty: ValueError: ShmTable\Table::incr(): Argument #1 ($key) must not be empty
decr empty: ValueError: ShmTable\Table::decr(): Argument #1 ($key) must not be empty
add empty: ValueError: ShmTable\Table::add(): Argument #1 ($key) must not be empty
update empty: ValueError: ShmTable\Table::update(): Argument #1 ($key) must not be empty
getdel empty: ValueError: ShmTable\Table::getdel(): Argument #1 ($key) must not be empty
cmpset empty: ValueError: ShmTable\Table::cmpset(): Argument #1 ($key) must not be empty
cmpdel empty: ValueError: ShmTable\Table::cmpdel(): Argument #1 ($key) must not be empty
get 64: ValueError: ShmTable\Table::get(): Argument #1 ($key) must be at most 63 bytes long, 64 given
exists 64: ValueError: ShmTable\Table::exists(): Argument #1 ($key) must be at most 63 bytes long, 64 given
del 64: ValueError: ShmTable\Table::del(): Argument #1 ($key) must be at most 63 bytes long, 64 given
incr 64: ValueError: ShmTable\Table::incr(): Argument #1 ($key) must be at most 63 bytes long, 64 given
decr 64: ValueError: ShmTable\Table::decr(): Argument #1 ($key) must be at most 63 bytes long, 64 given
add 64: ValueError: ShmTable\Table::add(): Argument #1 ($key) must be at most 63 bytes long, 64 given
update 64: ValueError: ShmTable\Table::update(): Argument #1 ($key) must be at most 63 bytes long, 64 given
getdel 64: ValueError: ShmTable\Table::getdel(): Argument #1 ($key) must be at most 63 bytes long, 64 given
cmpset 64: ValueError: ShmTable\Table::cmpset(): Argument #1 ($key) must be at most 63 bytes long, 64 given
cmpdel 64: ValueError: ShmTable\Table::cmpdel(): Argument #1 ($key) must be at most 63 bytes long, 64 given
exist: ValueError
delete: ValueError
count: int(1)
set 63 bytes utf8: bool(true)
set 64 bytes utf8: ValueError: ShmTable\Table::set(): Argument #1 ($key) must be at most 63 bytes long, 64 given
-- max_key_length: 200
set 200: bool(true)
get 200: int(200)
get 199: bool(false)
set 201: ValueError: ShmTable\Table::set(): Argument #1 ($key) must be at most 200 bytes long, 201 given
key_max_length: int(200)
-- max_key_length: 1
set "a": bool(true)
set "\0": bool(true)
set "ab": ValueError: ShmTable\Table::set(): Argument #1 ($key) must be at most 1 byte long, 2 given
count: int(2)
-- max_key_length: 1024
set 1024: bool(true)
get 1024: int(1024)
set 1025: ValueError: ShmTable\Table::set(): Argument #1 ($key) must be at most 1024 bytes long, 1025 given
