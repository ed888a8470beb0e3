--TEST--
Capacity: a full table still takes overwrites; each delete makes room for exactly one more key
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

function tryset(Table $t, string $k, array $row): string {
    try {
        return var_export($t->set($k, $row), true);
    } catch (Throwable $e) {
        return get_class($e) . ': ' . $e->getMessage();
    }
}

$n = 1024;
$t = new Table($n);
$t->column('i', Table::TYPE_INT);
$t->column('s', Table::TYPE_STRING, 100);
$t->create();
for ($i = 0; $i < $n; $i++) {
    $t->set("k$i", ['i' => $i, 's' => "v$i"]);
}
var_dump(count($t));
echo 'new key: ', tryset($t, 'extra', []), "\n";

echo "-- overwrite every row, several times, with every column\n";
$fails = 0;
for ($round = 0; $round < 5; $round++) {
    for ($i = 0; $i < $n; $i++) {
        try {
            $t->set("k$i", ['i' => $i + $round, 's' => str_repeat(chr(65 + $round), 100)]);
            $t->update("k$i", ['i' => $i + $round + 1]);
            $t->incr("k$i", 'i');
        } catch (Throwable $e) {
            $fails++;
        }
    }
}
$okRows = 0;
for ($i = 0; $i < $n; $i++) {
    if ($t->get("k$i") === ['i' => $i + 6, 's' => str_repeat('E', 100)]) {
        $okRows++;
    }
}
var_dump($fails, $okRows, count($t));
echo 'new key: ', tryset($t, 'extra', []), "\n";

echo "-- one delete, one new key\n";
var_dump($t->del('k5'));
echo 'first new key: ', tryset($t, 'new1', ['i' => 1]), "\n";
echo 'second new key: ', tryset($t, 'new2', ['i' => 2]), "\n";
var_dump(count($t));

echo "-- three deletes (del, getdel, cmpdel), three new keys\n";
var_dump($t->del('k6'));
var_dump($t->getdel('k7', 'i'));
var_dump($t->cmpdel('k8', ['i' => 14]));
foreach (['a', 'b', 'c', 'd'] as $k) {
    echo "$k: ", tryset($t, $k, ['i' => 1]), "\n";
}
var_dump(count($t));

echo "-- churn: delete and re-insert every key 3 times\n";
$bad = 0;
for ($round = 0; $round < 3; $round++) {
    for ($i = 0; $i < $n; $i++) {
        if ($t->exists("k$i")) {
            $t->del("k$i");
            try {
                $t->set("z$round-$i", ['i' => $i]);
            } catch (Throwable $e) {
                $bad++;
            }
            $t->del("z$round-$i");
            try {
                $t->set("k$i", ['i' => $i]);
            } catch (Throwable $e) {
                $bad++;
            }
        }
    }
}
var_dump($bad, count($t));
echo 'new key: ', tryset($t, 'extra', []), "\n";
var_dump($t->stats()['max_chain'] <= 12);
?>
--EXPECT--
int(1024)
new key: ShmTable\FullException: Table is full: all 1024 rows are in use
-- overwrite every row, several times, with every column
int(0)
int(1024)
int(1024)
new key: ShmTable\FullException: Table is full: all 1024 rows are in use
-- one delete, one new key
bool(true)
first new key: true
second new key: ShmTable\FullException: Table is full: all 1024 rows are in use
int(1024)
-- three deletes (del, getdel, cmpdel), three new keys
bool(true)
int(13)
bool(true)
a: true
b: true
c: true
d: ShmTable\FullException: Table is full: all 1024 rows are in use
int(1024)
-- churn: delete and re-insert every key 3 times
int(0)
int(1024)
new key: ShmTable\FullException: Table is full: all 1024 rows are in use
bool(true)
