--TEST--
incr()/decr(): int64 overflow is an ArithmeticError and leaves the value unchanged
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

$t = new Table(8);
$t->column('hits', Table::TYPE_INT);
$t->column('f', Table::TYPE_FLOAT);
$t->create();

$t->set('max', ['hits' => PHP_INT_MAX - 1]);
attempt('incr to max', fn() => $t->incr('max', 'hits'));
attempt('incr past max', fn() => $t->incr('max', 'hits'));
attempt('get', fn() => $t->get('max', 'hits'));
attempt('incr max by PHP_INT_MAX', fn() => $t->incr('max', 'hits', PHP_INT_MAX));
attempt('decr max by -1', fn() => $t->decr('max', 'hits', -1));
attempt('get', fn() => $t->get('max', 'hits'));
attempt('incr max by 0', fn() => $t->incr('max', 'hits', 0));
attempt('decr max by 1', fn() => $t->decr('max', 'hits'));

$t->set('min', ['hits' => PHP_INT_MIN + 1]);
attempt('decr to min', fn() => $t->decr('min', 'hits'));
attempt('decr past min', fn() => $t->decr('min', 'hits'));
attempt('incr min by -1', fn() => $t->incr('min', 'hits', -1));
attempt('incr min by PHP_INT_MIN', fn() => $t->incr('min', 'hits', PHP_INT_MIN));
attempt('get', fn() => $t->get('min', 'hits'));
attempt('incr min by PHP_INT_MAX', fn() => $t->incr('min', 'hits', PHP_INT_MAX));

// decr by PHP_INT_MIN must not be computed as incr by -PHP_INT_MIN.
$t->set('zero', ['hits' => 0]);
attempt('decr 0 by PHP_INT_MIN', fn() => $t->decr('zero', 'hits', PHP_INT_MIN));
attempt('get', fn() => $t->get('zero', 'hits'));
$t->set('m1', ['hits' => -1]);
attempt('decr -1 by PHP_INT_MIN', fn() => $t->decr('m1', 'hits', PHP_INT_MIN));
$t->set('m2', ['hits' => -2]);
attempt('decr -2 by PHP_INT_MAX', fn() => $t->decr('m2', 'hits', PHP_INT_MAX));
attempt('get', fn() => $t->get('m2', 'hits'));
$t->set('m2', ['hits' => 0]);
attempt('decr 0 by PHP_INT_MAX', fn() => $t->decr('m2', 'hits', PHP_INT_MAX));
attempt('decr again by 1', fn() => $t->decr('m2', 'hits'));
attempt('decr again by 1', fn() => $t->decr('m2', 'hits'));
attempt('get', fn() => $t->get('m2', 'hits'));
attempt('incr 0 by PHP_INT_MIN', fn() => $t->incr('zero', 'hits', PHP_INT_MIN));

// A missing key with an overflowing first step (only decr by PHP_INT_MIN can):
// the refused call writes nothing, so no row is created.
attempt('decr new by PHP_INT_MIN', fn() => $t->decr('new', 'hits', PHP_INT_MIN));
attempt('get new', fn() => $t->get('new'));
attempt('count', fn() => count($t));

// Float columns do not overflow: they go to INF.
$t->set('fl', ['f' => PHP_FLOAT_MAX]);
attempt('incr float max', fn() => $t->incr('fl', 'f', PHP_FLOAT_MAX));
?>
--EXPECT--
incr to max: int(9223372036854775807)
incr past max: ArithmeticError: ShmTable\Table::incr(): column "hits" would overflow int64
get: int(9223372036854775807)
incr max by PHP_INT_MAX: ArithmeticError: ShmTable\Table::incr(): column "hits" would overflow int64
decr max by -1: ArithmeticError: ShmTable\Table::decr(): column "hits" would overflow int64
get: int(9223372036854775807)
incr max by 0: int(9223372036854775807)
decr max by 1: int(9223372036854775806)
decr to min: int(-9223372036854775808)
decr past min: ArithmeticError: ShmTable\Table::decr(): column "hits" would overflow int64
incr min by -1: ArithmeticError: ShmTable\Table::incr(): column "hits" would overflow int64
incr min by PHP_INT_MIN: ArithmeticError: ShmTable\Table::incr(): column "hits" would overflow int64
get: int(-9223372036854775808)
incr min by PHP_INT_MAX: int(-1)
decr 0 by PHP_INT_MIN: ArithmeticError: ShmTable\Table::decr(): column "hits" would overflow int64
get: int(0)
decr -1 by PHP_INT_MIN: int(9223372036854775807)
decr -2 by PHP_INT_MAX: ArithmeticError: ShmTable\Table::decr(): column "hits" would overflow int64
get: int(-2)
decr 0 by PHP_INT_MAX: int(-9223372036854775807)
decr again by 1: int(-9223372036854775808)
decr again by 1: ArithmeticError: ShmTable\Table::decr(): column "hits" would overflow int64
get: int(-9223372036854775808)
incr 0 by PHP_INT_MIN: int(-9223372036854775808)
decr new by PHP_INT_MIN: ArithmeticError: ShmTable\Table::decr(): column "hits" would overflow int64
get new: bool(false)
count: int(5)
incr float max: float(INF)
