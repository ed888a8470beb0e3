--TEST--
named Atomic and Lock of another user: one of mode 0600 cannot be opened or removed by another user; one planted by another user is refused by its would-be creator (as named tables)
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('posix_geteuid')) die('skip posix required');
if (posix_geteuid() !== 0) die('skip needs root to run a process as nobody');
if (trim((string)shell_exec('command -v setpriv')) === '') die('skip setpriv missing');
if (!posix_getpwnam('nobody')) die('skip no user nobody');
?>
--FILE--
<?php
require __DIR__ . '/../named/named.inc';
use ShmTable\Atomic;
use ShmTable\Lock;

$n = named_unique('ou');
Atomic::unlink($n);
Lock::unlink($n . 'l');
$a = new Atomic(5, $n);
$l = new Lock(Lock::MUTEX, $n . 'l');
$as = trim((string)shell_exec('command -v setpriv')) . ' --reuid=nobody --regid=nogroup --clear-groups ';
$moddir = sys_get_temp_dir() . '/shmt_sync023_' . getmypid();
@mkdir($moddir);
chmod($moddir, 0755);
$so = "$moddir/shmtable.so";
copy(named_module(), $so);
chmod($so, 0644);
$script = <<<'PHP'
    foreach (['attach' => fn() => ShmTable\Atomic::attach($argv[1]),
              'create' => fn() => new ShmTable\Atomic(0, $argv[1]),
              'lock attach' => fn() => ShmTable\Lock::attach($argv[1] . 'l'),
              'unlink' => fn() => ShmTable\Atomic::unlink($argv[1])] as $what => $f) {
        try { $f(); echo "$what: opened\n"; }
        catch (ShmTable\Exception $e) { echo "$what: ", $e->getMessage(), "\n"; }
    }
    // Planted: made by this user, readable by all.
    new ShmTable\Atomic(666, $argv[1] . 'x', 0644);
    echo "planted\n";
    PHP;
echo str_replace($n, 'NAME', named_php($script, [$n], $as, $so));
unlink($so);
rmdir($moddir);
var_dump($a->get(), file_exists("/dev/shm/shmtable-sync.$n"));
try {
    new Atomic(0, $n . 'x');
} catch (ShmTable\Exception $e) {
    echo str_replace($n, 'NAME', $e->getMessage()), "\n";
}
var_dump(Atomic::unlink($n), Lock::unlink($n . 'l'), Atomic::unlink($n . 'x'));
?>
--EXPECTF--
attach: ShmTable\Atomic: cannot open Atomic 'NAME' (/dev/shm/shmtable-sync.NAME): Permission denied
create: ShmTable\Atomic: cannot open Atomic 'NAME' (/dev/shm/shmtable-sync.NAME): Permission denied
lock attach: ShmTable\Lock: cannot open Lock 'NAMEl' (/dev/shm/shmtable-sync.NAMEl): Permission denied
unlink: cannot remove Atomic or Lock 'NAME' (/dev/shm/shmtable-sync.NAME): Permission denied
planted
int(5)
bool(true)
ShmTable\Atomic: Atomic 'NAMEx' (/dev/shm/shmtable-sync.NAMEx) belongs to user %s, group %s, mode 0644, not to %s, the user of this process: refused, since its owner can read and change its value. Remove it if you did not make it, or open it as its owner; another user's Atomic is used only when shared through a group of this process and with no one else (mode 0660 or narrower, within the mode 0600 asked)
bool(true)
bool(true)
bool(true)
