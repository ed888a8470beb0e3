--TEST--
Named arguments: every method Swoole\Table also has takes Swoole's parameter names (table_size, conflict_proportion, name, type, size, key, value, field, column, incrby, values, expected)
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(table_size: 64, conflict_proportion: 0.2);
var_dump($t->column(name: 'n', type: Table::TYPE_INT, size: 8));
var_dump($t->column(name: 'f', type: Table::TYPE_FLOAT));
var_dump($t->column(name: 's', type: Table::TYPE_STRING, size: 16));
var_dump($t->create());
var_dump($t->set(key: 'a', value: ['n' => 1, 's' => 'x']));
var_dump($t->get(key: 'a', field: 'n'));
var_dump($t->get(key: 'a'));
var_dump($t->exists(key: 'a'), $t->exist(key: 'a'));
var_dump($t->incr(key: 'a', column: 'n', incrby: 5));
var_dump($t->decr(key: 'a', column: 'n', incrby: 2));
var_dump($t->incr(key: 'a', column: 'f', incrby: 1.5));
var_dump($t->add(key: 'b', values: ['n' => 7]));
var_dump($t->update(key: 'b', values: ['n' => 8]));
var_dump($t->cmpset(key: 'b', expected: ['n' => 8], values: ['n' => 9]));
var_dump($t->getdel(key: 'b', field: 'n'));
var_dump($t->add(key: 'c', values: ['n' => 1]));
var_dump($t->cmpdel(key: 'c', expected: ['n' => 1]));
var_dump($t->del(key: 'a'), $t->delete(key: 'a'));
var_dump($t->count(), $t->getSize(), $t->getMemorySize() > 0);
// Parameters Swoole\Table does not have are snake_case.
$u = new Table(table_size: 8, max_key_length: 100);
$u->column(name: 'n', type: Table::TYPE_INT);
$u->create();
var_dump($u->set(key: str_repeat('k', 100), value: []));
// The old camelCase names are gone.
try {
    new Table(8, conflictProportion: 0.2);
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    $t->incr('a', 'n', by: 1);
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
int(1)
array(3) {
  ["n"]=>
  int(1)
  ["f"]=>
  float(0)
  ["s"]=>
  string(1) "x"
}
bool(true)
bool(true)
int(6)
int(4)
float(1.5)
bool(true)
bool(true)
bool(true)
int(9)
bool(true)
bool(true)
bool(true)
bool(false)
int(0)
int(64)
bool(true)
bool(true)
Error: Unknown named parameter $conflictProportion
Error: Unknown named parameter $by
