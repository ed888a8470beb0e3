--TEST--
named: a table or file another user made first (squatting) is refused by create() and attach(), root included, naming owner, group and mode, and left unchanged; a table shared through a group of this process is accepted; one of this user wider than the mode asked is refused
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
// A second user must plant the tables: this needs root (to switch) and setpriv.
if (!function_exists('posix_geteuid')) die('skip posix required');
if (posix_geteuid() !== 0) die('skip needs root to run a process as nobody');
if (trim((string)shell_exec('command -v setpriv')) === '') die('skip setpriv missing');
if (!posix_getpwnam('nobody') || !posix_getgrnam('nogroup')) die('skip no user nobody or group nogroup');
?>
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

umask(022);
$as = trim((string)shell_exec('command -v setpriv')) . ' --reuid=nobody --regid=nogroup --clear-groups ';
// The other user loads a copy of the module from a directory anyone can
// read (the build tree may sit in a directory only root can enter).
$moddir = sys_get_temp_dir() . '/shmt_042_' . getmypid();
@mkdir($moddir);
chmod($moddir, 0755);
$so = "$moddir/shmtable.so";
copy(named_module(), $so);
chmod($so, 0644);
/** Run $code as nobody, with $t a table of named_table()'s definition. */
function as_nobody(string $code, array $args): void
{
    global $as, $so;
    $def = 'umask(0); $t = new ShmTable\Table(64); $t->column("hits", ShmTable\Table::TYPE_INT);'
        . ' $t->column("sum", ShmTable\Table::TYPE_FLOAT); $t->column("note", ShmTable\Table::TYPE_STRING, 32);';
    echo '  nobody: ', trim(named_clean(named_php($def . $code, $args, $as, $so))), "\n";
}
function shm(string $name): string { return "/dev/shm/shmtable.$name"; }
function perms(string $f): string
{
    clearstatcache();
    $st = stat($f);
    return sprintf('%s:%s %04o', posix_getpwuid($st['uid'])['name'], posix_getgrgid($st['gid'])['name'],
        $st['mode'] & 07777);
}

echo "1. nobody makes the table first, mode 0666, before this process's create():\n";
$n1 = named_unique('squat1');
Table::unlink($n1);
as_nobody('$t->create(name: $argv[1], mode: 0666); $t->set("planted", ["hits" => 7]); echo "planted\n";', [$n1]);
$before = file_get_contents(shm($n1));
named_try(fn() => named_table()->create(name: $n1));
named_try(fn() => Table::attach($n1));
echo '  unchanged: ', var_export(file_get_contents(shm($n1)) === $before, true), "\n";
// Its owner still has it as it was, its row included.
as_nobody('echo "still ", ShmTable\Table::attach($argv[1])->get("planted", "hits"), "\n";', [$n1]);

echo "2. nobody plants an empty object (what create(name:) would initialise):\n";
$n2 = named_unique('squat2');
Table::unlink($n2);
as_nobody('$f = fopen($argv[1], "x"); chmod($argv[1], 0666); echo "planted\n";', [shm($n2)]);
named_try(fn() => named_table()->create(name: $n2));
named_try(fn() => Table::attach($n2));
clearstatcache();
echo '  still empty: ', var_export(filesize(shm($n2)) === 0, true), "\n";

echo "3. nobody plants a table file in a directory anyone may write:\n";
$p3 = named_path('squat3');
@unlink($p3);
as_nobody('$t->create(path: $argv[1], mode: 0666); $t->set("planted", ["hits" => 7]); echo "planted\n";', [$p3]);
$before = file_get_contents($p3);
named_try(fn() => named_table()->create(path: $p3, mode: 0666));
named_try(fn() => Table::attach(path: $p3));
echo '  unchanged: ', var_export(file_get_contents($p3) === $before, true), "\n";

echo "4. nobody's table of mode 0660 and group nogroup (not a group of this process):\n";
$n4 = named_unique('squat4');
Table::unlink($n4);
as_nobody('$t->create(name: $argv[1], mode: 0660); echo "made\n";', [$n4]);
named_try(fn() => named_table()->create(name: $n4, mode: 0660));
named_try(fn() => Table::attach($n4));

echo "5. nobody's table shared with the group root (this process's) and no one else:\n";
$n5 = named_unique('shared5');
Table::unlink($n5);
as_nobody('$t->create(name: $argv[1], mode: 0660); $t->set("k", ["hits" => 5]); echo "made\n";', [$n5]);
chgrp(shm($n5), 'root');
echo '  ', perms(shm($n5)), "\n";
named_try(fn() => Table::attach($n5)->get('k', 'hits'));
named_try(fn() => named_table()->create(name: $n5, mode: 0660));
// The default mode 0600 is narrower than the table's: refused (this
// process maps it already, and the check is made again on the mapping).
named_try(fn() => named_table()->create(name: $n5));
chmod(shm($n5), 0664); // now others may read it: refused
named_try(fn() => Table::attach($n5));
echo '  in a new process: ', trim(named_clean(named_php('try { ShmTable\Table::attach($argv[1]); echo "opened\n"; }'
    . ' catch (ShmTable\Exception $e) { echo $e->getMessage(), "\n"; }', [$n5]))), "\n";

echo "6. this user's own table, wider than the mode asked:\n";
$n6 = named_unique('own6');
Table::unlink($n6);
echo '  ', named_php('$t = new ShmTable\Table(64); $t->column("hits", ShmTable\Table::TYPE_INT);'
    . ' $t->column("sum", ShmTable\Table::TYPE_FLOAT); $t->column("note", ShmTable\Table::TYPE_STRING, 32);'
    . ' umask(022); $t->create(name: $argv[1], mode: 0644); echo "made\n";', [$n6]);
echo '  ', perms(shm($n6)), "\n";
named_try(fn() => named_table()->create(name: $n6));
named_try(fn() => named_table()->create(name: $n6, mode: 0644));
named_try(fn() => Table::attach($n6)->count());

unlink($so);
rmdir($moddir);
foreach ([$n1, $n2, $n4, $n5, $n6] as $n) {
    Table::unlink($n);
}
unlink($p3);
?>
--EXPECT--
1. nobody makes the table first, mode 0666, before this process's create():
  nobody: planted
ShmTable\Exception: table 'squat1' (/dev/shm/shmtable.squat1) belongs to user nobody (uid 65534), group nogroup (gid 65534), mode 0666, not to root (uid 0), the user of this process: refused, since its owner can read and change every row. Remove it if you did not make it, or open it as its owner; another user's table is used only when shared through a group of this process and with no one else (mode 0660 or narrower, within the mode 0600 asked)
ShmTable\Exception: table 'squat1' (/dev/shm/shmtable.squat1) belongs to user nobody (uid 65534), group nogroup (gid 65534), mode 0666, not to root (uid 0), the user of this process: refused, since its owner can read and change every row. Remove it if you did not make it, or open it as its owner; another user's table is used only when shared through a group of this process and with no one else (mode 0660 or narrower)
  unchanged: true
  nobody: still 7
2. nobody plants an empty object (what create(name:) would initialise):
  nobody: planted
ShmTable\Exception: table 'squat2' (/dev/shm/shmtable.squat2) belongs to user nobody (uid 65534), group nogroup (gid 65534), mode 0666, not to root (uid 0), the user of this process: refused, since its owner can read and change every row. Remove it if you did not make it, or open it as its owner; another user's table is used only when shared through a group of this process and with no one else (mode 0660 or narrower, within the mode 0600 asked)
ShmTable\Exception: table 'squat2' (/dev/shm/shmtable.squat2) belongs to user nobody (uid 65534), group nogroup (gid 65534), mode 0666, not to root (uid 0), the user of this process: refused, since its owner can read and change every row. Remove it if you did not make it, or open it as its owner; another user's table is used only when shared through a group of this process and with no one else (mode 0660 or narrower)
  still empty: true
3. nobody plants a table file in a directory anyone may write:
  nobody: planted
ShmTable\Exception: table file 'TMP/squat3.shmt' belongs to user nobody (uid 65534), group nogroup (gid 65534), mode 0666, not to root (uid 0), the user of this process: refused, since its owner can read and change every row. Remove it if you did not make it, or open it as its owner; another user's table is used only when shared through a group of this process and with no one else (mode 0660 or narrower, within the mode 0666 asked)
ShmTable\Exception: table file 'TMP/squat3.shmt' belongs to user nobody (uid 65534), group nogroup (gid 65534), mode 0666, not to root (uid 0), the user of this process: refused, since its owner can read and change every row. Remove it if you did not make it, or open it as its owner; another user's table is used only when shared through a group of this process and with no one else (mode 0660 or narrower)
  unchanged: true
4. nobody's table of mode 0660 and group nogroup (not a group of this process):
  nobody: made
ShmTable\Exception: table 'squat4' (/dev/shm/shmtable.squat4) belongs to user nobody (uid 65534), group nogroup (gid 65534), mode 0660, not to root (uid 0), the user of this process: refused, since its owner can read and change every row. Remove it if you did not make it, or open it as its owner; another user's table is used only when shared through a group of this process and with no one else (mode 0660 or narrower, within the mode 0660 asked)
ShmTable\Exception: table 'squat4' (/dev/shm/shmtable.squat4) belongs to user nobody (uid 65534), group nogroup (gid 65534), mode 0660, not to root (uid 0), the user of this process: refused, since its owner can read and change every row. Remove it if you did not make it, or open it as its owner; another user's table is used only when shared through a group of this process and with no one else (mode 0660 or narrower)
5. nobody's table shared with the group root (this process's) and no one else:
  nobody: made
  nobody:root 0660
ok: 5
ok: true
ShmTable\Exception: table 'shared5' (/dev/shm/shmtable.shared5) belongs to user nobody (uid 65534), group root (gid 0), mode 0660, not to root (uid 0), the user of this process: refused, since its owner can read and change every row. Remove it if you did not make it, or open it as its owner; another user's table is used only when shared through a group of this process and with no one else (mode 0660 or narrower, within the mode 0600 asked)
ShmTable\Exception: table 'shared5' (/dev/shm/shmtable.shared5) belongs to user nobody (uid 65534), group root (gid 0), mode 0664, not to root (uid 0), the user of this process: refused, since its owner can read and change every row. Remove it if you did not make it, or open it as its owner; another user's table is used only when shared through a group of this process and with no one else (mode 0660 or narrower)
  in a new process: table 'shared5' (/dev/shm/shmtable.shared5) belongs to user nobody (uid 65534), group root (gid 0), mode 0664, not to root (uid 0), the user of this process: refused, since its owner can read and change every row. Remove it if you did not make it, or open it as its owner; another user's table is used only when shared through a group of this process and with no one else (mode 0660 or narrower)
6. this user's own table, wider than the mode asked:
  made
  root:root 0644
ShmTable\Exception: table 'own6' (/dev/shm/shmtable.own6) has mode 0644, wider than the mode 0600 asked: refused, since someone it was not meant for may have read or changed its rows; narrow it (chmod 0600) or ask for mode 0644
ok: true
ok: 0
