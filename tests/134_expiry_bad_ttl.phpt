--TEST--
Expiry: a negative, NaN, infinite or too large $ttl is a ValueError and writes nothing, on every method that takes one
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(8);
$t->column('n', Table::TYPE_INT);
$t->create();
$t->set('k', ['n' => 1], 100);
$before = [$t->get('k'), count($t), $t->stats()['update_count'], $t->stats()['insert_count']];

$calls = [
    'set'    => fn ($ttl) => $t->set('k', ['n' => 2], $ttl),
    'set new' => fn ($ttl) => $t->set('new', ['n' => 2], $ttl),
    'add'    => fn ($ttl) => $t->add('new', ['n' => 2], $ttl),
    'update' => fn ($ttl) => $t->update('k', ['n' => 2], $ttl),
    'incr'   => fn ($ttl) => $t->incr('new', 'n', 1, $ttl),
    'decr'   => fn ($ttl) => $t->decr('k', 'n', 1, $ttl),
    'expire' => fn ($ttl) => $t->expire('k', $ttl),
];
foreach ([-1, -0.000001, NAN, INF, -INF, 1e9 + 1, PHP_INT_MAX] as $ttl) {
    foreach ($calls as $name => $f) {
        try {
            $f($ttl);
            echo "$name: no exception\n";
        } catch (ValueError $e) {
            if ($name === 'set' || $name === 'expire') {
                echo get_class($e), ": ", $e->getMessage(), "\n";
            }
        }
    }
}
try {
    $t->set('k', ['n' => 1], 'soon');
} catch (TypeError $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
$after = [$t->get('k'), count($t), $t->stats()['update_count'], $t->stats()['insert_count']];
var_dump($after === $before, $t->exists('new'), $t->ttl('k') > 99);
// The largest ttl is accepted.
var_dump($t->set('k', ['n' => 3], 1e9), round($t->ttl('k')), $t->expire('k', -0.0), $t->ttl('k'));
?>
--EXPECT--
ValueError: ShmTable\Table::set(): Argument #3 ($ttl) must be a number of seconds between 0 and 1000000000, -1 given
ValueError: ShmTable\Table::expire(): Argument #2 ($ttl) must be a number of seconds between 0 and 1000000000, -1 given
ValueError: ShmTable\Table::set(): Argument #3 ($ttl) must be a number of seconds between 0 and 1000000000, -9.9999999999999995e-7 given
ValueError: ShmTable\Table::expire(): Argument #2 ($ttl) must be a number of seconds between 0 and 1000000000, -9.9999999999999995e-7 given
ValueError: ShmTable\Table::set(): Argument #3 ($ttl) must be a number of seconds between 0 and 1000000000, NAN given
ValueError: ShmTable\Table::expire(): Argument #2 ($ttl) must be a number of seconds between 0 and 1000000000, NAN given
ValueError: ShmTable\Table::set(): Argument #3 ($ttl) must be a number of seconds between 0 and 1000000000, INF given
ValueError: ShmTable\Table::expire(): Argument #2 ($ttl) must be a number of seconds between 0 and 1000000000, INF given
ValueError: ShmTable\Table::set(): Argument #3 ($ttl) must be a number of seconds between 0 and 1000000000, -INF given
ValueError: ShmTable\Table::expire(): Argument #2 ($ttl) must be a number of seconds between 0 and 1000000000, -INF given
ValueError: ShmTable\Table::set(): Argument #3 ($ttl) must be a number of seconds between 0 and 1000000000, 1000000001 given
ValueError: ShmTable\Table::expire(): Argument #2 ($ttl) must be a number of seconds between 0 and 1000000000, 1000000001 given
ValueError: ShmTable\Table::set(): Argument #3 ($ttl) must be a number of seconds between 0 and 1000000000, 9.2233720368547758e+18 given
ValueError: ShmTable\Table::expire(): Argument #2 ($ttl) must be a number of seconds between 0 and 1000000000, 9.2233720368547758e+18 given
TypeError: ShmTable\Table::set(): Argument #3 ($ttl) must be of type ?float, string given
bool(true)
bool(false)
bool(true)
bool(true)
float(1000000000)
bool(true)
float(0)
