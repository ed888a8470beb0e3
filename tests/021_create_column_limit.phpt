--TEST--
create(): up to 256 columns; the 257th column() throws ShmTable\Exception
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(4);
for ($i = 0; $i < 256; $i++) {
    $type = [Table::TYPE_INT, Table::TYPE_FLOAT, Table::TYPE_STRING][$i % 3];
    if (!$t->column("c$i", $type, 3)) {
        echo "column c$i refused\n";
    }
}
try {
    $t->column('c256', Table::TYPE_INT);
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($t->create());

$row = [];
for ($i = 0; $i < 256; $i++) {
    $row["c$i"] = [$i, $i + 0.5, (string)$i][$i % 3];
}
var_dump($t->set('k', $row));
$got = $t->get('k');
var_dump(count($got), $got === $row);
var_dump($t->get('k', 'c255'), $t->get('k', 'c254'), $t->get('k', 'c253'));
?>
--EXPECT--
ShmTable\Exception: Table cannot have more than 256 columns
bool(true)
bool(true)
int(256)
bool(true)
int(255)
string(3) "254"
float(253.5)
