--TEST--
get($key, $field) once the field was named before: bad keys and arguments still throw the same errors and change nothing; a destroyed table throws; two tables with a column of the same name answer each for its own
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

function attempt(string $label, callable $f): void
{
    try {
        echo $label, ': ';
        var_dump($f());
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

$t = new Table(64, max_key_length: 8);
$t->column('id', Table::TYPE_INT);
$t->column('score', Table::TYPE_FLOAT);
$t->column('name', Table::TYPE_STRING, 8);
$t->create();
$t->set('a', ['id' => 7, 'score' => 2.25, 'name' => 'alpha']);
$t->set('5', ['id' => 5, 'score' => 0.5, 'name' => 'five']);
$before = iterator_to_array($t);

// Name each column once, so that the next reads find it by pointer.
attempt('score', fn() => $t->get('a', 'score'));
attempt('id', fn() => $t->get('a', 'id'));
attempt('id again', fn() => $t->get('a', 'id'));
attempt('score again', fn() => $t->get('a', 'score'));
attempt('empty key', fn() => $t->get('', 'score'));
attempt('long key', fn() => $t->get('123456789', 'score'));
attempt('8-byte key', fn() => $t->get('12345678', 'score'));
attempt('NUL key', fn() => $t->get("a\0", 'score'));
attempt('int key', fn() => $t->get(5, 'score'));
attempt('array key', fn() => $t->get(['a'], 'score'));
attempt('unknown field', fn() => $t->get('a', 'scores'));
attempt('null field', fn() => $t->get('a', null));
attempt('three arguments', fn() => $t->get('a', 'score', 1));
attempt('named', fn() => $t->get(field: 'score', key: 'a'));
attempt('string field', fn() => $t->get('a', 'name'));
attempt('score after name', fn() => $t->get('a', 'score'));
attempt('missing key', fn() => $t->get('b', 'score'));
var_dump(iterator_to_array($t) === $before, count($t));

echo "--- two tables, one column name, another place and type\n";
$u = new Table(64);
$u->column('score', Table::TYPE_STRING, 4);
$u->column('id', Table::TYPE_FLOAT);
$u->create();
$u->set('a', ['score' => 'high', 'id' => 1.5]);
$seen = [];
for ($i = 0; $i < 3; $i++) {
    $seen[] = [$t->get('a', 'score'), $u->get('a', 'score'), $t->get('a', 'id'), $u->get('a', 'id')];
}
var_dump($seen[0], $seen[0] === $seen[1] && $seen[1] === $seen[2]);

echo "--- destroyed\n";
$t->destroy();
attempt('score', fn() => $t->get('a', 'score'));
attempt('empty key', fn() => $t->get('', 'score'));
?>
--EXPECT--
score: float(2.25)
id: int(7)
id again: int(7)
score again: float(2.25)
empty key: ValueError: ShmTable\Table::get(): Argument #1 ($key) must not be empty
long key: ValueError: ShmTable\Table::get(): Argument #1 ($key) must be at most 8 bytes long, 9 given
8-byte key: bool(false)
NUL key: bool(false)
int key: float(0.5)
array key: TypeError: ShmTable\Table::get(): Argument #1 ($key) must be of type string, array given
unknown field: ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "scores" given
null field: array(3) {
  ["id"]=>
  int(7)
  ["score"]=>
  float(2.25)
  ["name"]=>
  string(5) "alpha"
}
three arguments: ArgumentCountError: ShmTable\Table::get() expects at most 2 arguments, 3 given
named: float(2.25)
string field: string(5) "alpha"
score after name: float(2.25)
missing key: bool(false)
bool(true)
int(2)
--- two tables, one column name, another place and type
array(4) {
  [0]=>
  float(2.25)
  [1]=>
  string(4) "high"
  [2]=>
  int(7)
  [3]=>
  float(1.5)
}
bool(true)
--- destroyed
score: ShmTable\Exception: Table has been destroyed
empty key: ShmTable\Exception: Table has been destroyed
