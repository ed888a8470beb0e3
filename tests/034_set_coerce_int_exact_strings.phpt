--TEST--
set(): an int column takes a numeric string only when it denotes an int64 exactly (read from its digits, never through a float); float columns convert as PHP does
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(8);
$t->column('i', Table::TYPE_INT);
$t->column('f', Table::TYPE_FLOAT);
$t->column('s', Table::TYPE_STRING, 8);
$t->create();
$t->set('k', ['i' => 5, 's' => 'keep']);

echo "-- accepted, exactly\n";
foreach ([
    '9007199254740993.0',         // 2^53 + 1: a float would make it ...992
    '9007199254740993e0',
    '900719925474099.3e1',
    '-9223372036854775808',       // PHP_INT_MIN
    '-9223372036854775808.000',
    '-9.223372036854775808e18',
    '9223372036854775807.0',      // PHP_INT_MAX: a float would be out of range
    '9.223372036854775807e18',
    '12.0',
    '12.000000000000000000000000000000',
    '0000000000000000000000000012',
    '1e3',
    '0.5e1',
    '1250e-1',
    '-0.0',
    '0e99999999999999999999',
    " \t12.0\n",
] as $v) {
    $t->set('k', ['i' => $v]);
    echo json_encode($v), ' -> ';
    var_dump($t->get('k', 'i'));
}

echo "-- refused, row unchanged\n";
$t->set('k', ['i' => 5, 's' => 'keep']);
$before = $t->get('k');
foreach ([
    '-9223372036854775809',        // a float would make it PHP_INT_MIN
    '9223372036854775808',
    '9223372036854775807.5',
    '9.2233720368547758075e18',
    '18446744073709551616',
    '1e19',
    '12.0000000000000001',         // a float would make it 12
    '9007199254740992.5',
    '125e-1',
    '1e-99999999999999999999',
    '.5',
    '0.1',
] as $v) {
    try {
        $t->set('k', ['s' => 'CHANGED', 'i' => $v]);
        echo json_encode($v), ": accepted\n";
    } catch (Throwable $e) {
        echo json_encode($v), ': ', get_class($e), ': ', $e->getMessage(), "\n";
    }
    if ($t->get('k') !== $before) {
        echo "  row changed: ", json_encode($t->get('k')), "\n";
    }
}

echo "-- the same rule in every call that converts a row\n";
$t->set('k', ['i' => 9007199254740993]);
var_dump($t->cmpset('k', ['i' => '9007199254740992.0'], ['s' => 'no']));
var_dump($t->cmpset('k', ['i' => '9007199254740993.0'], ['s' => 'yes']), $t->get('k', 's'));
$t['k'] = ['i' => '-9223372036854775808.0'];
var_dump($t['k']['i'] === PHP_INT_MIN);
try {
    $t->add('new', ['i' => '12.0000000000000001']);
} catch (TypeError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($t->exists('new'));
var_dump($t->cmpdel('k', ['i' => '-9223372036854775807.0']), $t->exists('k'));
var_dump($t->cmpdel('k', ['i' => '-9223372036854775808e0']), $t->exists('k'));
$t->set('k', ['i' => 1]);

echo "-- incr(): \$by is an int|float parameter, so PHP converts a string first; an int column takes only an int\n";
$t->set('k', ['i' => 0]);
foreach (['9007199254740993', '9007199254740993.0', '-9223372036854775809', '12.0000000000000001'] as $v) {
    try {
        echo json_encode($v), ' -> ';
        var_dump($t->incr('k', 'i', $v));
    } catch (TypeError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

echo "-- float columns: PHP's own string-to-float conversion (float is the type)\n";
foreach (['0.1', '9007199254740993', '9007199254740993.0', '1e400', '-0.0'] as $v) {
    $t->set('k', ['f' => $v]);
    echo json_encode($v), ' -> ';
    var_dump($t->get('k', 'f') === (float)$v);
}
?>
--EXPECT--
-- accepted, exactly
"9007199254740993.0" -> int(9007199254740993)
"9007199254740993e0" -> int(9007199254740993)
"900719925474099.3e1" -> int(9007199254740993)
"-9223372036854775808" -> int(-9223372036854775808)
"-9223372036854775808.000" -> int(-9223372036854775808)
"-9.223372036854775808e18" -> int(-9223372036854775808)
"9223372036854775807.0" -> int(9223372036854775807)
"9.223372036854775807e18" -> int(9223372036854775807)
"12.0" -> int(12)
"12.000000000000000000000000000000" -> int(12)
"0000000000000000000000000012" -> int(12)
"1e3" -> int(1000)
"0.5e1" -> int(5)
"1250e-1" -> int(125)
"-0.0" -> int(0)
"0e99999999999999999999" -> int(0)
" \t12.0\n" -> int(12)
-- refused, row unchanged
"-9223372036854775809": TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
"9223372036854775808": TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
"9223372036854775807.5": TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
"9.2233720368547758075e18": TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
"18446744073709551616": TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
"1e19": TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
"12.0000000000000001": TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
"9007199254740992.5": TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
"125e-1": TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
"1e-99999999999999999999": TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
".5": TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
"0.1": TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
-- the same rule in every call that converts a row
bool(false)
bool(true)
string(3) "yes"
bool(true)
TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float with fractional part given
bool(false)
bool(false)
bool(true)
bool(true)
bool(false)
-- incr(): $by is an int|float parameter, so PHP converts a string first; an int column takes only an int
"9007199254740993" -> int(9007199254740993)
"9007199254740993.0" -> TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
"-9223372036854775809" -> TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
"12.0000000000000001" -> TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
-- float columns: PHP's own string-to-float conversion (float is the type)
"0.1" -> bool(true)
"9007199254740993" -> bool(true)
"9007199254740993.0" -> bool(true)
"1e400" -> bool(true)
"-0.0" -> bool(true)
