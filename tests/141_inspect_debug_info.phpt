--TEST--
Inspection: var_dump() and print_r() show the state, size, rows, memory, columns and name or path of a table (not its rows)
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(10, max_key_length: 16);
$t->column('hits', Table::TYPE_INT);
$t->column('note', Table::TYPE_STRING, 8);
var_dump($t);
$t->create();
$t->set('<script>', ['hits' => 1]);
$t->set('b', ['note' => 'x']);
ob_start();
var_dump($t);
$dump = ob_get_clean();
echo str_replace((string) $t->getMemorySize(), 'MEMORY', $dump);
var_dump(!str_contains($dump, '<script>'));
echo str_replace((string) $t->getMemorySize(), 'MEMORY', print_r($t, true));
$t->destroy();
var_dump($t);
?>
--EXPECT--
object(ShmTable\Table)#1 (4) {
  ["state"]=>
  string(8) "defining"
  ["size"]=>
  int(10)
  ["key_max_length"]=>
  int(16)
  ["columns"]=>
  array(2) {
    ["hits"]=>
    array(2) {
      ["type"]=>
      int(1)
      ["size"]=>
      int(0)
    }
    ["note"]=>
    array(2) {
      ["type"]=>
      int(3)
      ["size"]=>
      int(8)
    }
  }
}
object(ShmTable\Table)#1 (8) {
  ["state"]=>
  string(7) "created"
  ["size"]=>
  int(10)
  ["rows"]=>
  int(2)
  ["memory_size"]=>
  int(MEMORY)
  ["key_max_length"]=>
  int(16)
  ["columns"]=>
  array(2) {
    ["hits"]=>
    array(2) {
      ["type"]=>
      int(1)
      ["size"]=>
      int(0)
    }
    ["note"]=>
    array(2) {
      ["type"]=>
      int(3)
      ["size"]=>
      int(8)
    }
  }
  ["name"]=>
  NULL
  ["path"]=>
  NULL
}
bool(true)
ShmTable\Table Object
(
    [state] => created
    [size] => 10
    [rows] => 2
    [memory_size] => MEMORY
    [key_max_length] => 16
    [columns] => Array
        (
            [hits] => Array
                (
                    [type] => 1
                    [size] => 0
                )

            [note] => Array
                (
                    [type] => 3
                    [size] => 8
                )

        )

    [name] => 
    [path] => 
)
object(ShmTable\Table)#1 (2) {
  ["state"]=>
  string(9) "destroyed"
  ["size"]=>
  int(10)
}
