--TEST--
ArrayAccess idioms: ??=, nested isset()/empty(), reading a column of a missing row, get()/getdel() with a null column
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(8);
$t->column('n', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 8);
$t->create();

$t['a'] ??= ['n' => 1];
$t['a'] ??= ['n' => 2];          // present: not written
var_dump($t->get('a', 'n'));

$t['z'] = ['n' => 0];
var_dump(isset($t['z']['n']), empty($t['z']['n']), empty($t['z']['s']), isset($t['z']['nope']));
var_dump(isset($t['missing']['n']), empty($t['missing']['n']));
var_dump($t['missing']['n'] ?? -1);

// A null column means the whole row.
var_dump($t->get('a', null) === $t->get('a'));
var_dump($t->getdel('a', null));
var_dump($t->exists('a'));

// Reading into a variable gives a copy: changing it does not write.
$row = $t['z'];
$row['n'] = 99;
var_dump($t['z']['n']);
?>
--EXPECT--
int(1)
bool(true)
bool(true)
bool(true)
bool(false)
bool(false)
bool(true)
int(-1)
bool(true)
array(2) {
  ["n"]=>
  int(1)
  ["s"]=>
  string(0) ""
}
bool(false)
int(0)
