--TEST--
Iterator: rows with large strings (up to 1 MiB, several per hash chain) are all visited whole
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(16);
$t->column('n', Table::TYPE_INT);
$t->column('blob', Table::TYPE_STRING, 1048576);
$t->create();

function blob(int $i): string {
    return str_repeat(chr(97 + $i), 1048576 - $i * 1000);
}
for ($i = 0; $i < 16; $i++) {
    $t->set("b$i", ['n' => $i, 'blob' => blob($i)]);
}
$seen = [];
$whole = 0;
foreach ($t as $k => $row) {
    $seen[$k] = ($seen[$k] ?? 0) + 1;
    if ($row['blob'] === blob($row['n']) && $k === "b{$row['n']}") {
        $whole++;
    }
}
var_dump(count($seen), max($seen), $whole);
var_dump($t->stats()['max_chain'] >= 1);
// Nested loops over large rows too.
$pairs = 0;
foreach ($t as $r1) {
    foreach ($t as $r2) {
        $pairs++;
    }
}
var_dump($pairs);
?>
--EXPECT--
int(16)
int(1)
int(16)
bool(true)
int(256)
