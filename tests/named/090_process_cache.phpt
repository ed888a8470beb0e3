--TEST--
named: this process reuses its mapping of a named table across objects, forgets it on unlink(), and maps the new table when another process replaced the name
--EXTENSIONS--
shmtable
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

function mapped(): string
{
    ob_start();
    phpinfo(INFO_MODULES);
    $info = ob_get_clean();
    preg_match('/Tables mapped by this process => (\d+)/', $info, $m);
    return $m[1] ?? '?';
}

$name = named_unique('cache');
Table::unlink($name);
echo "mapped at start: ", mapped(), "\n";
$a = named_table();
$a->create(name: $name);
$a->set('old', ['hits' => 1]);
$b = named_table();
$b->create(name: $name);
$c = Table::attach($name);
echo "three objects, mapped: ", mapped(), "\n";
// Objects go away; the mapping stays for the next one (the next request).
$a->destroy();
unset($b, $c);
echo "no object, mapped: ", mapped(), "\n";
$d = Table::attach($name);
var_dump($d->get('old', 'hits'), $d->stats()['opened']);
unset($d);

// Another process removes the name and creates a new table under it.
echo named_php(<<<'PHP'
    var_dump(ShmTable\Table::unlink($argv[1]));
    $t = new ShmTable\Table(64);
    $t->column('hits', ShmTable\Table::TYPE_INT);
    $t->column('sum', ShmTable\Table::TYPE_FLOAT);
    $t->column('note', ShmTable\Table::TYPE_STRING, 32);
    $t->create(name: $argv[1]);
    $t->set('new', ['hits' => 2]);
    PHP, [$name]);
$e = Table::attach($name);
var_dump($e->exists('old'), $e->get('new', 'hits'));
echo "after the replacement, mapped: ", mapped(), "\n";
unset($e);

// unlink() by this process forgets its mapping of the name too.
$keep = Table::attach($name);
var_dump(Table::unlink($name));
echo "unlinked, one object left, mapped: ", mapped(), "\n";
var_dump($keep->get('new', 'hits'));
unset($keep);
echo "last object gone, mapped: ", mapped(), "\n";
named_try(fn() => Table::attach($name));
?>
--EXPECT--
mapped at start: 0
three objects, mapped: 1
no object, mapped: 1
int(1)
string(7) "created"
bool(true)
bool(false)
int(2)
after the replacement, mapped: 1
bool(true)
unlinked, one object left, mapped: 1
int(2)
last object gone, mapped: 0
ShmTable\Exception: no table named 'cache'
