--TEST--
ArrayAccess methods called directly: offsetGet/offsetSet/offsetExists/offsetUnset behave as the [] syntax
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(8);
$t->column('n', Table::TYPE_INT);
$t->create();

var_dump($t->offsetSet('a', ['n' => 1]));
var_dump($t->offsetGet('a'));
var_dump($t->offsetGet('missing'));
var_dump($t->offsetExists('a'), $t->offsetExists('missing'));
var_dump($t->offsetSet(7, ['n' => 7]));
var_dump($t->get('7', 'n'));
try {
    $t->offsetSet(null, ['n' => 1]);
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    $t->offsetGet([]);
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($t->offsetUnset('a'));
var_dump($t->offsetExists('a'), count($t));
?>
--EXPECT--
NULL
array(1) {
  ["n"]=>
  int(1)
}
NULL
bool(true)
bool(false)
NULL
int(7)
Error: Cannot append to ShmTable\Table: a row needs a key
TypeError: ShmTable\Table key must be of type string|int, array given
NULL
bool(false)
int(1)
