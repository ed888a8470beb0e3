--TEST--
fork: a child that destroy()s its table (or exits) does not affect the parent or the other children
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl required'); ?>
--FILE--
<?php
use ShmTable\Table;

pcntl_alarm(60);

$t = new Table(32);
$t->column('n', Table::TYPE_INT);
$t->create();
$t->set('a', ['n' => 1]);
$mem = $t->getMemorySize();

$pid = pcntl_fork();
if ($pid === -1) {
    die("fork failed\n");
}
if ($pid === 0) {
    pcntl_alarm(60);
    $t->set('b', ['n' => 2]);
    $code = $t->destroy() ? 0 : 10;
    try {
        $t->get('a');
        $code += 1;
    } catch (ShmTable\Exception $e) {
        if ($e->getMessage() !== 'Table has been destroyed') {
            $code += 2;
        }
    }
    exit($code);
}
pcntl_waitpid($pid, $status);
echo 'child exit: ', pcntl_wexitstatus($status), "\n";
var_dump($t->get('a', 'n'), $t->get('b', 'n'), count($t), $t->getMemorySize() === $mem);
$t->set('c', ['n' => 3]);
var_dump($t->incr('a', 'n'));

// A child that drops its reference (unset) or exits without destroy(): same.
$pid = pcntl_fork();
if ($pid === 0) {
    pcntl_alarm(60);
    $t->set('d', ['n' => 4]);
    unset($t);
    gc_collect_cycles();
    exit(0);
}
pcntl_waitpid($pid, $status);
echo 'child exit: ', pcntl_wexitstatus($status), "\n";
var_dump($t->get('d', 'n'), count($t));

// Several children destroy while one keeps working.
$pids = [];
for ($w = 0; $w < 3; $w++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        pcntl_alarm(60);
        $t->destroy();
        exit(0);
    }
    $pids[] = $pid;
}
$pid = pcntl_fork();
if ($pid === 0) {
    pcntl_alarm(60);
    for ($i = 0; $i < 1000; $i++) {
        $t->incr('e', 'n');
    }
    exit($t->get('e', 'n') === 1000 ? 0 : 1);
}
$pids[] = $pid;
$codes = [];
foreach ($pids as $p) {
    pcntl_waitpid($p, $status);
    $codes[] = pcntl_wexitstatus($status);
}
echo 'exit codes: ', implode(' ', $codes), "\n";
var_dump($t->get('e', 'n'), count($t));

// The parent can still destroy its own mapping afterwards.
var_dump($t->destroy());
try {
    $t->get('a');
} catch (ShmTable\Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
child exit: 0
int(1)
int(2)
int(2)
bool(true)
int(2)
child exit: 0
int(4)
int(4)
exit codes: 0 0 0 0
int(1000)
int(5)
bool(true)
ShmTable\Exception: Table has been destroyed
