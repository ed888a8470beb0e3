--TEST--
named: objects and files are created with mode 0600 or $mode; the umask can only narrow it; create() refuses this user's table of a wider mode than asked
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('posix_geteuid')) die('skip posix required');
?>
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

$old = umask(0);
foreach ([null, 0640, 0666, 0] as $mode) {
    $name = named_unique('perm');
    $path = named_path('perm');
    Table::unlink($name);
    @unlink($path);
    $t = named_table();
    $mode === null ? $t->create(name: $name) : $t->create(name: $name, mode: $mode);
    $f = named_table();
    $mode === null ? $f->create(path: $path) : $f->create(path: $path, mode: $mode);
    clearstatcache();
    printf("mode %s: object %o, file %o\n", $mode === null ? 'default' : sprintf('%o', $mode),
        fileperms("/dev/shm/shmtable.$name") & 0777, fileperms($path) & 0777);
    Table::unlink($name);
    unlink($path);
}
umask(077);
$name = named_unique('perm');
$t = named_table();
$t->create(name: $name, mode: 0644);
clearstatcache();
printf("umask 077, mode 644: object %o\n", fileperms("/dev/shm/shmtable.$name") & 0777);
umask($old);

var_dump(Table::unlink($name));

// This user's own table, of a wider mode than create() asks: refused, both
// when this process maps it already and in a new process; asking for that
// mode or a wider one opens it.
umask(022);
$name = named_unique('wide');
$t = named_table();
$t->create(name: $name, mode: 0644);
named_try(fn() => named_table()->create(name: $name));
echo named_clean(named_php('$t = new ShmTable\Table(64); $t->column("hits", ShmTable\Table::TYPE_INT);'
    . ' $t->column("sum", ShmTable\Table::TYPE_FLOAT); $t->column("note", ShmTable\Table::TYPE_STRING, 32);'
    . ' try { $t->create(name: $argv[1]); echo "created\n"; }'
    . ' catch (ShmTable\Exception $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }', [$name]));
named_try(fn() => named_table()->create(name: $name, mode: 0664));
named_try(fn() => Table::attach($name)->getSize());
umask($old);
var_dump(Table::unlink($name));
?>
--EXPECT--
mode default: object 600, file 600
mode 640: object 640, file 640
mode 666: object 666, file 666
mode 0: object 0, file 0
umask 077, mode 644: object 600
bool(true)
ShmTable\Exception: table 'wide' (/dev/shm/shmtable.wide) has mode 0644, wider than the mode 0600 asked: refused, since someone it was not meant for may have read or changed its rows; narrow it (chmod 0600) or ask for mode 0644
ShmTable\Exception: table 'wide' (/dev/shm/shmtable.wide) has mode 0644, wider than the mode 0600 asked: refused, since someone it was not meant for may have read or changed its rows; narrow it (chmod 0600) or ask for mode 0644
ok: true
ok: 64
bool(true)
