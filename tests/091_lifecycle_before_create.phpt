--TEST--
Before create(): every use throws ShmTable\Exception, except column(), getSize() and getMemorySize()
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(8);
$t->column('n', Table::TYPE_INT);

$calls = [
    'set' => fn() => $t->set('a', ['n' => 2]),
    'get' => fn() => $t->get('a'),
    'exists' => fn() => $t->exists('a'),
    'del' => fn() => $t->del('a'),
    'incr' => fn() => $t->incr('a', 'n'),
    'decr' => fn() => $t->decr('a', 'n'),
    'add' => fn() => $t->add('b', []),
    'update' => fn() => $t->update('a', []),
    'getdel' => fn() => $t->getdel('a'),
    'cmpset' => fn() => $t->cmpset('a', [], []),
    'cmpdel' => fn() => $t->cmpdel('a', []),
    'count()' => fn() => $t->count(),
    'count($t)' => fn() => count($t),
    'stats' => fn() => $t->stats(),
    'destroy' => fn() => $t->destroy(),
    '$t[k]' => fn() => $t['a'],
    '$t[k] = row' => function () use ($t) { $t['a'] = []; },
    'isset' => fn() => isset($t['a']),
    'unset' => function () use ($t) { unset($t['a']); },
    'foreach' => function () use ($t) { foreach ($t as $k => $v) { echo "row!\n"; } },
];
foreach ($calls as $label => $f) {
    try {
        $r = $f();
        echo $label, ': no exception, returned ', var_export($r, true), "\n";
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump($t->getSize(), $t->getMemorySize());
// Still usable once created.
var_dump($t->create());
var_dump($t->set('a', ['n' => 3]), $t->get('a', 'n'), count($t));
?>
--EXPECT--
set: ShmTable\Exception: Table has not been created; call create() first
get: ShmTable\Exception: Table has not been created; call create() first
exists: ShmTable\Exception: Table has not been created; call create() first
del: ShmTable\Exception: Table has not been created; call create() first
incr: ShmTable\Exception: Table has not been created; call create() first
decr: ShmTable\Exception: Table has not been created; call create() first
add: ShmTable\Exception: Table has not been created; call create() first
update: ShmTable\Exception: Table has not been created; call create() first
getdel: ShmTable\Exception: Table has not been created; call create() first
cmpset: ShmTable\Exception: Table has not been created; call create() first
cmpdel: ShmTable\Exception: Table has not been created; call create() first
count(): ShmTable\Exception: Table has not been created; call create() first
count($t): ShmTable\Exception: Table has not been created; call create() first
stats: ShmTable\Exception: Table has not been created; call create() first
destroy: ShmTable\Exception: Table has not been created; call create() first
$t[k]: ShmTable\Exception: Table has not been created; call create() first
$t[k] = row: ShmTable\Exception: Table has not been created; call create() first
isset: ShmTable\Exception: Table has not been created; call create() first
unset: ShmTable\Exception: Table has not been created; call create() first
foreach: ShmTable\Exception: Table has not been created; call create() first
int(8)
int(0)
bool(true)
bool(true)
int(3)
int(1)
