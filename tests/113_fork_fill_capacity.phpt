--TEST--
fork: 4 workers insert disjoint keys into a table of 1000 rows: exactly 1000 succeed, the rest are FullException
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl required'); ?>
--FILE--
<?php
use ShmTable\Table;

pcntl_alarm(120);

const WORKERS = 4;
const PER_WORKER = 400;
const SIZE = 1000;

$t = new Table(SIZE);
$t->column('w', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 48);
$t->create();

$dir = sys_get_temp_dir() . '/shmt_113_' . getmypid();
@mkdir($dir);
$pids = [];
for ($w = 1; $w <= WORKERS; $w++) {
    $pid = pcntl_fork();
    if ($pid === -1) {
        die("fork failed\n");
    }
    if ($pid === 0) {
        pcntl_alarm(120);
        $ok = 0;
        $full = 0;
        $other = 0;
        $msgOk = 0;
        for ($i = 0; $i < PER_WORKER; $i++) {
            try {
                $t->set("w$w:$i", ['w' => $w, 's' => str_repeat(chr(64 + $w), 48)]);
                $ok++;
            } catch (ShmTable\FullException $e) {
                $full++;
                if ($e->getMessage() === 'Table is full: all 1000 rows are in use') {
                    $msgOk++;
                }
            } catch (Throwable $e) {
                $other++;
            }
        }
        file_put_contents("$dir/$w", json_encode([$ok, $full, $other, $msgOk]));
        exit(0);
    }
    $pids[] = $pid;
}
foreach ($pids as $pid) {
    pcntl_waitpid($pid, $status);
}
$ok = $full = $other = $msgOk = 0;
for ($w = 1; $w <= WORKERS; $w++) {
    [$a, $b, $c, $d] = json_decode(file_get_contents("$dir/$w"), true);
    unlink("$dir/$w");
    $ok += $a;
    $full += $b;
    $other += $c;
    $msgOk += $d;
}
rmdir($dir);
echo "inserted: $ok, full: $full, other errors: $other, full messages as documented: $msgOk\n";
var_dump(count($t));
// Every row that is there is whole.
$whole = 0;
foreach ($t as $k => $row) {
    if ($row['s'] === str_repeat(chr(64 + $row['w']), 48) && str_starts_with($k, "w{$row['w']}:")) {
        $whole++;
    }
}
var_dump($whole);
try {
    $t->set('one more', []);
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($t->stats()['max_chain'] <= 12);
?>
--EXPECT--
inserted: 1000, full: 600, other errors: 0, full messages as documented: 600
int(1000)
int(1000)
ShmTable\FullException: Table is full: all 1000 rows are in use
bool(true)
