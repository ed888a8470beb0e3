--TEST--
cmpdel(): deletes only if the row exists and every expected column matches exactly
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

$t = new Table(4);
$t->column('i', Table::TYPE_INT);
$t->column('f', Table::TYPE_FLOAT);
$t->column('s', Table::TYPE_STRING, 8);
$t->create();

function check(string $label, Table $t, string $key, array $expected): void {
    try {
        $r = $t->cmpdel($key, $expected);
        echo $label, ': ', var_export($r, true);
    } catch (Throwable $e) {
        // The message for a bad $expected is not fixed by the contract.
        echo $label, ': ', get_class($e);
    }
    echo ' -> ', $t->exists($key) ? 'present' : 'absent', ', count ', count($t), "\n";
}

check('missing', $t, 'k', ['i' => 0]);
check('missing, empty expected', $t, 'k', []);
$t->set('k', ['i' => 1, 'f' => -0.0, 's' => "x\0"]);
$t->set('other', ['i' => 1, 'f' => -0.0, 's' => "x\0"]);
check('i mismatch', $t, 'k', ['i' => 2]);
check('f 0.0 vs -0.0', $t, 'k', ['f' => 0.0]);
check('s "x" vs "x\0"', $t, 'k', ['s' => 'x']);
check('two match, one not', $t, 'k', ['i' => 1, 'f' => -0.0, 's' => 'x']);
check('bad type', $t, 'k', ['i' => 'abc']);
check('all match', $t, 'k', ['i' => 1, 'f' => -0.0, 's' => "x\0"]);
check('again', $t, 'k', ['i' => 1]);
$r = $t->get('other');
echo $r['i'], ' ', var_export($r['f'], true), ' ', bin2hex($r['s']), "\n";
check('empty expected', $t, 'other', []);
?>
--EXPECT--
missing: false -> absent, count 0
missing, empty expected: ValueError -> absent, count 0
i mismatch: false -> present, count 2
f 0.0 vs -0.0: false -> present, count 2
s "x" vs "x\0": false -> present, count 2
two match, one not: false -> present, count 2
bad type: TypeError -> present, count 2
all match: true -> absent, count 1
again: false -> absent, count 1
1 -0.0 7800
empty expected: ValueError -> present, count 1
