--TEST--
named: while processes of one pid namespace map a table, a process of another one is refused; once they are gone (one SIGKILLed mid-load), another namespace reopens it, repaired, totals exact
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('posix_kill') || !function_exists('proc_open')) die('skip posix and proc_open required');
if (!function_exists('posix_geteuid') || posix_geteuid() !== 0) die('skip needs root for unshare --pid');
if (trim((string)shell_exec('unshare --pid --fork --mount-proc sh -c "echo \$\$" 2>/dev/null')) !== '1') die('skip unshare --pid not available');
?>
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

// Both workers are pid 1, each in a pid namespace of its own: their lock
// words would hold the same thread id. A thread that dies waiting for a
// lock held by its namesake makes the kernel mark the live owner dead, so
// the engine lets one namespace at a time map a table.
named_watchdog(120);
$name = named_unique('pidns');
Table::unlink($name);

function in_namespace(string $script, array $args): array
{
    // LeakSanitizer cannot run as pid 1 of a namespace: under ASan, leave
    // leak checking to the other tests.
    $asan = getenv('ASAN_OPTIONS');
    $env = $asan !== false ? 'env ' . escapeshellarg("ASAN_OPTIONS=$asan:detect_leaks=0") . ' ' : '';
    $cmd = "exec {$env}unshare --pid --fork --mount-proc " . named_php_cmd($script, $args);
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    return [$p, $pipes];
}

// Worker A: creates the table in its namespace and increments until killed,
// counting each increment it begins (p) and ends (d).
[$a, $ap] = in_namespace(<<<'PHP'
    $t = new ShmTable\Table(64);
    $t->column('hits', ShmTable\Table::TYPE_INT);
    $t->create(name: $argv[1]);
    echo "pid ", getmypid(), " ", $t->stats()['opened'], "\n";
    for ($i = 0; ; $i++) {
        $t->incr('p', 'hits');
        $t->incr('total', 'hits');
        $t->incr('d', 'hits');
        if ($i === 20000) { echo "busy\n"; }
    }
    PHP, [$name]);
echo "A: ", trim(fgets($ap[1])), "\n";
echo "A: ", trim(fgets($ap[1])), "\n";

// Worker B, another namespace (also pid 1), and this process (the initial
// namespace) are refused while A maps the table; nothing is changed.
$try = <<<'PHP'
    try {
        $t = ShmTable\Table::attach($argv[1]);
        echo "pid ", getmypid(), " attached\n";
    } catch (ShmTable\Exception $e) {
        echo "pid ", getmypid(), " ", get_class($e), ": ", $e->getMessage(), "\n";
    }
    PHP;
[$b, $bp] = in_namespace($try, [$name]);
echo "B: ", named_clean(trim(stream_get_contents($bp[1]))), "\n";
proc_close($b);
named_try(fn() => Table::attach($name));

// Kill A mid-load (its php is the child of its unshare).
$unshare = proc_get_status($a)['pid'];
$killed = 0;
foreach (array_filter(explode(' ', trim((string)@file_get_contents("/proc/$unshare/task/$unshare/children")))) as $child) {
    $killed += posix_kill((int)$child, SIGKILL);
}
stream_get_contents($ap[1]);
proc_close($a);
echo "killed A: ", $killed === 1 ? 'yes' : 'no', "\n";

// Now nobody maps it: a third namespace reopens it, repairs what A left.
[$c, $cp] = in_namespace(<<<'PHP'
    $t = ShmTable\Table::attach($argv[1]);
    $p = $t->get('p', 'hits'); $d = $t->get('d', 'hits'); $total = $t->get('total', 'hits');
    echo "pid ", getmypid(), " ", $t->stats()['opened'], ", check ", var_export($t->check(), true),
        ", total exact ", var_export($total >= $d && $total <= $p && $p - $d <= 1 && $d > 20000, true), "\n";
    for ($i = 0; $i < 1000; $i++) { $t->incr('after', 'hits'); }
    echo "after: ", $t->get('after', 'hits'), "\n";
    PHP, [$name]);
echo "C: ", trim(stream_get_contents($cp[1])), "\n";
proc_close($c);
// And this namespace can have it again.
$t = Table::attach($name);
echo $t->stats()['opened'], ' ', $t->get('after', 'hits'), "\n";
named_summary('named/100_pid_namespaces', sprintf('A killed after %d increments; lock recoveries %d',
    $t->get('d', 'hits'), $t->stats()['lock_recoveries']));
var_dump(Table::unlink($name));
?>
--EXPECT--
A: pid 1 created
A: busy
B: pid 1 ShmTable\Exception: table 'pidns' (/dev/shm/shmtable.pidns) is in use by processes of another pid namespace (a container); processes of different pid namespaces cannot share a table at the same time, because their thread ids, which the locks record, can be equal
ShmTable\Exception: table 'pidns' (/dev/shm/shmtable.pidns) is in use by processes of another pid namespace (a container); processes of different pid namespaces cannot share a table at the same time, because their thread ids, which the locks record, can be equal
killed A: yes
C: pid 1 reopened, check true, total exact true
after: 1000
reopened 1000
bool(true)
