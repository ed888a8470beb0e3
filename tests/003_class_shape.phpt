--TEST--
Class shape: final Table implementing ArrayAccess, Iterator, Countable; constants; exception hierarchy
--EXTENSIONS--
shmtable
--FILE--
<?php
$rc = new ReflectionClass(ShmTable\Table::class);
var_dump($rc->isFinal());
var_dump($rc->implementsInterface(ArrayAccess::class));
var_dump($rc->implementsInterface(Iterator::class));
var_dump($rc->implementsInterface(Countable::class));
var_dump($rc->implementsInterface(Traversable::class));
var_dump(ShmTable\Table::TYPE_INT, ShmTable\Table::TYPE_FLOAT, ShmTable\Table::TYPE_STRING);

$ex = new ReflectionClass(ShmTable\Exception::class);
var_dump($ex->getParentClass()->getName());
var_dump($ex->isFinal());
$full = new ReflectionClass(ShmTable\FullException::class);
var_dump($full->getParentClass()->getName());
var_dump($full->isFinal());
var_dump(new ShmTable\FullException('x') instanceof RuntimeException);

$methods = ['__construct', 'column', 'create', 'set', 'get', 'exists', 'exist', 'del',
    'delete', 'incr', 'decr', 'add', 'update', 'getdel', 'cmpset', 'cmpdel', 'count',
    'getSize', 'getMemorySize', 'stats', 'destroy', 'offsetGet', 'offsetSet',
    'offsetExists', 'offsetUnset', 'rewind', 'valid', 'current', 'key', 'next'];
foreach ($methods as $m) {
    if (!$rc->hasMethod($m) || !$rc->getMethod($m)->isPublic()) {
        echo "missing public method $m\n";
    }
}

// Signatures the contract spells out.
$ctor = $rc->getMethod('__construct');
foreach ($ctor->getParameters() as $p) {
    echo $p->getPosition(), ' ', $p->getName(), ' ', $p->getType(), ' ',
        $p->isOptional() ? 'optional' : 'required', "\n";
}
echo $rc->getMethod('get')->getReturnType(), "\n";
echo $rc->getMethod('incr')->getReturnType(), "\n";

// Not instantiable without running the constructor (internal final class).
try {
    $rc->newInstanceWithoutConstructor();
    echo "instantiated without constructor\n";
} catch (ReflectionException $e) {
    echo "ReflectionException\n";
}
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
int(1)
int(2)
int(3)
string(16) "RuntimeException"
bool(false)
string(18) "ShmTable\Exception"
bool(true)
bool(true)
0 table_size int required
1 conflict_proportion float optional
2 max_key_length int optional
3 evict int optional
array|string|int|float|false
array|int|float
ReflectionException
