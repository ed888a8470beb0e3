--TEST--
Iterator: nested foreach loops over the same table are independent (3 rows give 9 pairs)
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(16);
$t->column('n', Table::TYPE_INT);
$t->create();
foreach (['a' => 1, 'b' => 2, 'c' => 3] as $k => $n) {
    $t->set($k, ['n' => $n]);
}

$pairs = [];
foreach ($t as $k1 => $r1) {
    foreach ($t as $k2 => $r2) {
        $pairs[] = "$k1$k2";
    }
}
sort($pairs);
echo count($pairs), ': ', implode(' ', $pairs), "\n";

// Three levels, and breaking out of an inner loop.
$n = 0;
foreach ($t as $k1 => $r1) {
    foreach ($t as $k2 => $r2) {
        foreach ($t as $k3 => $r3) {
            $n++;
        }
    }
}
var_dump($n);
$outer = 0;
$inner = 0;
foreach ($t as $k1 => $r1) {
    $outer++;
    foreach ($t as $k2 => $r2) {
        $inner++;
        break;
    }
}
var_dump($outer, $inner);

// Two generators interleaving over the same table.
function rows(Table $t): Generator {
    foreach ($t as $k => $row) {
        yield $k => $row['n'];
    }
}
$g1 = rows($t);
$g2 = rows($t);
$out = [];
while ($g1->valid() || $g2->valid()) {
    if ($g1->valid()) {
        $out[] = '1' . $g1->key();
        $g1->next();
    }
    if ($g2->valid()) {
        $out[] = '2' . $g2->key();
        $g2->next();
    }
}
sort($out);
echo implode(' ', $out), "\n";
?>
--EXPECT--
9: aa ab ac ba bb bc ca cb cc
int(27)
int(3)
int(3)
1a 1b 1c 2a 2b 2c
