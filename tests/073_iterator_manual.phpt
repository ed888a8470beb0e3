--TEST--
Iterator: rewind()/valid()/current()/key()/next() called by hand
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(8);
$t->column('n', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 4);
$t->create();

echo "-- empty table\n";
$t->rewind();
var_dump($t->valid());

echo "-- two rows\n";
$t->set('x', ['n' => 1, 's' => 'one']);
$t->set('y', ['n' => 2, 's' => 'two']);
$t->rewind();
$got = [];
$steps = 0;
while ($t->valid()) {
    $k = $t->key();
    $row = $t->current();
    // key() and current() are stable until next().
    if ($t->key() !== $k || $t->current() !== $row) {
        echo "unstable\n";
    }
    $got[$k] = $row;
    $t->next();
    if (++$steps > 10) {
        echo "runaway\n";
        break;
    }
}
ksort($got);
var_dump($got);
var_dump($t->valid());

echo "-- rewind starts over\n";
$t->rewind();
$n = 0;
while ($t->valid()) {
    $n++;
    $t->next();
}
var_dump($n);
$t->rewind();
var_dump($t->valid());
var_dump(in_array($t->key(), ['x', 'y'], true));

?>
--EXPECT--
-- empty table
bool(false)
-- two rows
array(2) {
  ["x"]=>
  array(2) {
    ["n"]=>
    int(1)
    ["s"]=>
    string(3) "one"
  }
  ["y"]=>
  array(2) {
    ["n"]=>
    int(2)
    ["s"]=>
    string(3) "two"
  }
}
bool(false)
-- rewind starts over
int(2)
bool(true)
bool(true)
