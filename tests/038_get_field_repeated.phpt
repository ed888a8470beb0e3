--TEST--
get($key, $field): the same or another column read again and again, by literal and by a built name; a number field read is a use for EVICT_LRU; unknown column after a good one
--EXTENSIONS--
shmtable
--ENV--
SHMTABLE_TEST_CLOCK=1
--FILE--
<?php
use ShmTable\Table;
use function ShmTable\test_clock_advance;

$t = new Table(64);
$t->column('id', Table::TYPE_INT);
$t->column('score', Table::TYPE_FLOAT);
$t->column('name', Table::TYPE_STRING, 8);
$t->create();
$t->set('a', ['id' => -7, 'score' => 2.25, 'name' => 'alpha']);
$t->set('b', ['id' => PHP_INT_MAX, 'score' => -0.0, 'name' => '']);

$out = [];
foreach (['a', 'b', 'a', 'missing'] as $k) {
    $out[] = [$t->get($k, 'score'), $t->get($k, 'score'), $t->get($k, 'id'),
              $t->get($k, 'name'), $t->get($k, 'sc' . 'ore'), $t->get($k, 'i' . 'd')];
}
var_dump($out[0], $out[1], $out[3]);
var_dump($out[0] === $out[2]);

try {
    $t->get('a', 'scores');
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($t->get('a', 'score'));

// A table made again: the same names, fresh column list.
$t->destroy();
$t = new Table(64);
$t->column('score', Table::TYPE_INT);
$t->column('id', Table::TYPE_STRING, 4);
$t->create();
$t->set('a', ['score' => 5, 'id' => 'xy']);
var_dump($t->get('a', 'score'), $t->get('a', 'id'));

echo "--- a read of a number field is a use\n";
$l = new Table(1000, evict: Table::EVICT_LRU);
$l->column('n', Table::TYPE_INT);
$l->create();
for ($i = 0; $i < 1000; $i++) {
    $l->set("old$i", ['n' => $i]);
}
test_clock_advance(60);
$hot = [];
$sum = 0;
for ($i = 0; $i < 1000; $i += 50) {
    $hot[] = "old$i";
    $sum += $l->get("old$i", 'n');
}
test_clock_advance(60);
for ($i = 0; $i < 200; $i++) {    // 200 evictions: untouched, about 4 of the 20 would go
    $l->set("new$i", ['n' => $i]);
}
$kept = count(array_filter($hot, fn ($k) => $l->exists($k)));
echo "sum $sum, hot rows kept: $kept of ", count($hot), ", evicted: ", $l->stats()['evicted'], "\n";
var_dump($l->check());
?>
--EXPECT--
array(6) {
  [0]=>
  float(2.25)
  [1]=>
  float(2.25)
  [2]=>
  int(-7)
  [3]=>
  string(5) "alpha"
  [4]=>
  float(2.25)
  [5]=>
  int(-7)
}
array(6) {
  [0]=>
  float(-0)
  [1]=>
  float(-0)
  [2]=>
  int(9223372036854775807)
  [3]=>
  string(0) ""
  [4]=>
  float(-0)
  [5]=>
  int(9223372036854775807)
}
array(6) {
  [0]=>
  bool(false)
  [1]=>
  bool(false)
  [2]=>
  bool(false)
  [3]=>
  bool(false)
  [4]=>
  bool(false)
  [5]=>
  bool(false)
}
bool(true)
ValueError: ShmTable\Table::get(): Argument #2 ($field) must be a column name, "scores" given
float(2.25)
int(5)
string(2) "xy"
--- a read of a number field is a use
sum 9500, hot rows kept: 20 of 20, evicted: 200
bool(true)
