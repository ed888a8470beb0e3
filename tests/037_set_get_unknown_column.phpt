--TEST--
Unknown columns: a ValueError in set()/add()/update() rows and in get()/getdel()/incr()/decr() column names; nothing written
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

$t = new Table(8);
$t->column('id', Table::TYPE_INT);
$t->column('name', Table::TYPE_STRING, 8);
$t->create();
$t->set('k', ['id' => 1, 'name' => 'one']);

attempt('set foo', fn() => $t->set('k', ['id' => 2, 'foo' => 1]));
attempt('set 5', fn() => $t->set('k', ['id' => 2, 5 => 1]));
attempt('set list', fn() => $t->set('k', [2, 'x']));
attempt('set Id (case)', fn() => $t->set('k', ['Id' => 2]));
attempt('set new key foo', fn() => $t->set('new', ['id' => 2, 'foo' => 1]));
attempt('add foo', fn() => $t->add('new', ['foo' => 1]));
attempt('update foo', fn() => $t->update('k', ['id' => 3, 'foo' => 1]));
attempt('get', fn() => $t->get('k'));
attempt('count', fn() => count($t));

attempt('get foo', fn() => $t->get('k', 'foo'));
attempt('get foo on missing key', fn() => $t->get('missing', 'foo'));
attempt('get ""', fn() => $t->get('k', ''));
attempt('getdel foo', fn() => $t->getdel('k', 'foo'));
attempt('incr foo', fn() => $t->incr('k', 'foo'));
attempt('incr foo on missing key', fn() => $t->incr('missing', 'foo'));
attempt('decr foo', fn() => $t->decr('k', 'foo'));
attempt('get', fn() => $t->get('k'));
attempt('exists missing', fn() => $t->exists('missing'));
attempt('count', fn() => count($t));

// cmpset/cmpdel: the message is not fixed; the class and "nothing written" are.
foreach ([
    'cmpset expected foo' => fn() => $t->cmpset('k', ['foo' => 1], ['id' => 9]),
    'cmpset row foo' => fn() => $t->cmpset('k', ['id' => 1], ['foo' => 9]),
    'cmpdel expected foo' => fn() => $t->cmpdel('k', ['foo' => 1]),
] as $label => $f) {
    try {
        $f();
        echo "$label: no exception\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), "\n";
    }
}
attempt('get', fn() => $t->get('k'));
?>
--EXPECT--
set foo: ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "foo", which is not a column
set 5: ValueError: ShmTable\Table::set(): Argument #2 ($value) contains 5, which is not a column
set list: ValueError: ShmTable\Table::set(): Argument #2 ($value) contains 0, which is not a column
set Id (case): ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "Id", which is not a column
set new key foo: ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "foo", which is not a column
add foo: ValueError: ShmTable\Table::add(): Argument #2 ($values) contains "foo", which is not a column
update foo: ValueError: ShmTable\Table::update(): Argument #2 ($values) contains "foo", which is not a column
get: array(2) {
  ["id"]=>
  int(1)
  ["name"]=>
  string(3) "one"
}
count: int(1)
get foo: ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "foo" given
get foo on missing key: ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "foo" given
get "": ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "" given
getdel foo: ValueError: ShmTable\Table::getdel(): Argument #2 ($field) must be a column name, "foo" given
incr foo: ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, "foo" given
incr foo on missing key: ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, "foo" given
decr foo: ValueError: ShmTable\Table::decr(): Argument #2 ($column) must be a column name, "foo" given
get: array(2) {
  ["id"]=>
  int(1)
  ["name"]=>
  string(3) "one"
}
exists missing: bool(false)
count: int(1)
cmpset expected foo: ValueError
cmpset row foo: ValueError
cmpdel expected foo: ValueError
get: array(2) {
  ["id"]=>
  int(1)
  ["name"]=>
  string(3) "one"
}
