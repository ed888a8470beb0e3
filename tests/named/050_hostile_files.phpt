--TEST--
named: damaged and hostile table files (bad magic, version, ncols, offsets, sizes, truncation, a damaged ready word, damaged allocator and stripe words) are refused with a clear message, never mapped, never changed; only an empty file or one a dead creator left marked is made a table, by create()
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (php_uname('m') !== 'x86_64') die('skip the allocator offsets are those of x86-64'); ?>
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

// A valid file to start from, written by another process and closed.
$good = named_path('good');
@unlink($good);
echo named_php(<<<'PHP'
    $t = new ShmTable\Table(50);
    $t->column('hits', ShmTable\Table::TYPE_INT);
    $t->column('note', ShmTable\Table::TYPE_STRING, 300);
    $t->create(path: $argv[1]);
    $t->set('a', ['hits' => 1, 'note' => 'x']);
    $t->flush();
    echo "written\n";
    PHP, [$good]);
$img = file_get_contents($good);
printf("file: %d bytes\n", strlen($img));

// Header fields (docs/ARCHITECTURE.md): offsets in bytes.
const OFF = ['version' => 8, 'header_bytes' => 12, 'map_bytes' => 16, 'size' => 24,
    'spares' => 28, 'total_rows' => 32, 'nbuckets' => 36, 'nstripes' => 40, 'key_max' => 44,
    'ncols' => 48, 'row_bytes' => 52, 'key_off' => 56, 'alloc_off' => 64, 'stripes_off' => 72,
    'buckets_off' => 80, 'rows_off' => 88, 'ready' => 112, 'col0' => 160];
function u32(string $s, string $f, int $v): string { return substr_replace($s, pack('V', $v), OFF[$f], 4); }
function u64(string $s, string $f, int $v): string { return substr_replace($s, pack('P', $v), OFF[$f], 8); }
function u32at(string $s, int $at, int $v): string { return substr_replace($s, pack('V', $v), $at, 4); }
function get32(string $s, int $at): int { return unpack('V', $s, $at)[1]; }
const LOCK = 40; // sizeof(pthread_mutex_t) on x86-64 (see SKIPIF)
$alloc = get32($img, OFF['header_bytes']);
$stripes = get32($img, OFF['stripes_off']);
$nextUnused = get32($img, $alloc + LOCK + 4);
$dead = substr_replace(str_repeat("\0", 4096), substr($img, 0, 12), 0, 12);
$dead = u32($dead, 'ready', 0x54494e49);

$cases = [
    'empty file' => '',
    'shorter than a header' => substr($img, 0, 100),
    'bad magic' => 'XXXXXXXX' . substr($img, 8),
    'text file' => str_repeat("not a table\n", 100),
    'bad version' => u32($img, 'version', 99),
    'zero columns' => u32($img, 'ncols', 0),
    'huge ncols' => u32($img, 'ncols', 0x7fffffff),
    'ncols past the end' => substr(u32($img, 'ncols', 200), 0, 4096),
    'size zero' => u32($img, 'size', 0),
    'huge size' => u32($img, 'size', 0xffffffff),
    'key_max too big' => u32($img, 'key_max', 5000),
    'map_bytes past the end' => u64($img, 'map_bytes', strlen($img) * 4),
    'rows_off past the end' => u64($img, 'rows_off', 1 << 40),
    'buckets_off moved' => u64($img, 'buckets_off', 64),
    'row_bytes changed' => u32($img, 'row_bytes', 8),
    'nstripes changed' => u32($img, 'nstripes', 1024),
    'column name length 0' => substr_replace($img, pack('V', 0), OFF['col0'] + 64, 4),
    'column name length 200' => substr_replace($img, pack('V', 200), OFF['col0'] + 64, 4),
    'column type 9' => substr_replace($img, pack('V', 9), OFF['col0'] + 68, 4),
    'column offset moved' => substr_replace($img, pack('V', 1 << 30), OFF['col0'] + 76, 4),
    'string size 8 MiB' => substr_replace($img, pack('V', 8 << 20), OFF['col0'] + 88 + 72, 4),
    'truncated rows' => substr($img, 0, strlen($img) - 1000),
    // A whole table whose ready word is damaged: its rows must survive.
    'ready word 0' => u32($img, 'ready', 0),
    'ready word 7' => u32($img, 'ready', 7),
    // What a creator that died leaves: the marked header prefix, then zeros
    // (this build's layout version only).
    'left by a creator that died' => $dead,
    'left by a creator of another version' => u32($dead, 'version', 1),
    // Allocator words of a table nobody maps (alloc_off = header_bytes; the
    // lock before them is 40 bytes on x86-64): refused before any repair.
    'allocator: next unused row 0' => u32at($img, $alloc + LOCK + 4, 0),
    'allocator: free row out of range' => u32at($img, $alloc + LOCK, 0xfffffff0),
    'allocator: count above the size' => u32at($img, $alloc + LOCK + 8, 51),
    // A row nobody accounts for, and a dead insert to repair: the check
    // fails after the repair, which must not have been written.
    'repair, then a failed check' => u32at(u32at(u32at(u32at($img, $alloc + LOCK + 4,
        $nextUnused + 1), $stripes + LOCK + 8, 1), $stripes + LOCK + 20, $nextUnused),
        $stripes + LOCK + 28, 0),
];
$n = 0;
foreach ($cases as $what => $bytes) {
    $p = named_path('bad' . $n++);
    file_put_contents($p, $bytes);
    chmod($p, 0600);
    echo "$what:\n  ";
    named_try(fn() => Table::attach(path: $p));
    echo "  ";
    $t = new Table(50);
    $t->column('hits', Table::TYPE_INT);
    $t->column('note', Table::TYPE_STRING, 300);
    named_try(fn() => $t->create(path: $p));
    clearstatcache();
    echo '  ', file_get_contents($p) === $bytes ? 'unchanged' : 'rewritten', "\n";
    unlink($p);
}
// The good file still opens, in this process, with its row.
$t = Table::attach(path: $good);
var_dump($t->get('a'), $t->check());
// The table in use here, its allocator word overwritten in the file: a
// process attaching is refused, this one's insert throws; nothing crashes,
// and with the word put back all is well again.
$f = fopen($good, 'r+');
fseek($f, $alloc + LOCK + 4);
$saved = fread($f, 4);
fseek($f, $alloc + LOCK + 4);
fwrite($f, pack('V', 0));
fflush($f);
echo named_clean(named_php('try { ShmTable\Table::attach(path: $argv[1]); echo "attached\n"; }'
    . ' catch (ShmTable\Exception $e) { echo $e->getMessage(), "\n"; }', [$good]));
named_try(fn() => $t->set('new', ['hits' => 2]));
fseek($f, $alloc + LOCK + 4);
fwrite($f, $saved);
fclose($f);
named_try(fn() => $t->set('new', ['hits' => 2]));
var_dump($t->check(), count($t));
unlink($good);
?>
--EXPECTF--
written
file: %d bytes
empty file:
  ShmTable\Exception: table file 'TMP/bad0.shmt' was never completely created: it has been empty for %d s and no process maps it (the process creating it stopped before it wrote anything); create() it to make the table in it, or remove it
  ok: true
  rewritten
shorter than a header:
  ShmTable\Exception: table file 'TMP/bad1.shmt' is not a valid table: 100 bytes, shorter than a header
  ShmTable\Exception: table file 'TMP/bad1.shmt' is not a valid table: 100 bytes, shorter than a header
  unchanged
bad magic:
  ShmTable\Exception: table file 'TMP/bad2.shmt' is not a valid table: bad magic (not a shmtable file)
  ShmTable\Exception: table file 'TMP/bad2.shmt' is not a valid table: bad magic (not a shmtable file)
  unchanged
text file:
  ShmTable\Exception: table file 'TMP/bad3.shmt' is not a valid table: bad magic (not a shmtable file)
  ShmTable\Exception: table file 'TMP/bad3.shmt' is not a valid table: bad magic (not a shmtable file)
  unchanged
bad version:
  ShmTable\Exception: table file 'TMP/bad4.shmt' is not a valid table: layout version 99, this build reads version 6
  ShmTable\Exception: table file 'TMP/bad4.shmt' is not a valid table: layout version 99, this build reads version 6
  unchanged
zero columns:
  ShmTable\Exception: table file 'TMP/bad5.shmt' is not a valid table: 0 columns (1..256 allowed)
  ShmTable\Exception: table file 'TMP/bad5.shmt' is not a valid table: 0 columns (1..256 allowed)
  unchanged
huge ncols:
  ShmTable\Exception: table file 'TMP/bad6.shmt' is not a valid table: 2147483647 columns (1..256 allowed)
  ShmTable\Exception: table file 'TMP/bad6.shmt' is not a valid table: 2147483647 columns (1..256 allowed)
  unchanged
ncols past the end:
  ShmTable\Exception: table file 'TMP/bad7.shmt' is not a valid table: truncated in its column list (4096 bytes)
  ShmTable\Exception: table file 'TMP/bad7.shmt' is not a valid table: truncated in its column list (4096 bytes)
  unchanged
size zero:
  ShmTable\Exception: table file 'TMP/bad8.shmt' is not a valid table: size 0 out of range
  ShmTable\Exception: table file 'TMP/bad8.shmt' is not a valid table: size 0 out of range
  unchanged
huge size:
  ShmTable\Exception: table file 'TMP/bad9.shmt' is not a valid table: size 4294967295 out of range
  ShmTable\Exception: table file 'TMP/bad9.shmt' is not a valid table: size 4294967295 out of range
  unchanged
key_max too big:
  ShmTable\Exception: table file 'TMP/bad10.shmt' is not a valid table: key length 5000 out of range
  ShmTable\Exception: table file 'TMP/bad10.shmt' is not a valid table: key length 5000 out of range
  unchanged
map_bytes past the end:
  ShmTable\Exception: table file 'TMP/bad11.shmt' is not a valid table: map_bytes is %d, the layout says %d
  ShmTable\Exception: table file 'TMP/bad11.shmt' is not a valid table: map_bytes is %d, the layout says %d
  unchanged
rows_off past the end:
  ShmTable\Exception: table file 'TMP/bad12.shmt' is not a valid table: rows_off is %d, the layout says %d
  ShmTable\Exception: table file 'TMP/bad12.shmt' is not a valid table: rows_off is %d, the layout says %d
  unchanged
buckets_off moved:
  ShmTable\Exception: table file 'TMP/bad13.shmt' is not a valid table: buckets_off is %d, the layout says %d
  ShmTable\Exception: table file 'TMP/bad13.shmt' is not a valid table: buckets_off is %d, the layout says %d
  unchanged
row_bytes changed:
  ShmTable\Exception: table file 'TMP/bad14.shmt' is not a valid table: row_bytes is %d, the layout says %d
  ShmTable\Exception: table file 'TMP/bad14.shmt' is not a valid table: row_bytes is %d, the layout says %d
  unchanged
nstripes changed:
  ShmTable\Exception: table file 'TMP/bad15.shmt' is not a valid table: nstripes is %d, the layout says %d
  ShmTable\Exception: table file 'TMP/bad15.shmt' is not a valid table: nstripes is %d, the layout says %d
  unchanged
column name length 0:
  ShmTable\Exception: table file 'TMP/bad16.shmt' is not a valid table: column 1 has a bad name
  ShmTable\Exception: table file 'TMP/bad16.shmt' is not a valid table: column 1 has a bad name
  unchanged
column name length 200:
  ShmTable\Exception: table file 'TMP/bad17.shmt' is not a valid table: column 1 has a bad name
  ShmTable\Exception: table file 'TMP/bad17.shmt' is not a valid table: column 1 has a bad name
  unchanged
column type 9:
  ShmTable\Exception: table file 'TMP/bad18.shmt' is not a valid table: column 'hits' has type 9
  ShmTable\Exception: table file 'TMP/bad18.shmt' is not a valid table: column 'hits' has type 9
  unchanged
column offset moved:
  ShmTable\Exception: table file 'TMP/bad19.shmt' is not a valid table: column 'hits' is not where the layout puts it
  ShmTable\Exception: table file 'TMP/bad19.shmt' is not a valid table: column 'hits' is not where the layout puts it
  unchanged
string size 8 MiB:
  ShmTable\Exception: table file 'TMP/bad20.shmt' is not a valid table: column 'note' has size 8388608
  ShmTable\Exception: table file 'TMP/bad20.shmt' is not a valid table: column 'note' has size 8388608
  unchanged
truncated rows:
  ShmTable\Exception: table file 'TMP/bad21.shmt' is not a valid table: %d bytes, the layout needs %d (truncated)
  ShmTable\Exception: table file 'TMP/bad21.shmt' is not a valid table: %d bytes, the layout needs %d (truncated)
  unchanged
ready word 0:
  ShmTable\Exception: table file 'TMP/bad22.shmt' is not a valid table: its 'ready' word is 0, neither complete (1) nor being created; it is left as it is: remove it if it holds nothing you need
  ShmTable\Exception: table file 'TMP/bad22.shmt' is not a valid table: its 'ready' word is 0, neither complete (1) nor being created; it is left as it is: remove it if it holds nothing you need
  unchanged
ready word 7:
  ShmTable\Exception: table file 'TMP/bad23.shmt' is not a valid table: its 'ready' word is 7, neither complete (1) nor being created; it is left as it is: remove it if it holds nothing you need
  ShmTable\Exception: table file 'TMP/bad23.shmt' is not a valid table: its 'ready' word is 7, neither complete (1) nor being created; it is left as it is: remove it if it holds nothing you need
  unchanged
left by a creator that died:
  ShmTable\Exception: table file 'TMP/bad24.shmt' was never completely created: the process creating it died before it finished, and no process maps it (it holds no row); create() it to make the table again, or remove it
  ok: true
  rewritten
left by a creator of another version:
  ShmTable\Exception: table file 'TMP/bad25.shmt' is not a valid table: layout version 1, this build reads version %d
  ShmTable\Exception: table file 'TMP/bad25.shmt' is not a valid table: layout version 1, this build reads version %d
  unchanged
allocator: next unused row 0:
  ShmTable\Exception: table file 'TMP/bad26.shmt' is damaged beyond repair: allocator: next unused row 0, outside 1..%d
  ShmTable\Exception: table file 'TMP/bad26.shmt' is damaged beyond repair: allocator: next unused row 0, outside 1..%d
  unchanged
allocator: free row out of range:
  ShmTable\Exception: table file 'TMP/bad27.shmt' is damaged beyond repair: allocator: first free row 4294967280, outside 1..%d
  ShmTable\Exception: table file 'TMP/bad27.shmt' is damaged beyond repair: allocator: first free row 4294967280, outside 1..%d
  unchanged
allocator: count above the size:
  ShmTable\Exception: table file 'TMP/bad28.shmt' is damaged beyond repair: allocator: 51 rows counted, more than its size 50
  ShmTable\Exception: table file 'TMP/bad28.shmt' is damaged beyond repair: allocator: 51 rows counted, more than its size 50
  unchanged
repair, then a failed check:
  ShmTable\Exception: table file 'TMP/bad29.shmt' is damaged beyond repair: count 0 differs from 1 rows in chains and 0 kept by stripes
  ShmTable\Exception: table file 'TMP/bad29.shmt' is damaged beyond repair: count 0 differs from 1 rows in chains and 0 kept by stripes
  unchanged
array(2) {
  ["hits"]=>
  int(1)
  ["note"]=>
  string(1) "x"
}
bool(true)
table file 'TMP/good.shmt' is damaged: allocator: next unused row 0, outside 1..%d; it was left as it is
ShmTable\Exception: ShmTable\Table::set(): table is corrupt
ok: true
bool(true)
int(2)
