--TEST--
Re-entrancy: __toString() of a value may write to the table or destroy() it; set() then behaves, nothing crashes
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

class Hook {
    public function __construct(private Closure $f, private string $s) {}
    public function __toString(): string { ($this->f)(); return $this->s; }
}

$t = new Table(8);
$t->column('n', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 8);
$t->create();
$t->set('k', ['n' => 1, 's' => 'one']);

echo "-- __toString writes to the same table\n";
$v = new Hook(function () use ($t) {
    $t->set('other', ['n' => 2, 's' => 'inner']);
    $t->incr('k', 'n', 10);
}, 'outer');
var_dump($t->set('k', ['s' => $v]));
// The outer set() named only 's': 'n' keeps the inner incr().
var_dump($t->get('k'), $t->get('other', 's'));

echo "-- __toString deletes the row being set\n";
$v = new Hook(fn() => $t->del('k'), 'again');
var_dump($t->set('k', ['s' => $v]));
var_dump($t->get('k'));

echo "-- __toString destroys the table\n";
$v = new Hook(fn() => $t->destroy(), 'gone');
try {
    $t->set('k', ['s' => $v, 'n' => 5]);
    echo "no exception\n";
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    $t->get('k');
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$t2 = new Table(8);
$t2->column('s', Table::TYPE_STRING, 8);
$t2->create();
$v = new Hook(fn() => $t2->destroy(), 'gone');
foreach (['add' => fn() => $t2->add('x', ['s' => $v]),
          'cmpset' => fn() => $t2->cmpset('x', ['s' => $v], ['s' => 'y']),
          '$t[k] =' => function () use ($t2, $v) { $t2['x'] = ['s' => $v]; }] as $label => $f) {
    try {
        $f();
        echo "$label: no exception\n";
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
-- __toString writes to the same table
bool(true)
array(2) {
  ["n"]=>
  int(11)
  ["s"]=>
  string(5) "outer"
}
string(5) "inner"
-- __toString deletes the row being set
bool(true)
array(2) {
  ["n"]=>
  int(0)
  ["s"]=>
  string(5) "again"
}
-- __toString destroys the table
ShmTable\Exception: Table has been destroyed
ShmTable\Exception: Table has been destroyed
add: ShmTable\Exception: Table has been destroyed
cmpset: ShmTable\Exception: Table has been destroyed
$t[k] =: ShmTable\Exception: Table has been destroyed
