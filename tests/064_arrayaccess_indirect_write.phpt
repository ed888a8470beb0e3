--TEST--
ArrayAccess: writing through $t[$key] ($t['k']['n'] = 5, ++, [], unset, references) throws an Error naming set() and incr(), and changes nothing
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

set_error_handler(function (int $no, string $msg): bool {
    echo "    (error $no: $msg)\n";
    return true;
});

$t = new Table(8);
$t->column('n', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 8);
$t->create();
$t->set('k', ['n' => 1, 's' => 'one']);
$before = $t->get('k');

$forms = [
    '$t["k"]["n"] = 5' => function () use ($t) { $t['k']['n'] = 5; },
    '$t["k"]["n"]++' => function () use ($t) { $t['k']['n']++; },
    '++$t["k"]["n"]' => function () use ($t) { ++$t['k']['n']; },
    '$t["k"]["n"]--' => function () use ($t) { $t['k']['n']--; },
    '$t["k"]["n"] += 2' => function () use ($t) { $t['k']['n'] += 2; },
    '$t["k"]["s"] .= "x"' => function () use ($t) { $t['k']['s'] .= 'x'; },
    '$t["k"][] = 1' => function () use ($t) { $t['k'][] = 1; },
    '$t["k"]["x"] ??= 1' => function () use ($t) { $t['k']['x'] ??= 1; },
    'unset($t["k"]["n"])' => function () use ($t) { unset($t['k']['n']); },
    '$r = &$t["k"]' => function () use ($t) { $r = &$t['k']; $r['n'] = 9; },
    'foreach ($t["k"] as &$v)' => function () use ($t) { foreach ($t['k'] as &$v) { $v = 9; } },
    'sort($t["k"])' => function () use ($t) { sort($t['k']); },
    '$t["k"]["n"]["deep"] = 1' => function () use ($t) { $t['k']['n']['deep'] = 1; },
    '$t["new"]["n"] = 5' => function () use ($t) { $t['new']['n'] = 5; },
    '$t[5]["n"] = 5' => function () use ($t) { $t[5]['n'] = 5; },
];
foreach ($forms as $label => $f) {
    try {
        $f();
        echo "$label: no exception\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump($t->get('k') === $before, $t->exists('new'), $t->exists('5'), count($t));

echo "-- reads and whole-row writes still work\n";
var_dump($t['k']['n'], $t['k']['s'] ?? 'none', $t['k']['x'] ?? 'none', isset($t['k']['n']),
         isset($t['nope']['n']), $t['nope']['n'] ?? 'none', empty($t['k']['n']));
$t['k'] = ['n' => 7] + $t['k'];
$t['k'] += ['s' => 'ignored'];
var_dump($t['k']);
$t->incr('k', 'n', 3);
var_dump($t['k']['n']);
?>
--EXPECT--
$t["k"]["n"] = 5: Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
$t["k"]["n"]++: Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
++$t["k"]["n"]: Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
$t["k"]["n"]--: Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
$t["k"]["n"] += 2: Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
$t["k"]["s"] .= "x": Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
$t["k"][] = 1: Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
$t["k"]["x"] ??= 1: Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
unset($t["k"]["n"]): Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
$r = &$t["k"]: Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
foreach ($t["k"] as &$v): Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
sort($t["k"]): Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
$t["k"]["n"]["deep"] = 1: Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
$t["new"]["n"] = 5: Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
$t[5]["n"] = 5: Error: Cannot modify a row of ShmTable\Table in place: $t[$key] is a copy; write columns with set(), add to a number with incr()
bool(true)
bool(false)
bool(false)
int(1)
-- reads and whole-row writes still work
int(1)
string(3) "one"
string(4) "none"
bool(true)
bool(false)
string(4) "none"
bool(false)
array(2) {
  ["n"]=>
  int(7)
  ["s"]=>
  string(3) "one"
}
int(10)
