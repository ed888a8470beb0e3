--TEST--
Table cannot be cloned, serialized or unserialized, takes no dynamic properties, and its constructor runs once
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(8);
$t->column('n', Table::TYPE_INT);
$t->create();
$t->set('a', ['n' => 1]);

try {
    $c = clone $t;
    echo "cloned\n";
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// PHP's not-serializable flag throws Exception (API.md says Error): only the messages are checked.
try {
    serialize($t);
    echo "serialized\n";
} catch (Throwable $e) {
    echo $e->getMessage(), "\n";
}
try {
    serialize([$t]);
    echo "serialized\n";
} catch (Throwable $e) {
    echo $e->getMessage(), "\n";
}
try {
    unserialize('O:14:"ShmTable\Table":0:{}');
    echo "unserialized\n";
} catch (Throwable $e) {
    echo $e->getMessage(), "\n";
}
try {
    $t->x = 1;
    echo "dynamic property set\n";
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(property_exists($t, 'x'));
try {
    $t->__construct(16);
    echo "constructed twice\n";
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// The failed second construction changed nothing.
var_dump($t->getSize(), $t->get('a', 'n'));

$u = new Table(8);
try {
    $u->__construct(16);
    echo "constructed twice\n";
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($u->getSize());

// Subclassing is impossible: the class is final.
var_dump((new ReflectionClass($t))->isFinal());
?>
--EXPECT--
Error: Trying to clone an uncloneable object of class ShmTable\Table
Serialization of 'ShmTable\Table' is not allowed
Serialization of 'ShmTable\Table' is not allowed
Unserialization of 'ShmTable\Table' is not allowed
Error: Cannot create dynamic property ShmTable\Table::$x
bool(false)
Error: Cannot call constructor twice
int(8)
int(1)
Error: Cannot call constructor twice
int(8)
bool(true)
