--TEST--
destroy() inside foreach: the loop does not crash; the next step that needs the table throws ShmTable\Exception
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(4096);
$t->column('n', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 64);
$t->create();
for ($i = 0; $i < 3000; $i++) {
    $t->set("k$i", ['n' => $i, 's' => str_repeat('x', 64)]);
}
$visited = 0;
try {
    foreach ($t as $k => $row) {
        $visited++;
        if ($visited === 1) {
            $t->destroy();
        }
        if ($row['s'] !== str_repeat('x', 64)) {
            echo "bad row\n";
        }
    }
    echo "loop ended\n";
} catch (ShmTable\Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// Rows buffered before destroy() may still be handed out, but not all 3000.
var_dump($visited >= 1 && $visited < 3000);
try {
    $t->rewind();
} catch (ShmTable\Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
ShmTable\Exception: Table has been destroyed
bool(true)
ShmTable\Exception: Table has been destroyed
