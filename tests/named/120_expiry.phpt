--TEST--
named: expiry means the same in every process of a named table and in a table file reopened after every process let go of it
--EXTENSIONS--
shmtable
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

// The short rows must outlive the start of another PHP process, which is
// slow under valgrind: their ttl is 0.4 s, or four times what starting one
// took here, if that is more.
$t0 = hrtime(true);
named_php('echo 1;');
$short = max(0.4, 4 * (hrtime(true) - $t0) / 1e9);

$name = named_unique('expiry');
Table::unlink($name);
$a = named_table(64);
$a->create(name: $name);
$a->set('long', ['hits' => 1], 1000);
$a->set('short', ['hits' => 2], $short);
$a->set('never', ['hits' => 3]);
$a->incr('window', 'hits', 1, $short);

$probe = <<<'PHP'
$t = ShmTable\Table::attach($argv[1]);
printf("long %s, short %s, never %s, window %s, ttl(long) in 900..1000 %s, ttl(never) %s\n",
    var_export($t->exists('long'), true), var_export($t->exists('short'), true),
    var_export($t->exists('never'), true), var_export($t->get('window', 'hits'), true),
    var_export($t->ttl('long') > 900 && $t->ttl('long') <= 1000, true),
    var_export($t->ttl('never'), true));
PHP;
echo "other process: ", named_php($probe, [$name]);
usleep((int) (($short + 0.05) * 1e6));
echo "their ttl later: ", named_php($probe, [$name]);
echo "this process: short ", var_export($a->exists('short'), true), ", count ", count($a), "\n";
$b = named_table(64);
$b->create(name: $name);
var_dump($b->incr('window', 'hits', 1, 0.4));  // a new window
var_dump($a->check());
$a->destroy();
$b->destroy();
Table::unlink($name);

echo "--- table file, written by one process, reopened by another\n";
$path = named_path('expiry');
@unlink($path);
$writer = <<<'PHP'
$f = new ShmTable\Table(64);
$f->column('hits', ShmTable\Table::TYPE_INT);
$f->create(path: $argv[1]);
$f->set('long', ['hits' => 1], 100);
$f->set('short', ['hits' => 2], 0.2);
$f->flush();
echo "written\n";
PHP;
$reader = <<<'PHP'
$g = ShmTable\Table::attach(path: $argv[1]);
echo "opened: ", $g->stats()['opened'], "\n";
printf("long %s (ttl in 90..100 %s), short %s\n", var_export($g->get('long', 'hits'), true),
    var_export($g->ttl('long') > 90 && $g->ttl('long') <= 100, true),
    var_export($g->exists('short'), true));
echo "reclaimed: ", $g->flushExpired(), ", count ", count($g), "\n";
var_dump($g->check());
PHP;
echo named_php($writer, [$path]);
usleep(250000);
echo named_php($reader, [$path]);
unlink($path);
?>
--EXPECT--
other process: long true, short true, never true, window 1, ttl(long) in 900..1000 true, ttl(never) 0.0
their ttl later: long true, short false, never true, window false, ttl(long) in 900..1000 true, ttl(never) 0.0
this process: short false, count 4
int(1)
bool(true)
--- table file, written by one process, reopened by another
written
opened: reopened
long 1 (ttl in 90..100 true), short false
reclaimed: 1, count 1
bool(true)
