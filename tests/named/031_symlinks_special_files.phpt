--TEST--
named: create(path:) does not follow a symbolic link (a dangling one included: an exception at once, never a loop), a named table is never a link, attach(path:) follows one; a FIFO, a directory or a device is refused without blocking
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!function_exists('posix_mkfifo')) die('skip posix required'); ?>
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

named_watchdog(60);
$dir = sys_get_temp_dir() . '/' . named_unique('links');
@mkdir($dir);
$clean = fn(string $m) => named_clean(str_replace($dir, 'DIR', $m));
$try = function (callable $f) use ($clean) {
    $t0 = microtime(true);
    try {
        $r = $f();
        $out = 'ok: ' . (is_object($r) ? get_class($r) : var_export($r, true));
    } catch (\Throwable $e) {
        $out = get_class($e) . ': ' . $clean($e->getMessage());
    }
    // A call that blocks for good meets the watchdog; one that takes
    // over 2 s is marked slow when SHMTABLE_TIMING_TESTS=1.
    $slow = getenv('SHMTABLE_TIMING_TESTS') === '1' && microtime(true) - $t0 > 2;
    echo $out, $slow ? ' (slow)' : '', "\n";
};

echo "dangling link:\n";
symlink("$dir/target.shmt", "$dir/dangling.shmt");
$try(fn() => named_table()->create(path: "$dir/dangling.shmt"));
var_dump(file_exists("$dir/target.shmt"));

echo "link to an empty file:\n";
touch("$dir/empty");
symlink("$dir/empty", "$dir/to-empty.shmt");
$try(fn() => named_table()->create(path: "$dir/to-empty.shmt"));
clearstatcache();
var_dump(filesize("$dir/empty"));

echo "link to a table file:\n";
$t = named_table();
$t->create(path: "$dir/real.shmt");
$t->set('k', ['hits' => 3]);
symlink("$dir/real.shmt", "$dir/to-real.shmt");
$try(fn() => named_table()->create(path: "$dir/to-real.shmt"));
$try(fn() => Table::attach(path: "$dir/to-real.shmt")->get('k', 'hits'));

echo "link in /dev/shm under a table's name:\n";
$name = named_unique('link');
Table::unlink($name);
symlink("$dir/real.shmt", "/dev/shm/shmtable.$name");
$try(fn() => named_table()->create(name: $name));
$try(fn() => Table::attach($name));
unlink("/dev/shm/shmtable.$name");

echo "FIFO, directory, device:\n";
posix_mkfifo("$dir/fifo", 0600);
$try(fn() => named_table()->create(path: "$dir/fifo"));
$try(fn() => Table::attach(path: "$dir/fifo"));
$try(fn() => named_table()->create(path: $dir));
$try(fn() => Table::attach(path: '/dev/null'));

foreach (['dangling.shmt', 'empty', 'to-empty.shmt', 'real.shmt', 'to-real.shmt', 'fifo'] as $f) {
    unlink("$dir/$f");
}
rmdir($dir);
?>
--EXPECT--
dangling link:
ShmTable\Exception: cannot open table file 'DIR/dangling.shmt': it is a symbolic link, which create() does not follow (a link planted there could make it create or initialise another file); give the path of the table file itself
bool(false)
link to an empty file:
ShmTable\Exception: cannot open table file 'DIR/to-empty.shmt': it is a symbolic link, which create() does not follow (a link planted there could make it create or initialise another file); give the path of the table file itself
int(0)
link to a table file:
ShmTable\Exception: cannot open table file 'DIR/to-real.shmt': it is a symbolic link, which create() does not follow (a link planted there could make it create or initialise another file); give the path of the table file itself
ok: 3
link in /dev/shm under a table's name:
ShmTable\Exception: cannot open table 'link' (/dev/shm/shmtable.link): it is a symbolic link, not a table (a named table is never one, and one planted there is not followed); remove it
ShmTable\Exception: cannot open table 'link' (/dev/shm/shmtable.link): it is a symbolic link, not a table (a named table is never one, and one planted there is not followed); remove it
FIFO, directory, device:
ShmTable\Exception: table file 'DIR/fifo' is not a regular file
ShmTable\Exception: table file 'DIR/fifo' is not a regular file
ShmTable\Exception: cannot open table file 'DIR': Is a directory
ShmTable\Exception: table file '/dev/null' is not a regular file
