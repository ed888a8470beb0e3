--TEST--
Capacity: string columns of 4 MiB (the largest), written whole by forked workers while others read (never a torn value), in an anonymous and in a file-backed table, refused at 4 MiB + 1
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl required'); ?>
--INI--
memory_limit=512M
--FILE--
<?php
use ShmTable\Table;

const MAX = 4194304;

function fill(int $w, int $i): string
{
    return str_repeat(chr(65 + ($w * 7 + $i) % 26), MAX);
}

// Two 4 MiB columns and a counter: a row takes a little over 8 MiB.
$t = new Table(8);
$t->column('a', Table::TYPE_STRING, MAX);
$t->column('b', Table::TYPE_STRING, MAX);
$t->column('n', Table::TYPE_INT);
$t->create();
var_dump($t->stats()['row_bytes'] > 2 * MAX);

$pids = [];
for ($w = 0; $w < 2; $w++) {           // writers: each rewrites its row 12 times, both columns at once
    $pids[] = $pid = pcntl_fork();
    if ($pid === 0) {
        for ($i = 0; $i < 12; $i++) {
            $v = fill($w, $i);
            $t->set("row$w", ['a' => $v, 'b' => $v, 'n' => $i]);
        }
        exit(0);
    }
}
$pids[] = $pid = pcntl_fork();
if ($pid === 0) {                      // a reader: every row it sees is one write, whole
    $bad = $seen = 0;
    for ($i = 0; $i < 60; $i++) {
        foreach (['row0', 'row1'] as $k) {
            $r = $t->get($k);
            if ($r === false) {
                continue;
            }
            $seen++;
            if (strlen($r['a']) !== MAX || $r['a'] !== $r['b']
                || $r['a'] !== str_repeat($r['a'][0], MAX)) {
                $bad++;
            }
        }
    }
    exit($bad === 0 ? 0 : 1);
}
$ok = true;
foreach ($pids as $pid) {
    pcntl_waitpid($pid, $status);
    $ok = $ok && pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0;
}
var_dump($ok);
foreach ([0, 1] as $w) {
    $r = $t->get("row$w");
    var_dump($r['n'], $r['a'] === fill($w, 11), $r['b'] === fill($w, 11));
}
$rows = 0;
foreach ($t as $k => $row) {           // foreach copies these rows one at a time
    $rows += strlen($row['a']) === MAX;
}
var_dump($rows);
try {
    $t->set('row0', ['a' => str_repeat('x', MAX + 1)]);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
var_dump($t->get('row0', 'a') === fill(0, 11));
try {
    (new Table(1))->column('c', Table::TYPE_STRING, MAX + 1);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
var_dump($t->check());

// A file-backed table: a row bigger than the 1 MiB steps in which its
// storage is reserved, written by one process, read by an unrelated open.
$path = sys_get_temp_dir() . '/shmtable-106-' . getmypid() . '.shmt';
@unlink($path);
$f = new Table(4);
$f->column('s', Table::TYPE_STRING, MAX);
$f->create(path: $path);
$v = str_repeat("\x00\xff", MAX / 2);
$f->set('k', ['s' => $v]);
$pid = pcntl_fork();
if ($pid === 0) {
    $g = Table::attach(path: $path);
    exit($g->get('k', 's') === $v && $g->set('k2', ['s' => strrev($v)]) ? 0 : 1);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wexitstatus($status), $f->get('k2', 's') === strrev($v), count($f), $f->check());
$f->destroy();
unlink($path);
?>
--EXPECT--
bool(true)
bool(true)
int(11)
bool(true)
bool(true)
int(11)
bool(true)
bool(true)
int(2)
ShmTable\Table::set(): Argument #2 ($value) column "a" takes at most 4194304 bytes, 4194305 given
bool(true)
ShmTable\Table::column(): Argument #3 ($size) must be between 1 and 4194304 for a string column
bool(true)
int(0)
bool(true)
int(2)
bool(true)
