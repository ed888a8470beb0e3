--TEST--
Bad input matrix: every row array of set/add/update/cmpset/cmpdel/$t[k]= fed bad values per column type, unknown and non-string column keys, nested arrays, throwing or destroying __toString(); nothing is written
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
    return $t;
}

/*
 * Every way to hand the table a row array. %s is the array; "k" exists,
 * "new" does not. The good columns come first, so that a bad value is met
 * after others were converted.
 */
function row_methods(Table $t): array {
    return [
        'set("k", %s)' => fn($r) => $t->set('k', $r),
        'set("new", %s)' => fn($r) => $t->set('new', $r),
        'add("new", %s)' => fn($r) => $t->add('new', $r),
        'add("k", %s)' => fn($r) => $t->add('k', $r),
        'update("k", %s)' => fn($r) => $t->update('k', $r),
        'update("new", %s)' => fn($r) => $t->update('new', $r),
        'cmpset("k", %s, ["i" => 2])' => fn($r) => $t->cmpset('k', $r, ['i' => 2]),
        'cmpset("k", ["i" => 1], %s)' => fn($r) => $t->cmpset('k', ['i' => 1], $r),
        'cmpdel("k", %s)' => fn($r) => $t->cmpdel('k', $r),
        '$t["k"] = %s' => function ($r) use ($t) { $t['k'] = $r; },
        '$t["new"] = %s' => function ($r) use ($t) { $t['new'] = $r; },
    ];
}

$common = [null, [], [1], ['x' => ['y']], new stdClass, fn() => 1, STDIN, new ThrowingStr];
$bad = [
    'i' => array_merge($common, ['', 'abc', '12abc', '0x1A', '1e100', '9223372036854775808', 1.5, -0.5,
                                 NAN, INF, -INF, 1e19, 2.0 ** 63, new Str('5')]),
    'f' => array_merge($common, ['', 'abc', '1,5', '0x1A', '1.5abc', new Str('1.5')]),
    's' => array_merge($common, ['abcde', 12345, 1.25e30, PHP_INT_MIN, new Str('abcde')]),
];
$good = ['i' => 5, 'f' => 2.5, 's' => 'ok'];
$unknown = [['nope' => 1], [0 => 1], [7 => 1], ['' => 1], ['I' => 1], [' i' => 1],
            [str_repeat('x', 64) => 1]];

$t = make_table();
foreach (row_methods($t) as $call_fmt => $call) {
    echo '--- ', sprintf($call_fmt, '$row'), "\n";
    foreach ($bad as $col => $values) {
        foreach ($values as $v) {
            $row = $good;
            unset($row[$col]);
            $row[$col] = $v;
            try_call(sprintf($call_fmt, "[..., \"$col\" => " . describe($v) . ']'), fn() => $call($row), $t);
        }
    }
    foreach ($unknown as $u) {
        $row = ['i' => 5] + $u + ['s' => 'ok'];
        try_call(sprintf($call_fmt, describe($row)), fn() => $call($row), $t);
    }
    // More entries than the binding converts without allocating.
    $row = $good + array_fill_keys(array_map(fn($n) => "u$n", range(0, 16)), 1);
    try_call(sprintf($call_fmt, '["i" => 5, "f" => 2.5, "s" => "ok", "u0" => 1, ..., "u16" => 1]'),
        fn() => $call($row), $t);
    $x = 'abc';
    $row = ['i' => &$x];
    try_call(sprintf($call_fmt, '["i" => &"abc"]'), fn() => $call($row), $t);

    // __toString() that destroys the table while the row is converted.
    $d = make_table();
    $row = ['i' => 5, 's' => new DestroyingStr($d, 'ok')];
    try_call(sprintf($call_fmt, '["i" => 5, "s" => DestroyingStr]'), fn() => row_methods($d)[$call_fmt]($row), $d);
    try_call('  and then count()', fn() => $d->count(), $d);
}
echo "--- the table after all of that\n";
var_dump(snapshot($t) === snapshot(make_table()));
var_dump($t->get('k'), $t->exists('new'));
?>
--EXPECT--
--- set("k", $row)
set("k", [..., "i" => NULL]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, null given
set("k", [..., "i" => []]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, array given
set("k", [..., "i" => [0 => 1]]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, array given
set("k", [..., "i" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, array given
set("k", [..., "i" => stdClass]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, stdClass given
set("k", [..., "i" => Closure]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, Closure given
set("k", [..., "i" => resource]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, resource given
set("k", [..., "i" => ThrowingStr]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, ThrowingStr given
set("k", [..., "i" => ""]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
set("k", [..., "i" => "abc"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
set("k", [..., "i" => "12abc"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
set("k", [..., "i" => "0x1A"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
set("k", [..., "i" => "1e100"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
set("k", [..., "i" => string(19)]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
set("k", [..., "i" => 1.5]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
set("k", [..., "i" => -0.5]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
set("k", [..., "i" => NAN]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
set("k", [..., "i" => INF]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
set("k", [..., "i" => -INF]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
set("k", [..., "i" => 1.0E+19]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
set("k", [..., "i" => 9.223372036854776E+18]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
set("k", [..., "i" => Str("5")]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, Str given
set("k", [..., "f" => NULL]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, null given
set("k", [..., "f" => []]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, array given
set("k", [..., "f" => [0 => 1]]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, array given
set("k", [..., "f" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, array given
set("k", [..., "f" => stdClass]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, stdClass given
set("k", [..., "f" => Closure]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, Closure given
set("k", [..., "f" => resource]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, resource given
set("k", [..., "f" => ThrowingStr]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, ThrowingStr given
set("k", [..., "f" => ""]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
set("k", [..., "f" => "abc"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
set("k", [..., "f" => "1,5"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
set("k", [..., "f" => "0x1A"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
set("k", [..., "f" => "1.5abc"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
set("k", [..., "f" => Str("1.5")]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, Str given
set("k", [..., "s" => NULL]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, null given
set("k", [..., "s" => []]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, array given
set("k", [..., "s" => [0 => 1]]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, array given
set("k", [..., "s" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, array given
set("k", [..., "s" => stdClass]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, stdClass given
set("k", [..., "s" => Closure]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, Closure given
set("k", [..., "s" => resource]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, resource given
set("k", [..., "s" => ThrowingStr]) => LogicException: __toString() threw
set("k", [..., "s" => "abcde"]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 5 given
set("k", [..., "s" => 12345]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 5 given
set("k", [..., "s" => 1.25E+30]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 8 given
set("k", [..., "s" => PHP_INT_MIN]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 20 given
set("k", [..., "s" => Str("abcde")]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 5 given
set("k", ["i" => 5, "nope" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "nope", which is not a column
set("k", ["i" => 5, 0 => 1, "s" => "ok"]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains 0, which is not a column
set("k", ["i" => 5, 7 => 1, "s" => "ok"]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains 7, which is not a column
set("k", ["i" => 5, "" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "", which is not a column
set("k", ["i" => 5, "I" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "I", which is not a column
set("k", ["i" => 5, " i" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains " i", which is not a column
set("k", ["i" => 5, string(64) => 1, "s" => "ok"]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", which is not a column
set("k", ["i" => 5, "f" => 2.5, "s" => "ok", "u0" => 1, ..., "u16" => 1]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "u0", which is not a column
set("k", ["i" => &"abc"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
set("k", ["i" => 5, "s" => DestroyingStr]) => ShmTable\Exception: Table has been destroyed
  and then count() => ShmTable\Exception: Table has been destroyed
--- set("new", $row)
set("new", [..., "i" => NULL]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, null given
set("new", [..., "i" => []]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, array given
set("new", [..., "i" => [0 => 1]]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, array given
set("new", [..., "i" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, array given
set("new", [..., "i" => stdClass]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, stdClass given
set("new", [..., "i" => Closure]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, Closure given
set("new", [..., "i" => resource]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, resource given
set("new", [..., "i" => ThrowingStr]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, ThrowingStr given
set("new", [..., "i" => ""]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
set("new", [..., "i" => "abc"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
set("new", [..., "i" => "12abc"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
set("new", [..., "i" => "0x1A"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
set("new", [..., "i" => "1e100"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
set("new", [..., "i" => string(19)]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
set("new", [..., "i" => 1.5]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
set("new", [..., "i" => -0.5]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
set("new", [..., "i" => NAN]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
set("new", [..., "i" => INF]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
set("new", [..., "i" => -INF]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
set("new", [..., "i" => 1.0E+19]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
set("new", [..., "i" => 9.223372036854776E+18]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
set("new", [..., "i" => Str("5")]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, Str given
set("new", [..., "f" => NULL]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, null given
set("new", [..., "f" => []]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, array given
set("new", [..., "f" => [0 => 1]]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, array given
set("new", [..., "f" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, array given
set("new", [..., "f" => stdClass]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, stdClass given
set("new", [..., "f" => Closure]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, Closure given
set("new", [..., "f" => resource]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, resource given
set("new", [..., "f" => ThrowingStr]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, ThrowingStr given
set("new", [..., "f" => ""]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
set("new", [..., "f" => "abc"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
set("new", [..., "f" => "1,5"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
set("new", [..., "f" => "0x1A"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
set("new", [..., "f" => "1.5abc"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
set("new", [..., "f" => Str("1.5")]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, Str given
set("new", [..., "s" => NULL]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, null given
set("new", [..., "s" => []]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, array given
set("new", [..., "s" => [0 => 1]]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, array given
set("new", [..., "s" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, array given
set("new", [..., "s" => stdClass]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, stdClass given
set("new", [..., "s" => Closure]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, Closure given
set("new", [..., "s" => resource]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, resource given
set("new", [..., "s" => ThrowingStr]) => LogicException: __toString() threw
set("new", [..., "s" => "abcde"]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 5 given
set("new", [..., "s" => 12345]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 5 given
set("new", [..., "s" => 1.25E+30]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 8 given
set("new", [..., "s" => PHP_INT_MIN]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 20 given
set("new", [..., "s" => Str("abcde")]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 5 given
set("new", ["i" => 5, "nope" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "nope", which is not a column
set("new", ["i" => 5, 0 => 1, "s" => "ok"]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains 0, which is not a column
set("new", ["i" => 5, 7 => 1, "s" => "ok"]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains 7, which is not a column
set("new", ["i" => 5, "" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "", which is not a column
set("new", ["i" => 5, "I" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "I", which is not a column
set("new", ["i" => 5, " i" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains " i", which is not a column
set("new", ["i" => 5, string(64) => 1, "s" => "ok"]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", which is not a column
set("new", ["i" => 5, "f" => 2.5, "s" => "ok", "u0" => 1, ..., "u16" => 1]) => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "u0", which is not a column
set("new", ["i" => &"abc"]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
set("new", ["i" => 5, "s" => DestroyingStr]) => ShmTable\Exception: Table has been destroyed
  and then count() => ShmTable\Exception: Table has been destroyed
--- add("new", $row)
add("new", [..., "i" => NULL]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, null given
add("new", [..., "i" => []]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, array given
add("new", [..., "i" => [0 => 1]]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, array given
add("new", [..., "i" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, array given
add("new", [..., "i" => stdClass]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, stdClass given
add("new", [..., "i" => Closure]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, Closure given
add("new", [..., "i" => resource]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, resource given
add("new", [..., "i" => ThrowingStr]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, ThrowingStr given
add("new", [..., "i" => ""]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
add("new", [..., "i" => "abc"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
add("new", [..., "i" => "12abc"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
add("new", [..., "i" => "0x1A"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
add("new", [..., "i" => "1e100"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float out of int range given
add("new", [..., "i" => string(19)]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float out of int range given
add("new", [..., "i" => 1.5]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float with fractional part given
add("new", [..., "i" => -0.5]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float with fractional part given
add("new", [..., "i" => NAN]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float out of int range given
add("new", [..., "i" => INF]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float out of int range given
add("new", [..., "i" => -INF]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float out of int range given
add("new", [..., "i" => 1.0E+19]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float out of int range given
add("new", [..., "i" => 9.223372036854776E+18]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float out of int range given
add("new", [..., "i" => Str("5")]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, Str given
add("new", [..., "f" => NULL]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, null given
add("new", [..., "f" => []]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, array given
add("new", [..., "f" => [0 => 1]]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, array given
add("new", [..., "f" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, array given
add("new", [..., "f" => stdClass]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, stdClass given
add("new", [..., "f" => Closure]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, Closure given
add("new", [..., "f" => resource]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, resource given
add("new", [..., "f" => ThrowingStr]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, ThrowingStr given
add("new", [..., "f" => ""]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
add("new", [..., "f" => "abc"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
add("new", [..., "f" => "1,5"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
add("new", [..., "f" => "0x1A"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
add("new", [..., "f" => "1.5abc"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
add("new", [..., "f" => Str("1.5")]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, Str given
add("new", [..., "s" => NULL]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "s" must be of type string, null given
add("new", [..., "s" => []]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "s" must be of type string, array given
add("new", [..., "s" => [0 => 1]]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "s" must be of type string, array given
add("new", [..., "s" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "s" must be of type string, array given
add("new", [..., "s" => stdClass]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "s" must be of type string, stdClass given
add("new", [..., "s" => Closure]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "s" must be of type string, Closure given
add("new", [..., "s" => resource]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "s" must be of type string, resource given
add("new", [..., "s" => ThrowingStr]) => LogicException: __toString() threw
add("new", [..., "s" => "abcde"]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) column "s" takes at most 4 bytes, 5 given
add("new", [..., "s" => 12345]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) column "s" takes at most 4 bytes, 5 given
add("new", [..., "s" => 1.25E+30]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) column "s" takes at most 4 bytes, 8 given
add("new", [..., "s" => PHP_INT_MIN]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) column "s" takes at most 4 bytes, 20 given
add("new", [..., "s" => Str("abcde")]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) column "s" takes at most 4 bytes, 5 given
add("new", ["i" => 5, "nope" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) contains "nope", which is not a column
add("new", ["i" => 5, 0 => 1, "s" => "ok"]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) contains 0, which is not a column
add("new", ["i" => 5, 7 => 1, "s" => "ok"]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) contains 7, which is not a column
add("new", ["i" => 5, "" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) contains "", which is not a column
add("new", ["i" => 5, "I" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) contains "I", which is not a column
add("new", ["i" => 5, " i" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) contains " i", which is not a column
add("new", ["i" => 5, string(64) => 1, "s" => "ok"]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) contains "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", which is not a column
add("new", ["i" => 5, "f" => 2.5, "s" => "ok", "u0" => 1, ..., "u16" => 1]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) contains "u0", which is not a column
add("new", ["i" => &"abc"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
add("new", ["i" => 5, "s" => DestroyingStr]) => ShmTable\Exception: Table has been destroyed
  and then count() => ShmTable\Exception: Table has been destroyed
--- add("k", $row)
add("k", [..., "i" => NULL]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, null given
add("k", [..., "i" => []]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, array given
add("k", [..., "i" => [0 => 1]]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, array given
add("k", [..., "i" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, array given
add("k", [..., "i" => stdClass]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, stdClass given
add("k", [..., "i" => Closure]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, Closure given
add("k", [..., "i" => resource]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, resource given
add("k", [..., "i" => ThrowingStr]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, ThrowingStr given
add("k", [..., "i" => ""]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
add("k", [..., "i" => "abc"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
add("k", [..., "i" => "12abc"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
add("k", [..., "i" => "0x1A"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
add("k", [..., "i" => "1e100"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float out of int range given
add("k", [..., "i" => string(19)]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float out of int range given
add("k", [..., "i" => 1.5]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float with fractional part given
add("k", [..., "i" => -0.5]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float with fractional part given
add("k", [..., "i" => NAN]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float out of int range given
add("k", [..., "i" => INF]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float out of int range given
add("k", [..., "i" => -INF]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float out of int range given
add("k", [..., "i" => 1.0E+19]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float out of int range given
add("k", [..., "i" => 9.223372036854776E+18]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, float out of int range given
add("k", [..., "i" => Str("5")]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, Str given
add("k", [..., "f" => NULL]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, null given
add("k", [..., "f" => []]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, array given
add("k", [..., "f" => [0 => 1]]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, array given
add("k", [..., "f" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, array given
add("k", [..., "f" => stdClass]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, stdClass given
add("k", [..., "f" => Closure]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, Closure given
add("k", [..., "f" => resource]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, resource given
add("k", [..., "f" => ThrowingStr]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, ThrowingStr given
add("k", [..., "f" => ""]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
add("k", [..., "f" => "abc"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
add("k", [..., "f" => "1,5"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
add("k", [..., "f" => "0x1A"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
add("k", [..., "f" => "1.5abc"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
add("k", [..., "f" => Str("1.5")]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "f" must be of type float, Str given
add("k", [..., "s" => NULL]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "s" must be of type string, null given
add("k", [..., "s" => []]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "s" must be of type string, array given
add("k", [..., "s" => [0 => 1]]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "s" must be of type string, array given
add("k", [..., "s" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "s" must be of type string, array given
add("k", [..., "s" => stdClass]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "s" must be of type string, stdClass given
add("k", [..., "s" => Closure]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "s" must be of type string, Closure given
add("k", [..., "s" => resource]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "s" must be of type string, resource given
add("k", [..., "s" => ThrowingStr]) => LogicException: __toString() threw
add("k", [..., "s" => "abcde"]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) column "s" takes at most 4 bytes, 5 given
add("k", [..., "s" => 12345]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) column "s" takes at most 4 bytes, 5 given
add("k", [..., "s" => 1.25E+30]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) column "s" takes at most 4 bytes, 8 given
add("k", [..., "s" => PHP_INT_MIN]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) column "s" takes at most 4 bytes, 20 given
add("k", [..., "s" => Str("abcde")]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) column "s" takes at most 4 bytes, 5 given
add("k", ["i" => 5, "nope" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) contains "nope", which is not a column
add("k", ["i" => 5, 0 => 1, "s" => "ok"]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) contains 0, which is not a column
add("k", ["i" => 5, 7 => 1, "s" => "ok"]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) contains 7, which is not a column
add("k", ["i" => 5, "" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) contains "", which is not a column
add("k", ["i" => 5, "I" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) contains "I", which is not a column
add("k", ["i" => 5, " i" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) contains " i", which is not a column
add("k", ["i" => 5, string(64) => 1, "s" => "ok"]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) contains "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", which is not a column
add("k", ["i" => 5, "f" => 2.5, "s" => "ok", "u0" => 1, ..., "u16" => 1]) => ValueError: ShmTable\Table::add(): Argument #2 ($values) contains "u0", which is not a column
add("k", ["i" => &"abc"]) => TypeError: ShmTable\Table::add(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
add("k", ["i" => 5, "s" => DestroyingStr]) => ShmTable\Exception: Table has been destroyed
  and then count() => ShmTable\Exception: Table has been destroyed
--- update("k", $row)
update("k", [..., "i" => NULL]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, null given
update("k", [..., "i" => []]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, array given
update("k", [..., "i" => [0 => 1]]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, array given
update("k", [..., "i" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, array given
update("k", [..., "i" => stdClass]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, stdClass given
update("k", [..., "i" => Closure]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, Closure given
update("k", [..., "i" => resource]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, resource given
update("k", [..., "i" => ThrowingStr]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, ThrowingStr given
update("k", [..., "i" => ""]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
update("k", [..., "i" => "abc"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
update("k", [..., "i" => "12abc"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
update("k", [..., "i" => "0x1A"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
update("k", [..., "i" => "1e100"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float out of int range given
update("k", [..., "i" => string(19)]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float out of int range given
update("k", [..., "i" => 1.5]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float with fractional part given
update("k", [..., "i" => -0.5]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float with fractional part given
update("k", [..., "i" => NAN]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float out of int range given
update("k", [..., "i" => INF]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float out of int range given
update("k", [..., "i" => -INF]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float out of int range given
update("k", [..., "i" => 1.0E+19]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float out of int range given
update("k", [..., "i" => 9.223372036854776E+18]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float out of int range given
update("k", [..., "i" => Str("5")]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, Str given
update("k", [..., "f" => NULL]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, null given
update("k", [..., "f" => []]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, array given
update("k", [..., "f" => [0 => 1]]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, array given
update("k", [..., "f" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, array given
update("k", [..., "f" => stdClass]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, stdClass given
update("k", [..., "f" => Closure]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, Closure given
update("k", [..., "f" => resource]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, resource given
update("k", [..., "f" => ThrowingStr]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, ThrowingStr given
update("k", [..., "f" => ""]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
update("k", [..., "f" => "abc"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
update("k", [..., "f" => "1,5"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
update("k", [..., "f" => "0x1A"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
update("k", [..., "f" => "1.5abc"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
update("k", [..., "f" => Str("1.5")]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, Str given
update("k", [..., "s" => NULL]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "s" must be of type string, null given
update("k", [..., "s" => []]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "s" must be of type string, array given
update("k", [..., "s" => [0 => 1]]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "s" must be of type string, array given
update("k", [..., "s" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "s" must be of type string, array given
update("k", [..., "s" => stdClass]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "s" must be of type string, stdClass given
update("k", [..., "s" => Closure]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "s" must be of type string, Closure given
update("k", [..., "s" => resource]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "s" must be of type string, resource given
update("k", [..., "s" => ThrowingStr]) => LogicException: __toString() threw
update("k", [..., "s" => "abcde"]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) column "s" takes at most 4 bytes, 5 given
update("k", [..., "s" => 12345]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) column "s" takes at most 4 bytes, 5 given
update("k", [..., "s" => 1.25E+30]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) column "s" takes at most 4 bytes, 8 given
update("k", [..., "s" => PHP_INT_MIN]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) column "s" takes at most 4 bytes, 20 given
update("k", [..., "s" => Str("abcde")]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) column "s" takes at most 4 bytes, 5 given
update("k", ["i" => 5, "nope" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) contains "nope", which is not a column
update("k", ["i" => 5, 0 => 1, "s" => "ok"]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) contains 0, which is not a column
update("k", ["i" => 5, 7 => 1, "s" => "ok"]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) contains 7, which is not a column
update("k", ["i" => 5, "" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) contains "", which is not a column
update("k", ["i" => 5, "I" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) contains "I", which is not a column
update("k", ["i" => 5, " i" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) contains " i", which is not a column
update("k", ["i" => 5, string(64) => 1, "s" => "ok"]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) contains "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", which is not a column
update("k", ["i" => 5, "f" => 2.5, "s" => "ok", "u0" => 1, ..., "u16" => 1]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) contains "u0", which is not a column
update("k", ["i" => &"abc"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
update("k", ["i" => 5, "s" => DestroyingStr]) => ShmTable\Exception: Table has been destroyed
  and then count() => ShmTable\Exception: Table has been destroyed
--- update("new", $row)
update("new", [..., "i" => NULL]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, null given
update("new", [..., "i" => []]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, array given
update("new", [..., "i" => [0 => 1]]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, array given
update("new", [..., "i" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, array given
update("new", [..., "i" => stdClass]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, stdClass given
update("new", [..., "i" => Closure]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, Closure given
update("new", [..., "i" => resource]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, resource given
update("new", [..., "i" => ThrowingStr]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, ThrowingStr given
update("new", [..., "i" => ""]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
update("new", [..., "i" => "abc"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
update("new", [..., "i" => "12abc"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
update("new", [..., "i" => "0x1A"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
update("new", [..., "i" => "1e100"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float out of int range given
update("new", [..., "i" => string(19)]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float out of int range given
update("new", [..., "i" => 1.5]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float with fractional part given
update("new", [..., "i" => -0.5]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float with fractional part given
update("new", [..., "i" => NAN]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float out of int range given
update("new", [..., "i" => INF]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float out of int range given
update("new", [..., "i" => -INF]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float out of int range given
update("new", [..., "i" => 1.0E+19]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float out of int range given
update("new", [..., "i" => 9.223372036854776E+18]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, float out of int range given
update("new", [..., "i" => Str("5")]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, Str given
update("new", [..., "f" => NULL]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, null given
update("new", [..., "f" => []]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, array given
update("new", [..., "f" => [0 => 1]]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, array given
update("new", [..., "f" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, array given
update("new", [..., "f" => stdClass]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, stdClass given
update("new", [..., "f" => Closure]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, Closure given
update("new", [..., "f" => resource]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, resource given
update("new", [..., "f" => ThrowingStr]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, ThrowingStr given
update("new", [..., "f" => ""]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
update("new", [..., "f" => "abc"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
update("new", [..., "f" => "1,5"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
update("new", [..., "f" => "0x1A"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
update("new", [..., "f" => "1.5abc"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, non-numeric string given
update("new", [..., "f" => Str("1.5")]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "f" must be of type float, Str given
update("new", [..., "s" => NULL]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "s" must be of type string, null given
update("new", [..., "s" => []]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "s" must be of type string, array given
update("new", [..., "s" => [0 => 1]]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "s" must be of type string, array given
update("new", [..., "s" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "s" must be of type string, array given
update("new", [..., "s" => stdClass]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "s" must be of type string, stdClass given
update("new", [..., "s" => Closure]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "s" must be of type string, Closure given
update("new", [..., "s" => resource]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "s" must be of type string, resource given
update("new", [..., "s" => ThrowingStr]) => LogicException: __toString() threw
update("new", [..., "s" => "abcde"]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) column "s" takes at most 4 bytes, 5 given
update("new", [..., "s" => 12345]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) column "s" takes at most 4 bytes, 5 given
update("new", [..., "s" => 1.25E+30]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) column "s" takes at most 4 bytes, 8 given
update("new", [..., "s" => PHP_INT_MIN]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) column "s" takes at most 4 bytes, 20 given
update("new", [..., "s" => Str("abcde")]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) column "s" takes at most 4 bytes, 5 given
update("new", ["i" => 5, "nope" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) contains "nope", which is not a column
update("new", ["i" => 5, 0 => 1, "s" => "ok"]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) contains 0, which is not a column
update("new", ["i" => 5, 7 => 1, "s" => "ok"]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) contains 7, which is not a column
update("new", ["i" => 5, "" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) contains "", which is not a column
update("new", ["i" => 5, "I" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) contains "I", which is not a column
update("new", ["i" => 5, " i" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) contains " i", which is not a column
update("new", ["i" => 5, string(64) => 1, "s" => "ok"]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) contains "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", which is not a column
update("new", ["i" => 5, "f" => 2.5, "s" => "ok", "u0" => 1, ..., "u16" => 1]) => ValueError: ShmTable\Table::update(): Argument #2 ($values) contains "u0", which is not a column
update("new", ["i" => &"abc"]) => TypeError: ShmTable\Table::update(): Argument #2 ($values) column "i" must be of type int, non-numeric string given
update("new", ["i" => 5, "s" => DestroyingStr]) => ShmTable\Exception: Table has been destroyed
  and then count() => ShmTable\Exception: Table has been destroyed
--- cmpset("k", $row, ["i" => 2])
cmpset("k", [..., "i" => NULL], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, null given
cmpset("k", [..., "i" => []], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, array given
cmpset("k", [..., "i" => [0 => 1]], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, array given
cmpset("k", [..., "i" => ["x" => [0 => "y"]]], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, array given
cmpset("k", [..., "i" => stdClass], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, stdClass given
cmpset("k", [..., "i" => Closure], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, Closure given
cmpset("k", [..., "i" => resource], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, resource given
cmpset("k", [..., "i" => ThrowingStr], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, ThrowingStr given
cmpset("k", [..., "i" => ""], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, non-numeric string given
cmpset("k", [..., "i" => "abc"], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, non-numeric string given
cmpset("k", [..., "i" => "12abc"], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, non-numeric string given
cmpset("k", [..., "i" => "0x1A"], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, non-numeric string given
cmpset("k", [..., "i" => "1e100"], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, float out of int range given
cmpset("k", [..., "i" => string(19)], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, float out of int range given
cmpset("k", [..., "i" => 1.5], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, float with fractional part given
cmpset("k", [..., "i" => -0.5], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, float with fractional part given
cmpset("k", [..., "i" => NAN], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, float out of int range given
cmpset("k", [..., "i" => INF], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, float out of int range given
cmpset("k", [..., "i" => -INF], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, float out of int range given
cmpset("k", [..., "i" => 1.0E+19], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, float out of int range given
cmpset("k", [..., "i" => 9.223372036854776E+18], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, float out of int range given
cmpset("k", [..., "i" => Str("5")], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, Str given
cmpset("k", [..., "f" => NULL], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "f" must be of type float, null given
cmpset("k", [..., "f" => []], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "f" must be of type float, array given
cmpset("k", [..., "f" => [0 => 1]], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "f" must be of type float, array given
cmpset("k", [..., "f" => ["x" => [0 => "y"]]], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "f" must be of type float, array given
cmpset("k", [..., "f" => stdClass], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "f" must be of type float, stdClass given
cmpset("k", [..., "f" => Closure], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "f" must be of type float, Closure given
cmpset("k", [..., "f" => resource], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "f" must be of type float, resource given
cmpset("k", [..., "f" => ThrowingStr], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "f" must be of type float, ThrowingStr given
cmpset("k", [..., "f" => ""], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "f" must be of type float, non-numeric string given
cmpset("k", [..., "f" => "abc"], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "f" must be of type float, non-numeric string given
cmpset("k", [..., "f" => "1,5"], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "f" must be of type float, non-numeric string given
cmpset("k", [..., "f" => "0x1A"], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "f" must be of type float, non-numeric string given
cmpset("k", [..., "f" => "1.5abc"], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "f" must be of type float, non-numeric string given
cmpset("k", [..., "f" => Str("1.5")], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "f" must be of type float, Str given
cmpset("k", [..., "s" => NULL], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "s" must be of type string, null given
cmpset("k", [..., "s" => []], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "s" must be of type string, array given
cmpset("k", [..., "s" => [0 => 1]], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "s" must be of type string, array given
cmpset("k", [..., "s" => ["x" => [0 => "y"]]], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "s" must be of type string, array given
cmpset("k", [..., "s" => stdClass], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "s" must be of type string, stdClass given
cmpset("k", [..., "s" => Closure], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "s" must be of type string, Closure given
cmpset("k", [..., "s" => resource], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "s" must be of type string, resource given
cmpset("k", [..., "s" => ThrowingStr], ["i" => 2]) => LogicException: __toString() threw
cmpset("k", [..., "s" => "abcde"], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "s" takes at most 4 bytes, 5 given
cmpset("k", [..., "s" => 12345], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "s" takes at most 4 bytes, 5 given
cmpset("k", [..., "s" => 1.25E+30], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "s" takes at most 4 bytes, 8 given
cmpset("k", [..., "s" => PHP_INT_MIN], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "s" takes at most 4 bytes, 20 given
cmpset("k", [..., "s" => Str("abcde")], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "s" takes at most 4 bytes, 5 given
cmpset("k", ["i" => 5, "nope" => 1, "s" => "ok"], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) contains "nope", which is not a column
cmpset("k", ["i" => 5, 0 => 1, "s" => "ok"], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) contains 0, which is not a column
cmpset("k", ["i" => 5, 7 => 1, "s" => "ok"], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) contains 7, which is not a column
cmpset("k", ["i" => 5, "" => 1, "s" => "ok"], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) contains "", which is not a column
cmpset("k", ["i" => 5, "I" => 1, "s" => "ok"], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) contains "I", which is not a column
cmpset("k", ["i" => 5, " i" => 1, "s" => "ok"], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) contains " i", which is not a column
cmpset("k", ["i" => 5, string(64) => 1, "s" => "ok"], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) contains "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", which is not a column
cmpset("k", ["i" => 5, "f" => 2.5, "s" => "ok", "u0" => 1, ..., "u16" => 1], ["i" => 2]) => ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) contains "u0", which is not a column
cmpset("k", ["i" => &"abc"], ["i" => 2]) => TypeError: ShmTable\Table::cmpset(): Argument #2 ($expected) column "i" must be of type int, non-numeric string given
cmpset("k", ["i" => 5, "s" => DestroyingStr], ["i" => 2]) => ShmTable\Exception: Table has been destroyed
  and then count() => ShmTable\Exception: Table has been destroyed
--- cmpset("k", ["i" => 1], $row)
cmpset("k", ["i" => 1], [..., "i" => NULL]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, null given
cmpset("k", ["i" => 1], [..., "i" => []]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, array given
cmpset("k", ["i" => 1], [..., "i" => [0 => 1]]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, array given
cmpset("k", ["i" => 1], [..., "i" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, array given
cmpset("k", ["i" => 1], [..., "i" => stdClass]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, stdClass given
cmpset("k", ["i" => 1], [..., "i" => Closure]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, Closure given
cmpset("k", ["i" => 1], [..., "i" => resource]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, resource given
cmpset("k", ["i" => 1], [..., "i" => ThrowingStr]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, ThrowingStr given
cmpset("k", ["i" => 1], [..., "i" => ""]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, non-numeric string given
cmpset("k", ["i" => 1], [..., "i" => "abc"]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, non-numeric string given
cmpset("k", ["i" => 1], [..., "i" => "12abc"]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, non-numeric string given
cmpset("k", ["i" => 1], [..., "i" => "0x1A"]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, non-numeric string given
cmpset("k", ["i" => 1], [..., "i" => "1e100"]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, float out of int range given
cmpset("k", ["i" => 1], [..., "i" => string(19)]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, float out of int range given
cmpset("k", ["i" => 1], [..., "i" => 1.5]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, float with fractional part given
cmpset("k", ["i" => 1], [..., "i" => -0.5]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, float with fractional part given
cmpset("k", ["i" => 1], [..., "i" => NAN]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, float out of int range given
cmpset("k", ["i" => 1], [..., "i" => INF]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, float out of int range given
cmpset("k", ["i" => 1], [..., "i" => -INF]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, float out of int range given
cmpset("k", ["i" => 1], [..., "i" => 1.0E+19]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, float out of int range given
cmpset("k", ["i" => 1], [..., "i" => 9.223372036854776E+18]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, float out of int range given
cmpset("k", ["i" => 1], [..., "i" => Str("5")]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, Str given
cmpset("k", ["i" => 1], [..., "f" => NULL]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "f" must be of type float, null given
cmpset("k", ["i" => 1], [..., "f" => []]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "f" must be of type float, array given
cmpset("k", ["i" => 1], [..., "f" => [0 => 1]]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "f" must be of type float, array given
cmpset("k", ["i" => 1], [..., "f" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "f" must be of type float, array given
cmpset("k", ["i" => 1], [..., "f" => stdClass]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "f" must be of type float, stdClass given
cmpset("k", ["i" => 1], [..., "f" => Closure]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "f" must be of type float, Closure given
cmpset("k", ["i" => 1], [..., "f" => resource]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "f" must be of type float, resource given
cmpset("k", ["i" => 1], [..., "f" => ThrowingStr]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "f" must be of type float, ThrowingStr given
cmpset("k", ["i" => 1], [..., "f" => ""]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "f" must be of type float, non-numeric string given
cmpset("k", ["i" => 1], [..., "f" => "abc"]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "f" must be of type float, non-numeric string given
cmpset("k", ["i" => 1], [..., "f" => "1,5"]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "f" must be of type float, non-numeric string given
cmpset("k", ["i" => 1], [..., "f" => "0x1A"]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "f" must be of type float, non-numeric string given
cmpset("k", ["i" => 1], [..., "f" => "1.5abc"]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "f" must be of type float, non-numeric string given
cmpset("k", ["i" => 1], [..., "f" => Str("1.5")]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "f" must be of type float, Str given
cmpset("k", ["i" => 1], [..., "s" => NULL]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "s" must be of type string, null given
cmpset("k", ["i" => 1], [..., "s" => []]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "s" must be of type string, array given
cmpset("k", ["i" => 1], [..., "s" => [0 => 1]]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "s" must be of type string, array given
cmpset("k", ["i" => 1], [..., "s" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "s" must be of type string, array given
cmpset("k", ["i" => 1], [..., "s" => stdClass]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "s" must be of type string, stdClass given
cmpset("k", ["i" => 1], [..., "s" => Closure]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "s" must be of type string, Closure given
cmpset("k", ["i" => 1], [..., "s" => resource]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "s" must be of type string, resource given
cmpset("k", ["i" => 1], [..., "s" => ThrowingStr]) => LogicException: __toString() threw
cmpset("k", ["i" => 1], [..., "s" => "abcde"]) => ValueError: ShmTable\Table::cmpset(): Argument #3 ($values) column "s" takes at most 4 bytes, 5 given
cmpset("k", ["i" => 1], [..., "s" => 12345]) => ValueError: ShmTable\Table::cmpset(): Argument #3 ($values) column "s" takes at most 4 bytes, 5 given
cmpset("k", ["i" => 1], [..., "s" => 1.25E+30]) => ValueError: ShmTable\Table::cmpset(): Argument #3 ($values) column "s" takes at most 4 bytes, 8 given
cmpset("k", ["i" => 1], [..., "s" => PHP_INT_MIN]) => ValueError: ShmTable\Table::cmpset(): Argument #3 ($values) column "s" takes at most 4 bytes, 20 given
cmpset("k", ["i" => 1], [..., "s" => Str("abcde")]) => ValueError: ShmTable\Table::cmpset(): Argument #3 ($values) column "s" takes at most 4 bytes, 5 given
cmpset("k", ["i" => 1], ["i" => 5, "nope" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::cmpset(): Argument #3 ($values) contains "nope", which is not a column
cmpset("k", ["i" => 1], ["i" => 5, 0 => 1, "s" => "ok"]) => ValueError: ShmTable\Table::cmpset(): Argument #3 ($values) contains 0, which is not a column
cmpset("k", ["i" => 1], ["i" => 5, 7 => 1, "s" => "ok"]) => ValueError: ShmTable\Table::cmpset(): Argument #3 ($values) contains 7, which is not a column
cmpset("k", ["i" => 1], ["i" => 5, "" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::cmpset(): Argument #3 ($values) contains "", which is not a column
cmpset("k", ["i" => 1], ["i" => 5, "I" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::cmpset(): Argument #3 ($values) contains "I", which is not a column
cmpset("k", ["i" => 1], ["i" => 5, " i" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::cmpset(): Argument #3 ($values) contains " i", which is not a column
cmpset("k", ["i" => 1], ["i" => 5, string(64) => 1, "s" => "ok"]) => ValueError: ShmTable\Table::cmpset(): Argument #3 ($values) contains "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", which is not a column
cmpset("k", ["i" => 1], ["i" => 5, "f" => 2.5, "s" => "ok", "u0" => 1, ..., "u16" => 1]) => ValueError: ShmTable\Table::cmpset(): Argument #3 ($values) contains "u0", which is not a column
cmpset("k", ["i" => 1], ["i" => &"abc"]) => TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, non-numeric string given
cmpset("k", ["i" => 1], ["i" => 5, "s" => DestroyingStr]) => ShmTable\Exception: Table has been destroyed
  and then count() => ShmTable\Exception: Table has been destroyed
--- cmpdel("k", $row)
cmpdel("k", [..., "i" => NULL]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, null given
cmpdel("k", [..., "i" => []]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, array given
cmpdel("k", [..., "i" => [0 => 1]]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, array given
cmpdel("k", [..., "i" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, array given
cmpdel("k", [..., "i" => stdClass]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, stdClass given
cmpdel("k", [..., "i" => Closure]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, Closure given
cmpdel("k", [..., "i" => resource]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, resource given
cmpdel("k", [..., "i" => ThrowingStr]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, ThrowingStr given
cmpdel("k", [..., "i" => ""]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, non-numeric string given
cmpdel("k", [..., "i" => "abc"]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, non-numeric string given
cmpdel("k", [..., "i" => "12abc"]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, non-numeric string given
cmpdel("k", [..., "i" => "0x1A"]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, non-numeric string given
cmpdel("k", [..., "i" => "1e100"]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, float out of int range given
cmpdel("k", [..., "i" => string(19)]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, float out of int range given
cmpdel("k", [..., "i" => 1.5]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, float with fractional part given
cmpdel("k", [..., "i" => -0.5]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, float with fractional part given
cmpdel("k", [..., "i" => NAN]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, float out of int range given
cmpdel("k", [..., "i" => INF]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, float out of int range given
cmpdel("k", [..., "i" => -INF]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, float out of int range given
cmpdel("k", [..., "i" => 1.0E+19]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, float out of int range given
cmpdel("k", [..., "i" => 9.223372036854776E+18]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, float out of int range given
cmpdel("k", [..., "i" => Str("5")]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, Str given
cmpdel("k", [..., "f" => NULL]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "f" must be of type float, null given
cmpdel("k", [..., "f" => []]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "f" must be of type float, array given
cmpdel("k", [..., "f" => [0 => 1]]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "f" must be of type float, array given
cmpdel("k", [..., "f" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "f" must be of type float, array given
cmpdel("k", [..., "f" => stdClass]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "f" must be of type float, stdClass given
cmpdel("k", [..., "f" => Closure]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "f" must be of type float, Closure given
cmpdel("k", [..., "f" => resource]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "f" must be of type float, resource given
cmpdel("k", [..., "f" => ThrowingStr]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "f" must be of type float, ThrowingStr given
cmpdel("k", [..., "f" => ""]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "f" must be of type float, non-numeric string given
cmpdel("k", [..., "f" => "abc"]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "f" must be of type float, non-numeric string given
cmpdel("k", [..., "f" => "1,5"]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "f" must be of type float, non-numeric string given
cmpdel("k", [..., "f" => "0x1A"]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "f" must be of type float, non-numeric string given
cmpdel("k", [..., "f" => "1.5abc"]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "f" must be of type float, non-numeric string given
cmpdel("k", [..., "f" => Str("1.5")]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "f" must be of type float, Str given
cmpdel("k", [..., "s" => NULL]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "s" must be of type string, null given
cmpdel("k", [..., "s" => []]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "s" must be of type string, array given
cmpdel("k", [..., "s" => [0 => 1]]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "s" must be of type string, array given
cmpdel("k", [..., "s" => ["x" => [0 => "y"]]]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "s" must be of type string, array given
cmpdel("k", [..., "s" => stdClass]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "s" must be of type string, stdClass given
cmpdel("k", [..., "s" => Closure]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "s" must be of type string, Closure given
cmpdel("k", [..., "s" => resource]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "s" must be of type string, resource given
cmpdel("k", [..., "s" => ThrowingStr]) => LogicException: __toString() threw
cmpdel("k", [..., "s" => "abcde"]) => ValueError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "s" takes at most 4 bytes, 5 given
cmpdel("k", [..., "s" => 12345]) => ValueError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "s" takes at most 4 bytes, 5 given
cmpdel("k", [..., "s" => 1.25E+30]) => ValueError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "s" takes at most 4 bytes, 8 given
cmpdel("k", [..., "s" => PHP_INT_MIN]) => ValueError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "s" takes at most 4 bytes, 20 given
cmpdel("k", [..., "s" => Str("abcde")]) => ValueError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "s" takes at most 4 bytes, 5 given
cmpdel("k", ["i" => 5, "nope" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::cmpdel(): Argument #2 ($expected) contains "nope", which is not a column
cmpdel("k", ["i" => 5, 0 => 1, "s" => "ok"]) => ValueError: ShmTable\Table::cmpdel(): Argument #2 ($expected) contains 0, which is not a column
cmpdel("k", ["i" => 5, 7 => 1, "s" => "ok"]) => ValueError: ShmTable\Table::cmpdel(): Argument #2 ($expected) contains 7, which is not a column
cmpdel("k", ["i" => 5, "" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::cmpdel(): Argument #2 ($expected) contains "", which is not a column
cmpdel("k", ["i" => 5, "I" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::cmpdel(): Argument #2 ($expected) contains "I", which is not a column
cmpdel("k", ["i" => 5, " i" => 1, "s" => "ok"]) => ValueError: ShmTable\Table::cmpdel(): Argument #2 ($expected) contains " i", which is not a column
cmpdel("k", ["i" => 5, string(64) => 1, "s" => "ok"]) => ValueError: ShmTable\Table::cmpdel(): Argument #2 ($expected) contains "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", which is not a column
cmpdel("k", ["i" => 5, "f" => 2.5, "s" => "ok", "u0" => 1, ..., "u16" => 1]) => ValueError: ShmTable\Table::cmpdel(): Argument #2 ($expected) contains "u0", which is not a column
cmpdel("k", ["i" => &"abc"]) => TypeError: ShmTable\Table::cmpdel(): Argument #2 ($expected) column "i" must be of type int, non-numeric string given
cmpdel("k", ["i" => 5, "s" => DestroyingStr]) => ShmTable\Exception: Table has been destroyed
  and then count() => ShmTable\Exception: Table has been destroyed
--- $t["k"] = $row
$t["k"] = [..., "i" => NULL] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, null given
$t["k"] = [..., "i" => []] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, array given
$t["k"] = [..., "i" => [0 => 1]] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, array given
$t["k"] = [..., "i" => ["x" => [0 => "y"]]] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, array given
$t["k"] = [..., "i" => stdClass] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, stdClass given
$t["k"] = [..., "i" => Closure] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, Closure given
$t["k"] = [..., "i" => resource] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, resource given
$t["k"] = [..., "i" => ThrowingStr] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, ThrowingStr given
$t["k"] = [..., "i" => ""] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
$t["k"] = [..., "i" => "abc"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
$t["k"] = [..., "i" => "12abc"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
$t["k"] = [..., "i" => "0x1A"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
$t["k"] = [..., "i" => "1e100"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
$t["k"] = [..., "i" => string(19)] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
$t["k"] = [..., "i" => 1.5] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
$t["k"] = [..., "i" => -0.5] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
$t["k"] = [..., "i" => NAN] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
$t["k"] = [..., "i" => INF] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
$t["k"] = [..., "i" => -INF] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
$t["k"] = [..., "i" => 1.0E+19] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
$t["k"] = [..., "i" => 9.223372036854776E+18] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
$t["k"] = [..., "i" => Str("5")] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, Str given
$t["k"] = [..., "f" => NULL] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, null given
$t["k"] = [..., "f" => []] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, array given
$t["k"] = [..., "f" => [0 => 1]] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, array given
$t["k"] = [..., "f" => ["x" => [0 => "y"]]] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, array given
$t["k"] = [..., "f" => stdClass] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, stdClass given
$t["k"] = [..., "f" => Closure] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, Closure given
$t["k"] = [..., "f" => resource] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, resource given
$t["k"] = [..., "f" => ThrowingStr] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, ThrowingStr given
$t["k"] = [..., "f" => ""] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
$t["k"] = [..., "f" => "abc"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
$t["k"] = [..., "f" => "1,5"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
$t["k"] = [..., "f" => "0x1A"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
$t["k"] = [..., "f" => "1.5abc"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
$t["k"] = [..., "f" => Str("1.5")] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, Str given
$t["k"] = [..., "s" => NULL] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, null given
$t["k"] = [..., "s" => []] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, array given
$t["k"] = [..., "s" => [0 => 1]] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, array given
$t["k"] = [..., "s" => ["x" => [0 => "y"]]] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, array given
$t["k"] = [..., "s" => stdClass] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, stdClass given
$t["k"] = [..., "s" => Closure] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, Closure given
$t["k"] = [..., "s" => resource] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, resource given
$t["k"] = [..., "s" => ThrowingStr] => LogicException: __toString() threw
$t["k"] = [..., "s" => "abcde"] => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 5 given
$t["k"] = [..., "s" => 12345] => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 5 given
$t["k"] = [..., "s" => 1.25E+30] => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 8 given
$t["k"] = [..., "s" => PHP_INT_MIN] => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 20 given
$t["k"] = [..., "s" => Str("abcde")] => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 5 given
$t["k"] = ["i" => 5, "nope" => 1, "s" => "ok"] => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "nope", which is not a column
$t["k"] = ["i" => 5, 0 => 1, "s" => "ok"] => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains 0, which is not a column
$t["k"] = ["i" => 5, 7 => 1, "s" => "ok"] => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains 7, which is not a column
$t["k"] = ["i" => 5, "" => 1, "s" => "ok"] => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "", which is not a column
$t["k"] = ["i" => 5, "I" => 1, "s" => "ok"] => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "I", which is not a column
$t["k"] = ["i" => 5, " i" => 1, "s" => "ok"] => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains " i", which is not a column
$t["k"] = ["i" => 5, string(64) => 1, "s" => "ok"] => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", which is not a column
$t["k"] = ["i" => 5, "f" => 2.5, "s" => "ok", "u0" => 1, ..., "u16" => 1] => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "u0", which is not a column
$t["k"] = ["i" => &"abc"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
$t["k"] = ["i" => 5, "s" => DestroyingStr] => ShmTable\Exception: Table has been destroyed
  and then count() => ShmTable\Exception: Table has been destroyed
--- $t["new"] = $row
$t["new"] = [..., "i" => NULL] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, null given
$t["new"] = [..., "i" => []] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, array given
$t["new"] = [..., "i" => [0 => 1]] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, array given
$t["new"] = [..., "i" => ["x" => [0 => "y"]]] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, array given
$t["new"] = [..., "i" => stdClass] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, stdClass given
$t["new"] = [..., "i" => Closure] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, Closure given
$t["new"] = [..., "i" => resource] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, resource given
$t["new"] = [..., "i" => ThrowingStr] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, ThrowingStr given
$t["new"] = [..., "i" => ""] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
$t["new"] = [..., "i" => "abc"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
$t["new"] = [..., "i" => "12abc"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
$t["new"] = [..., "i" => "0x1A"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
$t["new"] = [..., "i" => "1e100"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
$t["new"] = [..., "i" => string(19)] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
$t["new"] = [..., "i" => 1.5] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
$t["new"] = [..., "i" => -0.5] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
$t["new"] = [..., "i" => NAN] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
$t["new"] = [..., "i" => INF] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
$t["new"] = [..., "i" => -INF] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
$t["new"] = [..., "i" => 1.0E+19] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
$t["new"] = [..., "i" => 9.223372036854776E+18] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float out of int range given
$t["new"] = [..., "i" => Str("5")] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, Str given
$t["new"] = [..., "f" => NULL] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, null given
$t["new"] = [..., "f" => []] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, array given
$t["new"] = [..., "f" => [0 => 1]] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, array given
$t["new"] = [..., "f" => ["x" => [0 => "y"]]] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, array given
$t["new"] = [..., "f" => stdClass] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, stdClass given
$t["new"] = [..., "f" => Closure] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, Closure given
$t["new"] = [..., "f" => resource] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, resource given
$t["new"] = [..., "f" => ThrowingStr] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, ThrowingStr given
$t["new"] = [..., "f" => ""] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
$t["new"] = [..., "f" => "abc"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
$t["new"] = [..., "f" => "1,5"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
$t["new"] = [..., "f" => "0x1A"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
$t["new"] = [..., "f" => "1.5abc"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, non-numeric string given
$t["new"] = [..., "f" => Str("1.5")] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "f" must be of type float, Str given
$t["new"] = [..., "s" => NULL] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, null given
$t["new"] = [..., "s" => []] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, array given
$t["new"] = [..., "s" => [0 => 1]] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, array given
$t["new"] = [..., "s" => ["x" => [0 => "y"]]] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, array given
$t["new"] = [..., "s" => stdClass] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, stdClass given
$t["new"] = [..., "s" => Closure] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, Closure given
$t["new"] = [..., "s" => resource] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "s" must be of type string, resource given
$t["new"] = [..., "s" => ThrowingStr] => LogicException: __toString() threw
$t["new"] = [..., "s" => "abcde"] => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 5 given
$t["new"] = [..., "s" => 12345] => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 5 given
$t["new"] = [..., "s" => 1.25E+30] => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 8 given
$t["new"] = [..., "s" => PHP_INT_MIN] => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 20 given
$t["new"] = [..., "s" => Str("abcde")] => ValueError: ShmTable\Table::set(): Argument #2 ($value) column "s" takes at most 4 bytes, 5 given
$t["new"] = ["i" => 5, "nope" => 1, "s" => "ok"] => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "nope", which is not a column
$t["new"] = ["i" => 5, 0 => 1, "s" => "ok"] => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains 0, which is not a column
$t["new"] = ["i" => 5, 7 => 1, "s" => "ok"] => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains 7, which is not a column
$t["new"] = ["i" => 5, "" => 1, "s" => "ok"] => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "", which is not a column
$t["new"] = ["i" => 5, "I" => 1, "s" => "ok"] => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "I", which is not a column
$t["new"] = ["i" => 5, " i" => 1, "s" => "ok"] => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains " i", which is not a column
$t["new"] = ["i" => 5, string(64) => 1, "s" => "ok"] => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", which is not a column
$t["new"] = ["i" => 5, "f" => 2.5, "s" => "ok", "u0" => 1, ..., "u16" => 1] => ValueError: ShmTable\Table::set(): Argument #2 ($value) contains "u0", which is not a column
$t["new"] = ["i" => &"abc"] => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, non-numeric string given
$t["new"] = ["i" => 5, "s" => DestroyingStr] => ShmTable\Exception: Table has been destroyed
  and then count() => ShmTable\Exception: Table has been destroyed
--- the table after all of that
bool(true)
array(3) {
  ["i"]=>
  int(1)
  ["f"]=>
  float(1.5)
  ["s"]=>
  string(1) "a"
}
bool(false)
