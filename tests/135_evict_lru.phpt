--TEST--
Eviction: a table made with EVICT_LRU makes room when full: expired rows first, then the least recently used of a few sampled rows; the policy is part of the definition
--EXTENSIONS--
shmtable
--ENV--
SHMTABLE_TEST_CLOCK=1
--FILE--
<?php
use ShmTable\Table;
use function ShmTable\test_clock_advance;

function lru(int $size): Table
{
    $t = new Table($size, evict: Table::EVICT_LRU);
    $t->column('n', Table::TYPE_INT);
    $t->create();
    return $t;
}

echo "--- the policy\n";
var_dump(Table::EVICT_NONE, Table::EVICT_LRU);
var_dump((new Table(1))->getSize(), lru(8)->stats()['evict']);
$plain = new Table(8);
$plain->column('n', Table::TYPE_INT);
$plain->create();
echo "default: ", $plain->stats()['evict'], "\n";
foreach ([2, -1] as $bad) {
    try {
        new Table(8, evict: $bad);
    } catch (ValueError $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
}

echo "--- one row: the next key takes its place\n";
$t = lru(1);
$t->set('a', ['n' => 1]);
var_dump($t->set('b', ['n' => 2]), $t->exists('a'), $t->get('b', 'n'), $t->stats()['evicted']);
var_dump($t->incr('c', 'n', 5), $t->exists('b'), $t->stats()['evicted']);

echo "--- expired rows go first: a live row is evicted only when none has expired\n";
$t = lru(50);
for ($i = 0; $i < 50; $i++) {
    $t->set("k$i", ['n' => $i], $i === 20 ? 1 : null);
}
test_clock_advance(2);
$t->set('new', ['n' => 1]);
$s = $t->stats();
echo "expired {$s['expired']}, evicted {$s['evicted']}, rows ", count($t), "\n";
$t->set('new2', ['n' => 1]);
$s = $t->stats();
echo "expired {$s['expired']}, evicted {$s['evicted']}, rows ", count($t), "\n";

echo "--- recently used rows stay, rows not used for long are evicted\n";
$t = lru(1000);
for ($i = 0; $i < 1000; $i++) {
    $t->set("old$i", ['n' => $i]);
}
test_clock_advance(60);
$hot = [];
for ($i = 0; $i < 1000; $i += 50) {
    $hot[] = "old$i";
    $t->get("old$i");                // a read is a use (recorded once a second)
}
test_clock_advance(60);
for ($i = 0; $i < 20; $i++) {
    $t->set("new$i", ['n' => $i]);
}
$kept = count(array_filter($hot, fn ($k) => $t->exists($k)));
$new = count(array_filter(range(0, 19), fn ($i) => $t->exists("new$i")));
echo "hot rows kept: $kept of ", count($hot), ", new rows: $new of 20, evicted: ",
    $t->stats()['evicted'], ", rows: ", count($t), "\n";
var_dump($t->check());

echo "--- without eviction a full table still throws\n";
try {
    for ($i = 0; $i < 9; $i++) {
        $plain->set("p$i", ['n' => $i]);
    }
} catch (ShmTable\FullException $e) {
    echo get_class($e), " after $i rows\n";
}

echo "--- named: the policy is part of the definition\n";
$name = 'phpt-' . getmypid() . '-evict';
Table::unlink($name);
$a = new Table(8, evict: Table::EVICT_LRU);
$a->column('n', Table::TYPE_INT);
$a->create(name: $name);
$b = new Table(8);
$b->column('n', Table::TYPE_INT);
try {
    $b->create(name: $name);
} catch (ShmTable\Exception $e) {
    echo get_class($e), ": ", str_replace($name, 'NAME', $e->getMessage()), "\n";
}
$c = Table::attach($name);
echo "attached: ", $c->stats()['evict'], "\n";
for ($i = 0; $i < 9; $i++) {
    $c->set("n$i", ['n' => $i]);
}
echo "9 keys into 8 rows: ", count($a), " rows, evicted ", $a->stats()['evicted'], "\n";
Table::unlink($name);
?>
--EXPECT--
--- the policy
int(0)
int(1)
int(1)
string(3) "lru"
default: none
ValueError: ShmTable\Table::__construct(): Argument #4 ($evict) must be ShmTable\Table::EVICT_NONE or ShmTable\Table::EVICT_LRU
ValueError: ShmTable\Table::__construct(): Argument #4 ($evict) must be ShmTable\Table::EVICT_NONE or ShmTable\Table::EVICT_LRU
--- one row: the next key takes its place
bool(true)
bool(false)
int(2)
int(1)
int(5)
bool(false)
int(2)
--- expired rows go first: a live row is evicted only when none has expired
expired 1, evicted 0, rows 50
expired 1, evicted 1, rows 50
--- recently used rows stay, rows not used for long are evicted
hot rows kept: 20 of 20, new rows: 20 of 20, evicted: 20, rows: 1000
bool(true)
--- without eviction a full table still throws
ShmTable\FullException after 8 rows
--- named: the policy is part of the definition
ShmTable\Exception: table 'NAME' exists with another definition: eviction policy is EVICT_LRU there, EVICT_NONE here
attached: lru
9 keys into 8 rows: 8 rows, evicted 1
