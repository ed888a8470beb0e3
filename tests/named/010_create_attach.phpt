--TEST--
named: create(name:) creates, a second create() and attach() see the same rows; unlink()
--EXTENSIONS--
shmtable
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

$name = named_unique('basic');
Table::unlink($name);

$a = named_table(100);
var_dump($a->create(name: $name));
$s = $a->stats();
echo "opened: {$s['opened']}, name: ", named_clean($s['name']), ", path: ", var_export($s['path'], true), "\n";
var_dump(file_exists("/dev/shm/shmtable.$name"));
printf("mode: %o\n", fileperms("/dev/shm/shmtable.$name") & 0777);
$a->set('x', ['hits' => 3, 'sum' => 1.5, 'note' => 'first']);

// A second object with the same definition sees the same rows.
$b = named_table(100);
var_dump($b->create(name: $name));
$b->incr('x', 'hits', 4);
var_dump($a->get('x', 'hits'));

// attach() reads the definition from the table itself.
$c = Table::attach($name);
var_dump($c->getSize(), $c->get('x'), count($c));
$c->set('y', ['note' => 'from attach']);
var_dump($a->get('y', 'note'));
var_dump($c->getMemorySize() === $a->getMemorySize());
named_try(fn() => $c->create(name: $name));
named_try(fn() => $c->column('more', Table::TYPE_INT));

// attach(name:) by name; missing names are a ShmTable\Exception.
named_try(fn() => Table::attach(name: named_unique('missing')));
named_try(fn() => Table::attach(path: named_path('missing')));

// unlink(): true once, then false; mappings already made stay usable.
var_dump(Table::unlink($name), Table::unlink($name));
var_dump(file_exists("/dev/shm/shmtable.$name"));
var_dump($a->get('x', 'hits'), $c->get('y', 'note'));
named_try(fn() => Table::attach($name));

// A new create() of the name makes a new, empty table.
$d = named_table(100);
$d->create(name: $name);
var_dump(count($d), $d->stats()['opened'], count($a));
$d->destroy();
named_try(fn() => $d->get('x'));
var_dump(Table::unlink($name));
?>
--EXPECT--
bool(true)
opened: created, name: basic, path: NULL
bool(true)
mode: 600
bool(true)
int(7)
int(100)
array(3) {
  ["hits"]=>
  int(7)
  ["sum"]=>
  float(1.5)
  ["note"]=>
  string(5) "first"
}
int(1)
string(11) "from attach"
bool(true)
ShmTable\Exception: Table has already been created
ShmTable\Exception: Cannot add a column after create()
ShmTable\Exception: no table named 'missing'
ShmTable\Exception: no table file 'TMP/missing.shmt'
bool(true)
bool(false)
bool(false)
int(7)
string(11) "from attach"
ShmTable\Exception: no table named 'basic'
int(0)
string(7) "created"
int(2)
ShmTable\Exception: Table has been destroyed
bool(true)
