--TEST--
named: damaged and hostile table files (bad magic, version, ncols, offsets, sizes, truncation) are refused with a clear message, never mapped, never changed
--EXTENSIONS--
shmtable
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
    'buckets_off' => 80, 'rows_off' => 88, 'ready' => 112, 'col0' => 144];
function u32(string $s, string $f, int $v): string { return substr_replace($s, pack('V', $v), OFF[$f], 4); }
function u64(string $s, string $f, int $v): string { return substr_replace($s, pack('P', $v), OFF[$f], 8); }

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
    'string size 2 MiB' => substr_replace($img, pack('V', 2 << 20), OFF['col0'] + 88 + 72, 4),
    'truncated rows' => substr($img, 0, strlen($img) - 1000),
    'never finished' => u32($img, 'ready', 0),
];
$n = 0;
foreach ($cases as $what => $bytes) {
    $p = named_path('bad' . $n++);
    file_put_contents($p, $bytes);
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
unlink($good);
?>
--EXPECTF--
written
file: %d bytes
empty file:
  ShmTable\Exception: table file 'TMP/bad0.shmt' was never completely created; create() it again or remove it
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
  ShmTable\Exception: table file 'TMP/bad4.shmt' is not a valid table: layout version 99, this build reads version 3
  ShmTable\Exception: table file 'TMP/bad4.shmt' is not a valid table: layout version 99, this build reads version 3
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
string size 2 MiB:
  ShmTable\Exception: table file 'TMP/bad20.shmt' is not a valid table: column 'note' has size 2097152
  ShmTable\Exception: table file 'TMP/bad20.shmt' is not a valid table: column 'note' has size 2097152
  unchanged
truncated rows:
  ShmTable\Exception: table file 'TMP/bad21.shmt' is not a valid table: %d bytes, the layout needs %d (truncated)
  ShmTable\Exception: table file 'TMP/bad21.shmt' is not a valid table: %d bytes, the layout needs %d (truncated)
  unchanged
never finished:
  ShmTable\Exception: table file 'TMP/bad22.shmt' was never completely created; create() it again or remove it
  ok: true
  rewritten
array(2) {
  ["hits"]=>
  int(1)
  ["note"]=>
  string(1) "x"
}
bool(true)