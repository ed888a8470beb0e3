--TEST--
named: a column name with a NUL byte is refused by column(), so that no named or file table is created that could never be opened again
--EXTENSIONS--
shmtable
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

$name = named_unique('nulcol');
$path = named_path('nulcol');
Table::unlink($name);
@unlink($path);

foreach (["x\0y", "\0", "x\0", "\0x"] as $col) {
    foreach (['name' => $name, 'path' => $path] as $kind => $where) {
        $t = new Table(8);
        $t->column('n', Table::TYPE_INT);
        named_try(fn() => $t->column($col, Table::TYPE_INT));
        // Whatever column() said, the table it leads to opens again.
        named_try(fn() => $kind === 'name' ? $t->create(name: $where) : $t->create(path: $where));
        $t->set('k', ['n' => 1]);
        named_try(fn() => count($kind === 'name' ? Table::attach(name: $where) : Table::attach(path: $where)));
        echo named_php('$t = ' . ($kind === 'name' ? 'ShmTable\Table::attach(name: $argv[1])'
                                                  : 'ShmTable\Table::attach(path: $argv[1])')
                       . '; echo "other process: ", count($t), "\n";', [$where]);
        unset($t);
        Table::unlink($name);
        @unlink($path);
    }
}
// Anonymous tables too: one rule for every table.
$t = new Table(8);
named_try(fn() => $t->column("a\0b", Table::TYPE_STRING, 4));
named_try(fn() => $t->column("ab", Table::TYPE_STRING, 4));
?>
--EXPECT--
ValueError: ShmTable\Table::column(): Argument #1 ($name) must not contain any null bytes
ok: true
ok: 1
other process: 1
ValueError: ShmTable\Table::column(): Argument #1 ($name) must not contain any null bytes
ok: true
ok: 1
other process: 1
ValueError: ShmTable\Table::column(): Argument #1 ($name) must not contain any null bytes
ok: true
ok: 1
other process: 1
ValueError: ShmTable\Table::column(): Argument #1 ($name) must not contain any null bytes
ok: true
ok: 1
other process: 1
ValueError: ShmTable\Table::column(): Argument #1 ($name) must not contain any null bytes
ok: true
ok: 1
other process: 1
ValueError: ShmTable\Table::column(): Argument #1 ($name) must not contain any null bytes
ok: true
ok: 1
other process: 1
ValueError: ShmTable\Table::column(): Argument #1 ($name) must not contain any null bytes
ok: true
ok: 1
other process: 1
ValueError: ShmTable\Table::column(): Argument #1 ($name) must not contain any null bytes
ok: true
ok: 1
other process: 1
ValueError: ShmTable\Table::column(): Argument #1 ($name) must not contain any null bytes
ok: true
