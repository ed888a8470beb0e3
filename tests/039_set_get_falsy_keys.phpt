--TEST--
Keys that PHP finds falsy or numeric ("0", " ", "0.0", "00", "-0") are ordinary, distinct keys
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(16);
$t->column('n', Table::TYPE_INT);
$t->create();

$keys = ['0', ' ', '0.0', '00', '-0', 'false', '1e1', '10'];
foreach ($keys as $i => $k) {
    $t->set($k, ['n' => $i]);
}
var_dump(count($t));
foreach ($keys as $i => $k) {
    echo json_encode($k), ': get=', $t->get($k, 'n'), ' exists=', var_export($t->exists($k), true),
        ' [k]=', $t[$k]['n'], "\n";
}
var_dump($t[0]['n'], $t[10]['n'], isset($t[1]));
$found = [];
foreach ($t as $k => $row) {
    $found[] = var_export($k, true);
}
sort($found);
echo implode(' ', $found), "\n";
var_dump($t->del('0'), $t->exists('00'), $t->exists('0'));
?>
--EXPECT--
int(8)
"0": get=0 exists=true [k]=0
" ": get=1 exists=true [k]=1
"0.0": get=2 exists=true [k]=2
"00": get=3 exists=true [k]=3
"-0": get=4 exists=true [k]=4
"false": get=5 exists=true [k]=5
"1e1": get=6 exists=true [k]=6
"10": get=7 exists=true [k]=7
int(0)
int(7)
bool(false)
' ' '-0' '0' '0.0' '00' '10' '1e1' 'false'
bool(true)
bool(true)
bool(false)
