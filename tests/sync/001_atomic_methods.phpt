--TEST--
Atomic: every method, overflow changes nothing, argument errors, var_dump, not cloneable or serializable
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Atomic;

$a = new Atomic();
var_dump($a->get());
$a = new Atomic(-7);
var_dump($a->get(), $a->add(), $a->add(10), $a->sub(), $a->sub(-5), $a->get());
$a->set(42);
var_dump($a->get(), $a->cmpset(41, 1), $a->get(), $a->cmpset(42, 1), $a->get());

// Overflow: ArithmeticError, the value is unchanged.
foreach ([[PHP_INT_MAX, 'add', 1], [PHP_INT_MIN, 'sub', 1], [PHP_INT_MIN, 'add', -1],
          [1, 'sub', PHP_INT_MIN], [0, 'sub', PHP_INT_MIN], [1, 'add', PHP_INT_MAX]] as [$v, $m, $d]) {
    $a->set($v);
    try {
        $a->$m($d);
        echo "no error\n";
    } catch (ArithmeticError $e) {
        echo get_class($e), ': ', $e->getMessage(), ' ', $a->get() === $v ? 'unchanged' : 'CHANGED', "\n";
    }
}
$a->set(-1);
var_dump($a->sub(PHP_INT_MAX) === PHP_INT_MIN);

// wait()/wakeup() in one process.
$a->set(0);
var_dump($a->wait(0), $a->wakeup(), $a->get(), $a->wait(0), $a->get());
$a->set(5);
var_dump($a->wakeup(3), $a->get(), $a->wait(0.001), $a->get());
$a->set(1);
var_dump($a->wait(-1), $a->get());

foreach ([fn() => $a->wait(NAN), fn() => $a->wakeup(0), fn() => $a->wakeup(-1),
          fn() => $a->add('x'), fn() => new Atomic('x'), fn() => clone $a,
          fn() => serialize($a), fn() => unserialize('O:15:"ShmTable\Atomic":0:{}'),
          fn() => $a->__construct(3), fn() => $a->dyn = 1] as $f) {
    try {
        $f();
        echo "no error\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump($a->get());
$a->set(3);
$a->wakeup();
var_dump($a);
?>
--EXPECTF--
int(0)
int(-7)
int(-6)
int(4)
int(3)
int(8)
int(8)
int(42)
bool(false)
int(42)
bool(true)
int(1)
ArithmeticError: ShmTable\Atomic::add(): integer overflow unchanged
ArithmeticError: ShmTable\Atomic::sub(): integer overflow unchanged
ArithmeticError: ShmTable\Atomic::add(): integer overflow unchanged
ArithmeticError: ShmTable\Atomic::sub(): integer overflow unchanged
ArithmeticError: ShmTable\Atomic::sub(): integer overflow unchanged
ArithmeticError: ShmTable\Atomic::add(): integer overflow unchanged
bool(true)
bool(false)
bool(true)
int(1)
bool(true)
int(0)
bool(true)
int(5)
bool(false)
int(5)
bool(true)
int(0)
ValueError: ShmTable\Atomic::wait(): Argument #1 ($timeout) must not be NAN
ValueError: ShmTable\Atomic::wakeup(): Argument #1 ($count) must be greater than or equal to 1
ValueError: ShmTable\Atomic::wakeup(): Argument #1 ($count) must be greater than or equal to 1
TypeError: ShmTable\Atomic::add(): Argument #1 ($add_value) must be of type int, string given
TypeError: ShmTable\Atomic::__construct(): Argument #1 ($value) must be of type int, string given
Error: Trying to clone an uncloneable object of class ShmTable\Atomic
Exception: Serialization of 'ShmTable\Atomic' is not allowed
Exception: Unserialization of 'ShmTable\Atomic' is not allowed
Error: Cannot call ShmTable\Atomic::__construct() twice
Error: Cannot create dynamic property ShmTable\Atomic::$dyn
int(0)
object(ShmTable\Atomic)#%d (2) {
  ["value"]=>
  int(3)
  ["wakeups"]=>
  int(1)
}
