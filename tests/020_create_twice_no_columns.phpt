--TEST--
create(): returns true once; twice, or with no column, it throws; column() after create() throws
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

$e = new Table(4);
attempt('create with no columns', fn() => $e->create());
attempt('getMemorySize', fn() => $e->getMemorySize());
// The failed create() left the table usable: add a column and create.
attempt('column', fn() => $e->column('n', Table::TYPE_INT));
attempt('create', fn() => $e->create());
attempt('set', fn() => $e->set('a', ['n' => 1]));
attempt('get', fn() => $e->get('a', 'n'));

$t = new Table(4);
$t->column('n', Table::TYPE_INT);
attempt('create', fn() => $t->create());
$t->set('x', ['n' => 42]);
attempt('create again', fn() => $t->create());
attempt('column after create', fn() => $t->column('m', Table::TYPE_INT));
attempt('column after create, bad args too', fn() => $t->column('n', 99));
// Nothing changed.
attempt('get', fn() => $t->get('x'));
?>
--EXPECT--
create with no columns: ShmTable\Exception: Table has no columns; call column() before create()
getMemorySize: int(0)
column: bool(true)
create: bool(true)
set: bool(true)
get: int(1)
create: bool(true)
create again: ShmTable\Exception: Table has already been created
column after create: ShmTable\Exception: Cannot add a column after create()
column after create, bad args too: ShmTable\Exception: Cannot add a column after create()
get: array(1) {
  ["n"]=>
  int(42)
}
