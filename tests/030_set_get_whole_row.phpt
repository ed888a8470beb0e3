--TEST--
set()/get(): whole row in column order, one column, missing key, zero-filled new rows, partial update
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(16);
$t->column('id', Table::TYPE_INT);
$t->column('score', Table::TYPE_FLOAT);
$t->column('name', Table::TYPE_STRING, 16);
$t->create();

// Given in another order; get() returns column order.
var_dump($t->set('alice', ['name' => 'Alice', 'score' => 9.5, 'id' => 1]));
var_dump($t->get('alice'));
var_dump($t->get('alice', 'id'), $t->get('alice', 'score'), $t->get('alice', 'name'));

echo "-- missing key\n";
var_dump($t->get('nobody'));
var_dump($t->get('nobody', 'id'));
var_dump($t->get('Alice'));

echo "-- new row starts zeroed\n";
var_dump($t->set('bob', ['score' => 1.25]));
var_dump($t->get('bob'));
var_dump($t->set('carol', []));
var_dump($t->get('carol'));

echo "-- partial update keeps the other columns\n";
var_dump($t->set('alice', ['score' => -3.0]));
var_dump($t->get('alice'));
var_dump($t->set('alice', ['name' => '']));
var_dump($t->get('alice'));
var_dump($t->set('alice', []));
var_dump($t->get('alice'));

echo "-- overwrite every column\n";
$t->set('alice', ['id' => 7, 'score' => 0.0, 'name' => 'A']);
var_dump($t->get('alice'));

echo "-- extreme values\n";
$t->set('x', ['id' => PHP_INT_MIN, 'score' => -0.0, 'name' => str_repeat('z', 16)]);
var_dump($t->get('x'));
var_dump(fdiv(1, $t->get('x', 'score')) < 0); // -0.0 kept its sign
$t->set('x', ['score' => INF]);
var_dump($t->get('x', 'score'));
$t->set('x', ['score' => NAN]);
var_dump(is_nan($t->get('x', 'score')));
$t->set('x', ['score' => PHP_FLOAT_EPSILON]);
var_dump($t->get('x', 'score') === PHP_FLOAT_EPSILON);

var_dump(count($t));
?>
--EXPECT--
bool(true)
array(3) {
  ["id"]=>
  int(1)
  ["score"]=>
  float(9.5)
  ["name"]=>
  string(5) "Alice"
}
int(1)
float(9.5)
string(5) "Alice"
-- missing key
bool(false)
bool(false)
bool(false)
-- new row starts zeroed
bool(true)
array(3) {
  ["id"]=>
  int(0)
  ["score"]=>
  float(1.25)
  ["name"]=>
  string(0) ""
}
bool(true)
array(3) {
  ["id"]=>
  int(0)
  ["score"]=>
  float(0)
  ["name"]=>
  string(0) ""
}
-- partial update keeps the other columns
bool(true)
array(3) {
  ["id"]=>
  int(1)
  ["score"]=>
  float(-3)
  ["name"]=>
  string(5) "Alice"
}
bool(true)
array(3) {
  ["id"]=>
  int(1)
  ["score"]=>
  float(-3)
  ["name"]=>
  string(0) ""
}
bool(true)
array(3) {
  ["id"]=>
  int(1)
  ["score"]=>
  float(-3)
  ["name"]=>
  string(0) ""
}
-- overwrite every column
array(3) {
  ["id"]=>
  int(7)
  ["score"]=>
  float(0)
  ["name"]=>
  string(1) "A"
}
-- extreme values
array(3) {
  ["id"]=>
  int(-9223372036854775808)
  ["score"]=>
  float(-0)
  ["name"]=>
  string(16) "zzzzzzzzzzzzzzzz"
}
bool(true)
float(INF)
bool(true)
bool(true)
int(4)
