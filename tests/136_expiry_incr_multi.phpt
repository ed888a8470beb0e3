--TEST--
Expiry: incr()/decr() with an array and $ttl set it only on the row they create; the row keeps it through later calls; an expired row starts over at zero
--EXTENSIONS--
shmtable
--ENV--
SHMTABLE_TEST_CLOCK=1
--FILE--
<?php
use ShmTable\Table;
use function ShmTable\test_clock_advance;

$t = new Table(8);
$t->column('hits', Table::TYPE_INT);
$t->column('bytes', Table::TYPE_INT);
$t->column('load', Table::TYPE_FLOAT);
$t->create();

echo json_encode($t->incr('w', ['hits' => 1, 'bytes' => 512], ttl: 60)), "\n";   // creates, 60 s
echo "left: ", round($t->ttl('w'), 1), "\n";
test_clock_advance(30);
echo json_encode($t->incr('w', ['hits' => 1, 'load' => 0.5], ttl: 1000)), "\n";   // exists: kept
echo "left: ", round($t->ttl('w'), 1), "\n";
echo json_encode($t->decr('w', ['bytes' => 12])), "\n";
echo "left: ", round($t->ttl('w'), 1), "\n";
test_clock_advance(30);
echo "expired: ", var_export($t->get('w'), true), "\n";
echo json_encode($t->incr('w', ['hits' => 1, 'bytes' => 1])), "\n";   // starts over, no ttl
var_dump($t->ttl('w'));

echo "--- a bad ttl changes nothing\n";
try {
    $t->incr('w', ['hits' => 1], ttl: -1.0);
} catch (ValueError $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
echo json_encode($t->get('w')), "\n";
var_dump($t->check());
?>
--EXPECT--
{"hits":1,"bytes":512}
left: 60
{"hits":2,"load":0.5}
left: 30
{"bytes":500}
left: 30
expired: false
{"hits":1,"bytes":1}
float(0)
--- a bad ttl changes nothing
ValueError: ShmTable\Table::incr(): Argument #4 ($ttl) must be a number of seconds between 0 and 1000000000, -1 given
{"hits":1,"bytes":1,"load":0}
bool(true)
