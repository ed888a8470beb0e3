--TEST--
Bad input matrix: $column of get/getdel/incr/decr and $by of incr/decr fed wrong types, unknown names, wrong column types, NAN/INF, overflow; nothing is written, no row is created
--EXTENSIONS--
shmtable
--FILE--
<?php
require __DIR__ . '/matrix.inc';
use ShmTable\Table;

function make_table(): Table {
    $t = new Table(8);
    $t->column('i', Table::TYPE_INT);
    $t->column('f', Table::TYPE_FLOAT);
    $t->column('s', Table::TYPE_STRING, 4);
    $t->create();
    $t->set('k', ['i' => 1, 'f' => 1.5, 's' => 'a']);
    $t->set('max', ['i' => PHP_INT_MAX]);
    $t->set('min', ['i' => PHP_INT_MIN]);
    return $t;
}

/* Every method that takes a column name; "new" is a key that does not exist. */
function column_methods(Table $t): array {
    return [
        'get("k", %s)' => fn($c) => $t->get('k', $c),
        'get("new", %s)' => fn($c) => $t->get('new', $c),
        'getdel("k", %s)' => fn($c) => $t->getdel('k', $c),
        'incr("k", %s)' => fn($c) => $t->incr('k', $c),
        'incr("new", %s)' => fn($c) => $t->incr('new', $c),
        'decr("k", %s, 2)' => fn($c) => $t->decr('k', $c, 2),
        'decr("new", %s, 2.5)' => fn($c) => $t->decr('new', $c, 2.5),
    ];
}

$t = make_table();
$columns = [false, '', 'nope', 'I', ' i', 'i ', str_repeat('c', 64), [], ['i'], new stdClass, STDIN,
            new ThrowingStr];
foreach (column_methods($t) as $call_fmt => $call) {
    echo '--- ', sprintf($call_fmt, '$column'), "\n";
    foreach ($columns as $c) {
        try_call(sprintf($call_fmt, describe($c)), fn() => $call($c), $t);
    }
    $d = make_table();
    try_call(sprintf($call_fmt, 'DestroyingStr("i")'), fn() => column_methods($d)[$call_fmt](new DestroyingStr($d, 'i')), $d);
}
echo "--- a null column (nullable for get() and getdel() only)\n";
try_call('get("k", null)', fn() => $t->get('k', null), $t);
try_call('incr("k", null)', fn() => $t->incr('k', null), $t);
try_call('decr("new", null)', fn() => $t->decr('new', null), $t);

echo "--- incr()/decr() on a string column, whatever \$by\n";
foreach ([1, 1.5, 'abc', []] as $by) {
    foreach (['incr', 'decr'] as $m) {
        try_call("$m(\"k\", \"s\", " . describe($by) . ')', fn() => $t->$m('k', 's', $by), $t);
        try_call("$m(\"new\", \"s\", " . describe($by) . ')', fn() => $t->$m('new', 's', $by), $t);
    }
}

echo "--- \$by of the wrong type for any column\n";
foreach (['', 'abc', '5abc', [], [1], new stdClass, new Str('5'), STDIN, new ThrowingStr] as $by) {
    foreach (['i', 'f'] as $col) {
        foreach (['incr', 'decr'] as $m) {
            foreach (['k', 'new'] as $key) {
                try_call("$m(\"$key\", \"$col\", " . describe($by) . ')', fn() => $t->$m($key, $col, $by), $t);
            }
        }
    }
}

echo "--- \$by on an int column must be an int\n";
foreach ([1.0, 1.5, -0.0, NAN, INF, -INF, 1e19, '1.5', '1e3', ' 1.0'] as $by) {
    foreach (['incr', 'decr'] as $m) {
        foreach (['k', 'new'] as $key) {
            try_call("$m(\"$key\", \"i\", " . describe($by) . ')', fn() => $t->$m($key, 'i', $by), $t);
        }
    }
}

echo "--- overflow of an int column\n";
$over = [
    ['incr', 'max', 1], ['incr', 'max', PHP_INT_MAX], ['incr', 'k', PHP_INT_MAX],
    ['decr', 'min', 1], ['decr', 'min', PHP_INT_MAX], ['decr', 'k', PHP_INT_MIN], ['decr', 'new', PHP_INT_MIN],
    ['incr', 'min', -1], ['decr', 'max', -1],
];
foreach ($over as [$m, $key, $by]) {
    try_call("$m(\"$key\", \"i\", " . describe($by) . ')', fn() => $t->$m($key, 'i', $by), $t);
}

echo "--- the table after all of that\n";
var_dump(snapshot($t) === snapshot(make_table()), $t->exists('new'));

echo "--- these succeed: results at the edges, and what PHP converts\n";
$e = new Table(32);
$e->column('i', Table::TYPE_INT);
$e->column('f', Table::TYPE_FLOAT);
$e->create();
foreach ([['decr', -1, 'i', PHP_INT_MIN], ['incr', PHP_INT_MAX, 'i', PHP_INT_MIN],
          ['decr', PHP_INT_MIN, 'i', -PHP_INT_MAX], ['incr', null, 'i', PHP_INT_MIN],
          ['decr', null, 'i', PHP_INT_MAX], ['incr', null, 'i', 0], ['incr', 5, 'i', true],
          ['incr', 5, 'i', '5'], ['incr', 5, 'i', ' 5'], ['incr', 5, 'i', null],
          ['incr', 1.5, 'f', INF], ['incr', 1.5, 'f', -INF], ['incr', INF, 'f', -INF], ['incr', null, 'f', NAN],
          ['incr', null, 'f', PHP_INT_MAX], ['decr', null, 'f', PHP_INT_MIN], ['decr', 1.5, 'f', '2.5'],
          ['incr', 1.5, 'f', -0.0], ['decr', 1.5, 'f', '1e3'], ['incr', 1.5, 'f', false]] as $n => [$m, $start, $col, $by]) {
    $key = "e$n";
    if ($start !== null) {
        $e->set($key, [$col => $start]);
    }
    try_call("$m(" . describe($start === null ? 'new' : $start) . ", \"$col\", " . describe($by) . ')',
        fn() => $e->$m($key, $col, $by), $e);
}
?>
--EXPECT--
--- get("k", $column)
get("k", false) => ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "" given
get("k", "") => ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "" given
get("k", "nope") => ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "nope" given
get("k", "I") => ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "I" given
get("k", " i") => ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, " i" given
get("k", "i ") => ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "i " given
get("k", string(64)) => ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" given
get("k", []) => TypeError: ShmTable\Table::get(): Argument #2 ($field) must be of type ?string, array given
get("k", [0 => "i"]) => TypeError: ShmTable\Table::get(): Argument #2 ($field) must be of type ?string, array given
get("k", stdClass) => TypeError: ShmTable\Table::get(): Argument #2 ($field) must be of type ?string, stdClass given
get("k", resource) => TypeError: ShmTable\Table::get(): Argument #2 ($field) must be of type ?string, resource given
get("k", ThrowingStr) => LogicException: __toString() threw
get("k", DestroyingStr("i")) => ShmTable\Exception: Table has been destroyed
--- get("new", $column)
get("new", false) => ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "" given
get("new", "") => ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "" given
get("new", "nope") => ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "nope" given
get("new", "I") => ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "I" given
get("new", " i") => ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, " i" given
get("new", "i ") => ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "i " given
get("new", string(64)) => ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" given
get("new", []) => TypeError: ShmTable\Table::get(): Argument #2 ($field) must be of type ?string, array given
get("new", [0 => "i"]) => TypeError: ShmTable\Table::get(): Argument #2 ($field) must be of type ?string, array given
get("new", stdClass) => TypeError: ShmTable\Table::get(): Argument #2 ($field) must be of type ?string, stdClass given
get("new", resource) => TypeError: ShmTable\Table::get(): Argument #2 ($field) must be of type ?string, resource given
get("new", ThrowingStr) => LogicException: __toString() threw
get("new", DestroyingStr("i")) => ShmTable\Exception: Table has been destroyed
--- getdel("k", $column)
getdel("k", false) => ValueError: ShmTable\Table::getdel(): Argument #2 ($field) must be a column name, "" given
getdel("k", "") => ValueError: ShmTable\Table::getdel(): Argument #2 ($field) must be a column name, "" given
getdel("k", "nope") => ValueError: ShmTable\Table::getdel(): Argument #2 ($field) must be a column name, "nope" given
getdel("k", "I") => ValueError: ShmTable\Table::getdel(): Argument #2 ($field) must be a column name, "I" given
getdel("k", " i") => ValueError: ShmTable\Table::getdel(): Argument #2 ($field) must be a column name, " i" given
getdel("k", "i ") => ValueError: ShmTable\Table::getdel(): Argument #2 ($field) must be a column name, "i " given
getdel("k", string(64)) => ValueError: ShmTable\Table::getdel(): Argument #2 ($field) must be a column name, "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" given
getdel("k", []) => TypeError: ShmTable\Table::getdel(): Argument #2 ($field) must be of type ?string, array given
getdel("k", [0 => "i"]) => TypeError: ShmTable\Table::getdel(): Argument #2 ($field) must be of type ?string, array given
getdel("k", stdClass) => TypeError: ShmTable\Table::getdel(): Argument #2 ($field) must be of type ?string, stdClass given
getdel("k", resource) => TypeError: ShmTable\Table::getdel(): Argument #2 ($field) must be of type ?string, resource given
getdel("k", ThrowingStr) => LogicException: __toString() threw
getdel("k", DestroyingStr("i")) => ShmTable\Exception: Table has been destroyed
--- incr("k", $column)
incr("k", false) => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, "" given
incr("k", "") => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, "" given
incr("k", "nope") => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, "nope" given
incr("k", "I") => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, "I" given
incr("k", " i") => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, " i" given
incr("k", "i ") => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, "i " given
incr("k", string(64)) => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" given
incr("k", []) => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must not be an empty array
incr("k", [0 => "i"]) => ValueError: ShmTable\Table::incr(): Argument #2 ($column) contains 0, which is not a column
incr("k", stdClass) => TypeError: ShmTable\Table::incr(): Argument #2 ($column) must be of type array|string, stdClass given
incr("k", resource) => TypeError: ShmTable\Table::incr(): Argument #2 ($column) must be of type array|string, resource given
incr("k", ThrowingStr) => LogicException: __toString() threw
incr("k", DestroyingStr("i")) => ShmTable\Exception: Table has been destroyed
--- incr("new", $column)
incr("new", false) => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, "" given
incr("new", "") => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, "" given
incr("new", "nope") => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, "nope" given
incr("new", "I") => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, "I" given
incr("new", " i") => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, " i" given
incr("new", "i ") => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, "i " given
incr("new", string(64)) => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" given
incr("new", []) => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must not be an empty array
incr("new", [0 => "i"]) => ValueError: ShmTable\Table::incr(): Argument #2 ($column) contains 0, which is not a column
incr("new", stdClass) => TypeError: ShmTable\Table::incr(): Argument #2 ($column) must be of type array|string, stdClass given
incr("new", resource) => TypeError: ShmTable\Table::incr(): Argument #2 ($column) must be of type array|string, resource given
incr("new", ThrowingStr) => LogicException: __toString() threw
incr("new", DestroyingStr("i")) => ShmTable\Exception: Table has been destroyed
--- decr("k", $column, 2)
decr("k", false, 2) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must be a column name, "" given
decr("k", "", 2) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must be a column name, "" given
decr("k", "nope", 2) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must be a column name, "nope" given
decr("k", "I", 2) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must be a column name, "I" given
decr("k", " i", 2) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must be a column name, " i" given
decr("k", "i ", 2) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must be a column name, "i " given
decr("k", string(64), 2) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must be a column name, "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" given
decr("k", [], 2) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must not be an empty array
decr("k", [0 => "i"], 2) => ValueError: ShmTable\Table::decr(): Argument #3 ($incrby) must not be given when $column is an array (the array holds the deltas)
decr("k", stdClass, 2) => TypeError: ShmTable\Table::decr(): Argument #2 ($column) must be of type array|string, stdClass given
decr("k", resource, 2) => TypeError: ShmTable\Table::decr(): Argument #2 ($column) must be of type array|string, resource given
decr("k", ThrowingStr, 2) => LogicException: __toString() threw
decr("k", DestroyingStr("i"), 2) => ShmTable\Exception: Table has been destroyed
--- decr("new", $column, 2.5)
decr("new", false, 2.5) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must be a column name, "" given
decr("new", "", 2.5) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must be a column name, "" given
decr("new", "nope", 2.5) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must be a column name, "nope" given
decr("new", "I", 2.5) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must be a column name, "I" given
decr("new", " i", 2.5) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must be a column name, " i" given
decr("new", "i ", 2.5) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must be a column name, "i " given
decr("new", string(64), 2.5) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must be a column name, "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" given
decr("new", [], 2.5) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must not be an empty array
decr("new", [0 => "i"], 2.5) => ValueError: ShmTable\Table::decr(): Argument #3 ($incrby) must not be given when $column is an array (the array holds the deltas)
decr("new", stdClass, 2.5) => TypeError: ShmTable\Table::decr(): Argument #2 ($column) must be of type array|string, stdClass given
decr("new", resource, 2.5) => TypeError: ShmTable\Table::decr(): Argument #2 ($column) must be of type array|string, resource given
decr("new", ThrowingStr, 2.5) => LogicException: __toString() threw
decr("new", DestroyingStr("i"), 2.5) => ShmTable\Exception: Table has been destroyed
--- a null column (nullable for get() and getdel() only)
get("k", null) => ["i" => 1, "f" => 1.5, "s" => "a"]
    (Deprecated: ShmTable\Table::incr(): Passing null to parameter #2 ($column) of type array|string is deprecated)
incr("k", null) => ValueError: ShmTable\Table::incr(): Argument #2 ($column) must be a column name, "" given
    (Deprecated: ShmTable\Table::decr(): Passing null to parameter #2 ($column) of type array|string is deprecated)
decr("new", null) => ValueError: ShmTable\Table::decr(): Argument #2 ($column) must be a column name, "" given
--- incr()/decr() on a string column, whatever $by
incr("k", "s", 1) => TypeError: ShmTable\Table::incr(): Argument #2 ($column) must be an int or float column, "s" is a string column
incr("new", "s", 1) => TypeError: ShmTable\Table::incr(): Argument #2 ($column) must be an int or float column, "s" is a string column
decr("k", "s", 1) => TypeError: ShmTable\Table::decr(): Argument #2 ($column) must be an int or float column, "s" is a string column
decr("new", "s", 1) => TypeError: ShmTable\Table::decr(): Argument #2 ($column) must be an int or float column, "s" is a string column
incr("k", "s", 1.5) => TypeError: ShmTable\Table::incr(): Argument #2 ($column) must be an int or float column, "s" is a string column
incr("new", "s", 1.5) => TypeError: ShmTable\Table::incr(): Argument #2 ($column) must be an int or float column, "s" is a string column
decr("k", "s", 1.5) => TypeError: ShmTable\Table::decr(): Argument #2 ($column) must be an int or float column, "s" is a string column
decr("new", "s", 1.5) => TypeError: ShmTable\Table::decr(): Argument #2 ($column) must be an int or float column, "s" is a string column
incr("k", "s", "abc") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
incr("new", "s", "abc") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
decr("k", "s", "abc") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, string given
decr("new", "s", "abc") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, string given
incr("k", "s", []) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, array given
incr("new", "s", []) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, array given
decr("k", "s", []) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, array given
decr("new", "s", []) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, array given
--- $by of the wrong type for any column
incr("k", "i", "") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
incr("new", "i", "") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
decr("k", "i", "") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, string given
decr("new", "i", "") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, string given
incr("k", "f", "") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
incr("new", "f", "") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
decr("k", "f", "") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, string given
decr("new", "f", "") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, string given
incr("k", "i", "abc") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
incr("new", "i", "abc") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
decr("k", "i", "abc") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, string given
decr("new", "i", "abc") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, string given
incr("k", "f", "abc") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
incr("new", "f", "abc") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
decr("k", "f", "abc") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, string given
decr("new", "f", "abc") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, string given
incr("k", "i", "5abc") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
incr("new", "i", "5abc") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
decr("k", "i", "5abc") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, string given
decr("new", "i", "5abc") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, string given
incr("k", "f", "5abc") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
incr("new", "f", "5abc") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
decr("k", "f", "5abc") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, string given
decr("new", "f", "5abc") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, string given
incr("k", "i", []) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, array given
incr("new", "i", []) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, array given
decr("k", "i", []) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, array given
decr("new", "i", []) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, array given
incr("k", "f", []) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, array given
incr("new", "f", []) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, array given
decr("k", "f", []) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, array given
decr("new", "f", []) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, array given
incr("k", "i", [0 => 1]) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, array given
incr("new", "i", [0 => 1]) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, array given
decr("k", "i", [0 => 1]) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, array given
decr("new", "i", [0 => 1]) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, array given
incr("k", "f", [0 => 1]) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, array given
incr("new", "f", [0 => 1]) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, array given
decr("k", "f", [0 => 1]) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, array given
decr("new", "f", [0 => 1]) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, array given
incr("k", "i", stdClass) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, stdClass given
incr("new", "i", stdClass) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, stdClass given
decr("k", "i", stdClass) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, stdClass given
decr("new", "i", stdClass) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, stdClass given
incr("k", "f", stdClass) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, stdClass given
incr("new", "f", stdClass) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, stdClass given
decr("k", "f", stdClass) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, stdClass given
decr("new", "f", stdClass) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, stdClass given
incr("k", "i", Str("5")) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, Str given
incr("new", "i", Str("5")) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, Str given
decr("k", "i", Str("5")) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, Str given
decr("new", "i", Str("5")) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, Str given
incr("k", "f", Str("5")) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, Str given
incr("new", "f", Str("5")) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, Str given
decr("k", "f", Str("5")) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, Str given
decr("new", "f", Str("5")) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, Str given
incr("k", "i", resource) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, resource given
incr("new", "i", resource) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, resource given
decr("k", "i", resource) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, resource given
decr("new", "i", resource) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, resource given
incr("k", "f", resource) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, resource given
incr("new", "f", resource) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, resource given
decr("k", "f", resource) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, resource given
decr("new", "f", resource) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, resource given
incr("k", "i", ThrowingStr) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, ThrowingStr given
incr("new", "i", ThrowingStr) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, ThrowingStr given
decr("k", "i", ThrowingStr) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, ThrowingStr given
decr("new", "i", ThrowingStr) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, ThrowingStr given
incr("k", "f", ThrowingStr) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, ThrowingStr given
incr("new", "f", ThrowingStr) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, ThrowingStr given
decr("k", "f", ThrowingStr) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, ThrowingStr given
decr("new", "f", ThrowingStr) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, ThrowingStr given
--- $by on an int column must be an int
incr("k", "i", 1.0) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("new", "i", 1.0) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("k", "i", 1.0) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("new", "i", 1.0) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("k", "i", 1.5) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("new", "i", 1.5) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("k", "i", 1.5) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("new", "i", 1.5) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("k", "i", -0.0) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("new", "i", -0.0) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("k", "i", -0.0) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("new", "i", -0.0) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("k", "i", NAN) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("new", "i", NAN) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("k", "i", NAN) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("new", "i", NAN) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("k", "i", INF) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("new", "i", INF) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("k", "i", INF) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("new", "i", INF) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("k", "i", -INF) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("new", "i", -INF) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("k", "i", -INF) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("new", "i", -INF) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("k", "i", 1.0E+19) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("new", "i", 1.0E+19) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("k", "i", 1.0E+19) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("new", "i", 1.0E+19) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("k", "i", "1.5") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("new", "i", "1.5") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("k", "i", "1.5") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("new", "i", "1.5") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("k", "i", "1e3") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("new", "i", "1e3") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("k", "i", "1e3") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("new", "i", "1e3") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("k", "i", " 1.0") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
incr("new", "i", " 1.0") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("k", "i", " 1.0") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
decr("new", "i", " 1.0") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int for int column "i", float given
--- overflow of an int column
incr("max", "i", 1) => ArithmeticError: ShmTable\Table::incr(): column "i" would overflow int64
incr("max", "i", PHP_INT_MAX) => ArithmeticError: ShmTable\Table::incr(): column "i" would overflow int64
incr("k", "i", PHP_INT_MAX) => ArithmeticError: ShmTable\Table::incr(): column "i" would overflow int64
decr("min", "i", 1) => ArithmeticError: ShmTable\Table::decr(): column "i" would overflow int64
decr("min", "i", PHP_INT_MAX) => ArithmeticError: ShmTable\Table::decr(): column "i" would overflow int64
decr("k", "i", PHP_INT_MIN) => ArithmeticError: ShmTable\Table::decr(): column "i" would overflow int64
decr("new", "i", PHP_INT_MIN) => ArithmeticError: ShmTable\Table::decr(): column "i" would overflow int64
incr("min", "i", -1) => ArithmeticError: ShmTable\Table::incr(): column "i" would overflow int64
decr("max", "i", -1) => ArithmeticError: ShmTable\Table::decr(): column "i" would overflow int64
--- the table after all of that
bool(true)
bool(false)
--- these succeed: results at the edges, and what PHP converts
decr(-1, "i", PHP_INT_MIN) => PHP_INT_MAX
incr(PHP_INT_MAX, "i", PHP_INT_MIN) => -1
decr(PHP_INT_MIN, "i", -9223372036854775807) => -1
incr("new", "i", PHP_INT_MIN) => PHP_INT_MIN
decr("new", "i", PHP_INT_MAX) => -9223372036854775807
incr("new", "i", 0) => 0
incr(5, "i", true) => 6
incr(5, "i", "5") => 10
incr(5, "i", " 5") => 10
    (Deprecated: ShmTable\Table::incr(): Passing null to parameter #3 ($incrby) of type int|float is deprecated)
incr(5, "i", NULL) => 5
incr(1.5, "f", INF) => INF
incr(1.5, "f", -INF) => -INF
incr(INF, "f", -INF) => NAN
incr("new", "f", NAN) => NAN
incr("new", "f", PHP_INT_MAX) => 9.223372036854776E+18
decr("new", "f", PHP_INT_MIN) => 9.223372036854776E+18
decr(1.5, "f", "2.5") => -1.0
incr(1.5, "f", -0.0) => 1.5
decr(1.5, "f", "1e3") => -998.5
incr(1.5, "f", false) => 1.5
