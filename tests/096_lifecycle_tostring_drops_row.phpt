--TEST--
Re-entrancy: a __toString() that drops, grows or rewrites the row array (or the key, or the table) while the row is converted; what was passed is what is written
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

/* Runs a closure from __toString(), then returns 'hook'. */
final class Hook
{
    public function __construct(private Closure $f) {}
    public function __toString(): string { ($this->f)(); return 'hook'; }
}

function make(): Table
{
    $t = new Table(8);
    $t->column('a', Table::TYPE_STRING, 64);
    $t->column('b', Table::TYPE_STRING, 64);
    $t->column('c', Table::TYPE_STRING, 64);
    $t->create();
    $t->set('k', ['a' => 'old', 'b' => 'old', 'c' => 'old']);
    return $t;
}

/* Frees the global $row, then fills the freed memory with strings and
 * arrays of the same sizes. */
function drop_row(): void
{
    $GLOBALS['row'] = null;
    $GLOBALS['junk'] = [];
    for ($i = 0; $i < 200; $i++) {
        $GLOBALS['junk'][] = str_repeat('Z', 40);
        $GLOBALS['junk'][] = ['x' => str_repeat('Y', 40), 'y' => 1, 'z' => 2];
    }
}

/* Adds entries to the global $row in place, so that it is reallocated. */
function grow_row(): void
{
    for ($i = 0; $i < 64; $i++) {
        $GLOBALS['row']["n$i"] = str_repeat('Q', 40);
    }
    $GLOBALS['row']['a'] = 'changed';
    $GLOBALS['row']['c'] = 'changed';
}

$A = str_repeat('A', 40);
$C = str_repeat('C', 40);
// Each call passes the global $row itself (a variable, as in `$row = [...];
// $t['k'] = $row;`), not a copy made by reading $GLOBALS.
$calls = [
    '$t["k"] = $row' => function (Table $t) { global $row; $t['k'] = $row; },
    '$t->offsetSet("k", $row)' => function (Table $t) { global $row; $t->offsetSet('k', $row); },
    '$t->set("k", $row)' => function (Table $t) { global $row; $t->set('k', $row); },
    '$t->update("k", $row)' => function (Table $t) { global $row; $t->update('k', $row); },
    '$t->cmpset("k", ["a" => "old"], $row)' => function (Table $t) { global $row; $t->cmpset('k', ['a' => 'old'], $row); },
];
foreach (['drop_row', 'grow_row'] as $hook) {
    foreach ($calls as $label => $call) {
        $t = make();
        // The row is built at run time (not a literal), and only the global
        // variable holds it, as in `$row = [...]; $t['k'] = $row;`.
        $row = ['a' => str_repeat('A', 40), 'b' => new Hook(Closure::fromCallable($hook)),
                'c' => str_repeat('C', 40)];
        $call($t);
        $got = $t->get('k');
        $ok = $got === ['a' => $A, 'b' => 'hook', 'c' => $C];
        echo "$hook, $label: ", $ok ? 'written as passed' : 'WRONG ' . json_encode($got), "\n";
        unset($junk);
    }
}

echo "-- the key variable is rewritten by __toString()\n";
$t = make();
$key = str_repeat('K', 20);
$t[$key] = ['a' => 'x', 'b' => new Hook(function () {
    $GLOBALS['key'] = null;
    $GLOBALS['junk'] = array_map(fn($i) => str_repeat('J', 20), range(1, 100));
})];
var_dump($t->get(str_repeat('K', 20), 'a'), $t->exists(str_repeat('J', 20)));

echo "-- the only variable holding the table is unset by __toString()\n";
$t = make();
$t['k'] = ['a' => 'x', 'b' => new Hook(function () { $GLOBALS['keep'] = $GLOBALS['t']; $GLOBALS['t'] = null; }), 'c' => 'y'];
var_dump($keep->get('k'));
?>
--EXPECT--
drop_row, $t["k"] = $row: written as passed
drop_row, $t->offsetSet("k", $row): written as passed
drop_row, $t->set("k", $row): written as passed
drop_row, $t->update("k", $row): written as passed
drop_row, $t->cmpset("k", ["a" => "old"], $row): written as passed
grow_row, $t["k"] = $row: written as passed
grow_row, $t->offsetSet("k", $row): written as passed
grow_row, $t->set("k", $row): written as passed
grow_row, $t->update("k", $row): written as passed
grow_row, $t->cmpset("k", ["a" => "old"], $row): written as passed
-- the key variable is rewritten by __toString()
string(1) "x"
bool(false)
-- the only variable holding the table is unset by __toString()
array(3) {
  ["a"]=>
  string(1) "x"
  ["b"]=>
  string(4) "hook"
  ["c"]=>
  string(1) "y"
}
