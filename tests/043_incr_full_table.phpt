--TEST--
incr()/decr(): on a full table an existing key still counts, a new key throws ShmTable\FullException
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

$t = new Table(3);
$t->column('n', Table::TYPE_INT);
$t->column('f', Table::TYPE_FLOAT);
$t->create();
attempt('incr a', fn() => $t->incr('a', 'n'));
attempt('incr b', fn() => $t->incr('b', 'n'));
attempt('incr c', fn() => $t->incr('c', 'f', 0.5));
attempt('incr d', fn() => $t->incr('d', 'n'));
attempt('decr d', fn() => $t->decr('d', 'n'));
attempt('incr d float', fn() => $t->incr('d', 'f', 1.5));
attempt('incr a', fn() => $t->incr('a', 'n'));
attempt('decr c', fn() => $t->decr('c', 'f'));
attempt('count', fn() => count($t));
attempt('exists d', fn() => $t->exists('d'));
attempt('del b', fn() => $t->del('b'));
attempt('incr d', fn() => $t->incr('d', 'n', 7));
attempt('incr e', fn() => $t->incr('e', 'n'));
attempt('get d', fn() => $t->get('d'));
?>
--EXPECT--
incr a: int(1)
incr b: int(1)
incr c: float(0.5)
incr d: ShmTable\FullException: Table is full: all 3 rows are in use
decr d: ShmTable\FullException: Table is full: all 3 rows are in use
incr d float: ShmTable\FullException: Table is full: all 3 rows are in use
incr a: int(2)
decr c: float(-0.5)
count: int(3)
exists d: bool(false)
del b: bool(true)
incr d: int(7)
incr e: ShmTable\FullException: Table is full: all 3 rows are in use
get d: array(2) {
  ["n"]=>
  int(7)
  ["f"]=>
  float(0)
}
