--TEST--
fork: foreach while another process writes sees each row as a whole write and every row that stays exactly once
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl required'); ?>
--FILE--
<?php
use ShmTable\Table;

pcntl_alarm(120);

function make_row(int $x): array {
    // In column order (a, s, b), as get() returns it.
    return ['a' => $x, 's' => str_repeat(chr(65 + $x % 26), 100 + $x % 3000), 'b' => $x];
}
function is_whole(array $row): bool {
    return $row['a'] === $row['b'] && $row === make_row($row['a']);
}

$t = new Table(512);
$t->column('a', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 4096);
$t->column('b', Table::TYPE_INT);
$t->create();
for ($i = 0; $i < 200; $i++) {
    $t->set("st$i", make_row($i));      // never written again
}
for ($i = 0; $i < 100; $i++) {
    $t->set("m$i", make_row(0));        // rewritten all the time, never deleted
}

$ctl = new Table(4);
$ctl->column('v', Table::TYPE_INT);
$ctl->create();

$pid = pcntl_fork();
if ($pid === -1) {
    die("fork failed\n");
}
if ($pid === 0) {
    pcntl_alarm(120);
    $x = 0;
    $ctl->set('running', ['v' => 1]);
    while (!$ctl->exists('stop')) {
        $x++;
        $t->set('m' . ($x % 100), make_row($x));
        if ($x % 7 === 0) {
            $t->set('tmp' . ($x % 50), make_row($x));
            $t->del('tmp' . (($x + 25) % 50));
        }
    }
    $ctl->set('writes', ['v' => $x]);
    exit(0);
}

$deadline = microtime(true) + 30;
while (!$ctl->exists('running') && microtime(true) < $deadline) {
    usleep(1000);
}
$loops = 0;
$torn = 0;
$wrongVisits = 0;
$tmpTwice = 0;
$endAt = microtime(true) + 2.0;
while ($loops < 20 || microtime(true) < $endAt) {
    $loops++;
    $visits = [];
    foreach ($t as $k => $row) {
        $visits[$k] = ($visits[$k] ?? 0) + 1;
        if (!is_whole($row)) {
            $torn++;
        }
    }
    for ($i = 0; $i < 200; $i++) {
        if (($visits["st$i"] ?? 0) !== 1) {
            $wrongVisits++;
        }
    }
    for ($i = 0; $i < 100; $i++) {
        if (($visits["m$i"] ?? 0) !== 1) {
            $wrongVisits++;
        }
    }
    // Also single reads: a get() is a whole write too.
    for ($i = 0; $i < 100; $i++) {
        if (!is_whole($t->get("m$i"))) {
            $torn++;
        }
    }
    if ($loops > 2000) {
        break;
    }
}
$ctl->set('stop', ['v' => 1]);
pcntl_waitpid($pid, $status);
echo 'child exit: ', pcntl_wexitstatus($status), "\n";
echo "torn rows: $torn, wrong visit counts: $wrongVisits\n";
var_dump($ctl->get('writes', 'v') > 0);
// Stable rows are untouched and everything still reads whole.
$ok = 0;
for ($i = 0; $i < 200; $i++) {
    if ($t->get("st$i") === make_row($i)) {
        $ok++;
    }
}
var_dump($ok);
$whole = 0;
$n = 0;
foreach ($t as $row) {
    $n++;
    $whole += is_whole($row) ? 1 : 0;
}
var_dump($n === $whole, $n === count($t));
?>
--EXPECT--
child exit: 0
torn rows: 0, wrong visit counts: 0
bool(true)
int(200)
bool(true)
bool(true)
