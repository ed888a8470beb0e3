--TEST--
Bad input matrix: every method, $t[...] form and foreach called before create(), after destroy(), and in children after the parent destroyed its handle
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl required'); ?>
--FILE--
<?php
require __DIR__ . '/matrix.inc';
use ShmTable\Table;

pcntl_alarm(120);   // a watchdog; children set their own

/* Every way to use a table, with arguments that are valid for it. */
function all_calls(Table $t): array {
    return [
        'set("a", ["i" => 1])' => fn() => $t->set('a', ['i' => 1]),
        'add("b", ["i" => 2])' => fn() => $t->add('b', ['i' => 2]),
        'update("a", ["i" => 3])' => fn() => $t->update('a', ['i' => 3]),
        'get("a")' => fn() => $t->get('a'),
        'get("a", "i")' => fn() => $t->get('a', 'i'),
        'exists("a")' => fn() => $t->exists('a'),
        'exist("a")' => fn() => $t->exist('a'),
        'getdel("b")' => fn() => $t->getdel('b'),
        'cmpset("a", ["i" => 3], ["i" => 4])' => fn() => $t->cmpset('a', ['i' => 3], ['i' => 4]),
        'cmpdel("nope", ["i" => 0])' => fn() => $t->cmpdel('nope', ['i' => 0]),
        'incr("a", "i")' => fn() => $t->incr('a', 'i'),
        'decr("a", "i", 2)' => fn() => $t->decr('a', 'i', 2),
        'del("nope")' => fn() => $t->del('nope'),
        'delete("nope")' => fn() => $t->delete('nope'),
        'count()' => fn() => $t->count(),
        'count($t)' => fn() => count($t),
        'getSize()' => fn() => $t->getSize(),
        'getMemorySize() > 0' => fn() => $t->getMemorySize() > 0,
        'stats()["rows"]' => fn() => $t->stats()['rows'],
        'check()' => fn() => $t->check(),
        '$t["a"]' => fn() => $t['a'],
        'isset($t["a"])' => fn() => isset($t['a']),
        '$t["c"] = ["i" => 5]' => function () use ($t) { $t['c'] = ['i' => 5]; return 'done'; },
        'unset($t["c"])' => function () use ($t) { unset($t['c']); return 'done'; },
        'rewind()' => fn() => $t->rewind(),
        'valid()' => fn() => $t->valid(),
        'current()' => fn() => $t->current(),
        'key()' => fn() => $t->key(),
        'next()' => fn() => $t->next(),
        'foreach' => function () use ($t) { $n = 0; foreach ($t as $row) { $n++; } return $n; },
        'iterator_to_array($t)' => fn() => iterator_to_array($t),
        'column("z", TYPE_INT)' => fn() => $t->column('z', Table::TYPE_INT),
        'create()' => fn() => $t->create(),
    ];
}

function run_all(Table $t, string $state): void {
    echo "--- $state\n";
    foreach (all_calls($t) as $label => $f) {
        if ($label === 'create()' && $t->getMemorySize() === 0 && str_starts_with($state, 'before')) {
            continue; // would succeed: the next state shows it
        }
        try_call($label, $f);
    }
    try_call('destroy()', fn() => $t->destroy());
    try_call('destroy() again', fn() => $t->destroy());
    try_call('__construct(8)', fn() => $t->__construct(8));
}

function make_table(): Table {
    $t = new Table(8);
    $t->column('i', Table::TYPE_INT);
    return $t;
}

$t = make_table();
run_all($t, 'before create()');   // ends with destroy(): a table never created has nothing to let go

$t = make_table();
$t->create();
$t->set('a', ['i' => 1]);
$t->destroy();
run_all($t, 'after destroy()');

/*
 * Two children fork from a created table; the parent then destroys its
 * handle. Each child still maps the memory: the first writes to it, the
 * second sees that write, then destroys its own handle and is refused like
 * anyone else. Children run one after the other; the parent prints their
 * output in order.
 */
$t = make_table();
$t->create();
$t->set('a', ['i' => 1]);
$t->set('b', ['i' => 2]);
$files = [];
$pids = [];
$go = [];
foreach (['first', 'second'] as $n => $name) {
    [$parent_end, $child_end] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
    $files[$n] = tempnam(sys_get_temp_dir(), 'shmt');
    $pid = pcntl_fork();
    if ($pid === 0) {
        pcntl_alarm(120);
        fclose($parent_end);
        fread($child_end, 1);   // wait until the parent has destroyed its handle
        ob_start();
        if ($name === 'first') {
            run_first_child($t);
        } else {
            run_second_child($t);
        }
        file_put_contents($files[$n], ob_get_clean());
        exit(0);
    }
    fclose($child_end);
    $go[$n] = $parent_end;
    $pids[$n] = $pid;
}

function run_first_child(Table $t): void {
    echo "--- first child, after the parent destroyed its handle\n";
    foreach (all_calls($t) as $label => $f) {
        try_call($label, $f);
    }
    try_call('set("from first child", ["i" => 42])', fn() => $t->set('from first child', ['i' => 42]));
}

function run_second_child(Table $t): void {
    echo "--- second child, after the parent destroyed its handle and the first child exited\n";
    try_call('get("from first child", "i")', fn() => $t->get('from first child', 'i'));
    try_call('count()', fn() => count($t));
    try_call('check()', fn() => $t->check());
    try_call('destroy()', fn() => $t->destroy());
    run_all($t, 'second child, after its own destroy()');
}

$t->destroy();
run_all($t, 'parent, after destroy() with children still attached');
foreach ($pids as $n => $pid) {
    fwrite($go[$n], 'x');
    pcntl_waitpid($pid, $status);
    echo file_get_contents($files[$n]);
    echo 'child exit: ', pcntl_wexitstatus($status), "\n";
    unlink($files[$n]);
}
?>
--EXPECT--
--- before create()
set("a", ["i" => 1]) => ShmTable\Exception: Table has not been created; call create() first
add("b", ["i" => 2]) => ShmTable\Exception: Table has not been created; call create() first
update("a", ["i" => 3]) => ShmTable\Exception: Table has not been created; call create() first
get("a") => ShmTable\Exception: Table has not been created; call create() first
get("a", "i") => ShmTable\Exception: Table has not been created; call create() first
exists("a") => ShmTable\Exception: Table has not been created; call create() first
exist("a") => ShmTable\Exception: Table has not been created; call create() first
getdel("b") => ShmTable\Exception: Table has not been created; call create() first
cmpset("a", ["i" => 3], ["i" => 4]) => ShmTable\Exception: Table has not been created; call create() first
cmpdel("nope", ["i" => 0]) => ShmTable\Exception: Table has not been created; call create() first
incr("a", "i") => ShmTable\Exception: Table has not been created; call create() first
decr("a", "i", 2) => ShmTable\Exception: Table has not been created; call create() first
del("nope") => ShmTable\Exception: Table has not been created; call create() first
delete("nope") => ShmTable\Exception: Table has not been created; call create() first
count() => ShmTable\Exception: Table has not been created; call create() first
count($t) => ShmTable\Exception: Table has not been created; call create() first
getSize() => 8
getMemorySize() > 0 => false
stats()["rows"] => ShmTable\Exception: Table has not been created; call create() first
check() => ShmTable\Exception: Table has not been created; call create() first
$t["a"] => ShmTable\Exception: Table has not been created; call create() first
isset($t["a"]) => ShmTable\Exception: Table has not been created; call create() first
$t["c"] = ["i" => 5] => ShmTable\Exception: Table has not been created; call create() first
unset($t["c"]) => ShmTable\Exception: Table has not been created; call create() first
rewind() => ShmTable\Exception: Table has not been created; call create() first
valid() => ShmTable\Exception: Table has not been created; call create() first
current() => ShmTable\Exception: Table has not been created; call create() first
key() => ShmTable\Exception: Table has not been created; call create() first
next() => ShmTable\Exception: Table has not been created; call create() first
foreach => ShmTable\Exception: Table has not been created; call create() first
iterator_to_array($t) => ShmTable\Exception: Table has not been created; call create() first
column("z", TYPE_INT) => true
destroy() => ShmTable\Exception: Table has not been created; call create() first
destroy() again => ShmTable\Exception: Table has not been created; call create() first
__construct(8) => Error: Cannot call constructor twice
--- after destroy()
set("a", ["i" => 1]) => ShmTable\Exception: Table has been destroyed
add("b", ["i" => 2]) => ShmTable\Exception: Table has been destroyed
update("a", ["i" => 3]) => ShmTable\Exception: Table has been destroyed
get("a") => ShmTable\Exception: Table has been destroyed
get("a", "i") => ShmTable\Exception: Table has been destroyed
exists("a") => ShmTable\Exception: Table has been destroyed
exist("a") => ShmTable\Exception: Table has been destroyed
getdel("b") => ShmTable\Exception: Table has been destroyed
cmpset("a", ["i" => 3], ["i" => 4]) => ShmTable\Exception: Table has been destroyed
cmpdel("nope", ["i" => 0]) => ShmTable\Exception: Table has been destroyed
incr("a", "i") => ShmTable\Exception: Table has been destroyed
decr("a", "i", 2) => ShmTable\Exception: Table has been destroyed
del("nope") => ShmTable\Exception: Table has been destroyed
delete("nope") => ShmTable\Exception: Table has been destroyed
count() => ShmTable\Exception: Table has been destroyed
count($t) => ShmTable\Exception: Table has been destroyed
getSize() => 8
getMemorySize() > 0 => false
stats()["rows"] => ShmTable\Exception: Table has been destroyed
check() => ShmTable\Exception: Table has been destroyed
$t["a"] => ShmTable\Exception: Table has been destroyed
isset($t["a"]) => ShmTable\Exception: Table has been destroyed
$t["c"] = ["i" => 5] => ShmTable\Exception: Table has been destroyed
unset($t["c"]) => ShmTable\Exception: Table has been destroyed
rewind() => ShmTable\Exception: Table has been destroyed
valid() => ShmTable\Exception: Table has been destroyed
current() => ShmTable\Exception: Table has been destroyed
key() => ShmTable\Exception: Table has been destroyed
next() => ShmTable\Exception: Table has been destroyed
foreach => ShmTable\Exception: Table has been destroyed
iterator_to_array($t) => ShmTable\Exception: Table has been destroyed
column("z", TYPE_INT) => ShmTable\Exception: Table has been destroyed
create() => ShmTable\Exception: Table has been destroyed
destroy() => ShmTable\Exception: Table has been destroyed
destroy() again => ShmTable\Exception: Table has been destroyed
__construct(8) => Error: Cannot call constructor twice
--- parent, after destroy() with children still attached
set("a", ["i" => 1]) => ShmTable\Exception: Table has been destroyed
add("b", ["i" => 2]) => ShmTable\Exception: Table has been destroyed
update("a", ["i" => 3]) => ShmTable\Exception: Table has been destroyed
get("a") => ShmTable\Exception: Table has been destroyed
get("a", "i") => ShmTable\Exception: Table has been destroyed
exists("a") => ShmTable\Exception: Table has been destroyed
exist("a") => ShmTable\Exception: Table has been destroyed
getdel("b") => ShmTable\Exception: Table has been destroyed
cmpset("a", ["i" => 3], ["i" => 4]) => ShmTable\Exception: Table has been destroyed
cmpdel("nope", ["i" => 0]) => ShmTable\Exception: Table has been destroyed
incr("a", "i") => ShmTable\Exception: Table has been destroyed
decr("a", "i", 2) => ShmTable\Exception: Table has been destroyed
del("nope") => ShmTable\Exception: Table has been destroyed
delete("nope") => ShmTable\Exception: Table has been destroyed
count() => ShmTable\Exception: Table has been destroyed
count($t) => ShmTable\Exception: Table has been destroyed
getSize() => 8
getMemorySize() > 0 => false
stats()["rows"] => ShmTable\Exception: Table has been destroyed
check() => ShmTable\Exception: Table has been destroyed
$t["a"] => ShmTable\Exception: Table has been destroyed
isset($t["a"]) => ShmTable\Exception: Table has been destroyed
$t["c"] = ["i" => 5] => ShmTable\Exception: Table has been destroyed
unset($t["c"]) => ShmTable\Exception: Table has been destroyed
rewind() => ShmTable\Exception: Table has been destroyed
valid() => ShmTable\Exception: Table has been destroyed
current() => ShmTable\Exception: Table has been destroyed
key() => ShmTable\Exception: Table has been destroyed
next() => ShmTable\Exception: Table has been destroyed
foreach => ShmTable\Exception: Table has been destroyed
iterator_to_array($t) => ShmTable\Exception: Table has been destroyed
column("z", TYPE_INT) => ShmTable\Exception: Table has been destroyed
create() => ShmTable\Exception: Table has been destroyed
destroy() => ShmTable\Exception: Table has been destroyed
destroy() again => ShmTable\Exception: Table has been destroyed
__construct(8) => Error: Cannot call constructor twice
--- first child, after the parent destroyed its handle
set("a", ["i" => 1]) => true
add("b", ["i" => 2]) => false
update("a", ["i" => 3]) => true
get("a") => ["i" => 3]
get("a", "i") => 3
exists("a") => true
exist("a") => true
getdel("b") => ["i" => 2]
cmpset("a", ["i" => 3], ["i" => 4]) => true
cmpdel("nope", ["i" => 0]) => false
incr("a", "i") => 5
decr("a", "i", 2) => 3
del("nope") => false
delete("nope") => false
count() => 1
count($t) => 1
getSize() => 8
getMemorySize() > 0 => true
stats()["rows"] => 1
check() => true
$t["a"] => ["i" => 3]
isset($t["a"]) => true
$t["c"] = ["i" => 5] => "done"
unset($t["c"]) => "done"
rewind() => NULL
valid() => true
current() => ["i" => 3]
key() => "a"
next() => NULL
foreach => 1
iterator_to_array($t) => ["a" => ["i" => 3]]
column("z", TYPE_INT) => ShmTable\Exception: Cannot add a column after create()
create() => ShmTable\Exception: Table has already been created
set("from first child", ["i" => 42]) => true
child exit: 0
--- second child, after the parent destroyed its handle and the first child exited
get("from first child", "i") => 42
count() => 2
check() => true
destroy() => true
--- second child, after its own destroy()
set("a", ["i" => 1]) => ShmTable\Exception: Table has been destroyed
add("b", ["i" => 2]) => ShmTable\Exception: Table has been destroyed
update("a", ["i" => 3]) => ShmTable\Exception: Table has been destroyed
get("a") => ShmTable\Exception: Table has been destroyed
get("a", "i") => ShmTable\Exception: Table has been destroyed
exists("a") => ShmTable\Exception: Table has been destroyed
exist("a") => ShmTable\Exception: Table has been destroyed
getdel("b") => ShmTable\Exception: Table has been destroyed
cmpset("a", ["i" => 3], ["i" => 4]) => ShmTable\Exception: Table has been destroyed
cmpdel("nope", ["i" => 0]) => ShmTable\Exception: Table has been destroyed
incr("a", "i") => ShmTable\Exception: Table has been destroyed
decr("a", "i", 2) => ShmTable\Exception: Table has been destroyed
del("nope") => ShmTable\Exception: Table has been destroyed
delete("nope") => ShmTable\Exception: Table has been destroyed
count() => ShmTable\Exception: Table has been destroyed
count($t) => ShmTable\Exception: Table has been destroyed
getSize() => 8
getMemorySize() > 0 => false
stats()["rows"] => ShmTable\Exception: Table has been destroyed
check() => ShmTable\Exception: Table has been destroyed
$t["a"] => ShmTable\Exception: Table has been destroyed
isset($t["a"]) => ShmTable\Exception: Table has been destroyed
$t["c"] = ["i" => 5] => ShmTable\Exception: Table has been destroyed
unset($t["c"]) => ShmTable\Exception: Table has been destroyed
rewind() => ShmTable\Exception: Table has been destroyed
valid() => ShmTable\Exception: Table has been destroyed
current() => ShmTable\Exception: Table has been destroyed
key() => ShmTable\Exception: Table has been destroyed
next() => ShmTable\Exception: Table has been destroyed
foreach => ShmTable\Exception: Table has been destroyed
iterator_to_array($t) => ShmTable\Exception: Table has been destroyed
column("z", TYPE_INT) => ShmTable\Exception: Table has been destroyed
create() => ShmTable\Exception: Table has been destroyed
destroy() => ShmTable\Exception: Table has been destroyed
destroy() again => ShmTable\Exception: Table has been destroyed
__construct(8) => Error: Cannot call constructor twice
child exit: 0
