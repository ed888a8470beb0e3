--TEST--
incr()/decr() with an array: an overflow or a bad column anywhere changes nothing
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(2);
$t->column('hits', Table::TYPE_INT);
$t->column('bytes', Table::TYPE_INT);
$t->column('secs', Table::TYPE_FLOAT);
$t->column('path', Table::TYPE_STRING, 16);
$t->create();
$t->set('a', ['hits' => 10, 'bytes' => PHP_INT_MAX - 1, 'secs' => 1.5, 'path' => 'p']);
$before = $t->get('a');

function attempt(string $label, callable $f): void {
    try {
        echo $label, ': ';
        var_dump($f());
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

// The first delta is fine, the second overflows: the first is not applied.
attempt('overflow in the 2nd', fn() => $t->incr('a', ['hits' => 1, 'bytes' => 2]));
attempt('overflow by decr', fn() => $t->decr('a', ['secs' => 1, 'bytes' => PHP_INT_MIN]));
attempt('string column', fn() => $t->incr('a', ['hits' => 1, 'path' => 1]));
attempt('unknown column', fn() => $t->incr('a', ['hits' => 1, 'nope' => 1]));
attempt('integer key', fn() => $t->incr('a', ['hits' => 1, 2 => 1]));
attempt('float for an int column', fn() => $t->incr('a', ['hits' => 1, 'bytes' => 1.0]));
attempt('numeric string', fn() => $t->incr('a', ['hits' => '1']));
attempt('null', fn() => $t->decr('a', ['secs' => null]));
attempt('bool', fn() => $t->incr('a', ['secs' => 1, 'hits' => true]));
attempt('empty', fn() => $t->incr('a', []));
attempt('$incrby given', fn() => $t->incr('a', ['hits' => 1], 2));
attempt('$incrby given, float', fn() => $t->decr('a', ['hits' => 1], 1.0));
attempt('neither string nor array', fn() => $t->incr('a', new stdClass));
var_dump($t->get('a') === $before);

// On a missing key, a refused call creates no row.
attempt('overflow, missing key', fn() => $t->decr('new', ['hits' => 1, 'bytes' => PHP_INT_MIN]));
attempt('bad column, missing key', fn() => $t->incr('new', ['hits' => 1, 'path' => 1]));
var_dump($t->exists('new'), count($t));

// A full table: an existing row still changes, a new key throws.
$t->incr('b', ['hits' => 1]);
attempt('full, existing', fn() => $t->incr('b', ['hits' => 1, 'secs' => 0.5]));
attempt('full, new', fn() => $t->incr('c', ['hits' => 1, 'secs' => 0.5]));
var_dump(count($t), $t->get('a') === $before);
?>
--EXPECT--
overflow in the 2nd: ArithmeticError: ShmTable\Table::incr(): column "bytes" would overflow int64
overflow by decr: ArithmeticError: ShmTable\Table::decr(): column "bytes" would overflow int64
string column: TypeError: ShmTable\Table::incr(): Argument #2 ($column) must name int or float columns only, "path" is a string column
unknown column: ValueError: ShmTable\Table::incr(): Argument #2 ($column) contains "nope", which is not a column
integer key: ValueError: ShmTable\Table::incr(): Argument #2 ($column) contains 2, which is not a column
float for an int column: TypeError: ShmTable\Table::incr(): Argument #2 ($column) must hold an int for int column "bytes", float given
numeric string: TypeError: ShmTable\Table::incr(): Argument #2 ($column) must hold an int for int column "hits", string given
null: TypeError: ShmTable\Table::decr(): Argument #2 ($column) must hold an int or float for float column "secs", null given
bool: TypeError: ShmTable\Table::incr(): Argument #2 ($column) must hold an int for int column "hits", bool given
empty: ValueError: ShmTable\Table::incr(): Argument #2 ($column) must not be an empty array
$incrby given: ValueError: ShmTable\Table::incr(): Argument #3 ($incrby) must not be given when $column is an array (the array holds the deltas)
$incrby given, float: ValueError: ShmTable\Table::decr(): Argument #3 ($incrby) must not be given when $column is an array (the array holds the deltas)
neither string nor array: TypeError: ShmTable\Table::incr(): Argument #2 ($column) must be of type array|string, stdClass given
bool(true)
overflow, missing key: ArithmeticError: ShmTable\Table::decr(): column "bytes" would overflow int64
bad column, missing key: TypeError: ShmTable\Table::incr(): Argument #2 ($column) must name int or float columns only, "path" is a string column
bool(false)
int(1)
full, existing: array(2) {
  ["hits"]=>
  int(2)
  ["secs"]=>
  float(0.5)
}
full, new: ShmTable\FullException: Table is full: all 2 rows are in use
int(2)
bool(true)
