--TEST--
set()/get(): keys and string values are binary-safe (NUL bytes, high bytes, trailing NULs)
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(32);
$t->column('v', Table::TYPE_STRING, 8);
$t->column('n', Table::TYPE_INT);
$t->create();

$keys = ["a", "a\0", "a\0\0", "\0", "\0\0", "\0a", "\xff", "\xff\xfe\x00\x01", "A"];
foreach ($keys as $i => $k) {
    if (!$t->set($k, ['v' => "v\0$i\0", 'n' => $i])) {
        echo "set failed for ", bin2hex($k), "\n";
    }
}
var_dump(count($t));
foreach ($keys as $i => $k) {
    $row = $t->get($k);
    echo bin2hex($k), ' => ', bin2hex($row['v']), ' ', $row['n'], ' ',
        $t->exists($k) ? 'exists' : 'missing', "\n";
}
// A prefix of a stored key, or a key with one more NUL, is another key.
var_dump($t->get("a\0\0\0"), $t->get("\xff\xfe"), $t->exists("\0\0\0"));

// Values: NULs everywhere, at the end, only NULs.
foreach (["\0", "\0\0\0\0\0\0\0\0", "abc\0", "\0abc", "\x80\xff\x00\x7f"] as $v) {
    $t->set('s', ['v' => $v]);
    $got = $t->get('s', 'v');
    echo bin2hex($v), ' -> ', bin2hex($got), ' ', strlen($got), "\n";
}

// Deleting one binary key leaves its neighbours.
var_dump($t->del("a\0"));
var_dump($t->exists("a"), $t->exists("a\0"), $t->exists("a\0\0"));
?>
--EXPECT--
int(9)
61 => 76003000 0 exists
6100 => 76003100 1 exists
610000 => 76003200 2 exists
00 => 76003300 3 exists
0000 => 76003400 4 exists
0061 => 76003500 5 exists
ff => 76003600 6 exists
fffe0001 => 76003700 7 exists
41 => 76003800 8 exists
bool(false)
bool(false)
bool(false)
00 -> 00 1
0000000000000000 -> 0000000000000000 8
61626300 -> 61626300 4
00616263 -> 00616263 4
80ff007f -> 80ff007f 4
bool(true)
bool(true)
bool(false)
bool(true)
