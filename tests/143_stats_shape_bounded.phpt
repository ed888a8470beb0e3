--TEST--
stats(): a chain that loops back on itself (a damaged row link) is measured as no longer than the table's size, stats() returns and changes nothing; while other processes write, every chain length, stripe count and row count stays within the size
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('pcntl_fork')) die('skip pcntl required (make test: see TESTING.md)');
?>
--FILE--
<?php
use ShmTable\Table;

// A file-backed table, so that this process can write its bytes: the row a
// bucket names is made to link to itself. The header gives row_bytes
// (offset 52), buckets_off (80) and rows_off (88); a row's link to the
// next row of its chain is its first 4 bytes, rows counted from 1.
$path = sys_get_temp_dir() . '/shmtable-143-' . getmypid() . '.tbl';
@unlink($path);
$t = new Table(64);
$t->column('n', Table::TYPE_INT);
$t->create(path: $path);
for ($i = 0; $i < 30; $i++) {
    $t->set("k$i", ['n' => $i]);
}
$f = fopen($path, 'r+');
$hdr = fread($f, 96);
$rowBytes = unpack('V', $hdr, 52)[1];
$bucketsOff = unpack('P', $hdr, 80)[1];
$rowsOff = unpack('P', $hdr, 88)[1];
fseek($f, $bucketsOff);
$heads = array_values(unpack('V64', fread($f, 4 * 64)));
$head = 0;
foreach ($heads as $h) {
    if ($h !== 0) {
        $head = $h;
        break;
    }
}
$linkAt = $rowsOff + ($head - 1) * $rowBytes;
fseek($f, $linkAt);
$link = fread($f, 4);
fseek($f, $linkAt);
fwrite($f, pack('V', $head));
fflush($f);

$s = $t->stats();
echo "looping chain: max_chain ", $s['max_chain'], " of size ", $s['size'], ", rows ", $s['rows'],
    ", longest bin ", $s['chain_histogram'][8], "\n";
try {
    $t->check();
    echo "check: passed\n";
} catch (ShmTable\Exception $e) {
    echo "check: ", get_class($e), "\n";
}
fseek($f, $linkAt);
fwrite($f, $link);
fclose($f);
var_dump($t->check(), $t->stats()['max_chain'] < 8, count($t));

// Four writers churn 200 keys through the 64 rows while this process asks
// for stats() all along.
$pids = [];
for ($w = 0; $w < 4; $w++) {
    if (($pid = pcntl_fork()) === 0) {
        mt_srand($w);
        for ($i = 0; $i < 20000; $i++) {
            $k = 'c' . mt_rand(0, 200);
            try {
                mt_rand(0, 1) ? $t->set($k, ['n' => $i]) : $t->del($k);
            } catch (ShmTable\FullException $e) {
            }
        }
        exit(0);
    }
    $pids[] = $pid;
}
$calls = 0;
$bad = [];
do {
    $s = $t->stats();
    $calls++;
    if ($s['rows'] > $s['size'] || $s['max_chain'] > $s['size'] || max($s['stripe_rows']) > $s['size']
        || array_sum($s['chain_histogram']) !== $s['buckets'] || count($s['stripe_rows']) !== $s['stripes']) {
        $bad[] = json_encode($s);
    }
    $running = 0;
    foreach ($pids as $pid) {
        $running += pcntl_waitpid($pid, $st, WNOHANG) === 0 ? 1 : 0;
    }
} while ($running > 0);
foreach ($pids as $pid) {
    pcntl_waitpid($pid, $st);
}
echo $calls > 0 ? "stats() while written: " . (count($bad) ? implode("\n", array_slice($bad, 0, 3)) : "every answer within the size") : "no call", "\n";
$s = $t->stats();
var_dump(array_sum($s['stripe_rows']) === $s['rows'], $t->check());
unset($t);
unlink($path);
?>
--EXPECT--
looping chain: max_chain 64 of size 64, rows 30, longest bin 1
check: ShmTable\Exception
bool(true)
bool(true)
int(30)
stats() while written: every answer within the size
bool(true)
bool(true)
