--TEST--
Module: phpinfo() shows the version, the build options and the tables this process maps, live
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

function info(): array
{
    ob_start();
    phpinfo(INFO_MODULES);
    $text = ob_get_clean();
    // The CLI prints "name => value" lines; keep those of our section.
    $start = strpos($text, "\nshmtable\n");
    $section = substr($text, $start, strpos($text, "\n\n", $start + 12) - $start);
    $rows = [];
    foreach (explode("\n", $section) as $line) {
        if (str_contains($line, ' => ')) {
            [$k, $v] = explode(' => ', $line, 2);
            $rows[$k] = $v;
        }
    }
    return $rows;
}

$i = info();
echo implode("\n", array_keys($i)), "\n";
var_dump($i['Version'] === phpversion('shmtable'));
var_dump((bool) preg_match('/^seqlock reads, writes under a robust process-shared pthread mutex/', $i['Locking']));
var_dump((bool) preg_match('/^(gcc|clang|MSVC) \S/', $i['Compiler']));
var_dump(in_array($i['Debug build'], ['yes', 'no'], true), $i['Debug build'] === (PHP_DEBUG ? 'yes' : 'no'));
var_dump($i['Thread safety'] === (PHP_ZTS ? 'ZTS' : 'NTS'));
// A build with -fsanitize=address (scripts/check.sh asan) must say so.
var_dump(str_contains($i['CFLAGS'], '-fsanitize=address') === str_contains($i['Sanitizers'], 'address'));
echo $i['Tables mapped by this process'], ' ', $i['Bytes mapped by those tables'], "\n";

$a = new Table(100);
$a->column('n', Table::TYPE_INT);
$a->create();
$b = new Table(5000, max_key_length: 200);
$b->column('s', Table::TYPE_STRING, 300);
$b->create();
$c = new Table(10);                      // declared, never created: maps nothing
$c->column('n', Table::TYPE_INT);
$i = info();
echo $i['Tables mapped by this process'], ' ',
    $i['Bytes mapped by those tables'] === (string) ($a->getMemorySize() + $b->getMemorySize()) ? 'sum' : 'wrong', "\n";

$a->destroy();
$i = info();
echo $i['Tables mapped by this process'], ' ',
    $i['Bytes mapped by those tables'] === (string) $b->getMemorySize() ? 'b only' : 'wrong', "\n";
unset($b);
$i = info();
echo $i['Tables mapped by this process'], ' ', $i['Bytes mapped by those tables'], "\n";
?>
--EXPECT--
shmtable support
Version
Engine version
Locking
Hash
Compiler
CFLAGS
Debug build
Thread safety
Sanitizers
Tables mapped by this process
Bytes mapped by those tables
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
0 0
2 sum
1 b only
0 0
