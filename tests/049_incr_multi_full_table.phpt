--TEST--
incr()/decr() with an array on a full table: an existing key still counts, a new key throws ShmTable\FullException (EVICT_NONE) or takes an evicted row's place (EVICT_LRU)
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

foreach (['none' => Table::EVICT_NONE, 'lru' => Table::EVICT_LRU] as $name => $evict) {
    echo "-- $name\n";
    $t = new Table(4, evict: $evict);
    $t->column('hits', Table::TYPE_INT);
    $t->column('secs', Table::TYPE_FLOAT);
    $t->create();
    $made = 0;
    for ($i = 0; $i < 50; $i++) {
        try {
            $t->incr("k$i", ['hits' => 2, 'secs' => 0.5]);
            $made++;
        } catch (ShmTable\FullException $e) {
            echo get_class($e), ' after ', $made, "\n";
            break;
        }
    }
    echo 'rows: ', $t->count(), "\n";
    $last = 'k' . ($made - 1);
    var_dump($t->incr($last, ['secs' => 1.5, 'hits' => -1]));
    var_dump($t->decr($last, ['hits' => 1]));
    var_dump($t->get($last));
}
?>
--EXPECT--
-- none
ShmTable\FullException after 4
rows: 4
array(2) {
  ["secs"]=>
  float(2)
  ["hits"]=>
  int(1)
}
array(1) {
  ["hits"]=>
  int(0)
}
array(2) {
  ["hits"]=>
  int(0)
  ["secs"]=>
  float(2)
}
-- lru
rows: 4
array(2) {
  ["secs"]=>
  float(2)
  ["hits"]=>
  int(1)
}
array(1) {
  ["hits"]=>
  int(0)
}
array(2) {
  ["hits"]=>
  int(0)
  ["secs"]=>
  float(2)
}
