--TEST--
set(): an int column takes what a typed int property takes, never with loss; refusals write nothing
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(8);
$t->column('i', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 8);
$t->create();
$t->set('k', ['i' => 5, 's' => 'keep']);

echo "-- accepted\n";
foreach ([
    'int 12' => 12,
    'string "12"' => "12",
    'string "-7"' => "-7",
    'float 1.0' => 1.0,
    'float -0.0' => -0.0,
    'float 2^53' => 9007199254740992.0,
    'true' => true,
    'false' => false,
    'string "1e3"' => "1e3",
    'string "9223372036854775807"' => "9223372036854775807",
    'PHP_INT_MIN' => PHP_INT_MIN,
] as $label => $v) {
    $t->set('k', ['i' => $v]);
    echo $label, ' -> ';
    var_dump($t->get('k', 'i'));
}

echo "-- refused\n";
$t->set('k', ['i' => 5]);
$before = $t->get('k');
var_dump($before);
$cases = [
    'float 1.5' => 1.5,
    'float -0.5' => -0.5,
    'float 1e20' => 1e20,
    'float -1e20' => -1e20,
    'float 2^63' => 9223372036854775808.0,
    'string "abc"' => "abc",
    'string ""' => "",
    'null' => null,
    'array' => [],
    'array [1]' => [1],
];
foreach ($cases as $label => $v) {
    try {
        $t->set('k', ['s' => 'CHANGED', 'i' => $v]);
        echo $label, ": accepted\n";
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), ': ', $e->getMessage(), "\n";
    }
    if ($t->get('k') !== $before) {
        echo "  row changed: ", json_encode($t->get('k')), "\n";
    }
}
// Refused, message not fixed by the contract: print the class only.
$cases = [
    'string "1.5"' => "1.5",
    'string "12abc"' => "12abc",
    'string "1e100"' => "1e100",
    'float NAN' => NAN,
    'float INF' => INF,
    'object' => new stdClass,
];
foreach ($cases as $label => $v) {
    try {
        $t->set('k', ['s' => 'CHANGED', 'i' => $v]);
        echo $label, ": accepted\n";
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), "\n";
    }
    if ($t->get('k') !== $before) {
        echo "  row changed: ", json_encode($t->get('k')), "\n";
    }
}
// Refused on a new key: no row is created.
try {
    $t->set('new', ['i' => 1.5]);
} catch (TypeError $e) {
    echo "new key: TypeError\n";
}
var_dump($t->exists('new'), count($t));
var_dump($t->get('k'));
?>
--EXPECT--
-- accepted
int 12 -> int(12)
string "12" -> int(12)
string "-7" -> int(-7)
float 1.0 -> int(1)
float -0.0 -> int(0)
float 2^53 -> int(9007199254740992)
true -> int(1)
false -> int(0)
string "1e3" -> int(1000)
string "9223372036854775807" -> int(9223372036854775807)
PHP_INT_MIN -> int(-9223372036854775808)
-- refused
array(2) {
  ["i"]=>
  int(5)
  ["s"]=>
  string(4) "keep"
}
float 1.5: TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
float -0.5: TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
float 1e20: TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
float -1e20: TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
float 2^63: TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
string "abc": TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
string "": TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
null: TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, null given
array: TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, array given
array [1]: TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, array given
string "1.5": TypeError
string "12abc": TypeError
string "1e100": TypeError
float NAN: TypeError
float INF: TypeError
object: TypeError
new key: TypeError
bool(false)
int(1)
array(2) {
  ["i"]=>
  int(5)
  ["s"]=>
  string(4) "keep"
}
