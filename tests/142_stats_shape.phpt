--TEST--
stats(): chain_histogram (buckets by chain length, the last bin 8 and longer) and stripe_rows (rows per lock stripe) add up to the buckets and the rows, also after four processes wrote
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('pcntl_fork')) die('skip pcntl required (make test: see TESTING.md)');
?>
--FILE--
<?php
use ShmTable\Table;

function shape(Table $t): string
{
    $s = $t->stats();
    $h = $s['chain_histogram'];
    $weighted = 0;
    foreach ($h as $len => $n) {
        $weighted += $len * $n;
    }
    $longest = 0;
    foreach ($h as $len => $n) {
        if ($n > 0) {
            $longest = $len;
        }
    }
    return sprintf('bins %d, buckets %s, rows by chains %s, stripes %s, rows by stripes %s, longest %s',
        count($h), array_sum($h) === $s['buckets'] ? 'ok' : 'WRONG',
        $s['max_chain'] < 8 ? ($weighted === $s['rows'] ? 'ok' : 'WRONG') : 'n/a',
        count($s['stripe_rows']) === $s['stripes'] ? 'ok' : 'WRONG',
        array_sum($s['stripe_rows']) === $s['rows'] ? 'ok' : 'WRONG',
        min($s['max_chain'], 8) === $longest ? 'ok' : 'WRONG');
}

$t = new Table(4000);
$t->column('n', Table::TYPE_INT);
$t->create();
echo shape($t), "\n";
echo json_encode($t->stats()['chain_histogram']), "\n";
$t->set('one', ['n' => 1]);
echo json_encode(array_slice($t->stats()['chain_histogram'], 0, 2)), "\n";

$pids = [];
for ($w = 0; $w < 4; $w++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        for ($i = 0; $i < 900; $i++) {
            $t->set("w$w-$i", ['n' => $i]);
        }
        for ($i = 0; $i < 900; $i += 3) {
            $t->del("w$w-$i");
        }
        exit(0);
    }
    $pids[] = $pid;
}
foreach ($pids as $pid) {
    pcntl_waitpid($pid, $st);
}
echo count($t), "\n";
echo shape($t), "\n";
?>
--EXPECT--
bins 9, buckets ok, rows by chains ok, stripes ok, rows by stripes ok, longest ok
[4000,0,0,0,0,0,0,0,0]
[3999,1]
2401
bins 9, buckets ok, rows by chains ok, stripes ok, rows by stripes ok, longest ok
