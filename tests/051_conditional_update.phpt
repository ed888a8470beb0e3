--TEST--
update(): changes only a present row (partially); false and no row created when absent; works on a full table
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

attempt('update a (absent)', fn() => $t->update('a', ['id' => 1]));
attempt('exists a', fn() => $t->exists('a'));
attempt('count', fn() => count($t));
$t->set('a', ['id' => 1, 'name' => 'one']);
attempt('update a', fn() => $t->update('a', ['name' => 'uno']));
attempt('get a', fn() => $t->get('a'));
attempt('update a empty row', fn() => $t->update('a', []));
attempt('get a', fn() => $t->get('a'));
// A full table: updates still work (they need no new row).
$t->set('b', ['id' => 2]);
for ($i = 0; $i < 100; $i++) {
    $t->update('a', ['id' => $i]);
    $t->update('b', ['name' => "b$i"]);
}
attempt('get a', fn() => $t->get('a'));
attempt('get b', fn() => $t->get('b'));
attempt('update c (absent, full)', fn() => $t->update('c', ['id' => 3]));
attempt('count', fn() => count($t));
attempt('update a bad type', fn() => $t->update('a', ['name' => 'x', 'id' => 1.5]));
attempt('update c bad type', fn() => $t->update('c', ['id' => 1.5]));
attempt('get a', fn() => $t->get('a'));
$t->del('a');
attempt('update a (deleted)', fn() => $t->update('a', ['id' => 1]));
attempt('get a', fn() => $t->get('a'));
?>
--EXPECT--
update a (absent): bool(false)
exists a: bool(false)
count: int(0)
update a: bool(true)
get a: array(2) {
  ["id"]=>
  int(1)
  ["name"]=>
  string(3) "uno"
}
update a empty row: bool(true)
get a: array(2) {
  ["id"]=>
  int(1)
  ["name"]=>
  string(3) "uno"
}
get a: array(2) {
  ["id"]=>
  int(99)
  ["name"]=>
  string(3) "uno"
}
get b: array(2) {
  ["id"]=>
  int(2)
  ["name"]=>
  string(3) "b99"
}
update c (absent, full): bool(false)
count: int(2)
update a bad type: TypeError: ShmTable\Table::update(): Argument #2 ($values) column "id" must be of type int, float with fractional part given
update c bad type: TypeError: ShmTable\Table::update(): Argument #2 ($values) column "id" must be of type int, float with fractional part given
get a: array(2) {
  ["id"]=>
  int(99)
  ["name"]=>
  string(3) "uno"
}
update a (deleted): bool(false)
get a: bool(false)
