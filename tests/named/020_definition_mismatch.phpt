--TEST--
named: create(name:) of an existing table with another definition names the difference (in this process and from another one)
--EXTENSIONS--
shmtable
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

$name = named_unique('mismatch');
Table::unlink($name);

// The table is made by another process, which exits: this process opens
// it afresh (engine check), then again through its own cached mapping.
echo named_php(<<<'PHP'
    $t = new ShmTable\Table(100, max_key_length: 40);
    $t->column('hits', ShmTable\Table::TYPE_INT);
    $t->column('avg', ShmTable\Table::TYPE_FLOAT);
    $t->column('who', ShmTable\Table::TYPE_STRING, 16);
    $t->create(name: $argv[1]);
    $t->set('k', ['hits' => 1, 'who' => 'writer']);
    echo "made\n";
    PHP, [$name]);

function def(int $size, int $keylen, array $cols): ShmTable\Table
{
    $t = new Table($size, max_key_length: $keylen);
    foreach ($cols as [$n, $type, $sz]) {
        $t->column($n, $type, $sz);
    }
    return $t;
}
$I = Table::TYPE_INT; $F = Table::TYPE_FLOAT; $S = Table::TYPE_STRING;
$same = [['hits', $I, 0], ['avg', $F, 0], ['who', $S, 16]];
$cases = [
    'size'          => [200, 40, $same],
    'max_key_length' => [100, 41, $same],
    'type'          => [100, 40, [['hits', $F, 0], ['avg', $F, 0], ['who', $S, 16]]],
    'string size'   => [100, 40, [['hits', $I, 0], ['avg', $F, 0], ['who', $S, 17]]],
    'order'         => [100, 40, [['avg', $F, 0], ['hits', $I, 0], ['who', $S, 16]]],
    'renamed'       => [100, 40, [['hits', $I, 0], ['mean', $F, 0], ['who', $S, 16]]],
    'fewer columns' => [100, 40, [['hits', $I, 0], ['avg', $F, 0]]],
    'more columns'  => [100, 40, [['hits', $I, 0], ['avg', $F, 0], ['who', $S, 16], ['x', $I, 0]]],
];
foreach ([1, 2] as $round) {
    echo "-- round $round\n";
    foreach ($cases as $what => [$size, $keylen, $cols]) {
        echo "$what: ";
        $t = def($size, $keylen, $cols);
        named_try(fn() => $t->create(name: $name));
        // A refused create() leaves the object as it was: still creatable.
        var_dump($t->getMemorySize());
    }
    $ok = def(100, 40, $same);
    var_dump($ok->create(name: $name), $ok->get('k', 'who'));
}
// The rows survived every refused attempt.
var_dump(Table::attach($name)->check(), count(Table::attach($name)));
var_dump(Table::unlink($name));
?>
--EXPECT--
made
-- round 1
size: ShmTable\Exception: table 'mismatch' exists with another definition: size is 100 there, 200 here
int(0)
max_key_length: ShmTable\Exception: table 'mismatch' exists with another definition: max_key_length is 40 there, 41 here
int(0)
type: ShmTable\Exception: table 'mismatch' exists with another definition: column 'hits' is TYPE_INT there, TYPE_FLOAT here
int(0)
string size: ShmTable\Exception: table 'mismatch' exists with another definition: column 'who' holds 16 bytes there, 17 here
int(0)
order: ShmTable\Exception: table 'mismatch' exists with another definition: column 'avg' is column 2 there, 1 here
int(0)
renamed: ShmTable\Exception: table 'mismatch' exists with another definition: column 2 is 'avg' there, 'mean' here
int(0)
fewer columns: ShmTable\Exception: table 'mismatch' exists with another definition: it has 3 columns there, 2 here
int(0)
more columns: ShmTable\Exception: table 'mismatch' exists with another definition: it has 3 columns there, 4 here
int(0)
bool(true)
string(6) "writer"
-- round 2
size: ShmTable\Exception: table 'mismatch' exists with another definition: size is 100 there, 200 here
int(0)
max_key_length: ShmTable\Exception: table 'mismatch' exists with another definition: max_key_length is 40 there, 41 here
int(0)
type: ShmTable\Exception: table 'mismatch' exists with another definition: column 'hits' is TYPE_INT there, TYPE_FLOAT here
int(0)
string size: ShmTable\Exception: table 'mismatch' exists with another definition: column 'who' holds 16 bytes there, 17 here
int(0)
order: ShmTable\Exception: table 'mismatch' exists with another definition: column 'avg' is column 2 there, 1 here
int(0)
renamed: ShmTable\Exception: table 'mismatch' exists with another definition: column 2 is 'avg' there, 'mean' here
int(0)
fewer columns: ShmTable\Exception: table 'mismatch' exists with another definition: it has 3 columns there, 2 here
int(0)
more columns: ShmTable\Exception: table 'mismatch' exists with another definition: it has 3 columns there, 4 here
int(0)
bool(true)
string(6) "writer"
bool(true)
int(1)
bool(true)
