--TEST--
incr()/decr(): create a missing row (all zero), return the new value, int on int columns and float on float columns
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(8);
$t->column('hits', Table::TYPE_INT);
$t->column('avg', Table::TYPE_FLOAT);
$t->column('name', Table::TYPE_STRING, 8);
$t->create();

echo "-- incr creates the row\n";
var_dump($t->incr('a', 'hits'));
var_dump($t->get('a'));
var_dump(count($t));
var_dump($t->incr('a', 'hits'));
var_dump($t->incr('a', 'hits', 10));
var_dump($t->incr('a', 'hits', -20));
var_dump($t->incr('a', 'hits', 0));
var_dump($t->decr('a', 'hits'));
var_dump($t->decr('a', 'hits', -9));
var_dump($t->decr('a', 'hits', 3));
var_dump($t->get('a', 'hits'));

echo "-- decr creates the row\n";
var_dump($t->decr('b', 'hits', 4));
var_dump($t->get('b'));

echo "-- float column\n";
var_dump($t->incr('c', 'avg'));
var_dump($t->incr('c', 'avg', 0.5));
var_dump($t->incr('c', 'avg', 2));
var_dump($t->decr('c', 'avg', 0.25));
var_dump($t->decr('c', 'avg'));
$t->set('d', ['avg' => 0.1]);
var_dump($t->incr('d', 'avg', 0.2));
var_dump($t->incr('d', 'avg', INF));
var_dump($t->get('c'));

echo "-- other columns untouched\n";
$t->set('e', ['hits' => 5, 'avg' => 1.5, 'name' => 'keep']);
$t->incr('e', 'hits', 2);
$t->incr('e', 'avg', 2);
var_dump($t->get('e'));
var_dump(count($t));
?>
--EXPECT--
-- incr creates the row
int(1)
array(3) {
  ["hits"]=>
  int(1)
  ["avg"]=>
  float(0)
  ["name"]=>
  string(0) ""
}
int(1)
int(2)
int(12)
int(-8)
int(-8)
int(-9)
int(0)
int(-3)
int(-3)
-- decr creates the row
int(-4)
array(3) {
  ["hits"]=>
  int(-4)
  ["avg"]=>
  float(0)
  ["name"]=>
  string(0) ""
}
-- float column
float(1)
float(1.5)
float(3.5)
float(3.25)
float(2.25)
float(0.30000000000000004)
float(INF)
array(3) {
  ["hits"]=>
  int(0)
  ["avg"]=>
  float(2.25)
  ["name"]=>
  string(0) ""
}
-- other columns untouched
array(3) {
  ["hits"]=>
  int(7)
  ["avg"]=>
  float(3.5)
  ["name"]=>
  string(4) "keep"
}
int(5)
