--TEST--
Eviction in a table of one and of a few rows never answers "full": rows out of their chain (replaced versions, deleted rows), older than the live ones, are not taken for victims
--EXTENSIONS--
shmtable
--ENV--
SHMTABLE_TEST_CLOCK=1
--FILE--
<?php
use ShmTable\Table;
use function ShmTable\test_clock_advance;

foreach ([1, 3] as $size) {
    $t = new Table($size, evict: Table::EVICT_LRU);
    $t->column('n', Table::TYPE_INT);
    $t->create();
    $full = 0;
    // 643 inserts and 43 deletes: every insert into the full table
    // evicts, so 643 - 43 - $size rows are evicted.
    // Every round: updates and a delete leave rows out of their chain with
    // the time of an earlier second; then the clock moves on, the live rows
    // are used again, and a new key must evict one of them.
    for ($i = 0; $i < 300; $i++) {
        $t->set("k$i", ['n' => $i]);
        $t->update("k$i", ['n' => $i + 1]);
        $t->incr("k$i", 'n');
        if ($i % 7 === 0) {
            $t->set("gone$i", ['n' => 0]);
            $t->del("gone$i");
        }
        test_clock_advance(1.5);
        foreach ($t as $k => $row) {
            $t->get($k);
        }
        try {
            $t->set("new$i", ['n' => -1]);
        } catch (ShmTable\FullException $e) {
            ++$full;
        }
        if ($t->get("new$i", 'n') !== -1) {
            echo "size $size round $i: new$i missing\n";
        }
    }
    $s = $t->stats();
    printf("size %d: full %d, rows %d, evicted %d, check %s\n", $size, $full, count($t), $s['evicted'],
        var_export($t->check(), true));
}
?>
--EXPECT--
size 1: full 0, rows 1, evicted 599, check true
size 3: full 0, rows 3, evicted 597, check true
