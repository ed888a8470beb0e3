--TEST--
Iterator: foreach by reference is an Error; yield from, iterator_to_array and a loop that empties and refills the table
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(8);
$t->column('n', Table::TYPE_INT);
$t->create();
$t->set('a', ['n' => 1]);
$t->set('b', ['n' => 2]);

try {
    foreach ($t as $k => &$row) {
        $row['n'] = 5;
    }
    echo "by reference: no exception\n";
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($t->get('a', 'n'));

function keys(Table $t): Generator {
    yield from $t;
}
$ks = array_keys(iterator_to_array(keys($t)));
sort($ks);
var_dump($ks);

// Break out of a loop and start again: a fresh loop sees everything.
foreach ($t as $k => $row) {
    break;
}
$n = 0;
foreach ($t as $k => $row) {
    $n++;
}
var_dump($n);

// A table emptied and refilled between loops.
$t->del('a');
$t->del('b');
$n = 0;
foreach ($t as $row) {
    $n++;
}
var_dump($n);
for ($i = 0; $i < 8; $i++) {
    $t->set("r$i", ['n' => $i]);
}
$sum = 0;
foreach ($t as $row) {
    $sum += $row['n'];
}
var_dump($sum);
?>
--EXPECT--
Error: An iterator cannot be used with foreach by reference
int(1)
array(2) {
  [0]=>
  string(1) "a"
  [1]=>
  string(1) "b"
}
int(2)
int(0)
int(28)
