--TEST--
named: a table file reopened during another boot anchors its clock anew, so a row's expiry stays the same wall-clock instant
--EXTENSIONS--
shmtable
--FILE--
<?php
require __DIR__ . '/named.inc';

// The header's boot_id (16 bytes at 120) and clock_base (int64 at 144):
// see docs/ARCHITECTURE.md, memory layout. Both files get a clock_base
// 2000 s ahead of this boot's; one also gets another boot id. Reopened,
// that one is anchored anew to the wall clock (rows keep their instants),
// while the other keeps its base: its table clock is 2000 s ahead, so
// every row with a ttl has expired. That is the difference the boot id
// makes. The ttls leave 100 s (long) and 500 s (short) for the two PHP
// processes to start: under valgrind on a busy machine that took 15 s.
const BOOT_ID_AT = 120;
const CLOCK_BASE_AT = 144;

$writer = <<<'PHP'
$f = new ShmTable\Table(16);
$f->column('n', ShmTable\Table::TYPE_INT);
$f->create(path: $argv[1]);
$f->set('long', ['n' => 1], 1000);
$f->set('short', ['n' => 2], 500);
$f->set('never', ['n' => 3]);
$f->flush();
PHP;
$reader = <<<'PHP'
$g = ShmTable\Table::attach(path: $argv[1]);
$left = $g->ttl('long');
printf("opened %s; long: %s; short: %s; never: %s\n", $g->stats()['opened'],
    $left === false ? 'expired' : ($left > 900 && $left <= 1000 ? 'about 1000 s left' : "$left s left"),
    var_export($g->exists('short'), true), var_export($g->ttl('never'), true));
var_dump($g->check());
PHP;
foreach (['another boot' => true, 'the same boot' => false] as $label => $otherBoot) {
    $path = named_path('boot');
    @unlink($path);
    echo named_php($writer, [$path]);
    $h = fopen($path, 'r+b');
    if ($otherBoot) {
        fseek($h, BOOT_ID_AT);
        $boot = fread($h, 16);
        fseek($h, BOOT_ID_AT);
        fwrite($h, ~$boot);
    }
    fseek($h, CLOCK_BASE_AT);
    $base = unpack('q', fread($h, 8))[1];
    fseek($h, CLOCK_BASE_AT);
    fwrite($h, pack('q', $base + 2000 * 1_000_000_000));
    fclose($h);
    echo "$label: ", named_php($reader, [$path]);
    unlink($path);
}
?>
--EXPECT--
another boot: opened reopened; long: about 1000 s left; short: true; never: 0.0
bool(true)
the same boot: opened reopened; long: expired; short: false; never: 0.0
bool(true)
