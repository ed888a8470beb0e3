--TEST--
set($key, $row[, $ttl]): a string key and an array, with and without $ttl; other argument types, a bad key before a bad row, too many arguments
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

$t = new Table(16, max_key_length: 4);
$t->column('id', Table::TYPE_INT);
$t->column('name', Table::TYPE_STRING, 4);
$t->create();

attempt('plain', fn() => $t->set('a', ['id' => 1, 'name' => 'one']));
attempt('int key', fn() => $t->set(5, ['id' => 5]));
attempt('null ttl', fn() => $t->set('b', ['id' => 2], null));
attempt('ttl', fn() => $t->set('c', ['id' => 3], 60));
attempt('string row', fn() => $t->set('d', 'id=4'));
attempt('null row', fn() => $t->set('d', null));
attempt('no row', fn() => $t->set('d'));
attempt('four arguments', fn() => $t->set('d', ['id' => 4], 0, 1));
attempt('empty key, bad row', fn() => $t->set('', ['nope' => 1]));
attempt('long key, bad row', fn() => $t->set('abcde', ['id' => 'x']));
attempt('bad row', fn() => $t->set('d', ['id' => 4, 'name' => 'toolong']));
attempt('empty row', fn() => $t->set('e', []));
attempt('negative ttl', fn() => $t->set('d', ['id' => 4], -1));

$rows = iterator_to_array($t);
ksort($rows);
var_dump($rows, $t->ttl('c') > 59 && $t->ttl('c') <= 60, $t->ttl('b'));
?>
--EXPECT--
plain: bool(true)
int key: bool(true)
null ttl: bool(true)
ttl: bool(true)
string row: TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, string given
null row: TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, null given
no row: ArgumentCountError: ShmTable\Table::set() expects at least 2 arguments, 1 given
four arguments: ArgumentCountError: ShmTable\Table::set() expects at most 3 arguments, 4 given
empty key, bad row: ValueError: ShmTable\Table::set(): Argument #1 ($key) must not be empty
long key, bad row: ValueError: ShmTable\Table::set(): Argument #1 ($key) must be at most 4 bytes long, 5 given
bad row: ValueError: ShmTable\Table::set(): Argument #2 ($value) column "name" takes at most 4 bytes, 7 given
empty row: bool(true)
negative ttl: ValueError: ShmTable\Table::set(): Argument #3 ($ttl) must be a number of seconds between 0 and 1000000000, -1 given
array(5) {
  [5]=>
  array(2) {
    ["id"]=>
    int(5)
    ["name"]=>
    string(0) ""
  }
  ["a"]=>
  array(2) {
    ["id"]=>
    int(1)
    ["name"]=>
    string(3) "one"
  }
  ["b"]=>
  array(2) {
    ["id"]=>
    int(2)
    ["name"]=>
    string(0) ""
  }
  ["c"]=>
  array(2) {
    ["id"]=>
    int(3)
    ["name"]=>
    string(0) ""
  }
  ["e"]=>
  array(2) {
    ["id"]=>
    int(0)
    ["name"]=>
    string(0) ""
  }
}
bool(true)
float(0)
