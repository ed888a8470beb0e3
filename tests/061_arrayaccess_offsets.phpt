--TEST--
ArrayAccess: int offsets are decimal string keys; other offset types are TypeErrors; $t[] = ... is an Error
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(8);
$t->column('n', Table::TYPE_INT);
$t->create();

$t[5] = ['n' => 55];
var_dump($t->get('5'));
var_dump($t['5'] === $t[5]);
$t['-3'] = ['n' => -33];
var_dump($t[-3]);
var_dump(isset($t[5]), isset($t[6]));
unset($t[5]);
var_dump($t->exists('5'));
// "05" and 5 are different keys.
$t['05'] = ['n' => 1];
var_dump($t[5], $t['05']);
$t[PHP_INT_MIN] = ['n' => 2];
var_dump($t->get((string)PHP_INT_MIN, 'n'));

foreach ([
    'append' => function () use ($t) { $t[] = ['n' => 1]; },
    'read array offset' => fn() => $t[[]],
    'write array offset' => function () use ($t) { $t[['x']] = ['n' => 1]; },
    'isset array offset' => fn() => isset($t[[]]),
    'unset array offset' => function () use ($t) { unset($t[[]]); },
] as $label => $f) {
    try {
        $f();
        echo "$label: ok\n";
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), ': ', $e->getMessage(), "\n";
    }
}
foreach ([
    'float offset' => fn() => $t[1.5],
    'null offset' => fn() => $t[null],
    'bool offset' => fn() => $t[true],
    'object offset' => fn() => $t[new stdClass],
] as $label => $f) {
    try {
        $f();
        echo "$label: ok\n";
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), "\n";
    }
}
var_dump(count($t));
?>
--EXPECT--
array(1) {
  ["n"]=>
  int(55)
}
bool(true)
array(1) {
  ["n"]=>
  int(-33)
}
bool(true)
bool(false)
bool(false)
NULL
array(1) {
  ["n"]=>
  int(1)
}
int(2)
append: Error: Cannot append to ShmTable\Table: a row needs a key
read array offset: TypeError: ShmTable\Table key must be of type string|int, array given
write array offset: TypeError: ShmTable\Table key must be of type string|int, array given
isset array offset: TypeError: ShmTable\Table key must be of type string|int, array given
unset array offset: TypeError: ShmTable\Table key must be of type string|int, array given
float offset: TypeError
null offset: TypeError
bool offset: TypeError
object offset: TypeError
int(3)
