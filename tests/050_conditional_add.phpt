--TEST--
add(): inserts only when the key is absent; false and the row unchanged when present
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

function attempt(string $label, callable $f): void {
    try {
        echo $label, ': ';
        var_dump($f());
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

$t = new Table(2);
$t->column('id', Table::TYPE_INT);
$t->column('name', Table::TYPE_STRING, 8);
$t->create();

attempt('add a', fn() => $t->add('a', ['name' => 'first']));
attempt('get a', fn() => $t->get('a'));
attempt('add a again', fn() => $t->add('a', ['id' => 2, 'name' => 'second']));
attempt('add a empty row', fn() => $t->add('a', []));
attempt('get a', fn() => $t->get('a'));
attempt('add b empty row', fn() => $t->add('b', []));
attempt('get b', fn() => $t->get('b'));
// Full: a present key is still just "present", a new key is FullException.
attempt('add a (full)', fn() => $t->add('a', ['id' => 3]));
attempt('add c (full)', fn() => $t->add('c', ['id' => 3]));
attempt('count', fn() => count($t));
attempt('del a', fn() => $t->del('a'));
attempt('add a after del', fn() => $t->add('a', ['id' => 4]));
attempt('get a', fn() => $t->get('a'));
// Bad rows are refused before anything else, present key or not.
attempt('add a bad type', fn() => $t->add('a', ['id' => 'x']));
attempt('add c bad type', fn() => $t->add('c', ['id' => 'x']));
attempt('add a too long', fn() => $t->add('a', ['name' => '123456789']));
attempt('get a', fn() => $t->get('a'));
?>
--EXPECT--
add a: bool(true)
get a: array(2) {
  ["id"]=>
  int(0)
  ["name"]=>
  string(5) "first"
}
add a again: bool(false)
add a empty row: bool(false)
get a: array(2) {
  ["id"]=>
  int(0)
  ["name"]=>
  string(5) "first"
}
add b empty row: bool(true)
get b: array(2) {
  ["id"]=>
  int(0)
  ["name"]=>
  string(0) ""
}
add a (full): bool(false)
add c (full): ShmTable\FullException: Table is full: all 2 rows are in use
count: int(2)
del a: bool(true)
add a after del: bool(true)
get a: array(2) {
  ["id"]=>
  int(4)
  ["name"]=>
  string(0) ""
}
add a bad type: TypeError: ShmTable\Table::add(): Argument #2 ($values) column "id" must be of type int, non-numeric string given
add c bad type: TypeError: ShmTable\Table::add(): Argument #2 ($values) column "id" must be of type int, non-numeric string given
add a too long: ValueError: ShmTable\Table::add(): Argument #2 ($values) column "name" takes at most 8 bytes, 9 given
get a: array(2) {
  ["id"]=>
  int(4)
  ["name"]=>
  string(0) ""
}
