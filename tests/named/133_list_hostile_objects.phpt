--TEST--
named: Table::list() with objects named like tables that are not whole tables: a valid table's bytes cut at every boundary of its layout, a directory, bytes changed through its header and counters, a copy being truncated and rewritten while listed; each one is left out or listed with numbers within its size, and nothing throws, warns or waits
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('pcntl_fork')) die('skip pcntl required (make test: see TESTING.md)');
if (!function_exists('posix_kill')) die('skip posix required (make test: see TESTING.md)');
?>
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

named_watchdog(120);
$prefix = named_unique('hostile-');
$shm = fn(string $n) => "/dev/shm/shmtable.$prefix$n";
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

$t = new Table(100);
$t->column('a', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 16);
$t->create(name: $prefix . 'src');
for ($i = 0; $i < 50; $i++) {
    $t->set("k$i", ['a' => $i, 's' => "v$i"]);
}
$src = file_get_contents($shm('src'));
$len = strlen($src);
// The header gives header_bytes (offset 12), alloc_off, stripes_off,
// buckets_off and rows_off (64, 72, 80, 88).
$h = unpack('Vhb', $src, 12) + unpack('Palloc/Pstripes/Pbuckets/Prows', $src, 64);
$cuts = [0, 1, 8, 12, 16, 63, 64, 96, $h['hb'] - 1, $h['hb'], $h['alloc'], $h['stripes'],
    $h['stripes'] + 8, $h['buckets'], $h['rows'], $h['rows'] + 1, $len - 1];
$listed = [];
foreach (array_unique($cuts) as $n) {
    file_put_contents($shm("cut$n"), substr($src, 0, $n));
}
file_put_contents($shm('whole'), $src);
chmod($shm('whole'), 0600);
mkdir($shm('dir'));
echo implode(',', array_keys(mine())), "\n";
foreach (array_unique($cuts) as $n) {
    unlink($shm("cut$n"));
}

// One byte in four of the header and the counters after it set to 0xff,
// one copy each: listed or not, an entry's rows are within its size.
$odd = 0;
$tried = 0;
for ($off = 0; $off < $h['buckets']; $off += 4) {
    $m = $src;
    $m[$off] = "\xff";
    file_put_contents($shm('flip'), $m);
    $tried++;
    foreach (mine() as $n => $e) {
        if ($n === 'flip' && ($e['rows'] < 0 || $e['rows'] > $e['size'] || $e['size'] !== 100)) {
            $odd++;
        }
    }
}
unlink($shm('flip'));
echo "changed copies: ", $tried >= 64 ? "at least 64" : $tried, ", entries out of range: $odd\n";

// A copy truncated to random lengths and rewritten by another process
// while this one lists.
file_put_contents($shm('race'), $src);
$pid = pcntl_fork();
if ($pid === 0) {
    $f = fopen($shm('race'), 'r+');
    $sizes = [0, 10, $h['hb'], $h['stripes'] + 4, $len - 1, $len, $len * 4];
    $end = microtime(true) + 1.5;
    while (microtime(true) < $end) {
        ftruncate($f, $sizes[mt_rand(0, count($sizes) - 1)]);
        fseek($f, 0);
        fwrite($f, $src);
    }
    exit(0);
}
$lists = 0;
$wrong = 0;
while (pcntl_waitpid($pid, $st, WNOHANG) === 0) {
    $l = mine();
    $lists++;
    if (isset($l['race']) && ($l['race']['size'] !== 100 || $l['race']['rows'] !== 50)) {
        $wrong++;
    }
}
echo $lists > 0 ? "listed while truncated: entries wrong: $wrong\n" : "never listed\n";
unlink($shm('race'));
unlink($shm('whole'));
rmdir($shm('dir'));
Table::unlink($prefix . 'src');
var_dump(mine());
?>
--EXPECT--
src,whole
changed copies: at least 64, entries out of range: 0
listed while truncated: entries wrong: 0
array(0) {
}
