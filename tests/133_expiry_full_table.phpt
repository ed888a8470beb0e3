--TEST--
Expiry: an expired row stops counting against capacity (a full table takes a new key once a row expired, FullException only when none has); flushExpired() counts and $max
--EXTENSIONS--
shmtable
--ENV--
SHMTABLE_TEST_CLOCK=1
--FILE--
<?php
use ShmTable\Table;
use function ShmTable\test_clock_advance;

$size = 100;
$t = new Table($size);
$t->column('n', Table::TYPE_INT);
$t->create();
for ($i = 0; $i < $size; $i++) {
    $t->set("k$i", ['n' => $i], $i === 37 ? 5 : null);   // one row with a ttl
}
try {
    $t->set('new-1', ['n' => 1]);
} catch (ShmTable\FullException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
test_clock_advance(5);
echo "count with one expired row: ", count($t), "\n";
var_dump($t->set('new-1', ['n' => 1]));           // takes the expired row's place
echo "count: ", count($t), ", expired: ", $t->stats()['expired'], "\n";
try {
    $t->incr('new-2', 'n');
} catch (ShmTable\FullException $e) {
    echo get_class($e), "\n";
}
var_dump($t->check());

echo "--- many expired rows, every stripe: the inserts take them one by one\n";
for ($i = 50; $i < 100; $i++) {
    $t->expire("k$i", 1);
}
test_clock_advance(1);
$added = 0;
for ($i = 0; $i < 200; $i++) {
    try {
        $t->add("more-$i", ['n' => $i], 1000);
        $added++;
    } catch (ShmTable\FullException $e) {
        break;
    }
}
echo "added $added, count ", count($t), ", expired ", $t->stats()['expired'], "\n";
$live = iterator_count($t);
echo "rows iterated: $live\n";
var_dump($t->check());

echo "--- flushExpired()\n";
$u = new Table(1000);
$u->column('n', Table::TYPE_INT);
$u->create();
for ($i = 0; $i < 1000; $i++) {
    $u->set("r$i", ['n' => $i], $i % 4 === 0 ? 10 : ($i % 4 === 1 ? 20 : null));
}
var_dump($u->flushExpired());                    // nothing expired yet
test_clock_advance(10);
echo "count before: ", count($u), "\n";
var_dump($u->flushExpired(100), $u->flushExpired(100), $u->flushExpired(), $u->flushExpired());
echo "count after: ", count($u), ", iterated: ", iterator_count($u), "\n";
test_clock_advance(10);
var_dump($u->flushExpired(0));
echo "count: ", count($u), ", expired: ", $u->stats()['expired'], "\n";
try {
    $u->flushExpired(-1);
} catch (ValueError $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
var_dump($u->check());
?>
--EXPECT--
ShmTable\FullException: Table is full: all 100 rows are in use
count with one expired row: 100
bool(true)
count: 100, expired: 1
ShmTable\FullException
bool(true)
--- many expired rows, every stripe: the inserts take them one by one
added 50, count 100, expired 51
rows iterated: 100
bool(true)
--- flushExpired()
int(0)
count before: 1000
int(100)
int(100)
int(50)
int(0)
count after: 750, iterated: 750
int(250)
count: 500, expired: 500
ValueError: ShmTable\Table::flushExpired(): Argument #1 ($max) must be greater than or equal to 0 (0: every expired row)
bool(true)
