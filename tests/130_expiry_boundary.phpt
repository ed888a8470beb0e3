--TEST--
Expiry: a row with a TTL is present until the instant it expires and absent from then on to every read and write, before it is reclaimed
--EXTENSIONS--
shmtable
--ENV--
SHMTABLE_TEST_CLOCK=1
--FILE--
<?php
use ShmTable\Table;
use function ShmTable\test_clock_advance;

function mk(): Table
{
    $t = new Table(64);
    $t->column('n', Table::TYPE_INT);
    $t->column('s', Table::TYPE_STRING, 8);
    $t->create();
    return $t;
}

$t = mk();
var_dump($t->set('a', ['n' => 1, 's' => 'x'], 10));
var_dump($t->set('forever', ['n' => 2]));
$left = $t->ttl('a');
var_dump($left > 9.9 && $left <= 10.0, $t->ttl('forever'));

echo "--- 1 ms before the end\n";
test_clock_advance(9.999);
var_dump($t->get('a', 'n'), $t->exists('a'), $t->ttl('a') > 0.0, $t->ttl('a') <= 0.001);

echo "--- at the end\n";
test_clock_advance(0.001);
var_dump($t->get('a'), $t->get('a', 'n'), $t->exists('a'), isset($t['a']), $t['a'] ?? 'absent',
    $t->ttl('a'));
$keys = [];
foreach ($t as $k => $row) {
    $keys[] = $k;
}
var_dump($keys);
echo "count() includes it until reclaimed: ", count($t), "\n";
var_dump($t->stats()['expired']);
echo "flushExpired(): ", $t->flushExpired(), ", count(): ", count($t), "\n";

echo "--- every write sees it absent\n";
foreach (['update', 'cmpset', 'cmpdel', 'getdel', 'del', 'expire'] as $op) {
    $t->set('b', ['n' => 5], 1);
    test_clock_advance(1);
    $r = match ($op) {
        'update' => $t->update('b', ['n' => 6]),
        'cmpset' => $t->cmpset('b', ['n' => 5], ['n' => 6]),
        'cmpdel' => $t->cmpdel('b', ['n' => 5]),
        'getdel' => $t->getdel('b'),
        'del' => $t->del('b'),
        'expire' => $t->expire('b', 100),
    };
    echo "$op: ", var_export($r, true), ", exists: ", var_export($t->exists('b'), true), "\n";
}
$t->set('b', ['n' => 5, 's' => 'old'], 1);
test_clock_advance(1);
var_dump($t->add('b', ['n' => 7]), $t->get('b'), $t->ttl('b'));
$t->set('c', ['n' => 5, 's' => 'old'], 1);
test_clock_advance(1);
$t->set('c', ['n' => 8]);
echo "set() of an expired key starts a new row: ";
var_dump($t->get('c'), $t->ttl('c'));
echo "reclaimed (the flush, then those writes): ", $t->stats()['expired'], ", deletes counted: ",
    $t->stats()['delete_count'], "\n";
var_dump($t->check());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
float(0)
--- 1 ms before the end
int(1)
bool(true)
bool(true)
bool(true)
--- at the end
bool(false)
bool(false)
bool(false)
bool(false)
string(6) "absent"
bool(false)
array(1) {
  [0]=>
  string(7) "forever"
}
count() includes it until reclaimed: 2
int(0)
flushExpired(): 1, count(): 1
--- every write sees it absent
update: false, exists: false
cmpset: false, exists: false
cmpdel: false, exists: false
getdel: false, exists: false
del: false, exists: false
expire: false, exists: false
bool(true)
array(2) {
  ["n"]=>
  int(7)
  ["s"]=>
  string(0) ""
}
float(0)
set() of an expired key starts a new row: array(2) {
  ["n"]=>
  int(8)
  ["s"]=>
  string(0) ""
}
float(0)
reclaimed (the flush, then those writes): 9, deletes counted: 0
bool(true)
