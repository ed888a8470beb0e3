--TEST--
Bad input matrix: every argument of __construct() and column() fed wrong types, empty, negative, zero, huge, NAN/INF; a refused column() adds nothing
--EXTENSIONS--
shmtable
--FILE--
<?php
require __DIR__ . '/matrix.inc';
use ShmTable\Table;

$ints = [null, false, true, 0, -1, 1, PHP_INT_MIN, PHP_INT_MAX, 2 ** 31, 2 ** 31 - 1, 1.0, 1.5, -0.0,
         NAN, INF, -INF, '', '7', ' 7', '7.0', '7.5', '7abc', 'abc', '0x1A', [], [7], new stdClass,
         new Str('7'), STDIN];
$floats = [null, true, 0, -1, 0.0, -0.0, 1.5, 1e308, NAN, INF, -INF, '', '0.5', 'abc', [], new stdClass,
           new Str('0.5')];

echo "--- __construct(\$size)\n";
foreach ($ints as $v) {
    try_call('size ' . describe($v), fn() => (new Table($v))->getSize());
}
echo "--- __construct(8, \$conflictProportion): 0 to 1 is accepted and ignored\n";
foreach ($floats as $v) {
    try_call('conflictProportion ' . describe($v), fn() => (new Table(8, $v))->getSize());
}
echo "--- __construct(8, max_key_length: ...)\n";
foreach ([0, -1, 1, 1024, 1025, PHP_INT_MAX, PHP_INT_MIN, 1.5, NAN, INF, '', 'abc', [], new stdClass] as $v) {
    try_call('maxKeyLength ' . describe($v), function () use ($v) {
        $t = new Table(8, max_key_length: $v);
        $t->column('n', Table::TYPE_INT);
        $t->create();
        return $t->stats()['key_max_length'];
    });
}

/*
 * column(): each case on a fresh table that already has column "a". After
 * a refused call the table must still be created with column "a" alone.
 */
function column_case(string $label, array $args): void {
    $t = new Table(4);
    $t->column('a', Table::TYPE_INT);
    $threw = false;
    try {
        $r = $t->column(...$args);
        echo $label, ' => ', describe($r), "\n";
    } catch (Throwable $e) {
        $threw = true;
        echo $label, ' => ', get_class($e), ': ', $e->getMessage(), "\n";
    }
    $t->create();
    $t->set('k', []);
    $cols = array_keys($t->get('k'));
    if ($threw && $cols !== ['a']) {
        echo "    COLUMNS CHANGED: ", implode(', ', $cols), "\n";
    }
}

echo "--- column(\$name, TYPE_INT)\n";
// Names that PHP would turn into integer array keys ("7", true) are left out here.
foreach ([null, false, '', 'a', str_repeat('n', 63), str_repeat('n', 64), str_repeat('n', 1000), 1.5, NAN,
          [], ['x'], new stdClass, new Str('x'), new Str(''), new ThrowingStr, STDIN] as $v) {
    column_case('name ' . describe($v), [$v, Table::TYPE_INT]);
}
echo "--- column('x', \$type)\n";
foreach ($ints as $v) {
    column_case('type ' . describe($v), ['x', $v]);
}
echo "--- column('x', TYPE_STRING, \$size)\n";
foreach (array_merge($ints, [4194304, 4194305]) as $v) {
    column_case('size ' . describe($v), ['x', Table::TYPE_STRING, $v]);
}
echo "--- column('x', TYPE_INT or TYPE_FLOAT, \$size): the size is ignored, but must be an int\n";
foreach ([-1, PHP_INT_MIN, PHP_INT_MAX, NAN, 'abc', []] as $v) {
    column_case('int size ' . describe($v), ['x', Table::TYPE_INT, $v]);
    column_case('float size ' . describe($v), ['x', Table::TYPE_FLOAT, $v]);
}
echo "--- create() with an argument of the wrong type\n";
$t = new Table(4);
$t->column('a', Table::TYPE_INT);
try_call('create([])', fn() => $t->create([]));
try_call('create(null, [])', fn() => $t->create(null, []));
try_call('create(null, null, "rw")', fn() => $t->create(null, null, 'rw'));
try_call('getMemorySize() after it', fn() => $t->getMemorySize());
?>
--EXPECT--
--- __construct($size)
    (Deprecated: ShmTable\Table::__construct(): Passing null to parameter #1 ($table_size) of type int is deprecated)
size NULL => ValueError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be between 1 and 2147483647
size false => ValueError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be between 1 and 2147483647
size true => 1
size 0 => ValueError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be between 1 and 2147483647
size -1 => ValueError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be between 1 and 2147483647
size 1 => 1
size PHP_INT_MIN => ValueError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be between 1 and 2147483647
size PHP_INT_MAX => ValueError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be between 1 and 2147483647
size 2147483648 => ValueError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be between 1 and 2147483647
size 2147483647 => 2147483647
size 1.0 => 1
    (Deprecated: Implicit conversion from float 1.5 to int loses precision)
size 1.5 => 1
size -0.0 => ValueError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be between 1 and 2147483647
size NAN => TypeError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be of type int, float given
size INF => TypeError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be of type int, float given
size -INF => TypeError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be of type int, float given
size "" => TypeError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be of type int, string given
size "7" => 7
size " 7" => 7
size "7.0" => 7
    (Deprecated: Implicit conversion from float-string "7.5" to int loses precision)
size "7.5" => 7
size "7abc" => TypeError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be of type int, string given
size "abc" => TypeError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be of type int, string given
size "0x1A" => TypeError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be of type int, string given
size [] => TypeError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be of type int, array given
size [0 => 7] => TypeError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be of type int, array given
size stdClass => TypeError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be of type int, stdClass given
size Str("7") => TypeError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be of type int, Str given
size resource => TypeError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be of type int, resource given
--- __construct(8, $conflictProportion): 0 to 1 is accepted and ignored
    (Deprecated: ShmTable\Table::__construct(): Passing null to parameter #2 ($conflict_proportion) of type float is deprecated)
conflictProportion NULL => 8
conflictProportion true => 8
conflictProportion 0 => 8
conflictProportion -1 => ValueError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be between 0 and 1
conflictProportion 0.0 => 8
conflictProportion -0.0 => 8
conflictProportion 1.5 => ValueError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be between 0 and 1
conflictProportion 1.0E+308 => ValueError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be between 0 and 1
conflictProportion NAN => ValueError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be between 0 and 1
conflictProportion INF => ValueError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be between 0 and 1
conflictProportion -INF => ValueError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be between 0 and 1
conflictProportion "" => TypeError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be of type float, string given
conflictProportion "0.5" => 8
conflictProportion "abc" => TypeError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be of type float, string given
conflictProportion [] => TypeError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be of type float, array given
conflictProportion stdClass => TypeError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be of type float, stdClass given
conflictProportion Str("0.5") => TypeError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be of type float, Str given
--- __construct(8, max_key_length: ...)
maxKeyLength 0 => ValueError: ShmTable\Table::__construct(): Argument #3 ($max_key_length) must be between 1 and 1024
maxKeyLength -1 => ValueError: ShmTable\Table::__construct(): Argument #3 ($max_key_length) must be between 1 and 1024
maxKeyLength 1 => 1
maxKeyLength 1024 => 1024
maxKeyLength 1025 => ValueError: ShmTable\Table::__construct(): Argument #3 ($max_key_length) must be between 1 and 1024
maxKeyLength PHP_INT_MAX => ValueError: ShmTable\Table::__construct(): Argument #3 ($max_key_length) must be between 1 and 1024
maxKeyLength PHP_INT_MIN => ValueError: ShmTable\Table::__construct(): Argument #3 ($max_key_length) must be between 1 and 1024
    (Deprecated: Implicit conversion from float 1.5 to int loses precision)
maxKeyLength 1.5 => 1
maxKeyLength NAN => TypeError: ShmTable\Table::__construct(): Argument #3 ($max_key_length) must be of type int, float given
maxKeyLength INF => TypeError: ShmTable\Table::__construct(): Argument #3 ($max_key_length) must be of type int, float given
maxKeyLength "" => TypeError: ShmTable\Table::__construct(): Argument #3 ($max_key_length) must be of type int, string given
maxKeyLength "abc" => TypeError: ShmTable\Table::__construct(): Argument #3 ($max_key_length) must be of type int, string given
maxKeyLength [] => TypeError: ShmTable\Table::__construct(): Argument #3 ($max_key_length) must be of type int, array given
maxKeyLength stdClass => TypeError: ShmTable\Table::__construct(): Argument #3 ($max_key_length) must be of type int, stdClass given
--- column($name, TYPE_INT)
    (Deprecated: ShmTable\Table::column(): Passing null to parameter #1 ($name) of type string is deprecated)
name NULL => ValueError: ShmTable\Table::column(): Argument #1 ($name) must be between 1 and 63 bytes long
name false => ValueError: ShmTable\Table::column(): Argument #1 ($name) must be between 1 and 63 bytes long
name "" => ValueError: ShmTable\Table::column(): Argument #1 ($name) must be between 1 and 63 bytes long
name "a" => ValueError: ShmTable\Table::column(): Argument #1 ($name) must be unique, column "a" already exists
name string(63) => true
name string(64) => ValueError: ShmTable\Table::column(): Argument #1 ($name) must be between 1 and 63 bytes long
name string(1000) => ValueError: ShmTable\Table::column(): Argument #1 ($name) must be between 1 and 63 bytes long
name 1.5 => true
name NAN => true
name [] => TypeError: ShmTable\Table::column(): Argument #1 ($name) must be of type string, array given
name [0 => "x"] => TypeError: ShmTable\Table::column(): Argument #1 ($name) must be of type string, array given
name stdClass => TypeError: ShmTable\Table::column(): Argument #1 ($name) must be of type string, stdClass given
name Str("x") => true
name Str("") => ValueError: ShmTable\Table::column(): Argument #1 ($name) must be between 1 and 63 bytes long
name ThrowingStr => LogicException: __toString() threw
name resource => TypeError: ShmTable\Table::column(): Argument #1 ($name) must be of type string, resource given
--- column('x', $type)
    (Deprecated: ShmTable\Table::column(): Passing null to parameter #2 ($type) of type int is deprecated)
type NULL => ValueError: ShmTable\Table::column(): Argument #2 ($type) must be ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT or ShmTable\Table::TYPE_STRING
type false => ValueError: ShmTable\Table::column(): Argument #2 ($type) must be ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT or ShmTable\Table::TYPE_STRING
type true => true
type 0 => ValueError: ShmTable\Table::column(): Argument #2 ($type) must be ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT or ShmTable\Table::TYPE_STRING
type -1 => ValueError: ShmTable\Table::column(): Argument #2 ($type) must be ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT or ShmTable\Table::TYPE_STRING
type 1 => true
type PHP_INT_MIN => ValueError: ShmTable\Table::column(): Argument #2 ($type) must be ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT or ShmTable\Table::TYPE_STRING
type PHP_INT_MAX => ValueError: ShmTable\Table::column(): Argument #2 ($type) must be ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT or ShmTable\Table::TYPE_STRING
type 2147483648 => ValueError: ShmTable\Table::column(): Argument #2 ($type) must be ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT or ShmTable\Table::TYPE_STRING
type 2147483647 => ValueError: ShmTable\Table::column(): Argument #2 ($type) must be ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT or ShmTable\Table::TYPE_STRING
type 1.0 => true
    (Deprecated: Implicit conversion from float 1.5 to int loses precision)
type 1.5 => true
type -0.0 => ValueError: ShmTable\Table::column(): Argument #2 ($type) must be ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT or ShmTable\Table::TYPE_STRING
type NAN => TypeError: ShmTable\Table::column(): Argument #2 ($type) must be of type int, float given
type INF => TypeError: ShmTable\Table::column(): Argument #2 ($type) must be of type int, float given
type -INF => TypeError: ShmTable\Table::column(): Argument #2 ($type) must be of type int, float given
type "" => TypeError: ShmTable\Table::column(): Argument #2 ($type) must be of type int, string given
type "7" => ValueError: ShmTable\Table::column(): Argument #2 ($type) must be ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT or ShmTable\Table::TYPE_STRING
type " 7" => ValueError: ShmTable\Table::column(): Argument #2 ($type) must be ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT or ShmTable\Table::TYPE_STRING
type "7.0" => ValueError: ShmTable\Table::column(): Argument #2 ($type) must be ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT or ShmTable\Table::TYPE_STRING
    (Deprecated: Implicit conversion from float-string "7.5" to int loses precision)
type "7.5" => ValueError: ShmTable\Table::column(): Argument #2 ($type) must be ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT or ShmTable\Table::TYPE_STRING
type "7abc" => TypeError: ShmTable\Table::column(): Argument #2 ($type) must be of type int, string given
type "abc" => TypeError: ShmTable\Table::column(): Argument #2 ($type) must be of type int, string given
type "0x1A" => TypeError: ShmTable\Table::column(): Argument #2 ($type) must be of type int, string given
type [] => TypeError: ShmTable\Table::column(): Argument #2 ($type) must be of type int, array given
type [0 => 7] => TypeError: ShmTable\Table::column(): Argument #2 ($type) must be of type int, array given
type stdClass => TypeError: ShmTable\Table::column(): Argument #2 ($type) must be of type int, stdClass given
type Str("7") => TypeError: ShmTable\Table::column(): Argument #2 ($type) must be of type int, Str given
type resource => TypeError: ShmTable\Table::column(): Argument #2 ($type) must be of type int, resource given
--- column('x', TYPE_STRING, $size)
    (Deprecated: ShmTable\Table::column(): Passing null to parameter #3 ($size) of type int is deprecated)
size NULL => ValueError: ShmTable\Table::column(): Argument #3 ($size) must be between 1 and 4194304 for a string column
size false => ValueError: ShmTable\Table::column(): Argument #3 ($size) must be between 1 and 4194304 for a string column
size true => true
size 0 => ValueError: ShmTable\Table::column(): Argument #3 ($size) must be between 1 and 4194304 for a string column
size -1 => ValueError: ShmTable\Table::column(): Argument #3 ($size) must be between 1 and 4194304 for a string column
size 1 => true
size PHP_INT_MIN => ValueError: ShmTable\Table::column(): Argument #3 ($size) must be between 1 and 4194304 for a string column
size PHP_INT_MAX => ValueError: ShmTable\Table::column(): Argument #3 ($size) must be between 1 and 4194304 for a string column
size 2147483648 => ValueError: ShmTable\Table::column(): Argument #3 ($size) must be between 1 and 4194304 for a string column
size 2147483647 => ValueError: ShmTable\Table::column(): Argument #3 ($size) must be between 1 and 4194304 for a string column
size 1.0 => true
    (Deprecated: Implicit conversion from float 1.5 to int loses precision)
size 1.5 => true
size -0.0 => ValueError: ShmTable\Table::column(): Argument #3 ($size) must be between 1 and 4194304 for a string column
size NAN => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, float given
size INF => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, float given
size -INF => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, float given
size "" => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, string given
size "7" => true
size " 7" => true
size "7.0" => true
    (Deprecated: Implicit conversion from float-string "7.5" to int loses precision)
size "7.5" => true
size "7abc" => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, string given
size "abc" => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, string given
size "0x1A" => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, string given
size [] => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, array given
size [0 => 7] => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, array given
size stdClass => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, stdClass given
size Str("7") => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, Str given
size resource => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, resource given
size 4194304 => true
size 4194305 => ValueError: ShmTable\Table::column(): Argument #3 ($size) must be between 1 and 4194304 for a string column
--- column('x', TYPE_INT or TYPE_FLOAT, $size): the size is ignored, but must be an int
int size -1 => true
float size -1 => true
int size PHP_INT_MIN => true
float size PHP_INT_MIN => true
int size PHP_INT_MAX => true
float size PHP_INT_MAX => true
int size NAN => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, float given
float size NAN => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, float given
int size "abc" => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, string given
float size "abc" => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, string given
int size [] => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, array given
float size [] => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, array given
--- create() with an argument of the wrong type
create([]) => TypeError: ShmTable\Table::create(): Argument #1 ($name) must be of type ?string, array given
create(null, []) => TypeError: ShmTable\Table::create(): Argument #2 ($path) must be of type ?string, array given
create(null, null, "rw") => TypeError: ShmTable\Table::create(): Argument #3 ($mode) must be of type int, string given
getMemorySize() after it => 0
