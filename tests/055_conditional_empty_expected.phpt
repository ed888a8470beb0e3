--TEST--
cmpset()/cmpdel(): an empty $expected is a ValueError and writes nothing (it would make the call unconditional)
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(8);
$t->column('i', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 8);
$t->create();
$t->set('k', ['i' => 1, 's' => 'one']);

function counts(Table $t): string {
    $s = $t->stats();
    return "rows {$s['rows']}, inserts {$s['insert_count']}, updates {$s['update_count']}, deletes {$s['delete_count']}";
}

echo counts($t), "\n";
foreach ([
    'cmpset("k", [], [...])' => fn() => $t->cmpset('k', [], ['i' => 2, 's' => 'two']),
    'cmpset("new", [], [...])' => fn() => $t->cmpset('new', [], ['i' => 2]),
    'cmpset("k", [], [])' => fn() => $t->cmpset('k', [], []),
    'cmpset("k", [], bad row)' => fn() => $t->cmpset('k', [], ['nope' => 1]),
    'cmpdel("k", [])' => fn() => $t->cmpdel('k', []),
    'cmpdel("new", [])' => fn() => $t->cmpdel('new', []),
] as $label => $f) {
    try {
        var_dump($f());
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), ': ', $e->getMessage(), "\n";
    }
}
echo counts($t), "\n";
var_dump($t->get('k'));
// A key error (argument 1) is reported before the empty expectation.
try {
    $t->cmpdel('', []);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
// One expected column is enough.
var_dump($t->cmpset('k', ['i' => 1], ['s' => 'uno']), $t->cmpdel('k', ['s' => 'uno']), count($t));
?>
--EXPECT--
rows 1, inserts 1, updates 0, deletes 0
cmpset("k", [], [...]): ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) must not be empty; use set() to write unconditionally
cmpset("new", [], [...]): ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) must not be empty; use set() to write unconditionally
cmpset("k", [], []): ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) must not be empty; use set() to write unconditionally
cmpset("k", [], bad row): ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) must not be empty; use set() to write unconditionally
cmpdel("k", []): ValueError: ShmTable\Table::cmpdel(): Argument #2 ($expected) must not be empty; use del() to delete unconditionally
cmpdel("new", []): ValueError: ShmTable\Table::cmpdel(): Argument #2 ($expected) must not be empty; use del() to delete unconditionally
rows 1, inserts 1, updates 0, deletes 0
array(2) {
  ["i"]=>
  int(1)
  ["s"]=>
  string(3) "one"
}
ShmTable\Table::cmpdel(): Argument #1 ($key) must not be empty
bool(true)
bool(true)
int(0)
