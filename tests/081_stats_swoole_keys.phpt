--TEST--
stats(): Swoole\Table's keys conflict_count (rows behind another in their bucket), conflict_max_level (longest chain), available_slice_num (free rows), total_slice_num (capacity)
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

function show(Table $t): void
{
    $s = $t->stats();
    foreach (['num', 'conflict_count', 'conflict_max_level', 'available_slice_num', 'total_slice_num'] as $k) {
        echo "$k=", var_export($s[$k], true), ' ';
    }
    echo "\n";
    // Their relations to the other keys hold at every moment.
    if ($s['conflict_max_level'] !== $s['max_chain']) echo "conflict_max_level != max_chain\n";
    if ($s['available_slice_num'] !== $s['size'] - $s['rows']) echo "available_slice_num != size - rows\n";
    if ($s['total_slice_num'] !== $s['size']) echo "total_slice_num != size\n";
    if ($s['conflict_count'] > max(0, $s['rows'] - 1)) echo "conflict_count > rows - 1\n";
    if ($s['rows'] > 0 && $s['conflict_count'] < $s['conflict_max_level'] - 1) echo "conflict_count < chain - 1\n";
}

echo "-- one row, one bucket\n";
$one = new Table(1);
$one->column('n', Table::TYPE_INT);
$one->create();
show($one);
$one->set('a', ['n' => 1]);
show($one);

echo "-- two rows, two buckets: a collision or not, as the seed decides\n";
$two = new Table(2);
$two->column('n', Table::TYPE_INT);
$two->create();
$two->set('a', []);
$two->set('b', []);
$s = $two->stats();
var_dump($s['available_slice_num'], $s['conflict_count'] === $s['conflict_max_level'] - 1);

echo "-- 1000 keys in 1000 buckets: about 1000/e of them land behind another\n";
$t = new Table(1000);
$t->column('n', Table::TYPE_INT);
$t->create();
for ($i = 0; $i < 1000; $i++) {
    $t->set("key$i", ['n' => $i]);
}
show($t);
$s = $t->stats();
var_dump($s['conflict_count'] > 250 && $s['conflict_count'] < 500, $s['conflict_max_level'] >= 3);
for ($i = 0; $i < 1000; $i += 2) {
    $t->del("key$i");
}
show($t);
for ($i = 1; $i < 1000; $i += 2) {
    $t->del("key$i");
}
show($t);
?>
--EXPECTF--
-- one row, one bucket
num=0 conflict_count=0 conflict_max_level=0 available_slice_num=1 total_slice_num=1 
num=1 conflict_count=0 conflict_max_level=1 available_slice_num=0 total_slice_num=1 
-- two rows, two buckets: a collision or not, as the seed decides
int(0)
bool(true)
-- 1000 keys in 1000 buckets: about 1000/e of them land behind another
num=1000 conflict_count=%d conflict_max_level=%d available_slice_num=0 total_slice_num=1000 
bool(true)
bool(true)
num=500 conflict_count=%d conflict_max_level=%d available_slice_num=500 total_slice_num=1000 
num=0 conflict_count=0 conflict_max_level=0 available_slice_num=1000 total_slice_num=1000 
