--TEST--
named: phpinfo() counts a named and a file-backed table this process maps once each, however many objects use them; a mapping the process keeps for reuse after its last object is gone still counts, one dropped by unlink() does not
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
    $text = ob_get_clean();
    preg_match('/^Tables mapped by this process => (\d+)$/m', $text, $t);
    preg_match('/^Bytes mapped by those tables => (\d+)$/m', $text, $b);
    return "$t[1] tables, $b[1] bytes";
}

$name = named_unique('info');
Table::unlink($name);
$path = named_path('info');
@unlink($path);
echo mapped(), "\n";
$a = named_table(100);
$a->create(name: $name);
$b = Table::attach($name);          // the same mapping
$f = named_table(1000);
$f->create(path: $path);
echo mapped() === '2 tables, ' . ($a->getMemorySize() + $f->getMemorySize()) . ' bytes' ? 'both' : mapped(), "\n";
$fsize = $f->getMemorySize();
$f->destroy();                      // the process keeps the mapping for the next create()
echo mapped() === '2 tables, ' . ($a->getMemorySize() + $fsize) . ' bytes' ? 'both kept' : mapped(), "\n";
Table::unlink($name);               // this process forgets its cached mapping
unset($a, $b);
echo mapped() === "1 tables, $fsize bytes" ? 'file only' : mapped(), "\n";
unlink($path);
?>
--EXPECT--
0 tables, 0 bytes
both
both kept
file only
