--TEST--
Capacity: rows bigger than 256 KiB are copied one at a time (foreach too, not four), each copy and result checked against memory_limit first: a ShmTable\Exception, never a fatal error, and getdel() deletes nothing it could not return
--EXTENSIONS--
shmtable
--SKIPIF--
<?php if (getenv('USE_ZEND_ALLOC') === '0') die('skip needs the Zend allocator: without it memory_limit is not enforced and memory use reads 0'); ?>
--INI--
memory_limit=18M
--FILE--
<?php
use ShmTable\Table;

function attempt(string $label, callable $f, bool $class_only = false): void {
    try {
        $r = $f();
        echo $label, ': ', is_array($r) ? 'array(' . count($r) . ')' : var_export($r, true), "\n";
    } catch (Throwable $e) {
        // The free bytes depend on the allocator: numbers as N.
        echo $label, ': ', get_class($e), $class_only ? '' : ': ' . preg_replace('/\d+/', 'N', $e->getMessage()), "\n";
    }
}

echo "-- 12 MiB rows under memory_limit=18M\n";
$t = new Table(4);
for ($i = 0; $i < 12; $i++) {
    $t->column("c$i", Table::TYPE_STRING, 1048576);
}
$t->column('n', Table::TYPE_INT);
attempt('create()', fn() => $t->create());
$base = memory_get_usage();
attempt('set a', fn() => $t->set('a', ['c0' => 'x', 'c11' => 'y', 'n' => 1]));
attempt('get a', fn() => $t->get('a'));
attempt('get a c11', fn() => $t->get('a', 'c11'));
attempt('get missing', fn() => $t->get('missing'));
attempt('$t[a][n]', fn() => $t['a']['n']);
// foreach holds one row copy at a time (four were 48 MiB).
attempt('foreach', function () use ($t) {
    $n = 0;
    foreach ($t as $k => $row) {
        $n += $row['n'];
    }
    return $n;
});
attempt('Iterator methods', function () use ($t) {
    $n = 0;
    for ($t->rewind(); $t->valid(); $t->next()) {
        $n += $t->current()['n'];
    }
    return $n;
});
// A row with eight full strings: as an array (a 2 MiB chunk per 1 MiB
// string) it does not fit next to the 12 MiB copy.
$mib = str_repeat('F', 1048576);
attempt('set full', fn() => $t->set('full', ['c0' => $mib, 'c1' => $mib, 'c2' => $mib, 'c3' => $mib,
                                             'c4' => $mib, 'c5' => $mib, 'c6' => $mib, 'c7' => $mib, 'n' => 2]));
unset($mib);
attempt('get full', fn() => $t->get('full'));
attempt('$t[full]', fn() => $t['full']);
attempt('get full c0', fn() => strlen($t->get('full', 'c0')));
// The loop meets 'full' alone, or in one bucket with 'a' (the hash seed
// decides): either way, an exception.
attempt('foreach over full', function () use ($t) {
    foreach ($t as $k => $row) {
    }
    return 'done';
}, true);
// getdel() must be able to return what it deletes: it checks first, for
// the longest strings the row may hold, and deletes nothing if they would
// not fit.
attempt('getdel full', fn() => $t->getdel('full'));
attempt('exists full', fn() => $t->exists('full'));
attempt('getdel full n', fn() => $t->getdel('full', 'n'));
attempt('exists full', fn() => $t->exists('full'));
attempt('count', fn() => count($t));
var_dump(memory_get_usage() - $base < 1048576);
var_dump($t->check());
?>
--EXPECT--
-- 12 MiB rows under memory_limit=18M
create(): true
set a: true
get a: array(13)
get a c11: 'y'
get missing: false
$t[a][n]: 1
foreach: 1
Iterator methods: 1
set full: true
get full: ShmTable\Exception: ShmTable\Table::get(): the row array needs N bytes, more than memory_limit leaves (N of N bytes free)
$t[full]: ShmTable\Exception: ShmTable\Table::get(): the row array needs N bytes, more than memory_limit leaves (N of N bytes free)
get full c0: 1048576
foreach over full: ShmTable\Exception
getdel full: ShmTable\Exception: ShmTable\Table::getdel(): a copy of the row and its result needs N bytes, more than memory_limit leaves (N of N bytes free)
exists full: true
getdel full n: 2
exists full: false
count: 1
bool(true)
bool(true)
