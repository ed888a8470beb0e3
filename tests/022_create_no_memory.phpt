--TEST--
create(): when the shared memory cannot be mapped, ShmTable\Exception names the bytes asked for
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

// 2^31-1 rows of a 1 MiB string and 1 KiB keys: about 2^51 bytes, more than any
// address space this can run on.
$t = new Table(2147483647, max_key_length: 1024);
$t->column('blob', Table::TYPE_STRING, 1048576);
try {
    $t->create();
    echo "created\n";
} catch (Throwable $e) {
    echo get_class($e), "\n";
    var_dump((bool)preg_match('/^Cannot map (\d+) bytes of shared memory: \S.*$/', $e->getMessage(), $m));
    // At least rows * (key + string) bytes were asked for.
    var_dump(isset($m[1]) && (float)$m[1] >= 2147483647 * (1024 + 1048576));
}
// Still not created: getMemorySize() is 0 and use throws "not created".
var_dump($t->getMemorySize());
try {
    $t->get('k');
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
ShmTable\Exception
bool(true)
bool(true)
int(0)
ShmTable\Exception: Table has not been created; call create() first
