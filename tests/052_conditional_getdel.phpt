--TEST--
getdel(): returns the row (or one column) and deletes it; false when missing
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(4);
$t->column('id', Table::TYPE_INT);
$t->column('score', Table::TYPE_FLOAT);
$t->column('name', Table::TYPE_STRING, 8);
$t->create();
$t->set('a', ['id' => 1, 'score' => 1.5, 'name' => "a\0"]);
$t->set('b', ['id' => 2, 'score' => 2.5, 'name' => 'bee']);
$t->set('c', ['id' => 3, 'score' => 3.5, 'name' => 'sea']);

var_dump(bin2hex($t->get('a', 'name')));
$row = $t->getdel('a');
var_dump($row['id'], $row['score'], bin2hex($row['name']), array_keys($row));
var_dump($t->exists('a'), count($t));
var_dump($t->getdel('a'));
var_dump($t->getdel('b', 'name'));
var_dump($t->exists('b'), count($t));
var_dump($t->getdel('c', 'score'));
var_dump($t->getdel('c', 'score'));
var_dump($t->getdel('never'), $t->getdel('never', 'id'));
var_dump(count($t));
$t->set('d', []);
var_dump($t->getdel('d', 'id'));
var_dump(count($t));
// The freed rows are reusable: the table holds 4 again.
foreach (['w', 'x', 'y', 'z'] as $k) {
    $t->set($k, ['id' => 1]);
}
var_dump(count($t));
?>
--EXPECT--
string(4) "6100"
int(1)
float(1.5)
string(4) "6100"
array(3) {
  [0]=>
  string(2) "id"
  [1]=>
  string(5) "score"
  [2]=>
  string(4) "name"
}
bool(false)
int(2)
bool(false)
string(3) "bee"
bool(false)
int(1)
float(3.5)
bool(false)
bool(false)
bool(false)
int(0)
int(0)
int(0)
int(4)
