--TEST--
ArrayAccess: $t[k] is the row or null, $t[k] = row is set(), isset() is exists(), unset() is del()
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(8);
$t->column('id', Table::TYPE_INT);
$t->column('name', Table::TYPE_STRING, 8);
$t->create();

$t['a'] = ['id' => 1, 'name' => 'one'];
var_dump($t['a']);
var_dump($t->get('a') === $t['a']);
var_dump($t['missing']);
var_dump($t['missing'] ?? 'dflt');
var_dump($t['a'] ?? 'dflt');
var_dump($t['a']['name']);
var_dump($t['missing']['name'] ?? 'no name');

echo "-- assignment is a partial set\n";
$t['a'] = ['name' => 'uno'];
var_dump($t['a']);
$t['b'] = [];
var_dump($t['b']);

echo "-- isset / empty / unset\n";
var_dump(isset($t['a']), isset($t['missing']));
var_dump(empty($t['a']), empty($t['missing']));
unset($t['a']);
var_dump(isset($t['a']), $t['a'], count($t));
unset($t['a']);          // unsetting a missing key is not an error
unset($t['never']);
var_dump(count($t));

echo "-- the same validation as the methods\n";
foreach ([
    'read ""' => fn() => $t[''],
    'write ""' => function () use ($t) { $t[''] = []; },
    'isset ""' => fn() => isset($t['']),
    'unset ""' => function () use ($t) { unset($t['']); },
    'write 64 bytes' => function () use ($t) { $t[str_repeat('x', 64)] = []; },
    'read 64 bytes' => fn() => $t[str_repeat('x', 64)],
    'write bad column' => function () use ($t) { $t['c'] = ['foo' => 1]; },
    'write bad type' => function () use ($t) { $t['c'] = ['id' => 'abc']; },
    'write too long' => function () use ($t) { $t['c'] = ['name' => '123456789']; },
] as $label => $f) {
    try {
        $f();
        echo "$label: ok\n";
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// A non-array value is refused (message not fixed by the contract).
try {
    $t['c'] = 'scalar';
    echo "scalar row: ok\n";
} catch (Throwable $e) {
    echo 'scalar row: ', get_class($e), "\n";
}
var_dump(isset($t['c']), count($t));
?>
--EXPECT--
array(2) {
  ["id"]=>
  int(1)
  ["name"]=>
  string(3) "one"
}
bool(true)
NULL
string(4) "dflt"
array(2) {
  ["id"]=>
  int(1)
  ["name"]=>
  string(3) "one"
}
string(3) "one"
string(7) "no name"
-- assignment is a partial set
array(2) {
  ["id"]=>
  int(1)
  ["name"]=>
  string(3) "uno"
}
array(2) {
  ["id"]=>
  int(0)
  ["name"]=>
  string(0) ""
}
-- isset / empty / unset
bool(true)
bool(false)
bool(false)
bool(true)
bool(false)
NULL
int(1)
int(1)
-- the same validation as the methods
read "": ValueError: ShmTable\Table::get(): Argument #1 ($key) must not be empty
write "": ValueError: ShmTable\Table::set(): Argument #1 ($key) must not be empty
isset "": ValueError: ShmTable\Table::exists(): Argument #1 ($key) must not be empty
unset "": ValueError: ShmTable\Table::del(): Argument #1 ($key) must not be empty
write 64 bytes: ValueError: ShmTable\Table::set(): Argument #1 ($key) must be at most 63 bytes long, 64 given
read 64 bytes: ValueError: ShmTable\Table::get(): Argument #1 ($key) must be at most 63 bytes long, 64 given
write bad column: ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "foo", which is not a column
write bad type: TypeError: ShmTable\Table::set(): Argument #2 ($value) column "id" must be of type int, non-numeric string given
write too long: ValueError: ShmTable\Table::set(): Argument #2 ($value) column "name" takes at most 8 bytes, 9 given
scalar row: TypeError
bool(false)
int(1)
