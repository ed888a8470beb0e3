--TEST--
named: create() of a named table or table file larger than the process's file size limit (ulimit -f) throws, never SIGXFSZ; the empty object left is created normally later
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (trim((string)shell_exec("sh -c 'ulimit -f 10240 && echo ok' 2>/dev/null")) !== 'ok') die('skip sh cannot set ulimit -f');
?>
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

// The kernel answers a truncate or a write past RLIMIT_FSIZE with SIGXFSZ,
// which kills the process. A table of over 100 MiB under a 10 MiB limit:
named_watchdog(60);
$name = named_unique('fsize');
$path = named_path('fsize');
Table::unlink($name);
@unlink($path);

$script = <<<'PHP'
    foreach ([['name' => $argv[1]], ['path' => $argv[2]]] as $target) {
        $t = new ShmTable\Table(100000);
        $t->column('v', ShmTable\Table::TYPE_STRING, 1000);
        try {
            $t->create(...$target);
            echo "created, ", count($t), " rows\n";
        } catch (Throwable $e) {
            echo get_class($e), ": ", $e->getMessage(), "\n";
        }
    }
    PHP;
$cmd = named_php_cmd($script, [$name, $path]);
$out = shell_exec("sh -c " . escapeshellarg("ulimit -f 10240; $cmd; echo \"exit \$?\"") . " 2>&1");
echo named_clean((string)$out);
clearstatcache();
echo "left behind: ", filesize("/dev/shm/shmtable.$name"), " and ", filesize($path), " bytes\n";

// Without the limit, both are created in the empty objects left behind.
echo named_clean(named_php($script, [$name, $path]));
clearstatcache();
echo "sizes now over 100 MiB: ", filesize("/dev/shm/shmtable.$name") > 100 << 20 && filesize($path) > 100 << 20 ? 'yes' : 'no', "\n";
Table::unlink($name);
@unlink($path);
?>
--EXPECT--
ShmTable\Exception: cannot size table 'fsize' (/dev/shm/shmtable.fsize): File too large
ShmTable\Exception: cannot size table file 'TMP/fsize.shmt': File too large
exit 0
left behind: 0 and 0 bytes
created, 0 rows
created, 0 rows
sizes now over 100 MiB: yes
