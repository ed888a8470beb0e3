--TEST--
Bad input matrix: the $key of every row method fed wrong types, empty, too long, Stringable objects that throw or destroy the table; nothing is written
--EXTENSIONS--
shmtable
--FILE--
<?php
require __DIR__ . '/matrix.inc';
use ShmTable\Table;

function make_table(int $keyMax = 63): Table {
    $t = new Table(8, max_key_length: $keyMax);
    $t->column('i', Table::TYPE_INT);
    $t->column('s', Table::TYPE_STRING, 4);
    $t->create();
    $t->set('k', ['i' => 1, 's' => 'a']);
    $t->set('7', ['i' => 7, 's' => 'b']);
    return $t;
}

/** Every method that takes a key, with good other arguments. */
function key_methods(Table $t): array {
    return [
        'set(%s, ["i" => 2])' => fn($k) => $t->set($k, ['i' => 2]),
        'add(%s, ["i" => 2])' => fn($k) => $t->add($k, ['i' => 2]),
        'update(%s, ["i" => 2])' => fn($k) => $t->update($k, ['i' => 2]),
        'get(%s)' => fn($k) => $t->get($k),
        'get(%s, "i")' => fn($k) => $t->get($k, 'i'),
        'getdel(%s)' => fn($k) => $t->getdel($k),
        'exists(%s)' => fn($k) => $t->exists($k),
        'del(%s)' => fn($k) => $t->del($k),
        'incr(%s, "i")' => fn($k) => $t->incr($k, 'i'),
        'decr(%s, "i", 2)' => fn($k) => $t->decr($k, 'i', 2),
        'cmpset(%s, ["i" => 1], ["i" => 2])' => fn($k) => $t->cmpset($k, ['i' => 1], ['i' => 2]),
        'cmpdel(%s, ["i" => 1])' => fn($k) => $t->cmpdel($k, ['i' => 1]),
    ];
}

$bad = [null, false, '', str_repeat('x', 64), str_repeat('x', 1025), [], ['k'], new stdClass,
        new Str(''), new Str(str_repeat('x', 64)), new ThrowingStr, STDIN, fn() => 'k'];

$t = make_table();
$methods = key_methods($t);
foreach ($methods as $call_fmt => $call) {
    echo '--- ', sprintf($call_fmt, '$key'), "\n";
    foreach ($bad as $v) {
        try_call(sprintf($call_fmt, describe($v)), fn() => $call($v), $t);
    }
    $d = make_table();
    try_call(sprintf($call_fmt, 'DestroyingStr'), fn() => key_methods($d)[$call_fmt](new DestroyingStr($d, 'k')), $d);
    try_call('  and then get("k")', fn() => $d->get('k'), $d);
}
echo "--- the table after all of that\n";
var_dump(snapshot($t) === snapshot(make_table()));

echo "--- key length limits: maxKeyLength 1 and 1024\n";
foreach ([1 => ['a', 'ab'], 1024 => [str_repeat('a', 1024), str_repeat('a', 1025)]] as $max => [$ok, $long]) {
    $t = make_table($max);
    foreach (key_methods($t) as $call_fmt => $call) {
        try_call("max $max: " . sprintf($call_fmt, describe($long)), fn() => $call($long), $t);
    }
    try_call("max $max: set(" . describe($ok) . ')', fn() => $t->set($ok, ['i' => 5]), $t);
    try_call("max $max: get(" . describe($ok) . ', "i")', fn() => $t->get($ok, 'i'), $t);
}

echo "--- keys PHP converts to strings are keys like any other\n";
$t = make_table();
foreach ([7, 7.0, 1.5, true, NAN, -INF, new Str('k'), "\0", "k\0"] as $v) {
    try_call('get(' . describe($v) . ')', fn() => $t->get($v, 'i'), $t);
}
?>
--EXPECT--
--- set($key, ["i" => 2])
    (Deprecated: ShmTable\Table::set(): Passing null to parameter #1 ($key) of type string is deprecated)
set(NULL, ["i" => 2]) => ValueError: ShmTable\Table::set(): Argument #1 ($key) must not be empty
set(false, ["i" => 2]) => ValueError: ShmTable\Table::set(): Argument #1 ($key) must not be empty
set("", ["i" => 2]) => ValueError: ShmTable\Table::set(): Argument #1 ($key) must not be empty
set(string(64), ["i" => 2]) => ValueError: ShmTable\Table::set(): Argument #1 ($key) must be at most 63 bytes long, 64 given
set(string(1025), ["i" => 2]) => ValueError: ShmTable\Table::set(): Argument #1 ($key) must be at most 63 bytes long, 1025 given
set([], ["i" => 2]) => TypeError: ShmTable\Table::set(): Argument #1 ($key) must be of type string, array given
set([0 => "k"], ["i" => 2]) => TypeError: ShmTable\Table::set(): Argument #1 ($key) must be of type string, array given
set(stdClass, ["i" => 2]) => TypeError: ShmTable\Table::set(): Argument #1 ($key) must be of type string, stdClass given
set(Str(""), ["i" => 2]) => ValueError: ShmTable\Table::set(): Argument #1 ($key) must not be empty
set(Str(string(64)), ["i" => 2]) => ValueError: ShmTable\Table::set(): Argument #1 ($key) must be at most 63 bytes long, 64 given
set(ThrowingStr, ["i" => 2]) => LogicException: __toString() threw
set(resource, ["i" => 2]) => TypeError: ShmTable\Table::set(): Argument #1 ($key) must be of type string, resource given
set(Closure, ["i" => 2]) => TypeError: ShmTable\Table::set(): Argument #1 ($key) must be of type string, Closure given
set(DestroyingStr, ["i" => 2]) => ShmTable\Exception: Table has been destroyed
  and then get("k") => ShmTable\Exception: Table has been destroyed
--- add($key, ["i" => 2])
    (Deprecated: ShmTable\Table::add(): Passing null to parameter #1 ($key) of type string is deprecated)
add(NULL, ["i" => 2]) => ValueError: ShmTable\Table::add(): Argument #1 ($key) must not be empty
add(false, ["i" => 2]) => ValueError: ShmTable\Table::add(): Argument #1 ($key) must not be empty
add("", ["i" => 2]) => ValueError: ShmTable\Table::add(): Argument #1 ($key) must not be empty
add(string(64), ["i" => 2]) => ValueError: ShmTable\Table::add(): Argument #1 ($key) must be at most 63 bytes long, 64 given
add(string(1025), ["i" => 2]) => ValueError: ShmTable\Table::add(): Argument #1 ($key) must be at most 63 bytes long, 1025 given
add([], ["i" => 2]) => TypeError: ShmTable\Table::add(): Argument #1 ($key) must be of type string, array given
add([0 => "k"], ["i" => 2]) => TypeError: ShmTable\Table::add(): Argument #1 ($key) must be of type string, array given
add(stdClass, ["i" => 2]) => TypeError: ShmTable\Table::add(): Argument #1 ($key) must be of type string, stdClass given
add(Str(""), ["i" => 2]) => ValueError: ShmTable\Table::add(): Argument #1 ($key) must not be empty
add(Str(string(64)), ["i" => 2]) => ValueError: ShmTable\Table::add(): Argument #1 ($key) must be at most 63 bytes long, 64 given
add(ThrowingStr, ["i" => 2]) => LogicException: __toString() threw
add(resource, ["i" => 2]) => TypeError: ShmTable\Table::add(): Argument #1 ($key) must be of type string, resource given
add(Closure, ["i" => 2]) => TypeError: ShmTable\Table::add(): Argument #1 ($key) must be of type string, Closure given
add(DestroyingStr, ["i" => 2]) => ShmTable\Exception: Table has been destroyed
  and then get("k") => ShmTable\Exception: Table has been destroyed
--- update($key, ["i" => 2])
    (Deprecated: ShmTable\Table::update(): Passing null to parameter #1 ($key) of type string is deprecated)
update(NULL, ["i" => 2]) => ValueError: ShmTable\Table::update(): Argument #1 ($key) must not be empty
update(false, ["i" => 2]) => ValueError: ShmTable\Table::update(): Argument #1 ($key) must not be empty
update("", ["i" => 2]) => ValueError: ShmTable\Table::update(): Argument #1 ($key) must not be empty
update(string(64), ["i" => 2]) => ValueError: ShmTable\Table::update(): Argument #1 ($key) must be at most 63 bytes long, 64 given
update(string(1025), ["i" => 2]) => ValueError: ShmTable\Table::update(): Argument #1 ($key) must be at most 63 bytes long, 1025 given
update([], ["i" => 2]) => TypeError: ShmTable\Table::update(): Argument #1 ($key) must be of type string, array given
update([0 => "k"], ["i" => 2]) => TypeError: ShmTable\Table::update(): Argument #1 ($key) must be of type string, array given
update(stdClass, ["i" => 2]) => TypeError: ShmTable\Table::update(): Argument #1 ($key) must be of type string, stdClass given
update(Str(""), ["i" => 2]) => ValueError: ShmTable\Table::update(): Argument #1 ($key) must not be empty
update(Str(string(64)), ["i" => 2]) => ValueError: ShmTable\Table::update(): Argument #1 ($key) must be at most 63 bytes long, 64 given
update(ThrowingStr, ["i" => 2]) => LogicException: __toString() threw
update(resource, ["i" => 2]) => TypeError: ShmTable\Table::update(): Argument #1 ($key) must be of type string, resource given
update(Closure, ["i" => 2]) => TypeError: ShmTable\Table::update(): Argument #1 ($key) must be of type string, Closure given
update(DestroyingStr, ["i" => 2]) => ShmTable\Exception: Table has been destroyed
  and then get("k") => ShmTable\Exception: Table has been destroyed
--- get($key)
    (Deprecated: ShmTable\Table::get(): Passing null to parameter #1 ($key) of type string is deprecated)
get(NULL) => ValueError: ShmTable\Table::get(): Argument #1 ($key) must not be empty
get(false) => ValueError: ShmTable\Table::get(): Argument #1 ($key) must not be empty
get("") => ValueError: ShmTable\Table::get(): Argument #1 ($key) must not be empty
get(string(64)) => ValueError: ShmTable\Table::get(): Argument #1 ($key) must be at most 63 bytes long, 64 given
get(string(1025)) => ValueError: ShmTable\Table::get(): Argument #1 ($key) must be at most 63 bytes long, 1025 given
get([]) => TypeError: ShmTable\Table::get(): Argument #1 ($key) must be of type string, array given
get([0 => "k"]) => TypeError: ShmTable\Table::get(): Argument #1 ($key) must be of type string, array given
get(stdClass) => TypeError: ShmTable\Table::get(): Argument #1 ($key) must be of type string, stdClass given
get(Str("")) => ValueError: ShmTable\Table::get(): Argument #1 ($key) must not be empty
get(Str(string(64))) => ValueError: ShmTable\Table::get(): Argument #1 ($key) must be at most 63 bytes long, 64 given
get(ThrowingStr) => LogicException: __toString() threw
get(resource) => TypeError: ShmTable\Table::get(): Argument #1 ($key) must be of type string, resource given
get(Closure) => TypeError: ShmTable\Table::get(): Argument #1 ($key) must be of type string, Closure given
get(DestroyingStr) => ShmTable\Exception: Table has been destroyed
  and then get("k") => ShmTable\Exception: Table has been destroyed
--- get($key, "i")
    (Deprecated: ShmTable\Table::get(): Passing null to parameter #1 ($key) of type string is deprecated)
get(NULL, "i") => ValueError: ShmTable\Table::get(): Argument #1 ($key) must not be empty
get(false, "i") => ValueError: ShmTable\Table::get(): Argument #1 ($key) must not be empty
get("", "i") => ValueError: ShmTable\Table::get(): Argument #1 ($key) must not be empty
get(string(64), "i") => ValueError: ShmTable\Table::get(): Argument #1 ($key) must be at most 63 bytes long, 64 given
get(string(1025), "i") => ValueError: ShmTable\Table::get(): Argument #1 ($key) must be at most 63 bytes long, 1025 given
get([], "i") => TypeError: ShmTable\Table::get(): Argument #1 ($key) must be of type string, array given
get([0 => "k"], "i") => TypeError: ShmTable\Table::get(): Argument #1 ($key) must be of type string, array given
get(stdClass, "i") => TypeError: ShmTable\Table::get(): Argument #1 ($key) must be of type string, stdClass given
get(Str(""), "i") => ValueError: ShmTable\Table::get(): Argument #1 ($key) must not be empty
get(Str(string(64)), "i") => ValueError: ShmTable\Table::get(): Argument #1 ($key) must be at most 63 bytes long, 64 given
get(ThrowingStr, "i") => LogicException: __toString() threw
get(resource, "i") => TypeError: ShmTable\Table::get(): Argument #1 ($key) must be of type string, resource given
get(Closure, "i") => TypeError: ShmTable\Table::get(): Argument #1 ($key) must be of type string, Closure given
get(DestroyingStr, "i") => ShmTable\Exception: Table has been destroyed
  and then get("k") => ShmTable\Exception: Table has been destroyed
--- getdel($key)
    (Deprecated: ShmTable\Table::getdel(): Passing null to parameter #1 ($key) of type string is deprecated)
getdel(NULL) => ValueError: ShmTable\Table::getdel(): Argument #1 ($key) must not be empty
getdel(false) => ValueError: ShmTable\Table::getdel(): Argument #1 ($key) must not be empty
getdel("") => ValueError: ShmTable\Table::getdel(): Argument #1 ($key) must not be empty
getdel(string(64)) => ValueError: ShmTable\Table::getdel(): Argument #1 ($key) must be at most 63 bytes long, 64 given
getdel(string(1025)) => ValueError: ShmTable\Table::getdel(): Argument #1 ($key) must be at most 63 bytes long, 1025 given
getdel([]) => TypeError: ShmTable\Table::getdel(): Argument #1 ($key) must be of type string, array given
getdel([0 => "k"]) => TypeError: ShmTable\Table::getdel(): Argument #1 ($key) must be of type string, array given
getdel(stdClass) => TypeError: ShmTable\Table::getdel(): Argument #1 ($key) must be of type string, stdClass given
getdel(Str("")) => ValueError: ShmTable\Table::getdel(): Argument #1 ($key) must not be empty
getdel(Str(string(64))) => ValueError: ShmTable\Table::getdel(): Argument #1 ($key) must be at most 63 bytes long, 64 given
getdel(ThrowingStr) => LogicException: __toString() threw
getdel(resource) => TypeError: ShmTable\Table::getdel(): Argument #1 ($key) must be of type string, resource given
getdel(Closure) => TypeError: ShmTable\Table::getdel(): Argument #1 ($key) must be of type string, Closure given
getdel(DestroyingStr) => ShmTable\Exception: Table has been destroyed
  and then get("k") => ShmTable\Exception: Table has been destroyed
--- exists($key)
    (Deprecated: ShmTable\Table::exists(): Passing null to parameter #1 ($key) of type string is deprecated)
exists(NULL) => ValueError: ShmTable\Table::exists(): Argument #1 ($key) must not be empty
exists(false) => ValueError: ShmTable\Table::exists(): Argument #1 ($key) must not be empty
exists("") => ValueError: ShmTable\Table::exists(): Argument #1 ($key) must not be empty
exists(string(64)) => ValueError: ShmTable\Table::exists(): Argument #1 ($key) must be at most 63 bytes long, 64 given
exists(string(1025)) => ValueError: ShmTable\Table::exists(): Argument #1 ($key) must be at most 63 bytes long, 1025 given
exists([]) => TypeError: ShmTable\Table::exists(): Argument #1 ($key) must be of type string, array given
exists([0 => "k"]) => TypeError: ShmTable\Table::exists(): Argument #1 ($key) must be of type string, array given
exists(stdClass) => TypeError: ShmTable\Table::exists(): Argument #1 ($key) must be of type string, stdClass given
exists(Str("")) => ValueError: ShmTable\Table::exists(): Argument #1 ($key) must not be empty
exists(Str(string(64))) => ValueError: ShmTable\Table::exists(): Argument #1 ($key) must be at most 63 bytes long, 64 given
exists(ThrowingStr) => LogicException: __toString() threw
exists(resource) => TypeError: ShmTable\Table::exists(): Argument #1 ($key) must be of type string, resource given
exists(Closure) => TypeError: ShmTable\Table::exists(): Argument #1 ($key) must be of type string, Closure given
exists(DestroyingStr) => ShmTable\Exception: Table has been destroyed
  and then get("k") => ShmTable\Exception: Table has been destroyed
--- del($key)
    (Deprecated: ShmTable\Table::del(): Passing null to parameter #1 ($key) of type string is deprecated)
del(NULL) => ValueError: ShmTable\Table::del(): Argument #1 ($key) must not be empty
del(false) => ValueError: ShmTable\Table::del(): Argument #1 ($key) must not be empty
del("") => ValueError: ShmTable\Table::del(): Argument #1 ($key) must not be empty
del(string(64)) => ValueError: ShmTable\Table::del(): Argument #1 ($key) must be at most 63 bytes long, 64 given
del(string(1025)) => ValueError: ShmTable\Table::del(): Argument #1 ($key) must be at most 63 bytes long, 1025 given
del([]) => TypeError: ShmTable\Table::del(): Argument #1 ($key) must be of type string, array given
del([0 => "k"]) => TypeError: ShmTable\Table::del(): Argument #1 ($key) must be of type string, array given
del(stdClass) => TypeError: ShmTable\Table::del(): Argument #1 ($key) must be of type string, stdClass given
del(Str("")) => ValueError: ShmTable\Table::del(): Argument #1 ($key) must not be empty
del(Str(string(64))) => ValueError: ShmTable\Table::del(): Argument #1 ($key) must be at most 63 bytes long, 64 given
del(ThrowingStr) => LogicException: __toString() threw
del(resource) => TypeError: ShmTable\Table::del(): Argument #1 ($key) must be of type string, resource given
del(Closure) => TypeError: ShmTable\Table::del(): Argument #1 ($key) must be of type string, Closure given
del(DestroyingStr) => ShmTable\Exception: Table has been destroyed
  and then get("k") => ShmTable\Exception: Table has been destroyed
--- incr($key, "i")
    (Deprecated: ShmTable\Table::incr(): Passing null to parameter #1 ($key) of type string is deprecated)
incr(NULL, "i") => ValueError: ShmTable\Table::incr(): Argument #1 ($key) must not be empty
incr(false, "i") => ValueError: ShmTable\Table::incr(): Argument #1 ($key) must not be empty
incr("", "i") => ValueError: ShmTable\Table::incr(): Argument #1 ($key) must not be empty
incr(string(64), "i") => ValueError: ShmTable\Table::incr(): Argument #1 ($key) must be at most 63 bytes long, 64 given
incr(string(1025), "i") => ValueError: ShmTable\Table::incr(): Argument #1 ($key) must be at most 63 bytes long, 1025 given
incr([], "i") => TypeError: ShmTable\Table::incr(): Argument #1 ($key) must be of type string, array given
incr([0 => "k"], "i") => TypeError: ShmTable\Table::incr(): Argument #1 ($key) must be of type string, array given
incr(stdClass, "i") => TypeError: ShmTable\Table::incr(): Argument #1 ($key) must be of type string, stdClass given
incr(Str(""), "i") => ValueError: ShmTable\Table::incr(): Argument #1 ($key) must not be empty
incr(Str(string(64)), "i") => ValueError: ShmTable\Table::incr(): Argument #1 ($key) must be at most 63 bytes long, 64 given
incr(ThrowingStr, "i") => LogicException: __toString() threw
incr(resource, "i") => TypeError: ShmTable\Table::incr(): Argument #1 ($key) must be of type string, resource given
incr(Closure, "i") => TypeError: ShmTable\Table::incr(): Argument #1 ($key) must be of type string, Closure given
incr(DestroyingStr, "i") => ShmTable\Exception: Table has been destroyed
  and then get("k") => ShmTable\Exception: Table has been destroyed
--- decr($key, "i", 2)
    (Deprecated: ShmTable\Table::decr(): Passing null to parameter #1 ($key) of type string is deprecated)
decr(NULL, "i", 2) => ValueError: ShmTable\Table::decr(): Argument #1 ($key) must not be empty
decr(false, "i", 2) => ValueError: ShmTable\Table::decr(): Argument #1 ($key) must not be empty
decr("", "i", 2) => ValueError: ShmTable\Table::decr(): Argument #1 ($key) must not be empty
decr(string(64), "i", 2) => ValueError: ShmTable\Table::decr(): Argument #1 ($key) must be at most 63 bytes long, 64 given
decr(string(1025), "i", 2) => ValueError: ShmTable\Table::decr(): Argument #1 ($key) must be at most 63 bytes long, 1025 given
decr([], "i", 2) => TypeError: ShmTable\Table::decr(): Argument #1 ($key) must be of type string, array given
decr([0 => "k"], "i", 2) => TypeError: ShmTable\Table::decr(): Argument #1 ($key) must be of type string, array given
decr(stdClass, "i", 2) => TypeError: ShmTable\Table::decr(): Argument #1 ($key) must be of type string, stdClass given
decr(Str(""), "i", 2) => ValueError: ShmTable\Table::decr(): Argument #1 ($key) must not be empty
decr(Str(string(64)), "i", 2) => ValueError: ShmTable\Table::decr(): Argument #1 ($key) must be at most 63 bytes long, 64 given
decr(ThrowingStr, "i", 2) => LogicException: __toString() threw
decr(resource, "i", 2) => TypeError: ShmTable\Table::decr(): Argument #1 ($key) must be of type string, resource given
decr(Closure, "i", 2) => TypeError: ShmTable\Table::decr(): Argument #1 ($key) must be of type string, Closure given
decr(DestroyingStr, "i", 2) => ShmTable\Exception: Table has been destroyed
  and then get("k") => ShmTable\Exception: Table has been destroyed
--- cmpset($key, ["i" => 1], ["i" => 2])
    (Deprecated: ShmTable\Table::cmpset(): Passing null to parameter #1 ($key) of type string is deprecated)
cmpset(NULL, ["i" => 1], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #1 ($key) must not be empty
cmpset(false, ["i" => 1], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #1 ($key) must not be empty
cmpset("", ["i" => 1], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #1 ($key) must not be empty
cmpset(string(64), ["i" => 1], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #1 ($key) must be at most 63 bytes long, 64 given
cmpset(string(1025), ["i" => 1], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #1 ($key) must be at most 63 bytes long, 1025 given
cmpset([], ["i" => 1], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #1 ($key) must be of type string, array given
cmpset([0 => "k"], ["i" => 1], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #1 ($key) must be of type string, array given
cmpset(stdClass, ["i" => 1], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #1 ($key) must be of type string, stdClass given
cmpset(Str(""), ["i" => 1], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #1 ($key) must not be empty
cmpset(Str(string(64)), ["i" => 1], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #1 ($key) must be at most 63 bytes long, 64 given
cmpset(ThrowingStr, ["i" => 1], ["i" => 2]) => LogicException: __toString() threw
cmpset(resource, ["i" => 1], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #1 ($key) must be of type string, resource given
cmpset(Closure, ["i" => 1], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #1 ($key) must be of type string, Closure given
cmpset(DestroyingStr, ["i" => 1], ["i" => 2]) => ShmTable\Exception: Table has been destroyed
  and then get("k") => ShmTable\Exception: Table has been destroyed
--- cmpdel($key, ["i" => 1])
    (Deprecated: ShmTable\Table::cmpdel(): Passing null to parameter #1 ($key) of type string is deprecated)
cmpdel(NULL, ["i" => 1]) => ValueError: ShmTable\Table::cmpdel(): Argument #1 ($key) must not be empty
cmpdel(false, ["i" => 1]) => ValueError: ShmTable\Table::cmpdel(): Argument #1 ($key) must not be empty
cmpdel("", ["i" => 1]) => ValueError: ShmTable\Table::cmpdel(): Argument #1 ($key) must not be empty
cmpdel(string(64), ["i" => 1]) => ValueError: ShmTable\Table::cmpdel(): Argument #1 ($key) must be at most 63 bytes long, 64 given
cmpdel(string(1025), ["i" => 1]) => ValueError: ShmTable\Table::cmpdel(): Argument #1 ($key) must be at most 63 bytes long, 1025 given
cmpdel([], ["i" => 1]) => TypeError: ShmTable\Table::cmpdel(): Argument #1 ($key) must be of type string, array given
cmpdel([0 => "k"], ["i" => 1]) => TypeError: ShmTable\Table::cmpdel(): Argument #1 ($key) must be of type string, array given
cmpdel(stdClass, ["i" => 1]) => TypeError: ShmTable\Table::cmpdel(): Argument #1 ($key) must be of type string, stdClass given
cmpdel(Str(""), ["i" => 1]) => ValueError: ShmTable\Table::cmpdel(): Argument #1 ($key) must not be empty
cmpdel(Str(string(64)), ["i" => 1]) => ValueError: ShmTable\Table::cmpdel(): Argument #1 ($key) must be at most 63 bytes long, 64 given
cmpdel(ThrowingStr, ["i" => 1]) => LogicException: __toString() threw
cmpdel(resource, ["i" => 1]) => TypeError: ShmTable\Table::cmpdel(): Argument #1 ($key) must be of type string, resource given
cmpdel(Closure, ["i" => 1]) => TypeError: ShmTable\Table::cmpdel(): Argument #1 ($key) must be of type string, Closure given
cmpdel(DestroyingStr, ["i" => 1]) => ShmTable\Exception: Table has been destroyed
  and then get("k") => ShmTable\Exception: Table has been destroyed
--- the table after all of that
bool(true)
--- key length limits: maxKeyLength 1 and 1024
max 1: set("ab", ["i" => 2]) => ValueError: ShmTable\Table::set(): Argument #1 ($key) must be at most 1 byte long, 2 given
max 1: add("ab", ["i" => 2]) => ValueError: ShmTable\Table::add(): Argument #1 ($key) must be at most 1 byte long, 2 given
max 1: update("ab", ["i" => 2]) => ValueError: ShmTable\Table::update(): Argument #1 ($key) must be at most 1 byte long, 2 given
max 1: get("ab") => ValueError: ShmTable\Table::get(): Argument #1 ($key) must be at most 1 byte long, 2 given
max 1: get("ab", "i") => ValueError: ShmTable\Table::get(): Argument #1 ($key) must be at most 1 byte long, 2 given
max 1: getdel("ab") => ValueError: ShmTable\Table::getdel(): Argument #1 ($key) must be at most 1 byte long, 2 given
max 1: exists("ab") => ValueError: ShmTable\Table::exists(): Argument #1 ($key) must be at most 1 byte long, 2 given
max 1: del("ab") => ValueError: ShmTable\Table::del(): Argument #1 ($key) must be at most 1 byte long, 2 given
max 1: incr("ab", "i") => ValueError: ShmTable\Table::incr(): Argument #1 ($key) must be at most 1 byte long, 2 given
max 1: decr("ab", "i", 2) => ValueError: ShmTable\Table::decr(): Argument #1 ($key) must be at most 1 byte long, 2 given
max 1: cmpset("ab", ["i" => 1], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #1 ($key) must be at most 1 byte long, 2 given
max 1: cmpdel("ab", ["i" => 1]) => ValueError: ShmTable\Table::cmpdel(): Argument #1 ($key) must be at most 1 byte long, 2 given
max 1: set("a") => true
max 1: get("a", "i") => 5
max 1024: set(string(1025), ["i" => 2]) => ValueError: ShmTable\Table::set(): Argument #1 ($key) must be at most 1024 bytes long, 1025 given
max 1024: add(string(1025), ["i" => 2]) => ValueError: ShmTable\Table::add(): Argument #1 ($key) must be at most 1024 bytes long, 1025 given
max 1024: update(string(1025), ["i" => 2]) => ValueError: ShmTable\Table::update(): Argument #1 ($key) must be at most 1024 bytes long, 1025 given
max 1024: get(string(1025)) => ValueError: ShmTable\Table::get(): Argument #1 ($key) must be at most 1024 bytes long, 1025 given
max 1024: get(string(1025), "i") => ValueError: ShmTable\Table::get(): Argument #1 ($key) must be at most 1024 bytes long, 1025 given
max 1024: getdel(string(1025)) => ValueError: ShmTable\Table::getdel(): Argument #1 ($key) must be at most 1024 bytes long, 1025 given
max 1024: exists(string(1025)) => ValueError: ShmTable\Table::exists(): Argument #1 ($key) must be at most 1024 bytes long, 1025 given
max 1024: del(string(1025)) => ValueError: ShmTable\Table::del(): Argument #1 ($key) must be at most 1024 bytes long, 1025 given
max 1024: incr(string(1025), "i") => ValueError: ShmTable\Table::incr(): Argument #1 ($key) must be at most 1024 bytes long, 1025 given
max 1024: decr(string(1025), "i", 2) => ValueError: ShmTable\Table::decr(): Argument #1 ($key) must be at most 1024 bytes long, 1025 given
max 1024: cmpset(string(1025), ["i" => 1], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #1 ($key) must be at most 1024 bytes long, 1025 given
max 1024: cmpdel(string(1025), ["i" => 1]) => ValueError: ShmTable\Table::cmpdel(): Argument #1 ($key) must be at most 1024 bytes long, 1025 given
max 1024: set(string(1024)) => true
max 1024: get(string(1024), "i") => 5
--- keys PHP converts to strings are keys like any other
get(7) => 7
get(7.0) => 7
get(1.5) => false
get(true) => false
get(NAN) => false
get(-INF) => false
get(Str("k")) => 1
get("\000") => false
get("k\000") => false
