--TEST--
Capacity: a 10-million-row table costs memory only as rows fill (and is created in under 500 ms, with SHMTABLE_TIMING_TESTS=1)
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!is_readable('/proc/self/status')) die('skip needs /proc/self/status'); ?>
--FILE--
<?php
use ShmTable\Table;

function rss_kb(): int {
    preg_match('/^VmRSS:\s+(\d+) kB/m', file_get_contents('/proc/self/status'), $m);
    return (int)$m[1];
}

$t = new Table(10000000, max_key_length: 16);
$t->column('n', Table::TYPE_INT);
$rss0 = rss_kb();
$t0 = hrtime(true);
$t->create();
$ms = (hrtime(true) - $t0) / 1e6;
$grown = rss_kb() - $rss0;
var_dump($t->getSize());
// At least 10M * (16-byte key + 8-byte int) bytes mapped...
var_dump($t->getMemorySize() >= 10000000 * 24);
// ...touching little of it, and (timed with SHMTABLE_TIMING_TESTS=1 only)
// in well under a second.
echo 'fast: ', getenv('SHMTABLE_TIMING_TESTS') !== '1' ? 'not timed' : ($ms < 500 ? 'yes' : "no ($ms ms)"), "\n";
echo 'lazy: ', $grown < 32 * 1024 ? 'yes' : "no ($grown kB)", "\n";

for ($i = 0; $i < 20000; $i++) {
    $t->set("k$i", ['n' => $i]);
}
var_dump(count($t), $t->get('k19999', 'n'), $t->get('k20000'));
var_dump($t->stats()['max_chain'] <= 12);
echo 'still small: ', rss_kb() - $rss0 < 128 * 1024 ? 'yes' : 'no', "\n";
?>
--EXPECTF--
int(10000000)
bool(true)
fast: %r(yes|not timed)%r
lazy: yes
int(20000)
int(19999)
bool(false)
bool(true)
still small: yes
