--TEST--
shmtable.swoole_compat=1 with the swoole extension loaded, before or after shmtable: refused with a startup warning, Swoole\Table stays Swoole's (needs SHMTABLE_SWOOLE_SO=/path/to/swoole.so)
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!getenv('SHMTABLE_SWOOLE_SO')) die('skip set SHMTABLE_SWOOLE_SO to a swoole.so built for this PHP (see TESTING.md)');
if (!function_exists('proc_open')) die('skip proc_open required');
?>
--FILE--
<?php
preg_match('~\s(/\S*/shmtable\.so)$~m', file_get_contents('/proc/self/maps'), $m);
$module = $m[1];
$swoole = getenv('SHMTABLE_SWOOLE_SO');
$code = 'var_dump(get_class(new Swoole\Table(8)), (new ReflectionClass("Swoole\Table"))->getExtensionName());';
foreach (['shmtable first' => [$module, $swoole], 'swoole first' => [$swoole, $module]] as $label => [$a, $b]) {
    echo "-- $label\n";
    $cmd = [PHP_BINARY, '-n', '-d', "extension=$a", '-d', "extension=$b",
            '-d', 'shmtable.swoole_compat=1', '-d', 'display_startup_errors=1', '-d', 'display_errors=stderr', '-r', $code];
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    echo stream_get_contents($pipes[1]), preg_replace('/^(PHP )?Warning:\s+/', 'Warning: ', trim(stream_get_contents($pipes[2]))), "\n";
    var_dump(proc_close($p));
}
?>
--EXPECT--
-- shmtable first
string(12) "Swoole\Table"
string(6) "swoole"
Warning: PHP Startup: shmtable.swoole_compat is on, but the class Swoole\Table already exists (defined by the swoole extension): Swoole\Table and swoole_table are not made names of ShmTable\Table in Unknown on line 0
int(0)
-- swoole first
string(12) "Swoole\Table"
string(6) "swoole"
Warning: PHP Startup: shmtable.swoole_compat is on, but the class Swoole\Table already exists (defined by the swoole extension): Swoole\Table and swoole_table are not made names of ShmTable\Table in Unknown on line 0
int(0)
