--TEST--
count(int $mode): COUNT_NORMAL and COUNT_RECURSIVE both count rows (Swoole\Table takes a mode too); any other mode is a ValueError, as for PHP's count(), and reads nothing
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(16);
$t->column('n', Table::TYPE_INT);
$t->create();
foreach (['a', 'b', 'c'] as $i => $k) {
    $t->set($k, ['n' => $i]);
}
var_dump($t->count(), $t->count(COUNT_NORMAL), $t->count(COUNT_RECURSIVE), $t->count(mode: COUNT_RECURSIVE), count($t), count($t, COUNT_RECURSIVE));
foreach ([2, -1, PHP_INT_MAX] as $bad) {
    try {
        $t->count($bad);
        echo "no exception for $bad\n";
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    $t->count('x');
} catch (TypeError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$t->del('a');
var_dump($t->count(COUNT_RECURSIVE));
$t->destroy();
try {
    $t->count(COUNT_NORMAL);
} catch (ShmTable\Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
int(3)
int(3)
int(3)
int(3)
int(3)
int(3)
ValueError: ShmTable\Table::count(): Argument #1 ($mode) must be either COUNT_NORMAL or COUNT_RECURSIVE
ValueError: ShmTable\Table::count(): Argument #1 ($mode) must be either COUNT_NORMAL or COUNT_RECURSIVE
ValueError: ShmTable\Table::count(): Argument #1 ($mode) must be either COUNT_NORMAL or COUNT_RECURSIVE
TypeError: ShmTable\Table::count(): Argument #1 ($mode) must be of type int, string given
int(2)
ShmTable\Exception: Table has been destroyed
