--TEST--
named: a table file whose every user was SIGKILLed mid-write is reopened, repaired and passes check(), with exact counts
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!function_exists('pcntl_fork') || !function_exists('posix_kill')) die('skip pcntl and posix required'); ?>
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

named_watchdog(150);
const WORKERS = 4;
const ROUNDS = 4;
$path = named_path('killed');
@unlink($path);

// The ledger is an anonymous table of this process: each worker counts
// there an increment it is about to make (p) and one it has made (d), so
// the file's counter c must end between them. This process never maps the
// file, so that killing the workers leaves it with no user at all.
$ledger = new Table(64);
$ledger->column('v', Table::TYPE_INT);
$ledger->create();

$verify = <<<'PHP'
    $t = ShmTable\Table::attach(path: $argv[1]);
    $out = ['opened' => $t->stats()['opened'], 'recoveries' => $t->stats()['lock_recoveries']];
    try { $out['check'] = $t->check(); } catch (Throwable $e) { $out['check'] = $e->getMessage(); }
    for ($w = 0; $w < (int)$argv[2]; $w++) { $out["c$w"] = $t->get("c$w", 'n') ?: 0; }
    $out['rows'] = count($t);
    $walk = 0; foreach ($t as $row) { $walk++; }
    $out['walk'] = $walk;
    echo json_encode($out);
    PHP;

$bad = [];
$repaired = 0;
$repairs = 0;
for ($round = 1; $round <= ROUNDS; $round++) {
    $pids = [];
    for ($w = 0; $w < WORKERS; $w++) {
        $pid = pcntl_fork();
        if ($pid === 0) {
            pcntl_alarm(60);
            $t = new Table(64);
            $t->column('n', Table::TYPE_INT);
            $t->column('blob', Table::TYPE_STRING, 40000);
            $t->create(path: $path);
            for ($i = 0; ; $i++) {
                $ledger->incr("p$w", 'v');
                $t->incr("c$w", 'n');
                $ledger->incr("d$w", 'v');
                // Long copies (40 kB rows), inserts and deletes: most kills
                // land inside a write, with a stripe lock held.
                $t->set("b$w-" . ($i % 4), ['blob' => str_repeat(chr(65 + $i % 26), 40000)]);
                $t->del("b$w-" . (($i + 2) % 4));
            }
        }
        $pids[] = $pid;
    }
    // Let every worker get going, then kill them all at once.
    $until = microtime(true) + 20;
    do {
        usleep(10000);
        $ready = 0;
        for ($w = 0; $w < WORKERS; $w++) {
            $ready += ($ledger->get("d$w", 'v') ?: 0) >= 200 * $round;
        }
    } while ($ready < WORKERS && microtime(true) < $until);
    usleep(mt_rand(1000, 50000));
    foreach ($pids as $pid) {
        posix_kill($pid, SIGKILL);
    }
    foreach ($pids as $pid) {
        pcntl_waitpid($pid, $status);
    }
    $r = json_decode(named_php($verify, [$path, WORKERS]), true);
    if (!is_array($r)) {
        $bad[] = "round $round: the verifier failed";
        continue;
    }
    if ($r['opened'] !== 'reopened') $bad[] = "round $round: opened {$r['opened']}";
    if ($r['check'] !== true) $bad[] = "round $round: check: {$r['check']}";
    if ($r['rows'] !== $r['walk']) $bad[] = "round $round: count {$r['rows']}, walk {$r['walk']}";
    $repaired += $r['recoveries'] > 0;
    $repairs += $r['recoveries'];
    for ($w = 0; $w < WORKERS; $w++) {
        $p = $ledger->get("p$w", 'v'); $d = $ledger->get("d$w", 'v'); $c = $r["c$w"];
        if ($c < $d || $c > $p || $p - $d > 1) {
            $bad[] = "round $round worker $w: counter $c, made $d, begun $p";
        }
        // An increment begun but not made (the kill came first) is settled
        // now: the next round starts from the counter as it is.
        $ledger->set("p$w", ['v' => $c]);
        $ledger->set("d$w", ['v' => $c]);
    }
}
named_summary('named/070_file_killed_writers', sprintf('%d rounds of %d killed writers: %d reopens '
    . 'found writes in flight, %d repairs in all, %s', ROUNDS, WORKERS, $repaired, $repairs,
    $bad ? count($bad) . ' errors' : 'counts exact'));
echo ROUNDS, " rounds of ", WORKERS, " workers killed\n";
echo $bad ? implode("\n", $bad) : 'every reopen repaired the file, check passed, every count exact', "\n";
unlink($path);
?>
--EXPECT--
4 rounds of 4 workers killed
every reopen repaired the file, check passed, every count exact
