--TEST--
cmpset(): writes only if the row exists and every expected column matches exactly (ints exactly, floats bitwise, strings bytewise)
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(8);
$t->column('i', Table::TYPE_INT);
$t->column('f', Table::TYPE_FLOAT);
$t->column('s', Table::TYPE_STRING, 8);
$t->create();

function fmt(array|false $row): string {
    if ($row === false) {
        return 'false';
    }
    return sprintf('{i:%d f:%s s:%s}', $row['i'], var_export($row['f'], true), json_encode($row['s']));
}

function check(string $label, Table $t, array $expected, array $row): void {
    try {
        $r = $t->cmpset('k', $expected, $row);
        echo $label, ': ', var_export($r, true), ' -> ', fmt($t->get('k')), "\n";
    } catch (Throwable $e) {
        echo $label, ': ', get_class($e), ': ', $e->getMessage(), ' -> ', fmt($t->get('k')), "\n";
    }
}

echo "-- missing key\n";
var_dump($t->cmpset('k', ['i' => 0], ['i' => 1]));
try {
    $t->cmpset('k', [], ['i' => 1]);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($t->exists('k'), count($t));

$t->set('k', ['i' => 5, 'f' => 0.0, 's' => 'abc']);
echo "-- ints\n";
check('i=5', $t, ['i' => 5], ['s' => 'new']);
check('i=6', $t, ['i' => 6], ['s' => 'x']);
check('i=5 again', $t, ['i' => 5], ['i' => 9007199254740993]);
check('i=2^53 (neighbour of 2^53+1)', $t, ['i' => 9007199254740992], ['s' => 'bad']);
check('i=2^53+1', $t, ['i' => 9007199254740993], ['i' => 7]);
echo "-- floats bitwise\n";
check('f=-0.0 vs 0.0', $t, ['f' => -0.0], ['s' => 'bad']);
check('f=0.0', $t, ['f' => 0.0], ['f' => -0.0]);
check('f=0.0 vs -0.0', $t, ['f' => 0.0], ['s' => 'bad']);
check('f=-0.0', $t, ['f' => -0.0], ['f' => NAN, 's' => 'nan']);
echo "NaN stored: ", var_export(is_nan($t->get('k', 'f')), true), "\n";
$ok = $t->cmpset('k', ['f' => NAN], ['f' => 0.1 + 0.2]);
echo "f=NaN (same bits): ", var_export($ok, true), "\n";
check('f=0.3', $t, ['f' => 0.3], ['s' => 'bad']);
check('f=0.1+0.2', $t, ['f' => 0.1 + 0.2], ['f' => 1.5]);
echo "-- strings bytewise\n";
$t->set('k', ['s' => '10']);
check('s="1e1"', $t, ['s' => '1e1'], ['i' => 0]);
check('s="10\0"', $t, ['s' => "10\0"], ['i' => 0]);
check('s="1"', $t, ['s' => '1'], ['i' => 0]);
check('s="10"', $t, ['s' => '10'], ['s' => "a\0b"]);
check('s="a"', $t, ['s' => 'a'], ['i' => 0]);
check('s="a\0b"', $t, ['s' => "a\0b"], ['s' => '']);
check('s=""', $t, ['s' => ''], ['s' => 'AbC']);
check('s="abc"', $t, ['s' => 'abc'], ['i' => 0]);
echo "-- several columns: all must match\n";
check('i,f,s all match', $t, ['i' => 7, 'f' => 1.5, 's' => 'AbC'], ['i' => 8]);
check('i,f match, s not', $t, ['i' => 8, 'f' => 1.5, 's' => 'abc'], ['i' => 0]);
check('i not, f,s match', $t, ['i' => 7, 'f' => 1.5, 's' => 'AbC'], ['i' => 0]);
check('empty expected', $t, [], ['i' => 100]);
$t->set('k', ['i' => 100]);
echo "-- refused rows write nothing\n";
check('too long', $t, ['i' => 100], ['i' => 1, 's' => '123456789']);
check('bad type', $t, ['i' => 100], ['s' => 'x', 'i' => 'abc']);
check('unknown column', $t, ['i' => 100], ['nope' => 1]);
?>
--EXPECT--
-- missing key
bool(false)
ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) must not be empty; use set() to write unconditionally
bool(false)
int(0)
-- ints
i=5: true -> {i:5 f:0.0 s:"new"}
i=6: false -> {i:5 f:0.0 s:"new"}
i=5 again: true -> {i:9007199254740993 f:0.0 s:"new"}
i=2^53 (neighbour of 2^53+1): false -> {i:9007199254740993 f:0.0 s:"new"}
i=2^53+1: true -> {i:7 f:0.0 s:"new"}
-- floats bitwise
f=-0.0 vs 0.0: false -> {i:7 f:0.0 s:"new"}
f=0.0: true -> {i:7 f:-0.0 s:"new"}
f=0.0 vs -0.0: false -> {i:7 f:-0.0 s:"new"}
f=-0.0: true -> {i:7 f:NAN s:"nan"}
NaN stored: true
f=NaN (same bits): true
f=0.3: false -> {i:7 f:0.30000000000000004 s:"nan"}
f=0.1+0.2: true -> {i:7 f:1.5 s:"nan"}
-- strings bytewise
s="1e1": false -> {i:7 f:1.5 s:"10"}
s="10\0": false -> {i:7 f:1.5 s:"10"}
s="1": false -> {i:7 f:1.5 s:"10"}
s="10": true -> {i:7 f:1.5 s:"a\u0000b"}
s="a": false -> {i:7 f:1.5 s:"a\u0000b"}
s="a\0b": true -> {i:7 f:1.5 s:""}
s="": true -> {i:7 f:1.5 s:"AbC"}
s="abc": false -> {i:7 f:1.5 s:"AbC"}
-- several columns: all must match
i,f,s all match: true -> {i:8 f:1.5 s:"AbC"}
i,f match, s not: false -> {i:8 f:1.5 s:"AbC"}
i not, f,s match: false -> {i:8 f:1.5 s:"AbC"}
empty expected: ValueError: ShmTable\Table::cmpset(): Argument #2 ($expected) must not be empty; use set() to write unconditionally -> {i:8 f:1.5 s:"AbC"}
-- refused rows write nothing
too long: ValueError: ShmTable\Table::cmpset(): Argument #3 ($values) column "s" takes at most 8 bytes, 9 given -> {i:100 f:1.5 s:"AbC"}
bad type: TypeError: ShmTable\Table::cmpset(): Argument #3 ($values) column "i" must be of type int, non-numeric string given -> {i:100 f:1.5 s:"AbC"}
unknown column: ValueError: ShmTable\Table::cmpset(): Argument #3 ($values) contains "nope", which is not a column -> {i:100 f:1.5 s:"AbC"}
