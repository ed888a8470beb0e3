--TEST--
getSize() is the declared size at any time; getMemorySize() is 0 until create(), then the mapped bytes
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(1000);
var_dump($t->getSize(), $t->getMemorySize());
$t->column('n', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 64);
var_dump($t->getSize(), $t->getMemorySize());
var_dump($t->create());
var_dump($t->getSize());
$m = $t->getMemorySize();
var_dump(is_int($m), $m > 0);
var_dump($m === $t->stats()['memory_size']);
// Room for 1000 rows of (8-byte int + 64-byte string + 63-byte key) at the very least.
var_dump($m >= 1000 * (8 + 64 + 63));
// Writing rows does not change the mapping size.
for ($i = 0; $i < 100; $i++) {
    $t->set("k$i", ['n' => $i]);
}
var_dump($t->getMemorySize() === $m, $t->getSize());

// A bigger table maps more memory.
$u = new Table(100000);
$u->column('n', Table::TYPE_INT);
$u->column('s', Table::TYPE_STRING, 64);
$u->create();
var_dump($u->getMemorySize() > $m);
var_dump($u->getSize());

// Conflict proportion does not change the capacity.
$v = new Table(128, 1);
$v->column('n', Table::TYPE_INT);
$v->create();
var_dump($v->getSize());
?>
--EXPECT--
int(1000)
int(0)
int(1000)
int(0)
bool(true)
int(1000)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
int(1000)
bool(true)
int(100000)
int(128)
