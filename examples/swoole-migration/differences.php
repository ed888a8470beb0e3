<?php
/*
 * differences.php - each row of the table in README.md, as a probe: runs
 * unchanged under Swoole (Swoole\Table) and under shmtable with
 * shmtable.swoole_compat=1, and prints what each call did (its result, or
 * the exception; warnings are printed as they come).
 *
 *   php -d extension=swoole.so differences.php
 *   php -d extension=modules/shmtable.so -d shmtable.swoole_compat=1 differences.php
 *
 * compare.sh runs it under each and puts the outputs side by side.
 */
use Swoole\Table;

set_error_handler(function (int $no, string $msg): bool {
    echo "    [warning] ", preg_replace('/^Swoole\\\\Table::|^ShmTable\\\\Table::/', '', $msg), "\n";
    return true;
});

function probe(string $label, callable $f): void
{
    echo "$label\n";
    try {
        $r = $f();
        echo "    => ", is_string($r) && strlen($r) > 40 ? 'string(' . strlen($r) . ')' : json_encode($r), "\n";
    } catch (Throwable $e) {
        echo "    => ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}

/* probe() in a child process, for calls that may end the process. */
function isolated(string $label, callable $f): void
{
    $pid = pcntl_fork();
    if ($pid === 0) {
        probe($label, $f);
        exit(0);
    }
    pcntl_waitpid($pid, $status);
    if (pcntl_wifsignaled($status)) {
        echo "    => the process was killed by signal ", pcntl_wtermsig($status), " (a crash)\n";
    } elseif (pcntl_wexitstatus($status) !== 0) {
        echo "    => the process ended with status ", pcntl_wexitstatus($status), " (a fatal error)\n";
    }
}

function table(int $size = 16, array $cols = ['n' => [Table::TYPE_INT, 0], 's' => [Table::TYPE_STRING, 10], 'f' => [Table::TYPE_FLOAT, 0]], float $p = 0.2): Table
{
    $t = new Table($size, $p);
    foreach ($cols as $name => [$type, $size]) {
        $type === Table::TYPE_STRING ? $t->column($name, $type, $size) : $t->column($name, $type);
    }
    $t->create();
    return $t;
}

echo "class: ", get_class(new Table(1)), "\n";
echo "constants: ", Table::TYPE_INT, ' ', Table::TYPE_FLOAT, ' ', Table::TYPE_STRING, "\n";
probe('final class', fn() => (new ReflectionClass(Table::class))->isFinal());
probe('short name swoole_table', fn() => class_exists('swoole_table'));

// Capacity: how many distinct keys fit in new Table(N).
foreach ([1000, 1024] as $n) {
    foreach (['sequential "k<i>"' => fn($i) => "k$i", 'random 16 bytes hex' => fn($i) => bin2hex(random_bytes(8))] as $kind => $key) {
        probe("capacity new Table($n), $kind keys", function () use ($n, $key) {
            $t = table($n);
            $stored = 0;
            try {
                for ($i = 0; $i < 4 * $n; $i++) {
                    if (@$t->set($key($i), ['n' => $i]) === false) {
                        break;
                    }
                    $stored++;
                }
            } catch (ShmTable\FullException $e) {
                $stored .= ' then ' . get_class($e);
            }
            $s = $t->stats();
            return ['getSize' => $t->getSize(), 'stored' => $stored, 'total_slice_num' => $s['total_slice_num'] ?? null];
        });
    }
}
probe('conflict_proportion 1.0, new Table(1000), sequential keys', function () {
    $t = table(1000, p: 1.0);
    for ($i = 0; $i < 4000 && @$t->set("k$i", []) !== false; $i++);
    return $i;
});

$t = table();
probe('key of 70 bytes: set', fn() => $t->set(str_repeat('k', 70), ['n' => 1]));
probe('key of 70 bytes: get', fn() => $t->get(str_repeat('k', 70), 'n'));
probe('key of 63 bytes: exists', fn() => $t->exists(str_repeat('k', 63)));
probe('key of 64 bytes: set', fn() => $t->set(str_repeat('j', 63) . 'A', ['n' => 1]));
probe('another 64-byte key, same first 63: set', fn() => $t->set(str_repeat('j', 63) . 'B', ['n' => 2]));
probe('the two: get', fn() => [$t->get(str_repeat('j', 63) . 'A', 'n'), $t->get(str_repeat('j', 63) . 'B', 'n')]);
probe('foreach keys', function () use ($t) {
    $keys = [];
    foreach ($t as $k => $row) {
        $keys[] = strlen($k) . ':' . $row['n'];
    }
    sort($keys);
    return $keys;
});
probe('count', fn() => count($t));
probe('empty key: set', fn() => $t->set('', ['n' => 1]));

$t = table();
probe('string column 10: set 10 bytes', fn() => $t->set('a', ['s' => str_repeat('x', 10)]));
probe('string column 10: set 16 bytes, get back', function () use ($t) {
    $t->set('a', ['s' => str_repeat('y', 16)]);
    return $t->get('a', 's');
});
probe('string column 10: set 20 bytes, get back', function () use ($t) {
    $t->set('a', ['s' => str_repeat('z', 20)]);
    return $t->get('a', 's');
});
probe('column size 4 MiB', function () {
    $u = new Table(2);
    $u->column('s', Table::TYPE_STRING, 4 * 1024 * 1024);
    $u->create();
    $u->set('a', ['s' => str_repeat('x', 4 * 1024 * 1024)]);
    return strlen($u->get('a', 's'));
});
probe('column size 4 MiB + 1', function () {
    $u = new Table(2);
    return $u->column('s', Table::TYPE_STRING, 4 * 1024 * 1024 + 1);
});

$t = table();
probe("int column <- 'abc'", fn() => [$t->set('v', ['n' => 'abc']), $t->get('v', 'n')]);
probe("int column <- '12abc'", fn() => [$t->set('v', ['n' => '12abc']), $t->get('v', 'n')]);
probe("int column <- '12'", fn() => [$t->set('v', ['n' => '12']), $t->get('v', 'n')]);
probe('int column <- 1.5', fn() => [$t->set('v', ['n' => 1.5]), $t->get('v', 'n')]);
probe('int column <- []', fn() => [$t->set('v', ['n' => []]), $t->get('v', 'n')]);
probe('int column <- null', fn() => [$t->set('v', ['n' => null]), $t->get('v', 'n')]);
probe('string column <- null', fn() => [$t->set('v', ['s' => null]), $t->get('v', 's')]);
probe('float column <- null', fn() => [$t->set('v', ['f' => null]), $t->get('v', 'f')]);
probe('string column <- 12', fn() => [$t->set('v', ['s' => 12]), $t->get('v', 's')]);
probe('unknown column in set()', fn() => [$t->set('v', ['nope' => 1, 'n' => 5]), $t->get('v', 'n')]);
probe('unknown column in get()', fn() => $t->get('v', 'nope'));
probe('get() of a missing key', fn() => $t->get('missing'));
probe('get() of a missing key and a column', fn() => $t->get('missing', 'n'));

$t = table();
probe('incr() of a missing key', fn() => [$t->incr('c', 'n', 5), $t->get('c')]);
probe('incr() of a string column', fn() => $t->incr('c', 's'));
probe('incr() of an unknown column', fn() => $t->incr('c', 'nope'));
probe('incr() past PHP_INT_MAX', function () use ($t) {
    $t->set('c', ['n' => PHP_INT_MAX]);
    return [$t->incr('c', 'n', 1), $t->get('c', 'n')];
});
probe('decr() past PHP_INT_MIN', function () use ($t) {
    $t->set('c', ['n' => PHP_INT_MIN]);
    return [$t->decr('c', 'n', 1), $t->get('c', 'n')];
});
probe('incr() of an int column by 1.9', function () use ($t) {
    $t->set('c', ['n' => 0]);
    return [$t->incr('c', 'n', 1.9), $t->get('c', 'n')];
});
probe('incr() of a float column by 2', fn() => $t->incr('c', 'f', 2));

$t = table();
foreach (['add', 'update', 'getdel', 'cmpset', 'cmpdel'] as $m) {
    probe("method $m", fn() => method_exists($t, $m));
}
probe('cmpset() with an empty $expected', fn() => method_exists($t, 'cmpset') ? $t->cmpset('x', [], ['n' => 1]) : 'no method');

$t = table();
probe('properties size, memorySize', fn() => [isset($t->size) ? 'size' : null, isset($t->memorySize) ? 'memorySize' : null]);
probe('getSize(), getMemorySize() > 0', fn() => [$t->getSize(), $t->getMemorySize() > 0]);
$t->set('r', ['n' => 1]);
probe('$t["r"]', fn() => is_object($t['r'] ?? null) ? get_class($t['r']) : ($t['r'] ?? null));
probe('$t["missing"]', fn() => is_object($t['missing'] ?? null) ? get_class($t['missing']) : ($t['missing'] ?? null));
probe('stats() keys', fn() => array_keys($t->stats()));
probe('clone', fn() => get_class(clone $t));
probe('serialize', fn() => strlen(serialize($t)));
probe('column() twice with one name', function () {
    $u = new Table(4);
    return [$u->column('a', Table::TYPE_INT), $u->column('a', Table::TYPE_INT)];
});
isolated('stats() before create()', fn() => (new Table(4))->stats());
probe('getSize() of new Table(16), (1000), (1024), (1025)', fn() => array_map(fn($n) => table($n)->getSize(), [16, 1000, 1024, 1025]));
probe('getMemorySize() of new Table(1024) with one int column, and with one string(64) column', fn() => [
    table(1024, ['a' => [Table::TYPE_INT, 0]])->getMemorySize(),
    table(1024, ['a' => [Table::TYPE_STRING, 64]])->getMemorySize(),
]);
probe('same keys, two tables: same foreach order (no per-table seed)', function () {
    $orders = [];
    foreach ([1, 2] as $i) {
        $u = table(256);
        for ($k = 0; $k < 50; $k++) {
            $u->set("key$k", []);
        }
        $order = [];
        foreach ($u as $key => $row) {
            $order[] = $key;
        }
        $orders[] = implode(',', $order);
    }
    return $orders[0] === $orders[1];
});
probe('nested foreach over one table (3 rows): pairs seen', function () {
    $u = table();
    foreach (['a', 'b', 'c'] as $k) {
        $u->set($k, []);
    }
    $pairs = 0;
    foreach ($u as $k1 => $r1) {
        foreach ($u as $k2 => $r2) {
            $pairs++;
        }
    }
    return $pairs;
});
probe('foreach deleting the current row (5 rows): rows seen, rows left', function () {
    $u = table();
    foreach (['a', 'b', 'c', 'd', 'e'] as $k) {
        $u->set($k, []);
    }
    $seen = 0;
    foreach ($u as $k => $r) {
        $seen++;
        $u->del($k);
    }
    return [$seen, count($u)];
});
isolated('a child destroy()s, then the parent get()s', function () {
    $u = table();
    $u->set('r', ['n' => 7]);
    $pid = pcntl_fork();
    if ($pid === 0) {
        $u->destroy();
        exit(0);
    }
    pcntl_waitpid($pid, $status);
    return $u->get('r', 'n');
});
isolated('destroy(), then get()', function () {
    $u = table();
    $u->set('r', ['n' => 1]);
    $u->destroy();
    return $u->get('r');
});
