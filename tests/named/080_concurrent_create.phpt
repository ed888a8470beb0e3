--TEST--
named: many processes started at once create(name:) the same table: exactly one creates it, all share the same rows, no increment is lost
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!function_exists('pcntl_fork') || !function_exists('posix_kill')) die('skip pcntl and posix required'); ?>
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

named_watchdog(120);
const WORKERS = 8;
const OPS = 5000;
const ROUNDS = 3;

// Counts of how each worker opened the table, in an anonymous table that
// this process made before forking (it never maps the named one before
// the workers are done).
$ledger = new Table(16);
$ledger->column('v', Table::TYPE_INT);
$ledger->create();

$bad = [];
for ($round = 1; $round <= ROUNDS; $round++) {
    $name = named_unique("race$round");
    Table::unlink($name);
    $go = microtime(true) + 0.3;
    $pids = [];
    for ($w = 0; $w < WORKERS; $w++) {
        $pid = pcntl_fork();
        if ($pid === 0) {
            pcntl_alarm(60);
            while (microtime(true) < $go) {
                usleep(100);
            }
            $t = named_table(100);
            $t->create(name: $name);
            $ledger->incr($round . $t->stats()['opened'], 'v');
            for ($i = 0; $i < OPS; $i++) {
                $t->incr('total', 'hits');
                $t->incr("w$w", 'hits');
            }
            // Stay mapped until every worker is done, so each of them
            // found the table either new or in use, never abandoned.
            $ledger->incr("done$round", 'v');
            while ($ledger->get("done$round", 'v') < WORKERS) {
                usleep(1000);
            }
            exit(0);
        }
        $pids[] = $pid;
    }
    foreach ($pids as $pid) {
        pcntl_waitpid($pid, $status);
        if (!pcntl_wifexited($status) || pcntl_wexitstatus($status) !== 0) {
            $bad[] = "round $round: a worker failed";
        }
    }
    $t = Table::attach($name);
    if ($t->get('total', 'hits') !== WORKERS * OPS) {
        $bad[] = "round $round: total " . $t->get('total', 'hits');
    }
    for ($w = 0; $w < WORKERS; $w++) {
        if ($t->get("w$w", 'hits') !== OPS) {
            $bad[] = "round $round: worker $w " . $t->get("w$w", 'hits');
        }
    }
    $created = $ledger->get("{$round}created", 'v') ?: 0;
    $attached = $ledger->get("{$round}attached", 'v') ?: 0;
    if ($created !== 1 || $attached !== WORKERS - 1) {
        $bad[] = "round $round: $created created, $attached attached";
    }
    if (count($t) !== WORKERS + 1 || !$t->check()) {
        $bad[] = "round $round: " . count($t) . " rows";
    }
    Table::unlink($name);
}
echo ROUNDS, " rounds of ", WORKERS, " processes x ", OPS, " increments\n";
echo $bad ? implode("\n", $bad) : 'one creator each round, all others attached, every total exact', "\n";
?>
--EXPECT--
3 rounds of 8 processes x 5000 increments
one creator each round, all others attached, every total exact
