--TEST--
Iterator: foreach visits every row exactly once with its key; an empty table yields nothing
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(1000);
$t->column('n', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 16);
$t->create();

echo "-- empty\n";
$n = 0;
foreach ($t as $k => $row) {
    $n++;
}
var_dump($n);

echo "-- three rows\n";
$t->set('a', ['n' => 1, 's' => 'x']);
$t->set("b\0", ['n' => 2, 's' => 'y']);
$t->set('7', ['n' => 3, 's' => 'z']);
$seen = [];
foreach ($t as $k => $row) {
    $seen[] = [$k, $row];
}
usort($seen, fn($x, $y) => $x[1]['n'] <=> $y[1]['n']);
foreach ($seen as [$k, $row]) {
    echo gettype($k), ' ', bin2hex($k), ' => ', json_encode($row), "\n";
}

echo "-- 1000 rows, each exactly once\n";
foreach ($seen as [$k, $row]) {
    $t->del($k);
}
for ($i = 0; $i < 1000; $i++) {
    $t->set("key$i", ['n' => $i, 's' => "v$i"]);
}
var_dump(count($t));
$visits = [];
$bad = 0;
foreach ($t as $k => $row) {
    $visits[$k] = ($visits[$k] ?? 0) + 1;
    if ($row !== $t->get($k)) {
        $bad++;
    }
}
var_dump(count($visits), max($visits), $bad);
$missing = 0;
for ($i = 0; $i < 1000; $i++) {
    if (!isset($visits["key$i"])) {
        $missing++;
    }
}
var_dump($missing);

echo "-- values only\n";
$sum = 0;
foreach ($t as $row) {
    $sum += $row['n'];
}
var_dump($sum);

echo "-- iterator_to_array and iterator_count\n";
$arr = iterator_to_array($t);
var_dump(count($arr), $arr['key999']);
var_dump(iterator_count($t));
?>
--EXPECT--
-- empty
int(0)
-- three rows
string 61 => {"n":1,"s":"x"}
string 6200 => {"n":2,"s":"y"}
string 37 => {"n":3,"s":"z"}
-- 1000 rows, each exactly once
int(1000)
int(1000)
int(1)
int(0)
int(0)
-- values only
int(499500)
-- iterator_to_array and iterator_count
int(1000)
array(2) {
  ["n"]=>
  int(999)
  ["s"]=>
  string(4) "v999"
}
int(1000)
