--TEST--
named: a table of mode 0600 cannot be opened or removed by another user: a clear exception with the path and the reason, nothing changed
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
// Root bypasses permission bits, so the other process must run as an
// unprivileged user: this needs root (to switch) and setpriv.
if (!function_exists('posix_geteuid')) die('skip posix required');
if (posix_geteuid() !== 0) die('skip needs root to run a process as nobody');
if (trim((string)shell_exec('command -v setpriv')) === '') die('skip setpriv missing');
if (!posix_getpwnam('nobody')) die('skip no user nobody');
?>
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

$name = named_unique('perm');
Table::unlink($name);
$t = named_table();
$t->create(name: $name);
$t->set('k', ['hits' => 1]);
$path = named_path('perm');
@unlink($path);
$f = named_table();
$f->create(path: $path);
$as = trim((string)shell_exec('command -v setpriv')) . ' --reuid=nobody --regid=nogroup --clear-groups ';
// The other user must be able to load the module, and the build tree may
// sit in a directory only root can enter (mktemp -d makes it 0700): it
// loads a copy from a directory anyone can read.
$moddir = sys_get_temp_dir() . '/shmt_041_' . getmypid();
@mkdir($moddir);
chmod($moddir, 0755);
$so = "$moddir/shmtable.so";
copy(named_module(), $so);
chmod($so, 0644);
echo named_clean(named_php('preg_match("/^Uid:\\s+(\\d+)/m", file_get_contents("/proc/self/status"), $m);'
    . ' echo $m[1] === "0" ? "still root\n" : "running as another user\n";', [], $as, $so));
$script = <<<'PHP'
    foreach (['attach name' => fn() => ShmTable\Table::attach($argv[1]),
              'attach path' => fn() => ShmTable\Table::attach(path: $argv[2]),
              'unlink' => fn() => ShmTable\Table::unlink($argv[1])] as $what => $f) {
        try { $f(); echo "$what: opened\n"; }
        catch (ShmTable\Exception $e) { echo "$what: ", get_class($e), ': ', $e->getMessage(), "\n"; }
    }
    PHP;
echo named_clean(named_php($script, [$name, $path], $as, $so));
unlink($so);
rmdir($moddir);
// Nothing changed: the owner still has both.
clearstatcache();
var_dump(file_exists("/dev/shm/shmtable.$name"), $t->get('k', 'hits'), Table::attach(path: $path)->check());
unlink($path);
var_dump(Table::unlink($name));
?>
--EXPECT--
running as another user
attach name: ShmTable\Exception: cannot open table 'perm' (/dev/shm/shmtable.perm): Permission denied
attach path: ShmTable\Exception: cannot open table file 'TMP/perm.shmt': Permission denied
unlink: ShmTable\Exception: cannot remove table 'perm' (/dev/shm/shmtable.perm): Permission denied
bool(true)
int(1)
bool(true)
bool(true)
