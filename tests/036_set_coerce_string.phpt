--TEST--
set(): a string column takes string, int, float, bool and Stringable; null, array and other objects are TypeErrors
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

class Name implements Stringable {
    public function __construct(private string $s) {}
    public function __toString(): string { return $this->s; }
}
class Implicit {
    public function __toString(): string { return "implicit"; }
}
class Boom {
    public function __toString(): string { throw new RuntimeException('boom'); }
}

$t = new Table(8);
$t->column('s', Table::TYPE_STRING, 24);
$t->column('n', Table::TYPE_INT);
$t->create();
$t->set('k', ['s' => 'x', 'n' => 1]);

echo "-- accepted\n";
foreach ([
    'int 12' => 12,
    'int -5' => -5,
    'float 1.5' => 1.5,
    'float 0.1' => 0.1,
    'float 1e25' => 1e25,
    'float -0.0' => -0.0,
    'true' => true,
    'false' => false,
    'Stringable' => new Name("bob\0!"),
    '__toString' => new Implicit,
] as $label => $v) {
    $t->set('k', ['s' => $v]);
    $got = $t->get('k', 's');
    echo $label, ' -> ', gettype($got), ' ', json_encode($got), "\n";
}

echo "-- refused\n";
$t->set('k', ['s' => 'keep']);
$before = $t->get('k');
foreach (['null' => null, 'array' => ['a']] as $label => $v) {
    try {
        $t->set('k', ['n' => 100, 's' => $v]);
        echo $label, ": accepted\n";
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), ': ', $e->getMessage(), "\n";
    }
    if ($t->get('k') !== $before) {
        echo "  row changed: ", json_encode($t->get('k')), "\n";
    }
}
try {
    $t->set('k', ['n' => 100, 's' => new stdClass]);
    echo "stdClass: accepted\n";
} catch (Throwable $e) {
    echo 'stdClass: ', get_class($e), "\n";
}
if ($t->get('k') !== $before) {
    echo "  row changed: ", json_encode($t->get('k')), "\n";
}
// An exception thrown by __toString() propagates and nothing is written.
try {
    $t->set('k', ['n' => 100, 's' => new Boom]);
    echo "Boom: accepted\n";
} catch (Throwable $e) {
    echo 'Boom: ', get_class($e), ': ', $e->getMessage(), "\n";
}
if ($t->get('k') !== $before) {
    echo "  row changed: ", json_encode($t->get('k')), "\n";
}
// A Stringable whose string is too long is a ValueError.
try {
    $t->set('k', ['n' => 100, 's' => new Name(str_repeat('l', 25))]);
} catch (Throwable $e) {
    echo 'long Stringable: ', get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($t->get('k'));
?>
--EXPECT--
-- accepted
int 12 -> string "12"
int -5 -> string "-5"
float 1.5 -> string "1.5"
float 0.1 -> string "0.1"
float 1e25 -> string "1.0E+25"
float -0.0 -> string "-0"
true -> string "1"
false -> string ""
Stringable -> string "bob\u0000!"
__toString -> string "implicit"
-- refused
null: TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, null given
array: TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, array given
stdClass: TypeError
Boom: RuntimeException: boom
long Stringable: ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 24 bytes, 25 given
array(2) {
  ["s"]=>
  string(4) "keep"
  ["n"]=>
  int(1)
}
