--TEST--
Bad input matrix under declare(strict_types=1): scalar arguments of every method are not converted; values inside a row array follow the table's own rules either way
--EXTENSIONS--
shmtable
--FILE--
<?php
declare(strict_types=1);

require __DIR__ . '/matrix.inc';
use ShmTable\Table;

$t = new Table(8);
$t->column('i', Table::TYPE_INT);
$t->column('f', Table::TYPE_FLOAT);
$t->column('s', Table::TYPE_STRING, 4);
$t->create();
$t->set('7', ['i' => 7]);
$t->set('1', ['i' => 1]);

echo "--- \$key: only a string\n";
$calls = [
    'set(%s, [])' => fn($k) => $t->set($k, []),
    'add(%s, [])' => fn($k) => $t->add($k, []),
    'update(%s, [])' => fn($k) => $t->update($k, []),
    'get(%s)' => fn($k) => $t->get($k),
    'getdel(%s)' => fn($k) => $t->getdel($k),
    'exists(%s)' => fn($k) => $t->exists($k),
    'del(%s)' => fn($k) => $t->del($k),
    'incr(%s, "i")' => fn($k) => $t->incr($k, 'i'),
    'decr(%s, "i")' => fn($k) => $t->decr($k, 'i'),
    'cmpset(%s, [], [])' => fn($k) => $t->cmpset($k, [], []),
    'cmpdel(%s, [])' => fn($k) => $t->cmpdel($k, []),
];
foreach ($calls as $fmt => $call) {
    foreach ([7, 1.5, true, null, new Str('7')] as $k) {
        try_call(sprintf($fmt, describe($k)), fn() => $call($k), $t);
    }
}

echo "--- \$column: only a string (or null where it may be left out)\n";
foreach ([7, 1.5, true] as $c) {
    try_call('get("7", ' . describe($c) . ')', fn() => $t->get('7', $c), $t);
    try_call('getdel("7", ' . describe($c) . ')', fn() => $t->getdel('7', $c), $t);
    try_call('incr("7", ' . describe($c) . ')', fn() => $t->incr('7', $c), $t);
}
try_call('incr("7", null)', fn() => $t->incr('7', null), $t);

echo "--- \$by: only an int or a float\n";
foreach (['5', '1.5', true, null] as $by) {
    try_call('incr("7", "i", ' . describe($by) . ')', fn() => $t->incr('7', 'i', $by), $t);
    try_call('decr("7", "f", ' . describe($by) . ')', fn() => $t->decr('7', 'f', $by), $t);
}

echo "--- constructor and column(): only ints where ints are declared; an int is a float\n";
try_call('new Table("8")', fn() => new Table('8'));
try_call('new Table(8.0)', fn() => new Table(8.0));
try_call('new Table(true)', fn() => new Table(true));
try_call('new Table(8, "0.5")', fn() => new Table(8, '0.5'));
try_call('new Table(8, 1)', fn() => (new Table(8, 1))->getSize());
try_call('new Table(8, max_key_length: 8.0)', fn() => new Table(8, max_key_length: 8.0));
$u = new Table(8);
try_call('column(7, TYPE_INT)', fn() => $u->column(7, Table::TYPE_INT));
try_call('column(new Str("x"), TYPE_INT)', fn() => $u->column(new Str('x'), Table::TYPE_INT));
try_call('column("x", "1")', fn() => $u->column('x', '1'));
try_call('column("x", 1.0)', fn() => $u->column('x', 1.0));
try_call('column("x", TYPE_STRING, "8")', fn() => $u->column('x', Table::TYPE_STRING, '8'));

echo "--- \$t[...] offsets: strings and ints, as without strict_types\n";
try_call('$t[7]', fn() => $t[7], $t);
try_call('$t[7.0]', fn() => $t[7.0], $t);
try_call('$t[true]', fn() => $t[true], $t);

echo "--- values in a row array are converted by the table's rules, strict_types or not\n";
try_call('set("v", ["i" => "5", "f" => 3, "s" => 12])', fn() => $t->set('v', ['i' => '5', 'f' => 3, 's' => 12]), $t);
try_call('get("v")', fn() => $t->get('v'), $t);
try_call('set("v", ["i" => 2.5])', fn() => $t->set('v', ['i' => 2.5]), $t);
try_call('set("v", ["s" => true])', fn() => $t->set('v', ['s' => true]), $t);
try_call('cmpset("v", ["i" => "5"], ["f" => "0.5"])', fn() => $t->cmpset('v', ['i' => '5'], ['f' => '0.5']), $t);
try_call('get("v")', fn() => $t->get('v'), $t);
?>
--EXPECT--
--- $key: only a string
set(7, []) => TypeError: ShmTable\Table::set(): Argument #1 ($key) must be of type string, int given
set(1.5, []) => TypeError: ShmTable\Table::set(): Argument #1 ($key) must be of type string, float given
set(true, []) => TypeError: ShmTable\Table::set(): Argument #1 ($key) must be of type string, bool given
set(NULL, []) => TypeError: ShmTable\Table::set(): Argument #1 ($key) must be of type string, null given
set(Str("7"), []) => TypeError: ShmTable\Table::set(): Argument #1 ($key) must be of type string, Str given
add(7, []) => TypeError: ShmTable\Table::add(): Argument #1 ($key) must be of type string, int given
add(1.5, []) => TypeError: ShmTable\Table::add(): Argument #1 ($key) must be of type string, float given
add(true, []) => TypeError: ShmTable\Table::add(): Argument #1 ($key) must be of type string, bool given
add(NULL, []) => TypeError: ShmTable\Table::add(): Argument #1 ($key) must be of type string, null given
add(Str("7"), []) => TypeError: ShmTable\Table::add(): Argument #1 ($key) must be of type string, Str given
update(7, []) => TypeError: ShmTable\Table::update(): Argument #1 ($key) must be of type string, int given
update(1.5, []) => TypeError: ShmTable\Table::update(): Argument #1 ($key) must be of type string, float given
update(true, []) => TypeError: ShmTable\Table::update(): Argument #1 ($key) must be of type string, bool given
update(NULL, []) => TypeError: ShmTable\Table::update(): Argument #1 ($key) must be of type string, null given
update(Str("7"), []) => TypeError: ShmTable\Table::update(): Argument #1 ($key) must be of type string, Str given
get(7) => TypeError: ShmTable\Table::get(): Argument #1 ($key) must be of type string, int given
get(1.5) => TypeError: ShmTable\Table::get(): Argument #1 ($key) must be of type string, float given
get(true) => TypeError: ShmTable\Table::get(): Argument #1 ($key) must be of type string, bool given
get(NULL) => TypeError: ShmTable\Table::get(): Argument #1 ($key) must be of type string, null given
get(Str("7")) => TypeError: ShmTable\Table::get(): Argument #1 ($key) must be of type string, Str given
getdel(7) => TypeError: ShmTable\Table::getdel(): Argument #1 ($key) must be of type string, int given
getdel(1.5) => TypeError: ShmTable\Table::getdel(): Argument #1 ($key) must be of type string, float given
getdel(true) => TypeError: ShmTable\Table::getdel(): Argument #1 ($key) must be of type string, bool given
getdel(NULL) => TypeError: ShmTable\Table::getdel(): Argument #1 ($key) must be of type string, null given
getdel(Str("7")) => TypeError: ShmTable\Table::getdel(): Argument #1 ($key) must be of type string, Str given
exists(7) => TypeError: ShmTable\Table::exists(): Argument #1 ($key) must be of type string, int given
exists(1.5) => TypeError: ShmTable\Table::exists(): Argument #1 ($key) must be of type string, float given
exists(true) => TypeError: ShmTable\Table::exists(): Argument #1 ($key) must be of type string, bool given
exists(NULL) => TypeError: ShmTable\Table::exists(): Argument #1 ($key) must be of type string, null given
exists(Str("7")) => TypeError: ShmTable\Table::exists(): Argument #1 ($key) must be of type string, Str given
del(7) => TypeError: ShmTable\Table::del(): Argument #1 ($key) must be of type string, int given
del(1.5) => TypeError: ShmTable\Table::del(): Argument #1 ($key) must be of type string, float given
del(true) => TypeError: ShmTable\Table::del(): Argument #1 ($key) must be of type string, bool given
del(NULL) => TypeError: ShmTable\Table::del(): Argument #1 ($key) must be of type string, null given
del(Str("7")) => TypeError: ShmTable\Table::del(): Argument #1 ($key) must be of type string, Str given
incr(7, "i") => TypeError: ShmTable\Table::incr(): Argument #1 ($key) must be of type string, int given
incr(1.5, "i") => TypeError: ShmTable\Table::incr(): Argument #1 ($key) must be of type string, float given
incr(true, "i") => TypeError: ShmTable\Table::incr(): Argument #1 ($key) must be of type string, bool given
incr(NULL, "i") => TypeError: ShmTable\Table::incr(): Argument #1 ($key) must be of type string, null given
incr(Str("7"), "i") => TypeError: ShmTable\Table::incr(): Argument #1 ($key) must be of type string, Str given
decr(7, "i") => TypeError: ShmTable\Table::decr(): Argument #1 ($key) must be of type string, int given
decr(1.5, "i") => TypeError: ShmTable\Table::decr(): Argument #1 ($key) must be of type string, float given
decr(true, "i") => TypeError: ShmTable\Table::decr(): Argument #1 ($key) must be of type string, bool given
decr(NULL, "i") => TypeError: ShmTable\Table::decr(): Argument #1 ($key) must be of type string, null given
decr(Str("7"), "i") => TypeError: ShmTable\Table::decr(): Argument #1 ($key) must be of type string, Str given
cmpset(7, [], []) => TypeError: ShmTable\Table::cmpset(): Argument #1 ($key) must be of type string, int given
cmpset(1.5, [], []) => TypeError: ShmTable\Table::cmpset(): Argument #1 ($key) must be of type string, float given
cmpset(true, [], []) => TypeError: ShmTable\Table::cmpset(): Argument #1 ($key) must be of type string, bool given
cmpset(NULL, [], []) => TypeError: ShmTable\Table::cmpset(): Argument #1 ($key) must be of type string, null given
cmpset(Str("7"), [], []) => TypeError: ShmTable\Table::cmpset(): Argument #1 ($key) must be of type string, Str given
cmpdel(7, []) => TypeError: ShmTable\Table::cmpdel(): Argument #1 ($key) must be of type string, int given
cmpdel(1.5, []) => TypeError: ShmTable\Table::cmpdel(): Argument #1 ($key) must be of type string, float given
cmpdel(true, []) => TypeError: ShmTable\Table::cmpdel(): Argument #1 ($key) must be of type string, bool given
cmpdel(NULL, []) => TypeError: ShmTable\Table::cmpdel(): Argument #1 ($key) must be of type string, null given
cmpdel(Str("7"), []) => TypeError: ShmTable\Table::cmpdel(): Argument #1 ($key) must be of type string, Str given
--- $column: only a string (or null where it may be left out)
get("7", 7) => TypeError: ShmTable\Table::get(): Argument #2 ($field) must be of type ?string, int given
getdel("7", 7) => TypeError: ShmTable\Table::getdel(): Argument #2 ($field) must be of type ?string, int given
incr("7", 7) => TypeError: ShmTable\Table::incr(): Argument #2 ($column) must be of type array|string, int given
get("7", 1.5) => TypeError: ShmTable\Table::get(): Argument #2 ($field) must be of type ?string, float given
getdel("7", 1.5) => TypeError: ShmTable\Table::getdel(): Argument #2 ($field) must be of type ?string, float given
incr("7", 1.5) => TypeError: ShmTable\Table::incr(): Argument #2 ($column) must be of type array|string, float given
get("7", true) => TypeError: ShmTable\Table::get(): Argument #2 ($field) must be of type ?string, bool given
getdel("7", true) => TypeError: ShmTable\Table::getdel(): Argument #2 ($field) must be of type ?string, bool given
incr("7", true) => TypeError: ShmTable\Table::incr(): Argument #2 ($column) must be of type array|string, bool given
incr("7", null) => TypeError: ShmTable\Table::incr(): Argument #2 ($column) must be of type array|string, null given
--- $by: only an int or a float
incr("7", "i", "5") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
decr("7", "f", "5") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, string given
incr("7", "i", "1.5") => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, string given
decr("7", "f", "1.5") => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, string given
incr("7", "i", true) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, bool given
decr("7", "f", true) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, bool given
incr("7", "i", NULL) => TypeError: ShmTable\Table::incr(): Argument #3 ($incrby) must be of type int|float, null given
decr("7", "f", NULL) => TypeError: ShmTable\Table::decr(): Argument #3 ($incrby) must be of type int|float, null given
--- constructor and column(): only ints where ints are declared; an int is a float
new Table("8") => TypeError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be of type int, string given
new Table(8.0) => TypeError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be of type int, float given
new Table(true) => TypeError: ShmTable\Table::__construct(): Argument #1 ($table_size) must be of type int, bool given
new Table(8, "0.5") => TypeError: ShmTable\Table::__construct(): Argument #2 ($conflict_proportion) must be of type float, string given
new Table(8, 1) => 8
new Table(8, max_key_length: 8.0) => TypeError: ShmTable\Table::__construct(): Argument #3 ($max_key_length) must be of type int, float given
column(7, TYPE_INT) => TypeError: ShmTable\Table::column(): Argument #1 ($name) must be of type string, int given
column(new Str("x"), TYPE_INT) => TypeError: ShmTable\Table::column(): Argument #1 ($name) must be of type string, Str given
column("x", "1") => TypeError: ShmTable\Table::column(): Argument #2 ($type) must be of type int, string given
column("x", 1.0) => TypeError: ShmTable\Table::column(): Argument #2 ($type) must be of type int, float given
column("x", TYPE_STRING, "8") => TypeError: ShmTable\Table::column(): Argument #3 ($size) must be of type int, string given
--- $t[...] offsets: strings and ints, as without strict_types
$t[7] => ["i" => 7, "f" => 0.0, "s" => ""]
$t[7.0] => TypeError: ShmTable\Table key must be of type string|int, float given
$t[true] => TypeError: ShmTable\Table key must be of type string|int, bool given
--- values in a row array are converted by the table's rules, strict_types or not
set("v", ["i" => "5", "f" => 3, "s" => 12]) => true
get("v") => ["i" => 5, "f" => 3.0, "s" => "12"]
set("v", ["i" => 2.5]) => TypeError: ShmTable\Table::set(): Argument #2 ($value) column "i" must be of type int, float with fractional part given
set("v", ["s" => true]) => true
cmpset("v", ["i" => "5"], ["f" => "0.5"]) => true
get("v") => ["i" => 5, "f" => 0.5, "s" => "1"]
