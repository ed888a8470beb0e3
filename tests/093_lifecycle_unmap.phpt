--TEST--
Lifecycle: create() adds one shared mapping; destroy() or dropping the last reference removes it
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!is_readable('/proc/self/maps')) die('skip needs /proc/self/maps'); ?>
--FILE--
<?php
use ShmTable\Table;

// Shared anonymous mappings of the table's size (the kernel shows them as /dev/zero).
function mappings(int $bytes): int {
    $n = 0;
    foreach (file('/proc/self/maps') as $line) {
        if (!preg_match('/^([0-9a-f]+)-([0-9a-f]+) (....)/', $line, $m) || $m[3][3] !== 's') {
            continue;
        }
        $len = hexdec($m[2]) - hexdec($m[1]);
        if ($len >= $bytes && $len < $bytes + 65536) {
            $n++;
        }
    }
    return $n;
}

$t = new Table(30011);
$t->column('s', Table::TYPE_STRING, 77);
$t->create();
$bytes = $t->getMemorySize();
echo 'after create: ', mappings($bytes), "\n";
$t->destroy();
echo 'after destroy: ', mappings($bytes), "\n";

$u = new Table(30011);
$u->column('s', Table::TYPE_STRING, 77);
$u->create();
echo 'after create: ', mappings($bytes), "\n";
unset($u);
echo 'after unset: ', mappings($bytes), "\n";

$v = new Table(30011);
$v->column('s', Table::TYPE_STRING, 77);
$v->create();
$w = $v;   // a second reference to the same object
unset($v);
echo 'one reference left: ', mappings($bytes), "\n";
$w = null;
echo 'none left: ', mappings($bytes), "\n";
?>
--EXPECT--
after create: 1
after destroy: 0
after create: 1
after unset: 0
one reference left: 1
none left: 0
