--TEST--
Expiry: incr()/decr() with $ttl set it only on the row they create; later calls do not refresh it; once expired the count starts over
--EXTENSIONS--
shmtable
--ENV--
SHMTABLE_TEST_CLOCK=1
--FILE--
<?php
use ShmTable\Table;
use function ShmTable\test_clock_advance;

$t = new Table(16);
$t->column('n', Table::TYPE_INT);
$t->column('f', Table::TYPE_FLOAT);
$t->create();

var_dump($t->incr('w', 'n', 1, 60));          // creates the row, expiring in 60 s
test_clock_advance(30);
var_dump($t->incr('w', 'n', 1, 60));          // exists: ttl ignored, not refreshed
var_dump($t->incr('w', 'n', ttl: 1000));
echo "left: ", round($t->ttl('w'), 1), "\n";
test_clock_advance(29.5);
var_dump($t->get('w', 'n'));
test_clock_advance(0.5);
echo "window over: ", var_export($t->get('w', 'n'), true), "\n";
var_dump($t->incr('w', 'n', 1, 60));          // a new row, a new window
echo "left: ", round($t->ttl('w'), 1), "\n";

echo "--- decr, float, no ttl\n";
var_dump($t->decr('d', 'n', 5, 10), round($t->ttl('d'), 1));
var_dump($t->incr('f', 'f', 0.5, 10), round($t->ttl('f'), 1));
var_dump($t->incr('plain', 'n'), $t->ttl('plain'));
test_clock_advance(10);
var_dump($t->exists('d'), $t->exists('f'), $t->get('plain', 'n'));
var_dump($t->decr('d', 'n', 5), $t->ttl('d'));   // starts over, without a ttl now
$t->flushExpired();
echo "expired rows reclaimed (by the writes, then the flush): ", $t->stats()['expired'], "\n";
var_dump($t->check());
?>
--EXPECT--
int(1)
int(2)
int(3)
left: 30
int(3)
window over: false
int(1)
left: 60
--- decr, float, no ttl
int(-5)
float(10)
float(0.5)
float(10)
int(1)
float(0)
bool(false)
bool(false)
int(1)
int(-5)
float(0)
expired rows reclaimed (by the writes, then the flush): 3
bool(true)
