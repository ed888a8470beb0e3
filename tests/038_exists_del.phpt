--TEST--
exists()/exist() and del()/delete(): return values, aliases, re-insert after delete
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(8);
$t->column('n', Table::TYPE_INT);
$t->create();

var_dump($t->exists('a'), $t->exist('a'));
$t->set('a', ['n' => 1]);
$t->set('b', ['n' => 2]);
var_dump($t->exists('a'), $t->exist('a'), $t->exists('b'), $t->exists('c'));
echo "-- del\n";
var_dump($t->del('a'));
var_dump($t->del('a'));
var_dump($t->exists('a'), $t->get('a'), count($t));
echo "-- delete (alias)\n";
var_dump($t->delete('b'));
var_dump($t->delete('b'));
var_dump($t->exist('b'), count($t));
var_dump($t->del('never'));
echo "-- re-insert starts from zero\n";
$t->set('a', []);
var_dump($t->get('a'), count($t));
$t->incr('a', 'n', 5);
$t->del('a');
$t->incr('a', 'n');
var_dump($t->get('a', 'n'));
?>
--EXPECT--
bool(false)
bool(false)
bool(true)
bool(true)
bool(true)
bool(false)
-- del
bool(true)
bool(false)
bool(false)
bool(false)
int(1)
-- delete (alias)
bool(true)
bool(false)
bool(false)
int(0)
bool(false)
-- re-insert starts from zero
array(1) {
  ["n"]=>
  int(0)
}
int(1)
int(1)
