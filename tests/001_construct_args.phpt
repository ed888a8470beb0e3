--TEST--
Table::__construct(): size and maxKeyLength bounds, conflictProportion 0..1 accepted and ignored
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

function attempt(string $label, callable $f): void {
    try {
        $t = $f();
        echo $label, ': ok, getSize()=', $t->getSize(), "\n";
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), ': ', $e->getMessage(), "\n";
    }
}

attempt('size 0', fn() => new Table(0));
attempt('size -1', fn() => new Table(-1));
attempt('size 2^31', fn() => new Table(2 ** 31));
attempt('size PHP_INT_MAX', fn() => new Table(PHP_INT_MAX));
attempt('size 1', fn() => new Table(1));
attempt('size 2^31-1', fn() => new Table(2 ** 31 - 1));

attempt('maxKeyLength 0', fn() => new Table(10, 0.2, 0));
attempt('maxKeyLength -1', fn() => new Table(10, 0.2, -1));
attempt('maxKeyLength 1025', fn() => new Table(10, 0.2, 1025));
attempt('maxKeyLength 1', fn() => new Table(10, 0.2, 1));
attempt('maxKeyLength 1024', fn() => new Table(10, 0.2, 1024));
attempt('named max_key_length: 200', fn() => new Table(1000, max_key_length: 200));
attempt('named max_key_length: 0', fn() => new Table(1000, max_key_length: 0));

// conflictProportion exists only for Swoole\Table compatibility: a
// proportion from 0 to 1, ignored.
attempt('new Table(128, 1)', fn() => new Table(128, 1));
attempt('new Table(1024, 0.5)', fn() => new Table(1024, 0.5));
attempt('new Table(64, 0.0)', fn() => new Table(64, 0.0));
attempt('new Table(64, 1000.0)', fn() => new Table(64, 1000.0));
attempt('new Table(64, 63) (a key length in the wrong place)', fn() => new Table(64, 63));
attempt('new Table(64, -1.0)', fn() => new Table(64, -1.0));
attempt('new Table(64, 1.0000000000000002)', fn() => new Table(64, 1.0000000000000002));
attempt('new Table(64, NAN)', fn() => new Table(64, NAN));
attempt('new Table(64, -0.0)', fn() => new Table(64, -0.0));

// Size is checked before maxKeyLength (argument order).
attempt('size 0 and maxKeyLength 0', fn() => new Table(0, 0.2, 0));

// Type errors come from the engine's argument parsing.
attempt('size "abc"', fn() => new Table("abc"));
?>
--EXPECT--
size 0: ValueError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be between 1 and 2147483647
size -1: ValueError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be between 1 and 2147483647
size 2^31: ValueError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be between 1 and 2147483647
size PHP_INT_MAX: ValueError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be between 1 and 2147483647
size 1: ok, getSize()=1
size 2^31-1: ok, getSize()=2147483647
maxKeyLength 0: ValueError: ShmTable\Table::__construct(): Argument #3 ($max_key_length) must be between 1 and 1024
maxKeyLength -1: ValueError: ShmTable\Table::__construct(): Argument #3 ($max_key_length) must be between 1 and 1024
maxKeyLength 1025: ValueError: ShmTable\Table::__construct(): Argument #3 ($max_key_length) must be between 1 and 1024
maxKeyLength 1: ok, getSize()=10
maxKeyLength 1024: ok, getSize()=10
named max_key_length: 200: ok, getSize()=1000
named max_key_length: 0: ValueError: ShmTable\Table::__construct(): Argument #3 ($max_key_length) must be between 1 and 1024
new Table(128, 1): ok, getSize()=128
new Table(1024, 0.5): ok, getSize()=1024
new Table(64, 0.0): ok, getSize()=64
new Table(64, 1000.0): ValueError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be between 0 and 1
new Table(64, 63) (a key length in the wrong place): ValueError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be between 0 and 1
new Table(64, -1.0): ValueError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be between 0 and 1
new Table(64, 1.0000000000000002): ValueError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be between 0 and 1
new Table(64, NAN): ValueError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be between 0 and 1
new Table(64, -0.0): ok, getSize()=64
size 0 and maxKeyLength 0: ValueError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be between 1 and 2147483647
size "abc": TypeError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be of type int, string given
