--TEST--
incr()/decr() with a list or other integer-keyed array: refused, naming its first key, nothing changed
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(4);
$t->column('hits', Table::TYPE_INT);
$t->column('secs', Table::TYPE_FLOAT);
$t->create();
$t->set('a', ['hits' => 5, 'secs' => 0.5]);

function attempt(string $label, callable $f): void {
    try {
        echo $label, ': ';
        var_dump($f());
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

$holed = [7, 8, 9];
unset($holed[0]);                        // still a list inside, first key 1
$sparse = [3 => 1, 4 => 2];              // integer keys from 3
$mixed = [10 => 1, 'hits' => 1];         // integer key first, then a column

attempt('list', fn() => $t->incr('a', [1, 2]));
attempt('list, decr', fn() => $t->decr('a', [1.5]));
attempt('list with a hole', fn() => $t->incr('a', $holed));
attempt('integer keys', fn() => $t->incr('a', $sparse));
attempt('integer key, then a column', fn() => $t->incr('a', $mixed));
attempt('list, missing key', fn() => $t->incr('b', [1]));
var_dump($t->get('a'), $t->exists('b'));

// A value held by reference is read through it.
$n = 3;
$byref = ['hits' => &$n, 'secs' => 0.25];
var_dump($t->incr('a', $byref));
?>
--EXPECT--
list: ValueError: ShmTable\Table::incr(): Argument #2 ($column) contains 0, which is not a column
list, decr: ValueError: ShmTable\Table::decr(): Argument #2 ($column) contains 0, which is not a column
list with a hole: ValueError: ShmTable\Table::incr(): Argument #2 ($column) contains 1, which is not a column
integer keys: ValueError: ShmTable\Table::incr(): Argument #2 ($column) contains 3, which is not a column
integer key, then a column: ValueError: ShmTable\Table::incr(): Argument #2 ($column) contains 10, which is not a column
list, missing key: ValueError: ShmTable\Table::incr(): Argument #2 ($column) contains 0, which is not a column
array(2) {
  ["hits"]=>
  int(5)
  ["secs"]=>
  float(0.5)
}
bool(false)
array(2) {
  ["hits"]=>
  int(8)
  ["secs"]=>
  float(0.75)
}
