--TEST--
Expiry: $ttl null keeps a row's expiry (a new row never expires), 0 means never, > 0 sets it from now; expire() and ttl()
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
$t->create();
$r = fn (string $k) => round($t->ttl($k), 1);   // the real clock moves a little too

$t->set('k', ['n' => 1], 100);
test_clock_advance(40);
echo "after 40 s: ", $r('k'), "\n";
$t->update('k', ['n' => 2]);                 // null: keeps the expiry
echo "update, no ttl: ", $r('k'), "\n";
$t->set('k', ['n' => 3], null);              // null again, by name of the default
echo "set, ttl null: ", $r('k'), " n=", $t->get('k', 'n'), "\n";
$t->update('k', ['n' => 4], 30);              // a new expiry from now
echo "update, ttl 30: ", $r('k'), "\n";
$t->set('k', [], 0);                          // 0: never; no column named, none changed
echo "set, ttl 0: ", var_export($t->ttl('k'), true), " n=", $t->get('k', 'n'), "\n";
test_clock_advance(1000);
echo "1000 s later: ", var_export($t->get('k', 'n'), true), "\n";

echo "--- new rows\n";
$t->set('new-null', ['n' => 1]);
$t->add('add-null', ['n' => 1]);
$t->add('add-ttl', ['n' => 1], 2.5);
$t->set('tiny', ['n' => 1], 1e-12);          // rounds up to 1 ns, never to "never"
echo "set null: ", var_export($t->ttl('new-null'), true), ", add null: ",
    var_export($t->ttl('add-null'), true), ", add 2.5: ", $r('add-ttl'), "\n";
var_dump($t->add('add-ttl', ['n' => 2], 100)); // present: nothing changes
echo "add of a present key keeps its ttl: ", $r('add-ttl'), "\n";
test_clock_advance(0.000001);
echo "1e-12 s ttl, a moment later: ", var_export($t->exists('tiny'), true), "\n";
var_dump($t->update('gone', ['n' => 1], 10), $t->exists('gone'));

echo "--- expire()\n";
var_dump($t->expire('new-null', 5), $r('new-null'));
var_dump($t->expire('new-null', 0), $t->ttl('new-null'));
var_dump($t->expire('missing', 5), $t->exists('missing'));
$t->expire('new-null', 0.5);
test_clock_advance(0.5);
var_dump($t->exists('new-null'), $t->expire('new-null', 100), $t->ttl('new-null'));
echo "stats: update_count counts expire(): ", $t->stats()['update_count'] > 0 ? 'yes' : 'no', "\n";
var_dump($t->check());
?>
--EXPECT--
after 40 s: 60
update, no ttl: 60
set, ttl null: 60 n=3
update, ttl 30: 30
set, ttl 0: 0.0 n=4
1000 s later: 4
--- new rows
set null: 0.0, add null: 0.0, add 2.5: 2.5
bool(false)
add of a present key keeps its ttl: 2.5
1e-12 s ttl, a moment later: false
bool(false)
bool(false)
--- expire()
bool(true)
float(5)
bool(true)
float(0)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
stats: update_count counts expire(): yes
bool(true)
