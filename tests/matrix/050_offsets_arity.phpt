--TEST--
Bad input matrix: $t[...] offsets and values of every kind, writes through a returned row, and every method called with too few, too many or unknown named arguments
--EXTENSIONS--
shmtable
--FILE--
<?php
require __DIR__ . '/matrix.inc';
use ShmTable\Table;

$t = new Table(8);
$t->column('i', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 4);
$t->create();
$t->set('k', ['i' => 1, 's' => 'a']);
$t->set('7', ['i' => 7, 's' => 'b']);
$before = snapshot($t);

$ops = [
    '$t[%s]' => fn($o) => $t[$o],
    '$t[%s] ?? "default"' => fn($o) => $t[$o] ?? 'default',
    'isset($t[%s])' => fn($o) => isset($t[$o]),
    'empty($t[%s])' => fn($o) => empty($t[$o]),
    '$t[%s] = ["i" => 2]' => function ($o) use ($t) { $t[$o] = ['i' => 2]; },
    'unset($t[%s])' => function ($o) use ($t) { unset($t[$o]); },
    'offsetGet(%s)' => fn($o) => $t->offsetGet($o),
    'offsetExists(%s)' => fn($o) => $t->offsetExists($o),
    'offsetSet(%s, ["i" => 2])' => fn($o) => $t->offsetSet($o, ['i' => 2]),
    'offsetUnset(%s)' => fn($o) => $t->offsetUnset($o),
];
$offsets = [null, false, true, 1.5, 7.0, NAN, '', str_repeat('x', 64), [], ['k'], new stdClass, new Str('k'),
            new ThrowingStr, STDIN];
foreach ($ops as $fmt => $op) {
    echo '--- ', sprintf($fmt, '$offset'), "\n";
    foreach ($offsets as $o) {
        try_call(sprintf($fmt, describe($o)), fn() => $op($o), $t);
    }
}

echo "--- \$t[\"k\"] = a value that is not an array\n";
foreach ([null, 5, 'x', 1.5, true, new stdClass, new Str('x'), STDIN] as $v) {
    try_call('$t["k"] = ' . describe($v), function () use ($t, $v) { $t['k'] = $v; }, $t);
    try_call('offsetSet("new", ' . describe($v) . ')', fn() => $t->offsetSet('new', $v), $t);
}

echo "--- appending, and writing through the row that \$t[...] returned (a copy)\n";
$writes = [
    '$t[] = ["i" => 2]' => function () use ($t) { $t[] = ['i' => 2]; },
    '$t->offsetSet(null, ["i" => 2])' => fn() => $t->offsetSet(null, ['i' => 2]),
    '$t["k"]["i"] = 5' => function () use ($t) { $t['k']['i'] = 5; },
    '$t["k"][] = 5' => function () use ($t) { $t['k'][] = 5; },
    '$t["k"]["i"]++' => function () use ($t) { $t['k']['i']++; },
    'unset($t["k"]["i"])' => function () use ($t) { unset($t['k']['i']); },
    '$r = &$t["k"]' => function () use ($t) { $r = &$t['k']; $r = ['i' => 9]; },
    '$t["k"]++' => function () use ($t) { $t['k']++; },
    '$t["k"] .= "x"' => function () use ($t) { $t['k'] .= 'x'; },
    'foreach ($t as &$row)' => function () use ($t) { foreach ($t as &$row) { $row = []; } },
    'list("i" => $i) = $t["nope"]' => function () use ($t) { ['i' => $i] = $t['nope']; return $i; },
];
foreach ($writes as $label => $f) {
    try_call($label, $f, $t);
}
echo "--- the table after all of that\n";
var_dump(snapshot($t) === $before);

echo "--- every method with one argument too few and one too many\n";
// Arguments that are valid where they stand, so that only the count is wrong.
$good = [
    '__construct' => [8, 0.2, 63, 0], 'column' => ['c', Table::TYPE_INT, 0], 'set' => ['k', [], null],
    'get' => ['k', 'i'], 'exists' => ['k'], 'exist' => ['k'], 'del' => ['nope'], 'delete' => ['nope'],
    'incr' => ['k', 'i', 1, null], 'decr' => ['k', 'i', 1, null], 'add' => ['k', [], null],
    'update' => ['nope', [], null], 'expire' => ['nope', 0.0], 'ttl' => ['nope'], 'flushExpired' => [0], 'count' => [COUNT_NORMAL],
    'getdel' => ['nope', 'i'], 'cmpset' => ['k', ['i' => 0], []], 'cmpdel' => ['k', ['i' => 0]],
    'offsetExists' => ['k'], 'offsetGet' => ['k'], 'offsetSet' => ['k', []], 'offsetUnset' => ['nope'],
    'create' => [null, null, 0600], 'attach' => [null, null], 'unlink' => ['matrix-none'],
];
foreach ((new ReflectionClass(Table::class))->getMethods() as $m) {
    $name = $m->getName();
    $args = $good[$name] ?? [];
    if (count($args) !== $m->getNumberOfParameters()) {
        echo "$name: the test does not know its arguments\n";
        continue;
    }
    $required = $m->getNumberOfRequiredParameters();
    if ($required > 0) {
        $few = array_slice($args, 0, $required - 1);
        try_call("$name(" . implode(', ', array_map('describe', $few)) . ')', fn() => $t->$name(...$few), $t);
    }
    $many = array_merge($args, ['extra']);
    try_call("$name(" . implode(', ', array_map('describe', $many)) . ')', fn() => $t->$name(...$many), $t);
}

echo "--- named arguments\n";
try_call('set(key: "k", rows: [])', fn() => $t->set(key: 'k', rows: []), $t);
try_call('set("k", key: "x")', fn() => $t->set('k', key: 'x'), $t);
try_call('get(field: "i")', fn() => $t->get(field: 'i'), $t);
try_call('incr("k", incrby: 2, column: "i")', fn() => $t->incr('k', incrby: 2, column: 'i'), $t);
try_call('new Table(8, max_key_length: 1, table_size: 2)', fn() => new Table(8, max_key_length: 1, table_size: 2));
?>
--EXPECT--
--- $t[$offset]
$t[NULL] => TypeError: ShmTable\Table key must be of type string|int, null given
$t[false] => TypeError: ShmTable\Table key must be of type string|int, bool given
$t[true] => TypeError: ShmTable\Table key must be of type string|int, bool given
$t[1.5] => TypeError: ShmTable\Table key must be of type string|int, float given
$t[7.0] => TypeError: ShmTable\Table key must be of type string|int, float given
$t[NAN] => TypeError: ShmTable\Table key must be of type string|int, float given
$t[""] => ValueError: ShmTable\Table::get(): Argument #1 ($key) must not be empty
$t[string(64)] => ValueError: ShmTable\Table::get(): Argument #1 ($key) must be at most 63 bytes long, 64 given
$t[[]] => TypeError: ShmTable\Table key must be of type string|int, array given
$t[[0 => "k"]] => TypeError: ShmTable\Table key must be of type string|int, array given
$t[stdClass] => TypeError: ShmTable\Table key must be of type string|int, stdClass given
$t[Str("k")] => TypeError: ShmTable\Table key must be of type string|int, Str given
$t[ThrowingStr] => TypeError: ShmTable\Table key must be of type string|int, ThrowingStr given
$t[resource] => TypeError: ShmTable\Table key must be of type string|int, resource given
--- $t[$offset] ?? "default"
$t[NULL] ?? "default" => TypeError: ShmTable\Table key must be of type string|int, null given
$t[false] ?? "default" => TypeError: ShmTable\Table key must be of type string|int, bool given
$t[true] ?? "default" => TypeError: ShmTable\Table key must be of type string|int, bool given
$t[1.5] ?? "default" => TypeError: ShmTable\Table key must be of type string|int, float given
$t[7.0] ?? "default" => TypeError: ShmTable\Table key must be of type string|int, float given
$t[NAN] ?? "default" => TypeError: ShmTable\Table key must be of type string|int, float given
$t[""] ?? "default" => ValueError: ShmTable\Table::get(): Argument #1 ($key) must not be empty
$t[string(64)] ?? "default" => ValueError: ShmTable\Table::get(): Argument #1 ($key) must be at most 63 bytes long, 64 given
$t[[]] ?? "default" => TypeError: ShmTable\Table key must be of type string|int, array given
$t[[0 => "k"]] ?? "default" => TypeError: ShmTable\Table key must be of type string|int, array given
$t[stdClass] ?? "default" => TypeError: ShmTable\Table key must be of type string|int, stdClass given
$t[Str("k")] ?? "default" => TypeError: ShmTable\Table key must be of type string|int, Str given
$t[ThrowingStr] ?? "default" => TypeError: ShmTable\Table key must be of type string|int, ThrowingStr given
$t[resource] ?? "default" => TypeError: ShmTable\Table key must be of type string|int, resource given
--- isset($t[$offset])
isset($t[NULL]) => TypeError: ShmTable\Table key must be of type string|int, null given
isset($t[false]) => TypeError: ShmTable\Table key must be of type string|int, bool given
isset($t[true]) => TypeError: ShmTable\Table key must be of type string|int, bool given
isset($t[1.5]) => TypeError: ShmTable\Table key must be of type string|int, float given
isset($t[7.0]) => TypeError: ShmTable\Table key must be of type string|int, float given
isset($t[NAN]) => TypeError: ShmTable\Table key must be of type string|int, float given
isset($t[""]) => ValueError: ShmTable\Table::exists(): Argument #1 ($key) must not be empty
isset($t[string(64)]) => ValueError: ShmTable\Table::exists(): Argument #1 ($key) must be at most 63 bytes long, 64 given
isset($t[[]]) => TypeError: ShmTable\Table key must be of type string|int, array given
isset($t[[0 => "k"]]) => TypeError: ShmTable\Table key must be of type string|int, array given
isset($t[stdClass]) => TypeError: ShmTable\Table key must be of type string|int, stdClass given
isset($t[Str("k")]) => TypeError: ShmTable\Table key must be of type string|int, Str given
isset($t[ThrowingStr]) => TypeError: ShmTable\Table key must be of type string|int, ThrowingStr given
isset($t[resource]) => TypeError: ShmTable\Table key must be of type string|int, resource given
--- empty($t[$offset])
empty($t[NULL]) => TypeError: ShmTable\Table key must be of type string|int, null given
empty($t[false]) => TypeError: ShmTable\Table key must be of type string|int, bool given
empty($t[true]) => TypeError: ShmTable\Table key must be of type string|int, bool given
empty($t[1.5]) => TypeError: ShmTable\Table key must be of type string|int, float given
empty($t[7.0]) => TypeError: ShmTable\Table key must be of type string|int, float given
empty($t[NAN]) => TypeError: ShmTable\Table key must be of type string|int, float given
empty($t[""]) => ValueError: ShmTable\Table::exists(): Argument #1 ($key) must not be empty
empty($t[string(64)]) => ValueError: ShmTable\Table::exists(): Argument #1 ($key) must be at most 63 bytes long, 64 given
empty($t[[]]) => TypeError: ShmTable\Table key must be of type string|int, array given
empty($t[[0 => "k"]]) => TypeError: ShmTable\Table key must be of type string|int, array given
empty($t[stdClass]) => TypeError: ShmTable\Table key must be of type string|int, stdClass given
empty($t[Str("k")]) => TypeError: ShmTable\Table key must be of type string|int, Str given
empty($t[ThrowingStr]) => TypeError: ShmTable\Table key must be of type string|int, ThrowingStr given
empty($t[resource]) => TypeError: ShmTable\Table key must be of type string|int, resource given
--- $t[$offset] = ["i" => 2]
$t[NULL] = ["i" => 2] => TypeError: ShmTable\Table key must be of type string|int, null given
$t[false] = ["i" => 2] => TypeError: ShmTable\Table key must be of type string|int, bool given
$t[true] = ["i" => 2] => TypeError: ShmTable\Table key must be of type string|int, bool given
$t[1.5] = ["i" => 2] => TypeError: ShmTable\Table key must be of type string|int, float given
$t[7.0] = ["i" => 2] => TypeError: ShmTable\Table key must be of type string|int, float given
$t[NAN] = ["i" => 2] => TypeError: ShmTable\Table key must be of type string|int, float given
$t[""] = ["i" => 2] => ValueError: ShmTable\Table::set(): Argument #1 ($key) must not be empty
$t[string(64)] = ["i" => 2] => ValueError: ShmTable\Table::set(): Argument #1 ($key) must be at most 63 bytes long, 64 given
$t[[]] = ["i" => 2] => TypeError: ShmTable\Table key must be of type string|int, array given
$t[[0 => "k"]] = ["i" => 2] => TypeError: ShmTable\Table key must be of type string|int, array given
$t[stdClass] = ["i" => 2] => TypeError: ShmTable\Table key must be of type string|int, stdClass given
$t[Str("k")] = ["i" => 2] => TypeError: ShmTable\Table key must be of type string|int, Str given
$t[ThrowingStr] = ["i" => 2] => TypeError: ShmTable\Table key must be of type string|int, ThrowingStr given
$t[resource] = ["i" => 2] => TypeError: ShmTable\Table key must be of type string|int, resource given
--- unset($t[$offset])
unset($t[NULL]) => TypeError: ShmTable\Table key must be of type string|int, null given
unset($t[false]) => TypeError: ShmTable\Table key must be of type string|int, bool given
unset($t[true]) => TypeError: ShmTable\Table key must be of type string|int, bool given
unset($t[1.5]) => TypeError: ShmTable\Table key must be of type string|int, float given
unset($t[7.0]) => TypeError: ShmTable\Table key must be of type string|int, float given
unset($t[NAN]) => TypeError: ShmTable\Table key must be of type string|int, float given
unset($t[""]) => ValueError: ShmTable\Table::del(): Argument #1 ($key) must not be empty
unset($t[string(64)]) => ValueError: ShmTable\Table::del(): Argument #1 ($key) must be at most 63 bytes long, 64 given
unset($t[[]]) => TypeError: ShmTable\Table key must be of type string|int, array given
unset($t[[0 => "k"]]) => TypeError: ShmTable\Table key must be of type string|int, array given
unset($t[stdClass]) => TypeError: ShmTable\Table key must be of type string|int, stdClass given
unset($t[Str("k")]) => TypeError: ShmTable\Table key must be of type string|int, Str given
unset($t[ThrowingStr]) => TypeError: ShmTable\Table key must be of type string|int, ThrowingStr given
unset($t[resource]) => TypeError: ShmTable\Table key must be of type string|int, resource given
--- offsetGet($offset)
offsetGet(NULL) => TypeError: ShmTable\Table key must be of type string|int, null given
offsetGet(false) => TypeError: ShmTable\Table key must be of type string|int, bool given
offsetGet(true) => TypeError: ShmTable\Table key must be of type string|int, bool given
offsetGet(1.5) => TypeError: ShmTable\Table key must be of type string|int, float given
offsetGet(7.0) => TypeError: ShmTable\Table key must be of type string|int, float given
offsetGet(NAN) => TypeError: ShmTable\Table key must be of type string|int, float given
offsetGet("") => ValueError: ShmTable\Table::get(): Argument #1 ($key) must not be empty
offsetGet(string(64)) => ValueError: ShmTable\Table::get(): Argument #1 ($key) must be at most 63 bytes long, 64 given
offsetGet([]) => TypeError: ShmTable\Table key must be of type string|int, array given
offsetGet([0 => "k"]) => TypeError: ShmTable\Table key must be of type string|int, array given
offsetGet(stdClass) => TypeError: ShmTable\Table key must be of type string|int, stdClass given
offsetGet(Str("k")) => TypeError: ShmTable\Table key must be of type string|int, Str given
offsetGet(ThrowingStr) => TypeError: ShmTable\Table key must be of type string|int, ThrowingStr given
offsetGet(resource) => TypeError: ShmTable\Table key must be of type string|int, resource given
--- offsetExists($offset)
offsetExists(NULL) => TypeError: ShmTable\Table key must be of type string|int, null given
offsetExists(false) => TypeError: ShmTable\Table key must be of type string|int, bool given
offsetExists(true) => TypeError: ShmTable\Table key must be of type string|int, bool given
offsetExists(1.5) => TypeError: ShmTable\Table key must be of type string|int, float given
offsetExists(7.0) => TypeError: ShmTable\Table key must be of type string|int, float given
offsetExists(NAN) => TypeError: ShmTable\Table key must be of type string|int, float given
offsetExists("") => ValueError: ShmTable\Table::exists(): Argument #1 ($key) must not be empty
offsetExists(string(64)) => ValueError: ShmTable\Table::exists(): Argument #1 ($key) must be at most 63 bytes long, 64 given
offsetExists([]) => TypeError: ShmTable\Table key must be of type string|int, array given
offsetExists([0 => "k"]) => TypeError: ShmTable\Table key must be of type string|int, array given
offsetExists(stdClass) => TypeError: ShmTable\Table key must be of type string|int, stdClass given
offsetExists(Str("k")) => TypeError: ShmTable\Table key must be of type string|int, Str given
offsetExists(ThrowingStr) => TypeError: ShmTable\Table key must be of type string|int, ThrowingStr given
offsetExists(resource) => TypeError: ShmTable\Table key must be of type string|int, resource given
--- offsetSet($offset, ["i" => 2])
offsetSet(NULL, ["i" => 2]) => Error: Cannot append to ShmTable\Table: a row needs a key
offsetSet(false, ["i" => 2]) => TypeError: ShmTable\Table key must be of type string|int, bool given
offsetSet(true, ["i" => 2]) => TypeError: ShmTable\Table key must be of type string|int, bool given
offsetSet(1.5, ["i" => 2]) => TypeError: ShmTable\Table key must be of type string|int, float given
offsetSet(7.0, ["i" => 2]) => TypeError: ShmTable\Table key must be of type string|int, float given
offsetSet(NAN, ["i" => 2]) => TypeError: ShmTable\Table key must be of type string|int, float given
offsetSet("", ["i" => 2]) => ValueError: ShmTable\Table::set(): Argument #1 ($key) must not be empty
offsetSet(string(64), ["i" => 2]) => ValueError: ShmTable\Table::set(): Argument #1 ($key) must be at most 63 bytes long, 64 given
offsetSet([], ["i" => 2]) => TypeError: ShmTable\Table key must be of type string|int, array given
offsetSet([0 => "k"], ["i" => 2]) => TypeError: ShmTable\Table key must be of type string|int, array given
offsetSet(stdClass, ["i" => 2]) => TypeError: ShmTable\Table key must be of type string|int, stdClass given
offsetSet(Str("k"), ["i" => 2]) => TypeError: ShmTable\Table key must be of type string|int, Str given
offsetSet(ThrowingStr, ["i" => 2]) => TypeError: ShmTable\Table key must be of type string|int, ThrowingStr given
offsetSet(resource, ["i" => 2]) => TypeError: ShmTable\Table key must be of type string|int, resource given
--- offsetUnset($offset)
offsetUnset(NULL) => TypeError: ShmTable\Table key must be of type string|int, null given
offsetUnset(false) => TypeError: ShmTable\Table key must be of type string|int, bool given
offsetUnset(true) => TypeError: ShmTable\Table key must be of type string|int, bool given
offsetUnset(1.5) => TypeError: ShmTable\Table key must be of type string|int, float given
offsetUnset(7.0) => TypeError: ShmTable\Table key must be of type string|int, float given
offsetUnset(NAN) => TypeError: ShmTable\Table key must be of type string|int, float given
offsetUnset("") => ValueError: ShmTable\Table::del(): Argument #1 ($key) must not be empty
offsetUnset(string(64)) => ValueError: ShmTable\Table::del(): Argument #1 ($key) must be at most 63 bytes long, 64 given
offsetUnset([]) => TypeError: ShmTable\Table key must be of type string|int, array given
offsetUnset([0 => "k"]) => TypeError: ShmTable\Table key must be of type string|int, array given
offsetUnset(stdClass) => TypeError: ShmTable\Table key must be of type string|int, stdClass given
offsetUnset(Str("k")) => TypeError: ShmTable\Table key must be of type string|int, Str given
offsetUnset(ThrowingStr) => TypeError: ShmTable\Table key must be of type string|int, ThrowingStr given
offsetUnset(resource) => TypeError: ShmTable\Table key must be of type string|int, resource given
--- $t["k"] = a value that is not an array
$t["k"] = NULL => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, null given
offsetSet("new", NULL) => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, null given
$t["k"] = 5 => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, int given
offsetSet("new", 5) => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, int given
$t["k"] = "x" => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, string given
offsetSet("new", "x") => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, string given
$t["k"] = 1.5 => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, float given
offsetSet("new", 1.5) => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, float given
$t["k"] = true => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, bool given
offsetSet("new", true) => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, bool given
$t["k"] = stdClass => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, stdClass given
offsetSet("new", stdClass) => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, stdClass given
$t["k"] = Str("x") => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, Str given
offsetSet("new", Str("x")) => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, Str given
$t["k"] = resource => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, resource given
offsetSet("new", resource) => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, resource given
--- appending, and writing through the row that $t[...] returned (a copy)
$t[] = ["i" => 2] => Error: Cannot append to ShmTable\Table: a row needs a key
$t->offsetSet(null, ["i" => 2]) => Error: Cannot append to ShmTable\Table: a row needs a key
$t["k"]["i"] = 5 => Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
$t["k"][] = 5 => Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
$t["k"]["i"]++ => Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
unset($t["k"]["i"]) => Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
$r = &$t["k"] => Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
$t["k"]++ => Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
    (Warning: Array to string conversion)
$t["k"] .= "x" => TypeError: ShmTable\Table::set(): Argument #2 ($value) must be of type array, string given
foreach ($t as &$row) => Error: An iterator cannot be used with foreach by reference
list("i" => $i) = $t["nope"] => NULL
--- the table after all of that
bool(true)
--- every method with one argument too few and one too many
__construct() => ArgumentCountError: ShmTable\Table::__construct() expects at least 1 argument, 0 given
__construct(8, 0.2, 63, 0, "extra") => ArgumentCountError: ShmTable\Table::__construct() expects at most 4 arguments, 5 given
column("c") => ArgumentCountError: ShmTable\Table::column() expects at least 2 arguments, 1 given
column("c", 1, 0, "extra") => ArgumentCountError: ShmTable\Table::column() expects at most 3 arguments, 4 given
create(NULL, NULL, 384, "extra") => ArgumentCountError: ShmTable\Table::create() expects at most 3 arguments, 4 given
attach(NULL, NULL, "extra") => ArgumentCountError: ShmTable\Table::attach() expects at most 2 arguments, 3 given
unlink() => ArgumentCountError: ShmTable\Table::unlink() expects exactly 1 argument, 0 given
unlink("matrix-none", "extra") => ArgumentCountError: ShmTable\Table::unlink() expects exactly 1 argument, 2 given
flush("extra") => ArgumentCountError: ShmTable\Table::flush() expects exactly 0 arguments, 1 given
set("k") => ArgumentCountError: ShmTable\Table::set() expects at least 2 arguments, 1 given
set("k", [], NULL, "extra") => ArgumentCountError: ShmTable\Table::set() expects at most 3 arguments, 4 given
get() => ArgumentCountError: ShmTable\Table::get() expects at least 1 argument, 0 given
get("k", "i", "extra") => ArgumentCountError: ShmTable\Table::get() expects at most 2 arguments, 3 given
exists() => ArgumentCountError: ShmTable\Table::exists() expects exactly 1 argument, 0 given
exists("k", "extra") => ArgumentCountError: ShmTable\Table::exists() expects exactly 1 argument, 2 given
exist() => ArgumentCountError: ShmTable\Table::exist() expects exactly 1 argument, 0 given
exist("k", "extra") => ArgumentCountError: ShmTable\Table::exist() expects exactly 1 argument, 2 given
del() => ArgumentCountError: ShmTable\Table::del() expects exactly 1 argument, 0 given
del("nope", "extra") => ArgumentCountError: ShmTable\Table::del() expects exactly 1 argument, 2 given
delete() => ArgumentCountError: ShmTable\Table::delete() expects exactly 1 argument, 0 given
delete("nope", "extra") => ArgumentCountError: ShmTable\Table::delete() expects exactly 1 argument, 2 given
incr("k") => ArgumentCountError: ShmTable\Table::incr() expects at least 2 arguments, 1 given
incr("k", "i", 1, NULL, "extra") => ArgumentCountError: ShmTable\Table::incr() expects at most 4 arguments, 5 given
decr("k") => ArgumentCountError: ShmTable\Table::decr() expects at least 2 arguments, 1 given
decr("k", "i", 1, NULL, "extra") => ArgumentCountError: ShmTable\Table::decr() expects at most 4 arguments, 5 given
add("k") => ArgumentCountError: ShmTable\Table::add() expects at least 2 arguments, 1 given
add("k", [], NULL, "extra") => ArgumentCountError: ShmTable\Table::add() expects at most 3 arguments, 4 given
update("nope") => ArgumentCountError: ShmTable\Table::update() expects at least 2 arguments, 1 given
update("nope", [], NULL, "extra") => ArgumentCountError: ShmTable\Table::update() expects at most 3 arguments, 4 given
getdel() => ArgumentCountError: ShmTable\Table::getdel() expects at least 1 argument, 0 given
getdel("nope", "i", "extra") => ArgumentCountError: ShmTable\Table::getdel() expects at most 2 arguments, 3 given
cmpset("k", ["i" => 0]) => ArgumentCountError: ShmTable\Table::cmpset() expects exactly 3 arguments, 2 given
cmpset("k", ["i" => 0], [], "extra") => ArgumentCountError: ShmTable\Table::cmpset() expects exactly 3 arguments, 4 given
cmpdel("k") => ArgumentCountError: ShmTable\Table::cmpdel() expects exactly 2 arguments, 1 given
cmpdel("k", ["i" => 0], "extra") => ArgumentCountError: ShmTable\Table::cmpdel() expects exactly 2 arguments, 3 given
expire("nope") => ArgumentCountError: ShmTable\Table::expire() expects exactly 2 arguments, 1 given
expire("nope", 0.0, "extra") => ArgumentCountError: ShmTable\Table::expire() expects exactly 2 arguments, 3 given
ttl() => ArgumentCountError: ShmTable\Table::ttl() expects exactly 1 argument, 0 given
ttl("nope", "extra") => ArgumentCountError: ShmTable\Table::ttl() expects exactly 1 argument, 2 given
flushExpired(0, "extra") => ArgumentCountError: ShmTable\Table::flushExpired() expects at most 1 argument, 2 given
count(0, "extra") => ArgumentCountError: ShmTable\Table::count() expects at most 1 argument, 2 given
getSize("extra") => ArgumentCountError: ShmTable\Table::getSize() expects exactly 0 arguments, 1 given
getMemorySize("extra") => ArgumentCountError: ShmTable\Table::getMemorySize() expects exactly 0 arguments, 1 given
stats("extra") => ArgumentCountError: ShmTable\Table::stats() expects exactly 0 arguments, 1 given
check("extra") => ArgumentCountError: ShmTable\Table::check() expects exactly 0 arguments, 1 given
destroy("extra") => ArgumentCountError: ShmTable\Table::destroy() expects exactly 0 arguments, 1 given
list("extra") => ArgumentCountError: ShmTable\Table::list() expects exactly 0 arguments, 1 given
columns("extra") => ArgumentCountError: ShmTable\Table::columns() expects exactly 0 arguments, 1 given
name("extra") => ArgumentCountError: ShmTable\Table::name() expects exactly 0 arguments, 1 given
path("extra") => ArgumentCountError: ShmTable\Table::path() expects exactly 0 arguments, 1 given
offsetExists() => ArgumentCountError: ShmTable\Table::offsetExists() expects exactly 1 argument, 0 given
offsetExists("k", "extra") => ArgumentCountError: ShmTable\Table::offsetExists() expects exactly 1 argument, 2 given
offsetGet() => ArgumentCountError: ShmTable\Table::offsetGet() expects exactly 1 argument, 0 given
offsetGet("k", "extra") => ArgumentCountError: ShmTable\Table::offsetGet() expects exactly 1 argument, 2 given
offsetSet("k") => ArgumentCountError: ShmTable\Table::offsetSet() expects exactly 2 arguments, 1 given
offsetSet("k", [], "extra") => ArgumentCountError: ShmTable\Table::offsetSet() expects exactly 2 arguments, 3 given
offsetUnset() => ArgumentCountError: ShmTable\Table::offsetUnset() expects exactly 1 argument, 0 given
offsetUnset("nope", "extra") => ArgumentCountError: ShmTable\Table::offsetUnset() expects exactly 1 argument, 2 given
current("extra") => ArgumentCountError: ShmTable\Table::current() expects exactly 0 arguments, 1 given
key("extra") => ArgumentCountError: ShmTable\Table::key() expects exactly 0 arguments, 1 given
next("extra") => ArgumentCountError: ShmTable\Table::next() expects exactly 0 arguments, 1 given
rewind("extra") => ArgumentCountError: ShmTable\Table::rewind() expects exactly 0 arguments, 1 given
valid("extra") => ArgumentCountError: ShmTable\Table::valid() expects exactly 0 arguments, 1 given
--- named arguments
set(key: "k", rows: []) => Error: Unknown named parameter $rows
set("k", key: "x") => Error: Named parameter $key overwrites previous argument
get(field: "i") => ArgumentCountError: ShmTable\Table::get(): Argument #1 ($key) not passed
incr("k", incrby: 2, column: "i") => 3
new Table(8, max_key_length: 1, table_size: 2) => Error: Named parameter $table_size overwrites previous argument
