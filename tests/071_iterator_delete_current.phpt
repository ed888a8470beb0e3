--TEST--
Iterator: deleting the current row (or updating rows) inside foreach still visits every row exactly once
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(500);
$t->column('n', Table::TYPE_INT);
$t->create();
for ($i = 0; $i < 500; $i++) {
    $t->set("k$i", ['n' => $i]);
}

echo "-- delete every other current row\n";
$visits = [];
foreach ($t as $k => $row) {
    $visits[$k] = ($visits[$k] ?? 0) + 1;
    if ($row['n'] % 2 === 0) {
        $t->del($k);
    }
}
var_dump(count($visits), max($visits), count($t));
$odd = 0;
foreach ($t as $k => $row) {
    if ($row['n'] % 2 === 1) {
        $odd++;
    }
}
var_dump($odd);

echo "-- unset() the current row through ArrayAccess: table empties\n";
$visits = [];
foreach ($t as $k => $row) {
    $visits[$k] = ($visits[$k] ?? 0) + 1;
    unset($t[$k]);
}
var_dump(count($visits), max($visits), count($t));

echo "-- update every row while iterating: each visited once\n";
for ($i = 0; $i < 500; $i++) {
    $t->set("k$i", ['n' => $i]);
}
$visits = [];
foreach ($t as $k => $row) {
    $visits[$k] = ($visits[$k] ?? 0) + 1;
    $t->incr($k, 'n', 1000);
}
var_dump(count($visits), max($visits));
$min = PHP_INT_MAX;
foreach ($t as $row) {
    $min = min($min, $row['n']);
}
var_dump($min);

echo "-- delete a row not yet visited: others still once\n";
$visits = [];
$deleted = [];
foreach ($t as $k => $row) {
    $visits[$k] = ($visits[$k] ?? 0) + 1;
    // Delete some other row (maybe already visited, maybe not).
    $other = 'k' . (($row['n'] - 1000 + 250) % 500);
    if (!isset($deleted[$other]) && $other !== $k && $t->del($other)) {
        $deleted[$other] = true;
    }
}
$stayed = 0;
$stayedVisited = 0;
for ($i = 0; $i < 500; $i++) {
    if (!isset($deleted["k$i"])) {
        $stayed++;
        if (($visits["k$i"] ?? 0) === 1) {
            $stayedVisited++;
        }
    }
}
var_dump($stayed === $stayedVisited, max($visits), $stayed === count($t));
?>
--EXPECT--
-- delete every other current row
int(500)
int(1)
int(250)
int(250)
-- unset() the current row through ArrayAccess: table empties
int(250)
int(1)
int(0)
-- update every row while iterating: each visited once
int(500)
int(1)
int(1000)
-- delete a row not yet visited: others still once
bool(true)
int(1)
bool(true)
