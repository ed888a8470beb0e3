--TEST--
column(): an integer-like name is refused (PHP arrays would turn it into an int key); other numeric-looking names work; messages name the alias called and print negative int keys as such
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;
function show(callable $f) {
    try { $f(); echo "no exception\n"; }
    catch (\Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
}
$t = new Table(4);
show(fn() => $t->column('5', Table::TYPE_INT));
show(fn() => $t->column('-7', Table::TYPE_INT));
$t->column('05', Table::TYPE_INT);
$t->column('1.5', Table::TYPE_INT);
$t->column('x', Table::TYPE_INT);
$t->create();
var_dump($t->set('k', ['05' => 3, '1.5' => 4]));
var_dump($t->get('k'));
show(fn() => $t->set('k', [-1 => 1]));
show(fn() => $t->exist(''));
show(fn() => $t->exists(''));
show(fn() => $t->delete(''));
show(fn() => $t->del(''));
var_dump($t->get('k', 'x'));
?>
--EXPECT--
ValueError: ShmTable\Table::column(): Argument #1 ($name) must not be an integer string, "5" given
ValueError: ShmTable\Table::column(): Argument #1 ($name) must not be an integer string, "-7" given
bool(true)
array(3) {
  ["05"]=>
  int(3)
  ["1.5"]=>
  int(4)
  ["x"]=>
  int(0)
}
ValueError: ShmTable\Table::set(): Argument #2 ($value) contains -1, which is not a column
ValueError: ShmTable\Table::exist(): Argument #1 ($key) must not be empty
ValueError: ShmTable\Table::exists(): Argument #1 ($key) must not be empty
ValueError: ShmTable\Table::delete(): Argument #1 ($key) must not be empty
ValueError: ShmTable\Table::del(): Argument #1 ($key) must not be empty
int(0)
