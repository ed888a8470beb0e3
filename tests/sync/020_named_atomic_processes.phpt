--TEST--
named Atomic: made by one php process, opened by unrelated ones (separate php executables, not forks); N unrelated workers x M add() give the exact total; the value given to an open of an existing one is unused
--EXTENSIONS--
shmtable
--FILE--
<?php
require __DIR__ . '/../named/named.inc';
use ShmTable\Atomic;

$name = named_unique('atomic');
Atomic::unlink($name);

// Made by another process, which exits: the object stays until unlinked.
echo named_php('$a = new ShmTable\Atomic(41, $argv[1]); echo $a->add(), "\n";', [$name]);
$a = new Atomic(1000, $name);           // exists: 1000 unused
var_dump($a->get());
echo named_php('echo ShmTable\Atomic::attach($argv[1])->get(), "\n";', [$name]);

// N unrelated workers, each M add(), started together.
const N = 4, M = 20000;
$a->set(0);
$worker = <<<'PHP'
    $a = new ShmTable\Atomic(0, $argv[1]);
    for ($i = 0; $i < (int)$argv[2]; $i++) { $a->add(1); }
    $a->sub(0);
    echo "done\n";
    PHP;
$procs = [];
for ($w = 0; $w < N; $w++) {
    $procs[] = proc_open(named_php_cmd($worker, [$name, M]), [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes[$w]);
}
$done = 0;
foreach ($procs as $w => $p) {
    $out = stream_get_contents($pipes[$w][1]) . stream_get_contents($pipes[$w][2]);
    if (proc_close($p) === 0 && $out === "done\n") {
        $done++;
    } else {
        echo "worker $w: $out\n";
    }
}
var_dump($done, $a->get() === N * M, $a->get());

// wakeup() in one process wakes a wait() in another.
$a->set(0);
$p = proc_open(named_php_cmd('$a = ShmTable\Atomic::attach($argv[1]); echo "waiting\n"; var_dump($a->wait(20.0), $a->get());', [$name]),
    [1 => ['pipe', 'w']], $pp);
echo fgets($pp[1]);
usleep(100000);
var_dump($a->wakeup());
echo stream_get_contents($pp[1]);
proc_close($p);
var_dump(Atomic::unlink($name));
?>
--EXPECT--
42
int(42)
42
int(4)
bool(true)
int(80000)
waiting
bool(true)
bool(true)
int(0)
bool(true)
