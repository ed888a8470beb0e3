--TEST--
column(): a duplicate name is a ValueError and leaves the schema as it was
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(4);
var_dump($t->column('x', Table::TYPE_INT));
try {
    $t->column('x', Table::TYPE_STRING, 10);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    $t->column('x', Table::TYPE_INT);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($t->column('y', Table::TYPE_FLOAT));
try {
    $t->column('y', Table::TYPE_FLOAT);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$t->create();
$t->set('k', []);
// The schema is x (int), y (float): the refused duplicates were not added.
var_dump($t->get('k'));
?>
--EXPECT--
bool(true)
ValueError: ShmTable\Table::column(): Argument #1 ($name) must be unique, column "x" already exists
ValueError: ShmTable\Table::column(): Argument #1 ($name) must be unique, column "x" already exists
bool(true)
ValueError: ShmTable\Table::column(): Argument #1 ($name) must be unique, column "y" already exists
array(2) {
  ["x"]=>
  int(0)
  ["y"]=>
  float(0)
}
