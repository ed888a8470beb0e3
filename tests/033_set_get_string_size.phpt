--TEST--
set(): a string of exactly the column size fits; one byte more is a ValueError and writes nothing
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
$t->column('tag', Table::TYPE_STRING, 300);
$t->create();

attempt('8 bytes', fn() => $t->set('k', ['id' => 1, 'name' => '12345678']));
attempt('get', fn() => $t->get('k'));
attempt('12 bytes', fn() => $t->set('k', ['id' => 2, 'name' => 'abcdefghijkl']));
attempt('9 bytes', fn() => $t->set('k', ['name' => '123456789']));
attempt('9 bytes, new key', fn() => $t->set('new', ['name' => '123456789']));
attempt('get after', fn() => $t->get('k'));
attempt('exists new', fn() => $t->exists('new'));
// Bytes, not characters: 4 x "é" = 8 bytes fits; "é" x 4 + "a" = 9 does not.
attempt('4 x e-acute', fn() => $t->set('k', ['name' => str_repeat("\u{e9}", 4)]));
attempt('get', fn() => strlen($t->get('k', 'name')));
attempt('4 x e-acute + a', fn() => $t->set('k', ['name' => str_repeat("\u{e9}", 4) . 'a']));
// A shorter string after a longer one: no leftover bytes.
attempt('shorter', fn() => $t->set('k', ['name' => 'ab']));
attempt('get', fn() => $t->get('k', 'name'));
// Strings whose length needs two length bytes (> 255).
$s300 = str_repeat('t', 299) . "\0";
attempt('300 bytes', fn() => $t->set('k', ['tag' => $s300]));
attempt('round trip', fn() => $t->get('k', 'tag') === $s300);
attempt('301 bytes', fn() => $t->set('k', ['tag' => $s300 . 'x']));
attempt('256 bytes', fn() => $t->set('k', ['tag' => str_repeat('q', 256)]));
attempt('get', fn() => strlen($t->get('k', 'tag')));
// Coerced values are checked after conversion: 123456789 is 9 bytes.
attempt('int 123456789', fn() => $t->set('k', ['name' => 123456789]));
attempt('int 12345678', fn() => $t->set('k', ['name' => 12345678]));
attempt('get', fn() => $t->get('k'));
?>
--EXPECT--
8 bytes: bool(true)
get: array(3) {
  ["id"]=>
  int(1)
  ["name"]=>
  string(8) "12345678"
  ["tag"]=>
  string(0) ""
}
12 bytes: ValueError: ShmTable\Table::set(): Argument #2 ($value) column "name" takes at most 8 bytes, 12 given
9 bytes: ValueError: ShmTable\Table::set(): Argument #2 ($value) column "name" takes at most 8 bytes, 9 given
9 bytes, new key: ValueError: ShmTable\Table::set(): Argument #2 ($value) column "name" takes at most 8 bytes, 9 given
get after: array(3) {
  ["id"]=>
  int(1)
  ["name"]=>
  string(8) "12345678"
  ["tag"]=>
  string(0) ""
}
exists new: bool(false)
4 x e-acute: bool(true)
get: int(8)
4 x e-acute + a: ValueError: ShmTable\Table::set(): Argument #2 ($value) column "name" takes at most 8 bytes, 9 given
shorter: bool(true)
get: string(2) "ab"
300 bytes: bool(true)
round trip: bool(true)
301 bytes: ValueError: ShmTable\Table::set(): Argument #2 ($value) column "tag" takes at most 300 bytes, 301 given
256 bytes: bool(true)
get: int(256)
int 123456789: ValueError: ShmTable\Table::set(): Argument #2 ($value) column "name" takes at most 8 bytes, 9 given
int 12345678: bool(true)
get: array(3) {
  ["id"]=>
  int(1)
  ["name"]=>
  string(8) "12345678"
  ["tag"]=>
  string(256) "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"
}
