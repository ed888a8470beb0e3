--TEST--
A supervisor that wrote (and so keeps a lock slot), forks a worker and is killed: the worker's writes, another worker's and a new process's all go through, each counted once
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!function_exists('pcntl_fork')) die('skip pcntl required');
if (!function_exists('posix_kill')) die('skip posix required');
?>
--FILE--
<?php
use ShmTable\Table;

// 32 rows: 2 stripes, 2 lock slots, of which 1 may be kept.
$t = new Table(32);
$t->column('n', Table::TYPE_INT);
$t->create();
$dir = sys_get_temp_dir() . '/shmtable-121-' . getmypid();
@mkdir($dir);

function wait_for(string $f, float $secs = 10.0): bool {
    $end = microtime(true) + $secs;
    while (!file_exists($f)) {
        if (microtime(true) > $end) return false;
        usleep(1000);
    }
    return true;
}

$sup = pcntl_fork();
if ($sup < 0) die("fork failed\n");
if ($sup === 0) {
    $t->incr('supervisor', 'n');
    $w = pcntl_fork();
    if ($w === 0) {
        // The worker: it inherited the supervisor's handle.
        wait_for("$dir/go", 30);
        for ($i = 0; $i < 3; $i++) {
            $t->incr('worker', 'n');
        }
        touch("$dir/worker-done");
        exit(0);
    }
    // Written whole, then renamed: the parent never reads a partial file.
    file_put_contents("$dir/worker-pid.tmp", (string) $w);
    rename("$dir/worker-pid.tmp", "$dir/worker-pid");
    while (true) sleep(10);
}
wait_for("$dir/worker-pid");
$worker = (int) file_get_contents("$dir/worker-pid");
if ($worker <= 0) {
    die("no worker pid\n");   // never posix_kill(0): that is the whole process group
}
posix_kill($sup, SIGKILL);
pcntl_waitpid($sup, $st);

$other = pcntl_fork();
if ($other < 0) die("fork failed\n");
if ($other === 0) {
    $t->incr('other', 'n');       // takes the dead supervisor's slot back
    touch("$dir/other-done");
    while (true) sleep(10);
}
wait_for("$dir/other-done");
touch("$dir/go");
echo wait_for("$dir/worker-done") ? "worker: 3 writes done\n" : "worker: STUCK\n";

$new = pcntl_fork();
if ($new === 0) {
    $t->incr('new', 'n');
    exit(0);
}
$end = microtime(true) + 10;
while (pcntl_waitpid($new, $st, WNOHANG) === 0 && microtime(true) < $end) usleep(1000);
echo pcntl_wexitstatus($st) === 0 ? "new process: write done\n" : "new process: FAILED\n";

posix_kill($other, SIGKILL);
pcntl_waitpid($other, $st);
if (!file_exists("$dir/worker-done")) {
    posix_kill($worker, SIGKILL); // stuck, so still alive (it is not our child)
}
foreach (['supervisor', 'worker', 'other', 'new'] as $k) {
    echo "$k: ", $t->get($k, 'n'), "\n";
}
var_dump($t->check());
foreach (glob("$dir/*") as $f) unlink($f);
rmdir($dir);
?>
--EXPECT--
worker: 3 writes done
new process: write done
supervisor: 1
worker: 3
other: 1
new: 1
bool(true)
