--TEST--
Inspection: columns(), name() and path() of anonymous, named, attached and file-backed tables; before create() and after destroy() they throw
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

function show(callable $f): void
{
    try {
        echo json_encode($f()), "\n";
    } catch (\Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

$t = new Table(10);
$t->column('hits', Table::TYPE_INT);
$t->column('avg', Table::TYPE_FLOAT, 99);     // size ignored: reported 0
$t->column('note', Table::TYPE_STRING, 40);
show(fn() => $t->columns());
show(fn() => $t->name());
$t->create();
show(fn() => $t->columns());
var_dump(array_keys($t->columns()) === ['hits', 'avg', 'note']);
var_dump($t->columns()['note'] === ['type' => Table::TYPE_STRING, 'size' => 40]);
show(fn() => [$t->name(), $t->path()]);

$name = 'phpt-' . getmypid() . '-columns';
Table::unlink($name);
$n = new Table(10, max_key_length: 20);
$n->column('s', Table::TYPE_STRING, 7);
$n->create(name: $name);
$a = Table::attach($name);
show(fn() => [$a->name() === $name, $a->path(), $a->columns()]);
Table::unlink($name);

$path = sys_get_temp_dir() . '/phpt-' . getmypid() . '-columns.shmt';
@unlink($path);
$f = new Table(10);
$f->column('x', Table::TYPE_FLOAT);
$f->create(path: $path);
show(fn() => [$f->name(), $f->path() === $path, $f->columns()]);
$f->destroy();
unlink($path);

show(fn() => $f->columns());
show(fn() => $f->name());
show(fn() => $f->path());
show(fn() => $t->columns(1));
?>
--EXPECT--
ShmTable\Exception: Table has not been created; call create() first
ShmTable\Exception: Table has not been created; call create() first
{"hits":{"type":1,"size":0},"avg":{"type":2,"size":0},"note":{"type":3,"size":40}}
bool(true)
bool(true)
[null,null]
[true,null,{"s":{"type":3,"size":7}}]
[null,true,{"x":{"type":2,"size":0}}]
ShmTable\Exception: Table has been destroyed
ShmTable\Exception: Table has been destroyed
ShmTable\Exception: Table has been destroyed
ArgumentCountError: ShmTable\Table::columns() expects exactly 0 arguments, 1 given
