--TEST--
set(): a float column takes float, int, bool and numeric strings; anything else is a TypeError that writes nothing
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(8);
$t->column('f', Table::TYPE_FLOAT);
$t->column('n', Table::TYPE_INT);
$t->create();
$t->set('k', ['f' => 0.5, 'n' => 9]);

echo "-- accepted\n";
foreach ([
    'float 2.5' => 2.5,
    'int 3' => 3,
    'int -3' => -3,
    'string "2.5"' => "2.5",
    'string "7"' => "7",
    'string "-1e3"' => "-1e3",
    'true' => true,
    'false' => false,
    '-INF' => -INF,
] as $label => $v) {
    $t->set('k', ['f' => $v]);
    echo $label, ' -> ';
    var_dump($t->get('k', 'f'));
}
$t->set('k', ['f' => PHP_INT_MAX]);
echo 'PHP_INT_MAX -> ';
var_dump($t->get('k', 'f') === (float)PHP_INT_MAX);

echo "-- refused\n";
$t->set('k', ['f' => 0.5]);
$before = $t->get('k');
var_dump($before);
foreach ([
    'string "abc"' => "abc",
    'string ""' => "",
    'null' => null,
    'array' => ['x' => 1.0],
] as $label => $v) {
    try {
        $t->set('k', ['n' => 100, 'f' => $v]);
        echo $label, ": accepted\n";
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), ': ', $e->getMessage(), "\n";
    }
    if ($t->get('k') !== $before) {
        echo "  row changed: ", json_encode($t->get('k')), "\n";
    }
}
foreach ([
    'string "2.5abc"' => "2.5abc",
    'object' => new ArrayObject([]),
] as $label => $v) {
    try {
        $t->set('k', ['n' => 100, 'f' => $v]);
        echo $label, ": accepted\n";
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), "\n";
    }
    if ($t->get('k') !== $before) {
        echo "  row changed: ", json_encode($t->get('k')), "\n";
    }
}
var_dump($t->get('k'));
?>
--EXPECT--
-- accepted
float 2.5 -> float(2.5)
int 3 -> float(3)
int -3 -> float(-3)
string "2.5" -> float(2.5)
string "7" -> float(7)
string "-1e3" -> float(-1000)
true -> float(1)
false -> float(0)
-INF -> float(-INF)
PHP_INT_MAX -> bool(true)
-- refused
array(2) {
  ["f"]=>
  float(0.5)
  ["n"]=>
  int(9)
}
string "abc": TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
string "": TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
null: TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, null given
array: TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, array given
string "2.5abc": TypeError
object: TypeError
array(2) {
  ["f"]=>
  float(0.5)
  ["n"]=>
  int(9)
}
