--TEST--
column(): unknown type is a ValueError; string size 1..4194304 (4 MiB); int and float ignore size
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

$t = new Table(2);
attempt('type 0', fn() => $t->column('a', 0));
attempt('type 4', fn() => $t->column('a', 4));
attempt('type -1', fn() => $t->column('a', -1));
attempt('string size 0', fn() => $t->column('s0', Table::TYPE_STRING, 0));
attempt('string size default', fn() => $t->column('s0', Table::TYPE_STRING));
attempt('string size -1', fn() => $t->column('s0', Table::TYPE_STRING, -1));
attempt('string size 4194305', fn() => $t->column('s0', Table::TYPE_STRING, 4194305));
attempt('string size 1', fn() => $t->column('s1', Table::TYPE_STRING, 1));
attempt('string size 4194304', fn() => $t->column('big', Table::TYPE_STRING, 4194304));
attempt('int size 0', fn() => $t->column('i0', Table::TYPE_INT, 0));
attempt('int size 999999999', fn() => $t->column('i1', Table::TYPE_INT, 999999999));
attempt('int size -5', fn() => $t->column('i2', Table::TYPE_INT, -5));
attempt('float size 4', fn() => $t->column('f0', Table::TYPE_FLOAT, 4));
attempt('float size 2000000', fn() => $t->column('f1', Table::TYPE_FLOAT, 2000000));
attempt('create', fn() => $t->create());

// The refused columns do not exist; the accepted ones do, in order.
$t->set('k', []);
var_dump(array_keys($t->get('k')));

// A 4 MiB string column holds exactly 4 MiB.
$mib = str_repeat("\xAB", 4194304);
attempt('set 4 MiB', fn() => $t->set('k', ['big' => $mib]));
var_dump($t->get('k', 'big') === $mib);
attempt('set 4 MiB + 1', fn() => $t->set('k', ['big' => $mib . 'x']));
var_dump($t->get('k', 'big') === $mib);

// int/float columns hold full 8-byte values whatever size was given.
$t->set('k', ['i0' => PHP_INT_MAX, 'i1' => PHP_INT_MIN, 'i2' => -1, 'f0' => 1.0E300, 'f1' => -2.5]);
var_dump($t->get('k', 'i0'), $t->get('k', 'i1'), $t->get('k', 'i2'), $t->get('k', 'f0'), $t->get('k', 'f1'));
attempt('s1 "ab"', fn() => $t->set('k', ['s1' => 'ab']));
attempt('s1 "a"', fn() => $t->set('k', ['s1' => 'a']));
var_dump($t->get('k', 's1'));
?>
--EXPECT--
type 0: ValueError: ShmTable\Table::column(): Argument #2 ($type) must be ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT or ShmTable\Table::TYPE_STRING
type 4: ValueError: ShmTable\Table::column(): Argument #2 ($type) must be ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT or ShmTable\Table::TYPE_STRING
type -1: ValueError: ShmTable\Table::column(): Argument #2 ($type) must be ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT or ShmTable\Table::TYPE_STRING
string size 0: ValueError: ShmTable\Table::column(): Argument #3 ($size) must be between 1 and 4194304 for a string column
string size default: ValueError: ShmTable\Table::column(): Argument #3 ($size) must be between 1 and 4194304 for a string column
string size -1: ValueError: ShmTable\Table::column(): Argument #3 ($size) must be between 1 and 4194304 for a string column
string size 4194305: ValueError: ShmTable\Table::column(): Argument #3 ($size) must be between 1 and 4194304 for a string column
string size 1: bool(true)
string size 4194304: bool(true)
int size 0: bool(true)
int size 999999999: bool(true)
int size -5: bool(true)
float size 4: bool(true)
float size 2000000: bool(true)
create: bool(true)
array(7) {
  [0]=>
  string(2) "s1"
  [1]=>
  string(3) "big"
  [2]=>
  string(2) "i0"
  [3]=>
  string(2) "i1"
  [4]=>
  string(2) "i2"
  [5]=>
  string(2) "f0"
  [6]=>
  string(2) "f1"
}
set 4 MiB: bool(true)
bool(true)
set 4 MiB + 1: ValueError: ShmTable\Table::set(): Argument #2 ($value) column "big" takes at most 4194304 bytes, 4194305 given
bool(true)
int(9223372036854775807)
int(-9223372036854775808)
int(-1)
float(1.0E+300)
float(-2.5)
s1 "ab": ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s1" takes at most 1 byte, 2 given
s1 "a": bool(true)
string(1) "a"
