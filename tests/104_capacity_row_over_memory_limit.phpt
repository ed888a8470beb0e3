--TEST--
Capacity: a definition whose row cannot be copied within memory_limit (256 string columns of 1 MiB under 128M) is refused at create() with a ShmTable\Exception, not a fatal error
--EXTENSIONS--
shmtable
--INI--
memory_limit=128M
--FILE--
<?php
use ShmTable\Table;

function attempt(string $label, callable $f): void {
    try {
        $r = $f();
        echo $label, ': ', var_export($r, true), "\n";
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), ': ', $e->getMessage(), "\n";
    }
}

echo "-- the largest legal row under memory_limit=128M: 256 string columns of 1 MiB\n";
$t = new Table(4);
for ($i = 0; $i < 256; $i++) {
    $t->column("c$i", Table::TYPE_STRING, 1048576);
}
$name = 'phpt-' . getmypid() . '-bigrows';
attempt('create()', fn() => $t->create());
attempt('create(name:)', fn() => $t->create(name: $name));
var_dump($t->getMemorySize(), file_exists("/dev/shm/shmtable.$name"));
// The refused create() left the object as it was: with room, it works.
ini_set('memory_limit', '300M');
attempt('create() with memory_limit=300M', fn() => $t->create());
attempt('count', fn() => count($t));
?>
--EXPECT--
-- the largest legal row under memory_limit=128M: 256 string columns of 1 MiB
create(): ShmTable\Exception: Table rows would take 268436560 bytes, and a copy of one (get(), foreach) would not fit in memory_limit (134217728 bytes); declare smaller string columns or raise memory_limit
create(name:): ShmTable\Exception: Table rows would take 268436560 bytes, and a copy of one (get(), foreach) would not fit in memory_limit (134217728 bytes); declare smaller string columns or raise memory_limit
int(0)
bool(false)
create() with memory_limit=300M: true
count: 0
