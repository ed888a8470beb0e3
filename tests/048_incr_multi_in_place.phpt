--TEST--
incr() with an array: in place after a stripe's first update, the same results whether the returned array is used or dropped, column names found from keys built at run time
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(64);
$t->column('hits', Table::TYPE_INT);
$t->column('bytes', Table::TYPE_INT);
$t->column('secs', Table::TYPE_FLOAT);
$t->column('name', Table::TYPE_STRING, 16);
$t->create();
$t->set('k', ['name' => 'keep me']);

// Dropped results (statements), then a used one: every call applied.
for ($i = 0; $i < 10; $i++) {
    $t->incr('k', ['hits' => 1, 'bytes' => 512, 'secs' => 0.25]);
}
var_dump($t->incr('k', ['hits' => 1, 'bytes' => 512, 'secs' => 0.25]));
$t->decr('k', ['bytes' => 24]);
var_dump($t->get('k'));

// Keys built at run time (not the interned names), in another order, then
// literal ones again, then a key that only looks like a column.
$h = 'hi' . str_repeat('t', 1) . 's';
$b = implode('', ['by', 'tes']);
var_dump($t->incr('k', [$b => 8, $h => 2]));
var_dump($t->incr('k', ['hits' => 1]));
try {
    $t->incr('k', ['hits' => 1, 'hits ' => 1]);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// An overflow anywhere still changes nothing, also after in-place calls.
$t->set('big', ['hits' => PHP_INT_MAX - 1, 'bytes' => 5]);
$t->incr('big', ['bytes' => 1]);   // the stripe's spare is in place by now
try {
    $t->incr('big', ['bytes' => 1, 'hits' => 2]);
} catch (ArithmeticError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($t->get('big', 'hits'), $t->get('big', 'bytes'));
var_dump($t->check());
?>
--EXPECT--
array(3) {
  ["hits"]=>
  int(11)
  ["bytes"]=>
  int(5632)
  ["secs"]=>
  float(2.75)
}
array(4) {
  ["hits"]=>
  int(11)
  ["bytes"]=>
  int(5608)
  ["secs"]=>
  float(2.75)
  ["name"]=>
  string(7) "keep me"
}
array(2) {
  ["bytes"]=>
  int(5616)
  ["hits"]=>
  int(13)
}
array(1) {
  ["hits"]=>
  int(14)
}
ValueError: ShmTable\Table::incr(): Argument #2 ($column) contains "hits ", which is not a column
ArithmeticError: ShmTable\Table::incr(): column "hits" would overflow int64
int(9223372036854775806)
int(6)
bool(true)
