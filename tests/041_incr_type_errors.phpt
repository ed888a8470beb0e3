--TEST--
incr()/decr(): a float $by on an int column and any string column are TypeErrors that write nothing
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
$t->column('hits', Table::TYPE_INT);
$t->column('name', Table::TYPE_STRING, 8);
$t->column('avg', Table::TYPE_FLOAT);
$t->create();
$t->set('k', ['hits' => 5, 'name' => '12', 'avg' => 1.0]);

attempt('incr int by 1.5', fn() => $t->incr('k', 'hits', 1.5));
attempt('incr int by 1.0', fn() => $t->incr('k', 'hits', 1.0));
attempt('decr int by 2.0', fn() => $t->decr('k', 'hits', 2.0));
attempt('incr string', fn() => $t->incr('k', 'name'));
attempt('incr string by 1.5', fn() => $t->incr('k', 'name', 1.5));
attempt('decr string', fn() => $t->decr('k', 'name'));
attempt('get', fn() => $t->get('k'));

// Errors on a missing key do not create it.
attempt('incr missing int by 0.5', fn() => $t->incr('missing', 'hits', 0.5));
attempt('incr missing string', fn() => $t->incr('missing', 'name'));
attempt('exists missing', fn() => $t->exists('missing'));
attempt('count', fn() => count($t));

// $by is int|float: a numeric string is coerced by the engine, other types refused.
attempt('incr by "3"', fn() => $t->incr('k', 'hits', "3"));
attempt('incr avg by "0.5"', fn() => $t->incr('k', 'avg', "0.5"));
attempt('incr by "x"', fn() => $t->incr('k', 'hits', "x"));
attempt('incr by []', fn() => $t->incr('k', 'hits', []));
attempt('get', fn() => $t->get('k'));
?>
--EXPECT--
incr int by 1.5: TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "hits", float given
incr int by 1.0: TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "hits", float given
decr int by 2.0: TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "hits", float given
incr string: TypeError: ShmTable\Table::incr(): Argument #2 ($column) must be an int or float column, "name" is a string column
incr string by 1.5: TypeError: ShmTable\Table::incr(): Argument #2 ($column) must be an int or float column, "name" is a string column
decr string: TypeError: ShmTable\Table::decr(): Argument #2 ($column) must be an int or float column, "name" is a string column
get: array(3) {
  ["hits"]=>
  int(5)
  ["name"]=>
  string(2) "12"
  ["avg"]=>
  float(1)
}
incr missing int by 0.5: TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "hits", float given
incr missing string: TypeError: ShmTable\Table::incr(): Argument #2 ($column) must be an int or float column, "name" is a string column
exists missing: bool(false)
count: int(1)
incr by "3": int(8)
incr avg by "0.5": float(1.5)
incr by "x": TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
incr by []: TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, array given
get: array(3) {
  ["hits"]=>
  int(8)
  ["name"]=>
  string(2) "12"
  ["avg"]=>
  float(1.5)
}
