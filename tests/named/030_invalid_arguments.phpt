--TEST--
named: invalid names, name and path together, bad modes and paths are ValueErrors that change nothing
--EXTENSIONS--
shmtable
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

$bad = ['', '.', '..', '.hidden', 'a/b', '../etc', 'sp ace', "nul\0byte", 'tab\t', 'é',
        str_repeat('n', 201)];
foreach ($bad as $n) {
    $t = named_table();
    named_try(fn() => $t->create(name: $n));
    named_try(fn() => Table::attach($n));
    named_try(fn() => Table::unlink($n));
}
echo "-- 200 bytes is the longest name\n";
$long = substr(named_unique('') . str_repeat('x', 200), 0, 200);
$t = named_table();
named_try(fn() => $t->create(name: $long));
var_dump(Table::unlink($long));

echo "-- name and path\n";
$t = named_table();
named_try(fn() => $t->create(name: 'a', path: '/tmp/a'));
named_try(fn() => Table::attach('a', '/tmp/a'));
named_try(fn() => Table::attach());
named_try(fn() => Table::attach(null, null));
echo "-- path\n";
named_try(fn() => $t->create(path: ''));
named_try(fn() => $t->create(path: "/tmp/a\0b"));
named_try(fn() => Table::attach(path: ''));
echo "-- mode\n";
named_try(fn() => $t->create(name: named_unique('m'), mode: -1));
named_try(fn() => $t->create(name: named_unique('m'), mode: 01000));
named_try(fn() => $t->create(path: named_path('m'), mode: 0x7fffffff));
var_dump(file_exists('/dev/shm/shmtable.' . named_unique('m')), file_exists(named_path('m')));
echo "-- the object is still usable\n";
var_dump($t->create(), $t->stats()['opened']);
named_try(fn() => Table::unlink(...[]));
?>
--EXPECT--
ValueError: ShmTable\Table::create(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::attach(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::unlink(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::create(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::attach(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::unlink(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::create(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::attach(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::unlink(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::create(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::attach(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::unlink(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::create(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::attach(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::unlink(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::create(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::attach(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::unlink(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::create(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::attach(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::unlink(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::create(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::attach(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::unlink(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::create(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::attach(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::unlink(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::create(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::attach(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::unlink(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::create(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::attach(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
ValueError: ShmTable\Table::unlink(): Argument #1 ($name) must be 1 to 200 bytes of letters, digits, '.', '_' and '-', not starting with '.'
-- 200 bytes is the longest name
ok: true
bool(true)
-- name and path
ValueError: ShmTable\Table::create(): Argument #1 ($name) and argument #2 ($path) cannot both be given
ValueError: ShmTable\Table::attach(): Argument #1 ($name) and argument #2 ($path) cannot both be given
ValueError: ShmTable\Table::attach(): Argument #1 ($name) or argument #2 ($path) must be given
ValueError: ShmTable\Table::attach(): Argument #1 ($name) or argument #2 ($path) must be given
-- path
ValueError: ShmTable\Table::create(): Argument #2 ($path) must not be empty
ValueError: ShmTable\Table::create(): Argument #2 ($path) must not contain any null bytes
ValueError: ShmTable\Table::attach(): Argument #2 ($path) must not be empty
-- mode
ValueError: ShmTable\Table::create(): Argument #3 ($mode) must be between 0 and 0777
ValueError: ShmTable\Table::create(): Argument #3 ($mode) must be between 0 and 0777
ValueError: ShmTable\Table::create(): Argument #3 ($mode) must be between 0 and 0777
bool(false)
bool(false)
-- the object is still usable
bool(true)
string(9) "anonymous"
ArgumentCountError: ShmTable\Table::unlink() expects exactly 1 argument, 0 given
