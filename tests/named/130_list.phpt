--TEST--
named: Table::list() shows every named table this user may open with its definition and rows, also while other processes write it; another user's table, a damaged object, one being created, a FIFO and a symbolic link are left out
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('pcntl_fork')) die('skip pcntl required (make test: see TESTING.md)');
if (!function_exists('posix_geteuid')) die('skip posix required (make test: see TESTING.md)');
?>
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

named_watchdog(60);
$prefix = named_unique('');
function mine(): array
{
    global $prefix;
    $out = [];
    foreach (Table::list() as $e) {
        if (str_starts_with($e['name'], $prefix)) {
            $out[substr($e['name'], strlen($prefix))] = $e;
        }
    }
    return $out;
}

$names = ['b-counters', 'a-sessions', 'c-other-user', 'd-damaged', 'e-empty', 'f-fifo', 'g-link'];
foreach ($names as $n) {
    Table::unlink($prefix . $n);
}
var_dump(mine());

$a = named_table(100);
$a->create(name: $prefix . 'a-sessions');
$b = new Table(5000, max_key_length: 200);
$b->column('n', Table::TYPE_INT);
$b->create(name: $prefix . 'b-counters', mode: 0640);
for ($i = 0; $i < 10; $i++) {
    $a->set("k$i", ['hits' => $i]);
}
$a->del('k0');

// Objects that are not tables this user may open.
$c = named_table(10);
$c->create(name: $prefix . 'c-other-user');
$nobody = function_exists('posix_getpwnam') ? posix_getpwnam('nobody') : false;
$chowned = posix_geteuid() === 0 && $nobody && chown("/dev/shm/shmtable.{$prefix}c-other-user", $nobody['uid']);
file_put_contents("/dev/shm/shmtable.{$prefix}d-damaged", str_repeat("\xff", 4096));
touch("/dev/shm/shmtable.{$prefix}e-empty");
posix_mkfifo("/dev/shm/shmtable.{$prefix}f-fifo", 0600);          // opening it must not wait
symlink("/dev/shm/shmtable.{$prefix}a-sessions", "/dev/shm/shmtable.{$prefix}g-link"); // not followed
file_put_contents("/dev/shm/shmtable.{$prefix}bad name", 'x'); // not a valid table name

$l = mine();
echo implode(',', array_keys($l)), "\n";
if (!$chowned) {
    unset($l['c-other-user']);   // not root: cannot hand it to another user
}
echo implode(',', array_keys($l)), "\n";
$e = $l['a-sessions'];
echo json_encode([$e['size'], $e['rows'], $e['key_max_length'], $e['columns']]), "\n";
var_dump($e['memory_size'] === $a->getMemorySize(), $e['owner'] === posix_geteuid(),
    $e['mode'] === 0600, abs($e['changed'] - time()) < 60);
$e = $l['b-counters'];
echo json_encode([$e['size'], $e['rows'], $e['key_max_length'], $e['columns']]), "\n";
var_dump($e['mode'] === 0640, $e['memory_size'] === $b->getMemorySize());
var_dump(array_keys($e) === ['name', 'size', 'rows', 'memory_size', 'key_max_length', 'columns',
    'owner', 'group', 'mode', 'changed']);

// Listed while four other processes insert into it: the count seen only grows,
// and once they are done it is exact.
$pids = [];
for ($w = 0; $w < 4; $w++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        $t = Table::attach($prefix . 'b-counters');
        for ($i = 0; $i < 1000; $i++) {
            $t->incr("w$w-$i", 'n');
        }
        exit(0);
    }
    $pids[] = $pid;
}
$seen = [];
$running = count($pids);
while ($running > 0) {
    $seen[] = mine()['b-counters']['rows'];
    foreach ($pids as $k => $pid) {
        if (pcntl_waitpid($pid, $st, WNOHANG) === $pid) {
            unset($pids[$k]);
            $running--;
        }
    }
}
$sorted = $seen;
sort($sorted);
var_dump($seen === $sorted, max($seen) <= 4000);
echo mine()['b-counters']['rows'], ' ', count($b), "\n";

// unlink() takes it off the list at once; the mapping stays usable.
Table::unlink($prefix . 'b-counters');
echo implode(',', array_keys(mine())), "\n";
echo count($b), "\n";
foreach ($names as $n) {
    Table::unlink($prefix . $n);
}
@unlink("/dev/shm/shmtable.{$prefix}bad name");
var_dump(mine());
?>
--EXPECT--
array(0) {
}
a-sessions,b-counters
a-sessions,b-counters
[100,9,63,{"hits":{"type":1,"size":0},"sum":{"type":2,"size":0},"note":{"type":3,"size":32}}]
bool(true)
bool(true)
bool(true)
bool(true)
[5000,0,200,{"n":{"type":1,"size":0}}]
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
4000 4000
a-sessions
4000
array(0) {
}
