--TEST--
shmtable.swoole_compat: off by default (no Swoole\Table), not settable at runtime; with dl(), refused with a warning when a script declared a class Swoole\Table first, and added at once otherwise
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('proc_open')) die('skip proc_open required');
if (extension_loaded('swoole')) die('skip the swoole extension is loaded');
?>
--FILE--
<?php
var_dump(ini_get('shmtable.swoole_compat'), class_exists('Swoole\Table'), class_exists('swoole_table'));
var_dump(ini_set('shmtable.swoole_compat', '1'), ini_get('shmtable.swoole_compat'));

// The file of the loaded module, from this process's mappings.
preg_match('~\s(/\S*/shmtable\.so)$~m', file_get_contents('/proc/self/maps'), $m);
$module = $m[1];
function fresh(string $module, string $code): void
{
    $cmd = [PHP_BINARY, '-n', '-d', 'enable_dl=1', '-d', 'extension_dir=' . dirname($module),
            '-d', 'shmtable.swoole_compat=1', '-d', 'display_errors=1', '-r', $code];
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    echo stream_get_contents($pipes[1]), stream_get_contents($pipes[2]);
    var_dump(proc_close($p));
}
// A fresh PHP that declares its own Swoole\Table, then loads the module
// with dl(): refused, the script's class stays.
fresh($module, 'namespace Swoole; class Table { public $mine = true; } '
    . 'var_dump(dl("shmtable.so")); var_dump((new \Swoole\Table)->mine, class_exists("swoole_table"));');
// Loaded with dl() where no such class exists: both names are added at once.
fresh($module, 'var_dump(dl("shmtable.so")); var_dump(get_class(new Swoole\Table(4)), get_class(new swoole_table(4)));');
?>
--EXPECT--
string(1) "0"
bool(false)
bool(false)
bool(false)
string(1) "0"

Warning: dl(): shmtable.swoole_compat is on, but the class Swoole\Table already exists (defined by a script): Swoole\Table and swoole_table are not made names of ShmTable\Table in Command line code on line 1
bool(true)
bool(true)
bool(false)
int(0)
bool(true)
string(14) "ShmTable\Table"
string(14) "ShmTable\Table"
int(0)
