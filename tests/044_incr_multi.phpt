--TEST--
incr()/decr() with an array: several columns of one row at once, new values returned in the order given
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(4);
$t->column('hits', Table::TYPE_INT);
$t->column('bytes', Table::TYPE_INT);
$t->column('secs', Table::TYPE_FLOAT);
$t->column('path', Table::TYPE_STRING, 16);
$t->create();

// A missing key: the row is created with every delta in it, the rest zero.
var_dump($t->incr('a', ['bytes' => 512, 'hits' => 1]));
var_dump($t->get('a'));
// An existing row: other columns (the string too) are kept.
$t->set('a', ['path' => '/index']);
var_dump($t->incr('a', ['secs' => 0.25, 'hits' => 1, 'bytes' => 100]));
// A float column takes an int delta, and returns a float.
var_dump($t->incr('a', ['secs' => 2]));
// decr() subtracts every delta.
var_dump($t->decr('a', ['hits' => 3, 'secs' => 0.25, 'bytes' => -88]));
var_dump($t->get('a'));
// $incrby at its default is allowed (it is not used).
var_dump($t->decr('a', ['hits' => 1], 1));
// The extremes of int64 are reachable.
var_dump($t->decr('b', ['hits' => PHP_INT_MIN + 1, 'bytes' => -PHP_INT_MAX]));
var_dump($t->decr('b', ['hits' => 1, 'bytes' => -0]));
$s = $t->stats();
var_dump($s['insert_count'], $s['update_count'], count($t));
// The single-column form is unchanged.
var_dump($t->incr('a', 'hits'), $t->incr('a', 'secs', 1.5));
?>
--EXPECT--
array(2) {
  ["bytes"]=>
  int(512)
  ["hits"]=>
  int(1)
}
array(4) {
  ["hits"]=>
  int(1)
  ["bytes"]=>
  int(512)
  ["secs"]=>
  float(0)
  ["path"]=>
  string(0) ""
}
array(3) {
  ["secs"]=>
  float(0.25)
  ["hits"]=>
  int(2)
  ["bytes"]=>
  int(612)
}
array(1) {
  ["secs"]=>
  float(2.25)
}
array(3) {
  ["hits"]=>
  int(-1)
  ["secs"]=>
  float(2)
  ["bytes"]=>
  int(700)
}
array(4) {
  ["hits"]=>
  int(-1)
  ["bytes"]=>
  int(700)
  ["secs"]=>
  float(2)
  ["path"]=>
  string(6) "/index"
}
array(1) {
  ["hits"]=>
  int(-2)
}
array(2) {
  ["hits"]=>
  int(9223372036854775807)
  ["bytes"]=>
  int(9223372036854775807)
}
array(2) {
  ["hits"]=>
  int(9223372036854775806)
  ["bytes"]=>
  int(9223372036854775807)
}
int(2)
int(6)
int(2)
int(-1)
float(3.5)
