--TEST--
column(): a name is 1..63 bytes; names are case-sensitive and usable in set()/get()
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

function attempt(string $label, callable $f): void {
    try {
        var_dump($f());
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), ': ', $e->getMessage(), "\n";
    }
}

$t = new Table(8);
$n63 = str_repeat('c', 63);
attempt('empty', fn() => $t->column('', Table::TYPE_INT));
attempt('64 bytes', fn() => $t->column(str_repeat('c', 64), Table::TYPE_INT));
attempt('63 ascii + 1 two-byte char', fn() => $t->column(str_repeat('c', 62) . "\u{e9}", Table::TYPE_INT));
attempt('1 byte', fn() => $t->column('a', Table::TYPE_INT));
attempt('1 byte, other case', fn() => $t->column('A', Table::TYPE_INT));
attempt('63 bytes', fn() => $t->column($n63, Table::TYPE_STRING, 5));
attempt('name with a NUL byte', fn() => $t->column("x\0y", Table::TYPE_FLOAT));
attempt('binary name', fn() => $t->column("x\xffy", Table::TYPE_FLOAT));
var_dump($t->create());

$t->set('k', ['a' => 1, 'A' => 2, $n63 => 'hello', "x\xffy" => 1.5]);
var_dump($t->get('k', 'a'), $t->get('k', 'A'), $t->get('k', $n63), $t->get('k', "x\xffy"));
var_dump(array_map('strlen', array_keys($t->get('k'))));
?>
--EXPECT--
empty: ValueError: ShmTable\Table::column(): Argument #1 ($name) must be between 1 and 63 bytes long
64 bytes: ValueError: ShmTable\Table::column(): Argument #1 ($name) must be between 1 and 63 bytes long
63 ascii + 1 two-byte char: ValueError: ShmTable\Table::column(): Argument #1 ($name) must be between 1 and 63 bytes long
bool(true)
bool(true)
bool(true)
name with a NUL byte: ValueError: ShmTable\Table::column(): Argument #1 ($name) must not contain any null bytes
bool(true)
bool(true)
int(1)
int(2)
string(5) "hello"
float(1.5)
array(4) {
  [0]=>
  int(1)
  [1]=>
  int(1)
  [2]=>
  int(63)
  [3]=>
  int(3)
}
