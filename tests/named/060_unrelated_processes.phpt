--TEST--
named: rows written by one php process are read by a second, unrelated one; a table file is read back after every process that used it has exited
--EXTENSIONS--
shmtable
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

$name = named_unique('cross');
$path = named_path('cross');
Table::unlink($name);
@unlink($path);

$writer = <<<'PHP'
    [$_, $kind, $target, $n] = $argv;
    $t = new ShmTable\Table(1000);
    $t->column('hits', ShmTable\Table::TYPE_INT);
    $t->column('sum', ShmTable\Table::TYPE_FLOAT);
    $t->column('note', ShmTable\Table::TYPE_STRING, 32);
    $kind === 'name' ? $t->create(name: $target) : $t->create(path: $target);
    for ($i = 0; $i < (int)$n; $i++) {
        $t->incr("k" . ($i % 100), 'hits');
        $t->incr("k" . ($i % 100), 'sum', 0.25);
    }
    $t->set('who', ['note' => 'pid ' . getmypid()]);
    if ($kind === 'path') { $t->flush(); }
    echo $t->stats()['opened'], ' ', count($t), "\n";
    PHP;
$reader = <<<'PHP'
    [$_, $kind, $target] = $argv;
    $t = $kind === 'name' ? ShmTable\Table::attach($target) : ShmTable\Table::attach(path: $target);
    $hits = 0; $sum = 0.0;
    foreach ($t as $k => $row) { $hits += $row['hits']; $sum += $row['sum']; }
    echo $t->stats()['opened'], ' rows ', count($t), ' hits ', $hits, ' sum ', $sum,
        ' check ', var_export($t->check(), true), ' size ', $t->getSize(), "\n";
    echo $t->get('who', 'note'), "\n";
    PHP;

foreach (['name' => $name, 'path' => $path] as $kind => $target) {
    echo "-- $kind\n";
    // Two writers, one after the other: nobody maps the table between them,
    // so the second reopens it (locks reset, check passed) and adds to it.
    $first = named_php($writer, [$kind, $target, 3000]);
    $second = named_php($writer, [$kind, $target, 2000]);
    echo $first, $second;
    // Every writer has exited: an unrelated reader sees all of their rows.
    $out = named_php($reader, [$kind, $target]);
    [$line, $who] = explode("\n", $out);
    echo $line, "\n";
    echo preg_match('/^pid \d+$/', $who) ? "written by another process\n" : "who: $who\n";
}
// This process reads them too.
$t = Table::attach($name);
var_dump($t->get('k7'), $t->stats()['opened']);
var_dump(Table::unlink($name));
unlink($path);
?>
--EXPECT--
-- name
created 101
reopened 101
reopened rows 101 hits 5000 sum 1250 check true size 1000
written by another process
-- path
created 101
reopened 101
reopened rows 101 hits 5000 sum 1250 check true size 1000
written by another process
array(3) {
  ["hits"]=>
  int(50)
  ["sum"]=>
  float(12.5)
  ["note"]=>
  string(0) ""
}
string(8) "reopened"
bool(true)
