--TEST--
Every refused call (ValueError, TypeError, ArithmeticError, FullException, user exception) writes nothing at all
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

class Boom {
    public function __toString(): string { throw new LogicException('boom'); }
}

$t = new Table(4);
$t->column('i', Table::TYPE_INT);
$t->column('f', Table::TYPE_FLOAT);
$t->column('s', Table::TYPE_STRING, 8);
$t->create();
$t->set('a', ['i' => PHP_INT_MAX, 'f' => 1.5, 's' => 'aaa']);
$t->set('b', ['i' => PHP_INT_MIN, 'f' => -0.0, 's' => "b\0b"]);
$t->set('c', ['i' => 3, 'f' => 3.0, 's' => 'ccc']);

function snapshot(Table $t): string {
    $rows = [];
    foreach ($t as $k => $row) {
        $rows[$k] = serialize($row);
    }
    ksort($rows);
    $s = $t->stats();
    return serialize([$rows, count($t), $s['rows'], $s['insert_count'], $s['update_count'], $s['delete_count']]);
}

$calls = [
    'set: bad int after good columns' => fn() => $t->set('a', ['f' => 9.0, 's' => 'x', 'i' => 'abc']),
    'set: lossy float into int' => fn() => $t->set('c', ['s' => 'x', 'i' => 2.5]),
    'set: string too long' => fn() => $t->set('a', ['i' => 1, 'f' => 2.0, 's' => '123456789']),
    'set: unknown column last' => fn() => $t->set('a', ['i' => 1, 'zzz' => 1]),
    'set: null into string' => fn() => $t->set('b', ['i' => 1, 's' => null]),
    'set: Stringable throws' => fn() => $t->set('c', ['i' => 1, 's' => new Boom]),
    'set: new key, bad value' => fn() => $t->set('d', ['i' => 1, 'f' => 'abc']),
    'set: key too long' => fn() => $t->set(str_repeat('k', 64), ['i' => 1]),
    'set: empty key' => fn() => $t->set('', ['i' => 1]),
    'add: bad value' => fn() => $t->add('d', ['i' => []]),
    'update: bad value' => fn() => $t->update('a', ['i' => 5, 's' => 'too long!']),
    'cmpset: matching, bad row' => fn() => $t->cmpset('c', ['i' => 3], ['i' => 4, 'f' => 'x']),
    'cmpset: bad expected' => fn() => $t->cmpset('c', ['i' => 'abc'], ['i' => 4]),
    'cmpdel: bad expected' => fn() => $t->cmpdel('c', ['nope' => 3]),
    'incr: overflow' => fn() => $t->incr('a', 'i'),
    'decr: overflow' => fn() => $t->decr('b', 'i'),
    'incr: string column' => fn() => $t->incr('a', 's'),
    'incr: float by on int' => fn() => $t->incr('c', 'i', 0.5),
    'incr: unknown column, new key' => fn() => $t->incr('d', 'nope'),
    '$t[k] = bad row' => function () use ($t) { $t['a'] = ['i' => 'x']; },
    'get: unknown column' => fn() => $t->get('a', 'nope'),
];
$t->set('d', ['i' => 4]);   // now full: 4 of 4
$full = [
    'set: new key when full' => fn() => $t->set('e', ['i' => 5]),
    'add: new key when full' => fn() => $t->add('e', ['i' => 5]),
    'incr: new key when full' => fn() => $t->incr('e', 'i'),
    '$t[new] = row when full' => function () use ($t) { $t['e'] = []; },
];
$t->del('d');
foreach ($calls as $label => $f) {
    $before = snapshot($t);
    try {
        $f();
        echo "$label: no exception\n";
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), ', ', $before === snapshot($t) ? 'nothing written' : 'TABLE CHANGED', "\n";
    }
}
$t->set('d', ['i' => 4]);
foreach ($full as $label => $f) {
    $before = snapshot($t);
    try {
        $f();
        echo "$label: no exception\n";
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), ', ', $before === snapshot($t) ? 'nothing written' : 'TABLE CHANGED', "\n";
    }
}
var_dump($t->get('a'));
?>
--EXPECT--
set: bad int after good columns: TypeError, nothing written
set: lossy float into int: TypeError, nothing written
set: string too long: ValueError, nothing written
set: unknown column last: ValueError, nothing written
set: null into string: TypeError, nothing written
set: Stringable throws: LogicException, nothing written
set: new key, bad value: TypeError, nothing written
set: key too long: ValueError, nothing written
set: empty key: ValueError, nothing written
add: bad value: TypeError, nothing written
update: bad value: ValueError, nothing written
cmpset: matching, bad row: TypeError, nothing written
cmpset: bad expected: TypeError, nothing written
cmpdel: bad expected: ValueError, nothing written
incr: overflow: ArithmeticError, nothing written
decr: overflow: ArithmeticError, nothing written
incr: string column: TypeError, nothing written
incr: float by on int: TypeError, nothing written
incr: unknown column, new key: ValueError, nothing written
$t[k] = bad row: TypeError, nothing written
get: unknown column: ValueError, nothing written
set: new key when full: ShmTable\FullException, nothing written
add: new key when full: ShmTable\FullException, nothing written
incr: new key when full: ShmTable\FullException, nothing written
$t[new] = row when full: ShmTable\FullException, nothing written
array(3) {
  ["i"]=>
  int(9223372036854775807)
  ["f"]=>
  float(1.5)
  ["s"]=>
  string(3) "aaa"
}
