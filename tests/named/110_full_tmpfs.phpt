--TEST--
named: a named table in an 8 MiB /dev/shm and a table file in an 8 MiB tmpfs fill up to an exception, never SIGBUS; every stored row intact, check() passes, an attached and a reopening process get the same exception; create() throws when the header and buckets do not fit
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('posix_geteuid') || posix_geteuid() !== 0) die('skip needs root to mount a tmpfs');
if (trim((string)shell_exec("unshare --mount --propagation private sh -c 'mount -t tmpfs -o size=1m tmpfs /dev/shm && echo ok' 2>/dev/null")) !== 'ok') die('skip unshare --mount or mount -t tmpfs not available');
?>
--FILE--
<?php
require __DIR__ . '/named.inc';

// Each scenario runs in a private mount namespace whose /dev/shm, and a
// directory for the file, are tmpfs of 8 MiB (Docker gives /dev/shm 64 MiB),
// for a table that would take over 100 MiB. Without its storage reserved
// before it is touched, the process writing the first row past 8 MiB, and
// the next one to attach, died of SIGBUS.
named_watchdog(180);
$name = named_unique('full');
$dir = sys_get_temp_dir() . '/' . named_unique('fulldir');
$script = sys_get_temp_dir() . '/' . named_unique('full.php');
@mkdir($dir);

file_put_contents($script, <<<'PHP'
<?php
use ShmTable\Table;

[, $step, $kind, $where] = $argv;
$target = $kind === 'name' ? ['name' => $where] : ['path' => $where];
$file = $kind === 'name' ? "/dev/shm/shmtable.$where" : $where;

function row(int $i): array
{
    return ['id' => $i * 3, 'val' => str_repeat(chr(65 + $i % 26), 100 + $i * 7 % 900)];
}

function define_table(int $size): Table
{
    $t = new Table($size);
    $t->column('id', Table::TYPE_INT);
    $t->column('val', Table::TYPE_STRING, 1000);
    return $t;
}

function show(string $who, Throwable $e): void
{
    echo "$who: ", get_class($e), ": ", $e->getMessage(), "\n";
}

/** Every row 0..n-1 reads back as written (and a key never written is absent). */
function verify(Table $t, int $n): string
{
    for ($i = 0; $i < $n; $i++) {
        if ($t->get("row-$i") !== row($i)) {
            return "row-$i differs";
        }
    }
    $seen = 0;
    foreach ($t as $k => $r) {
        if (!preg_match('/^row-(\d+)$/', $k, $m) || $r !== row((int)$m[1])) {
            return "iteration found $k";
        }
        $seen++;
    }
    return $seen === $n && $t->get("row-$n") === false ? "all rows intact" : "iterated $seen";
}

function insert_fails(string $who, Table $t, int $n): void
{
    try {
        $t->set("row-$n", row($n));
        echo "$who: an insert succeeded\n";
    } catch (Throwable $e) {
        show($who, $e);
    }
}

switch ($step) {
case 'fill':
    $t = define_table(100000);
    $t->create(...$target);
    echo "fill: memory size over 100 MiB: ", $t->getMemorySize() > 100 << 20 ? 'yes' : 'no', "\n";
    clearstatcache();
    $stored = stat($file)['blocks'] * 512;
    echo "fill: storage after create() at most 2 MiB: ", $stored <= 2 << 20 ? 'yes' : "no ($stored)", "\n";
    $n = 0;
    try {
        for (; $n < 100000; $n++) {
            $t->set("row-$n", row($n));
        }
    } catch (Throwable $e) {
        show('fill', $e);
    }
    echo "fill: rows stored: ", $n > 4000 && $n < 8000 ? 'thousands' : $n, "\n";
    echo "fill: count() equals them: ", count($t) === $n ? 'yes' : count($t), "\n";
    echo "fill: ", verify($t, $n), "\n";
    echo "fill: check(): ", var_export($t->check(), true), "\n";
    insert_fails('fill again', $t, $n);
    echo "fill: count() unchanged: ", count($t) === $n ? 'yes' : count($t), "\n";
    // Rows stored can still be changed: every stripe's spare row has storage.
    $t->set('row-5', ['val' => 'changed']);
    $t->incr('row-9', 'id', 1000);
    echo "fill: update and incr of stored rows: ", $t->get('row-5', 'val'), " ", $t->get('row-9', 'id'), "\n";
    $t->set('row-5', row(5));
    $t->decr('row-9', 'id', 1000);
    // Another process attaches while this one maps the table.
    echo shell_exec($argv[4] . ' attach ' . escapeshellarg($kind) . ' ' . escapeshellarg($where) . " $n 2>&1");
    echo "fill: ", verify($t, $n), "\n";
    file_put_contents($argv[5], (string)$n);
    break;

case 'attach':
    $n = (int)$argv[4];
    $t = Table::attach(...$target);
    echo "attach: ", $t->stats()['opened'], ", count() ", count($t) === $n ? 'equals the rows stored' : count($t), "\n";
    echo "attach: ", verify($t, $n), "\n";
    insert_fails('attach', $t, $n);
    echo "attach: count() unchanged: ", count($t) === $n ? 'yes' : count($t), "\n";
    echo "attach: check(): ", var_export($t->check(), true), "\n";
    break;

case 'reopen':
    $n = (int)file_get_contents($argv[4]);
    $t = Table::attach(...$target);
    echo "reopen: ", $t->stats()['opened'], ", count() ", count($t) === $n ? 'equals the rows stored' : count($t), "\n";
    echo "reopen: ", verify($t, $n), "\n";
    echo "reopen: check(): ", var_export($t->check(), true), "\n";
    insert_fails('reopen', $t, $n);
    // A deleted row's storage is taken by the next insert, whichever stripe
    // the deleting and the inserting keys are in.
    for ($i = 0; $i < 20; $i++) {
        $t->del("row-$i");
        $t->set("new-$i", row($i));
    }
    for ($i = 20; $i < 25; $i++) {
        $t->del("row-$i");
        $t->incr("counter-$i", 'id', $i);
    }
    echo "reopen: 25 deleted, 20 set and 5 incr() of new keys: count() ", count($t) === $n ? 'unchanged' : count($t),
        ", values ", $t->get('new-7') === row(7) && $t->get('counter-24', 'id') === 24 ? 'right' : 'wrong', "\n";
    insert_fails('reopen', $t, $n);
    echo "reopen: check(): ", var_export($t->check(), true), "\n";
    break;

case 'toobig':
    // 4 million buckets take 16 MB: create() itself must fail.
    for ($try = 1; $try <= 2; $try++) {
        $t = new Table(4000000);
        $t->column('id', Table::TYPE_INT);
        try {
            $t->create(...$target);
            echo "toobig: created\n";
        } catch (Throwable $e) {
            show("toobig $try", $e);
        }
        clearstatcache();
        echo "toobig $try: left behind: ", file_exists($file) ? filesize($file) . " bytes" : "nothing", "\n";
    }
    break;
}
PHP);

$php = escapeshellarg(PHP_BINARY) . ' -n -d extension=' . escapeshellarg(named_module()) . ' '
    . escapeshellarg($script);
$count_file = sys_get_temp_dir() . '/' . named_unique('full.count');

function scenario(string $mounts, array $steps): string
{
    // Nothing runs outside the small tmpfs: no mount, no step.
    $cmd = "unshare --mount --propagation private sh -c " . escapeshellarg(
        "$mounts || { echo 'cannot mount the tmpfs'; exit 1; }; " . implode('; ', $steps)
        . '; echo "exit $?"');
    return (string)shell_exec($cmd . ' 2>&1');
}

function step(string $php, string $step, string $kind, string $where, string ...$extra): string
{
    $cmd = "$php $step " . escapeshellarg($kind) . ' ' . escapeshellarg($where);
    foreach ($extra as $e) {
        $cmd .= ' ' . escapeshellarg($e);
    }
    // A process killed by a signal: the shell says so.
    return "$cmd || echo \"$step died: status \$?\"";
}

$shm = 'mount -t tmpfs -o size=8m tmpfs /dev/shm';
$tmp = 'mount -t tmpfs -o size=8m tmpfs ' . escapeshellarg($dir);
$out = '';
foreach ([['name', $name, $name . '-big', $shm], ['path', "$dir/t.shmt", "$dir/big.shmt", $tmp]] as [$kind, $where, $big, $mounts]) {
    echo "== $kind\n";
    @unlink($count_file);
    $out = scenario($mounts, [
        step($php, 'fill', $kind, $where, $php, $count_file),
        step($php, 'reopen', $kind, $where, $count_file),
        step($php, 'toobig', $kind, $big),
    ]);
    echo str_replace([$dir, $name], ['DIR', 'NAME'], $out);
}
@unlink($count_file);
@unlink($script);
@rmdir($dir);
?>
--EXPECTF--
== name
fill: memory size over 100 MiB: yes
fill: storage after create() at most 2 MiB: yes
fill: ShmTable\Exception: ShmTable\Table::set(): cannot reserve 1048576 more bytes for new rows of table 'NAME' (/dev/shm/shmtable.NAME): No space left on device (%d of its %d bytes are reserved; nothing was written)
fill: rows stored: thousands
fill: count() equals them: yes
fill: all rows intact
fill: check(): true
fill again: ShmTable\Exception: ShmTable\Table::set(): cannot reserve 1048576 more bytes for new rows of table 'NAME' (/dev/shm/shmtable.NAME): No space left on device (%d of its %d bytes are reserved; nothing was written)
fill: count() unchanged: yes
fill: update and incr of stored rows: changed 1027
attach: attached, count() equals the rows stored
attach: all rows intact
attach: ShmTable\Exception: ShmTable\Table::set(): cannot reserve 1048576 more bytes for new rows of table 'NAME' (/dev/shm/shmtable.NAME): No space left on device (%d of its %d bytes are reserved; nothing was written)
attach: count() unchanged: yes
attach: check(): true
fill: all rows intact
reopen: reopened, count() equals the rows stored
reopen: all rows intact
reopen: check(): true
reopen: ShmTable\Exception: ShmTable\Table::set(): cannot reserve 1048576 more bytes for new rows of table 'NAME' (/dev/shm/shmtable.NAME): No space left on device (%d of its %d bytes are reserved; nothing was written)
reopen: 25 deleted, 20 set and 5 incr() of new keys: count() unchanged, values right
reopen: ShmTable\Exception: ShmTable\Table::set(): cannot reserve 1048576 more bytes for new rows of table 'NAME' (/dev/shm/shmtable.NAME): No space left on device (%d of its %d bytes are reserved; nothing was written)
reopen: check(): true
toobig 1: ShmTable\Exception: cannot reserve %d bytes for the header and bucket index of table 'NAME-big' (/dev/shm/shmtable.NAME-big): No space left on device (the whole table takes up to %d bytes)
toobig 1: left behind: 0 bytes
toobig 2: ShmTable\Exception: cannot reserve %d bytes for the header and bucket index of table 'NAME-big' (/dev/shm/shmtable.NAME-big): No space left on device (the whole table takes up to %d bytes)
toobig 2: left behind: 0 bytes
exit 0
== path
fill: memory size over 100 MiB: yes
fill: storage after create() at most 2 MiB: yes
fill: ShmTable\Exception: ShmTable\Table::set(): cannot reserve 1048576 more bytes for new rows of table file 'DIR/t.shmt': No space left on device (%d of its %d bytes are reserved; nothing was written)
fill: rows stored: thousands
fill: count() equals them: yes
fill: all rows intact
fill: check(): true
fill again: ShmTable\Exception: ShmTable\Table::set(): cannot reserve 1048576 more bytes for new rows of table file 'DIR/t.shmt': No space left on device (%d of its %d bytes are reserved; nothing was written)
fill: count() unchanged: yes
fill: update and incr of stored rows: changed 1027
attach: attached, count() equals the rows stored
attach: all rows intact
attach: ShmTable\Exception: ShmTable\Table::set(): cannot reserve 1048576 more bytes for new rows of table file 'DIR/t.shmt': No space left on device (%d of its %d bytes are reserved; nothing was written)
attach: count() unchanged: yes
attach: check(): true
fill: all rows intact
reopen: reopened, count() equals the rows stored
reopen: all rows intact
reopen: check(): true
reopen: ShmTable\Exception: ShmTable\Table::set(): cannot reserve 1048576 more bytes for new rows of table file 'DIR/t.shmt': No space left on device (%d of its %d bytes are reserved; nothing was written)
reopen: 25 deleted, 20 set and 5 incr() of new keys: count() unchanged, values right
reopen: ShmTable\Exception: ShmTable\Table::set(): cannot reserve 1048576 more bytes for new rows of table file 'DIR/t.shmt': No space left on device (%d of its %d bytes are reserved; nothing was written)
reopen: check(): true
toobig 1: ShmTable\Exception: cannot reserve %d bytes for the header and bucket index of table file 'DIR/big.shmt': No space left on device (the whole table takes up to %d bytes)
toobig 1: left behind: 0 bytes
toobig 2: ShmTable\Exception: cannot reserve %d bytes for the header and bucket index of table file 'DIR/big.shmt': No space left on device (the whole table takes up to %d bytes)
toobig 2: left behind: 0 bytes
exit 0
