--TEST--
Type names in the extension's own errors are PHP's own for the same value: "true given" from PHP 8.3 on, "bool given" before, a class name for an object
--EXTENSIONS--
shmtable
--FILE--
<?php
declare(strict_types=1);

use ShmTable\Table;

/* The word before " given" at the end of a message, after its last ", ". */
function given_word(string $msg): string
{
    $comma = strrpos($msg, ', ');
    if ($comma === false || !str_ends_with($msg, ' given')) {
        return 'no word in: ' . $msg;
    }
    return substr($msg, $comma + 2, -strlen(' given'));
}

/* The word PHP itself puts before "given" for $v, from one of its own
 * argument errors. */
function php_word(mixed $v): string
{
    try {
        str_repeat($v, 1);
    } catch (TypeError $e) {
        return given_word($e->getMessage());
    }
    return 'no TypeError';
}

/* The word the extension puts before "given" when $f throws. */
function ext_word(callable $f): string
{
    try {
        $f();
    } catch (TypeError $e) {
        return given_word($e->getMessage());
    }
    return 'no TypeError';
}

$t = new Table(8);
$t->column('i', Table::TYPE_INT);
$t->column('f', Table::TYPE_FLOAT);
$t->column('s', Table::TYPE_STRING, 8);
$t->create();
$t->set('k', ['i' => 1]);

// What PHP says of a boolean depends on its version; check that first.
$want = PHP_VERSION_ID >= 80300 ? ['true', 'false'] : ['bool', 'bool'];
echo 'PHP names true and false as expected: ',
    var_export([php_word(true), php_word(false)] === $want, true), "\n";

$sites = [
    '$t[%s]' => fn($v) => $t[$v],
    'isset($t[%s])' => fn($v) => isset($t[$v]),
    '$t[%s] = ["i" => 2]' => function ($v) use ($t) { $t[$v] = ['i' => 2]; },
    'unset($t[%s])' => function ($v) use ($t) { unset($t[$v]); },
    'offsetGet(%s)' => fn($v) => $t->offsetGet($v),
    '$t["k"] = %s' => function ($v) use ($t) { $t['k'] = $v; },
    'offsetSet("k", %s)' => fn($v) => $t->offsetSet('k', $v),
    'set("k", ["i" => %s])' => fn($v) => $t->set('k', ['i' => $v]),
    'set("k", ["f" => %s])' => fn($v) => $t->set('k', ['f' => $v]),
    'set("k", ["s" => %s])' => fn($v) => $t->set('k', ['s' => $v]),
];
$values = ['true' => true, 'false' => false, 'null' => null, '[]' => [],
           'stdClass' => new stdClass];
foreach ($sites as $fmt => $f) {
    $same = [];
    foreach ($values as $label => $v) {
        $word = ext_word(fn() => $f($v));
        if ($word === 'no TypeError') {
            continue; // accepted: a bool as a column value, [] as a row
        }
        $php = php_word($v);
        $same[] = $word === $php ? $label : "$label: \"$word\" where PHP says \"$php\"";
    }
    echo sprintf($fmt, 'v'), ': ', implode(', ', $same), "\n";
}
?>
--EXPECT--
PHP names true and false as expected: true
$t[v]: true, false, null, [], stdClass
isset($t[v]): true, false, null, [], stdClass
$t[v] = ["i" => 2]: true, false, null, [], stdClass
unset($t[v]): true, false, null, [], stdClass
offsetGet(v): true, false, null, [], stdClass
$t["k"] = v: true, false, null, stdClass
offsetSet("k", v): true, false, null, stdClass
set("k", ["i" => v]): null, [], stdClass
set("k", ["f" => v]): null, [], stdClass
set("k", ["s" => v]): null, [], stdClass
