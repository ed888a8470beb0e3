<?php
/*
 * bench/bench.php - ShmTable\Table against APCu, Yac and a plain PHP array.
 *
 * Normally started by bench/run.sh, which finds or installs the stores and
 * passes their paths. Modes:
 *
 *   php bench.php run [--quick] --shmtable=SO [--yac=SO] [--apcu=SO] [--out=FILE]
 *       the whole benchmark: every workload, store and process count, repeated,
 *       each measurement in a fresh PHP process (worker mode), then the
 *       callgrind instruction counts; writes the report (bench/RESULTS.md).
 *   php [ini] bench.php worker JSON
 *       one measurement: fill the store, fork N processes, start them at once,
 *       let them run for a fixed time, print one JSON line.
 *   php [ini] bench.php count JSON
 *       the callgrind variant: fill, then a fixed number of operations in this
 *       process between two posix_getppid() calls (callgrind dumps its counters
 *       there with --dump-before=getppid, so the loop is counted on its own).
 *
 * Every store gets the same keys, the same rows and the same key order; the
 * loop around each operation is the same code for every store (the bodies in
 * WORKLOADS below are pasted into one loop template), so the only difference
 * between two stores in one workload is the body shown in the report.
 */

declare(strict_types=1);

const ROWS      = 100000;      // rows in every store
const TABLE_SIZE = 131072;     // ShmTable\Table size
const SEQ_LEN   = 131072;      // per-process key sequence (power of two)
const BATCH     = 1024;        // operations between two looks at the clock
const NAME_LEN  = 64;          // the string column
const MIN_CPU_SHARE = 0.85;    // below: the measurement was disturbed, retake it
const QUIET_BUSY = 0.15;       // CPUs busy with other work that still count as quiet
// Swoole\Table's conflict_proportion: room for the keys whose bucket is
// taken (about 30,000 of 100,000 keys in 131,072 buckets).
const SWOOLE_CONFLICT = 0.5;

/*
 * The workloads. 'seq' picks the key sequence the loop walks:
 *   rows     - random keys of existing rows (a different order per process)
 *   counters - the same keys, but stores without columns use the separate
 *              counter key "c:<key>"
 *   hot      - one key for every operation (a counter key where needed)
 * Inside a body: $k key, $n operation number, $rows 16 prepared rows,
 * $t ShmTable\Table or Swoole\Table (same method names, so the same bodies),
 * $y Yac, $a the array; ++$miss counts a failed operation.
 * null = the store cannot do it (n/a).
 */
const WORKLOADS = [
    'set' => [
        'title' => 'set (overwrite)',
        'seq' => 'rows',
        'shmtable' => 'if (!$t->set($k, $rows[$n & 15])) ++$miss;',
        'swoole'   => 'if (!$t->set($k, $rows[$n & 15])) ++$miss;',
        'apcu'     => 'if (!apcu_store($k, $rows[$n & 15])) ++$miss;',
        'yac'      => 'if (!$y->set($k, $rows[$n & 15])) ++$miss;',
        'array'    => '$a[$k] = $rows[$n & 15];',
    ],
    'get' => [
        'title' => 'get row',
        'seq' => 'rows',
        'shmtable' => 'if ($t->get($k) === false) ++$miss;',
        'swoole'   => 'if ($t->get($k) === false) ++$miss;',
        'apcu'     => 'if (apcu_fetch($k) === false) ++$miss;',
        'yac'      => 'if ($y->get($k) === false) ++$miss;',
        'array'    => 'if (($a[$k] ?? false) === false) ++$miss;',
    ],
    'field' => [
        'title' => 'get one field',
        'seq' => 'rows',
        'shmtable' => 'if ($t->get($k, \'score\') === false) ++$miss;',
        'swoole'   => 'if ($t->get($k, \'score\') === false) ++$miss;',
        'apcu'     => 'if ((apcu_fetch($k)[\'score\'] ?? false) === false) ++$miss;',
        'yac'      => 'if (($y->get($k)[\'score\'] ?? false) === false) ++$miss;',
        'array'    => 'if (($a[$k][\'score\'] ?? false) === false) ++$miss;',
    ],
    'incr' => [
        'title' => 'incr, spread over keys',
        'seq' => 'counters',
        'shmtable' => 'if ($t->incr($k, \'id\') === false) ++$miss;',
        'swoole'   => 'if ($t->incr($k, \'id\') === false) ++$miss;',
        'apcu'     => 'if (apcu_inc($k) === false) ++$miss;',
        'yac'      => '$y->set($k, $y->get($k) + 1);',
        'array'    => '++$a[$k][\'id\'];',
    ],
    'hot' => [
        'title' => 'incr, one hot key',
        'seq' => 'hot',
        'shmtable' => 'if ($t->incr($k, \'id\') === false) ++$miss;',
        'swoole'   => 'if ($t->incr($k, \'id\') === false) ++$miss;',
        'apcu'     => 'if (apcu_inc($k) === false) ++$miss;',
        'yac'      => '$y->set($k, $y->get($k) + 1);',
        'array'    => '++$a[$k][\'id\'];',
    ],
    // The same two operations on a store that holds only counters (one int
    // per key, no rows): what a counter is changes the working set.
    'cincr' => [
        'title' => 'incr, store of counters only',
        'seq' => 'rows',
        'data' => 'counters',
        'shmtable' => 'if ($t->incr($k, \'n\') === false) ++$miss;',
        'swoole'   => 'if ($t->incr($k, \'n\') === false) ++$miss;',
        'apcu'     => 'if (apcu_inc($k) === false) ++$miss;',
        'yac'      => '$y->set($k, $y->get($k) + 1);',
        'array'    => '++$a[$k];',
    ],
    'cexists' => [
        'title' => 'exists, store of counters only',
        'seq' => 'rows',
        'data' => 'counters',
        'shmtable' => 'if (!$t->exists($k)) ++$miss;',
        'swoole'   => 'if (!$t->exists($k)) ++$miss;',
        'apcu'     => 'if (!apcu_exists($k)) ++$miss;',
        'yac'      => 'if ($y->get($k) === false) ++$miss;',
        'array'    => 'if (!isset($a[$k])) ++$miss;',
    ],
    'exists' => [
        'title' => 'exists',
        'seq' => 'rows',
        'shmtable' => 'if (!$t->exists($k)) ++$miss;',
        'swoole'   => 'if (!$t->exists($k)) ++$miss;',
        'apcu'     => 'if (!apcu_exists($k)) ++$miss;',
        'yac'      => 'if ($y->get($k) === false) ++$miss;',
        'array'    => 'if (!isset($a[$k])) ++$miss;',
    ],
    'churn' => [
        'title' => 'del+set churn (1 op = del + set)',
        'seq' => 'rows',
        'shmtable' => '$t->del($k); if (!$t->set($k, $rows[$n & 15])) ++$miss;',
        'swoole'   => '$t->del($k); if (!$t->set($k, $rows[$n & 15])) ++$miss;',
        'apcu'     => 'apcu_delete($k); if (!apcu_store($k, $rows[$n & 15])) ++$miss;',
        'yac'      => '$y->delete($k); if (!$y->set($k, $rows[$n & 15])) ++$miss;',
        'array'    => 'unset($a[$k]); $a[$k] = $rows[$n & 15];',
    ],
    // Iteration: the body is one whole pass; $c counts the rows it visits,
    // 1 op = 1 row visited.
    'iter' => [
        'title' => 'full iteration (1 op = 1 row)',
        'seq' => 'rows',
        'shmtable' => 'foreach ($t as $key => $row) { ++$c; }',
        'swoole'   => 'foreach ($t as $key => $row) { ++$c; }',
        'apcu'     => 'foreach (new APCUIterator(null, APC_ITER_KEY | APC_ITER_VALUE, APCU_CHUNK) as $key => $e) { $row = $e[\'value\']; ++$c; }',
        'yac'      => null,
        'array'    => 'foreach ($a as $key => $row) { ++$c; }',
    ],
];

// Notes printed under the mapping table.
const MAPPING_NOTES = [
    'Swoole\\Table has the same method names as ShmTable\\Table, so its bodies are the same code. It is created with size ' . '131,072 and conflict_proportion ' . SWOOLE_CONFLICT . ': a key whose bucket is taken goes to a pool of size × conflict_proportion extra rows, and with 100,000 keys in 131,072 buckets about 30,000 keys need one (the default 0.2 gives 26,214, too few). Rows it still cannot store are counted at the fill and every get/exists of them counts as a miss.',
    'Yac has no atomic increment: its incr rows are a get + set emulation, not atomic; the updates it loses are counted.',
    'Yac has no exists(): exists is a full get.',
    'Yac cannot enumerate its values: no iteration.',
    'APCu runs with apc.serializer=default (arrays copied natively into and out of shared memory), its fastest setting; the stock setting (php) serializes every array.',
    'APCu and Yac keep each row as a PHP array under the key; their counters are separate keys "c:<key>" (set to 0 when the store is filled).',
    'The array lives in each process (it is not shared): it is the floor, the cost of the PHP loop and of a hash lookup in local memory.',
];

// APCUIterator chunk size (rows copied out per lock); its default is 100,
// 1000 is a little faster here, so APCu gets the better one.
const APCU_CHUNK = 1000;

/*
 * Key shapes and key orders (workload dimensions). Every key shape has
 * ROWS distinct keys; key i is the i-th key inserted by the fill.
 *   random  - each process walks its own random sequence of existing keys
 *   ordered - keys in the order the fill inserted them (for row, ipv4 and
 *             short this is also the keys' own order), each process starting
 *             at its own offset: ids walked in order
 */
const KEY_SHAPES = [
    'row' => '`row:NNNNNN` (10 bytes)',
    'ipv4' => 'IPv4 address `10.x.y.z` (8–11 bytes), consecutive addresses',
    'sid' => '32-character session id (hex)',
    'short' => '`kN`, `k0` … `k99999` (2–6 bytes)',
];
const KEY_ORDERS = ['random' => 'random order', 'ordered' => 'in key order'];
// The main variant (every workload, every store, 1 and 2 processes) and the
// others run by default (the workloads of VARIANT_WORKLOADS, stores other
// than Yac, 1 process unless --variant-procs=1,2).
const MAIN_VARIANT = 'random:row';
const VARIANTS = ['ordered:row', 'random:ipv4', 'ordered:ipv4', 'random:sid', 'random:short', 'ordered:short'];
const VARIANT_WORKLOADS = ['set', 'get', 'field', 'incr', 'exists', 'churn', 'cincr', 'cexists'];

const STORES = ['shmtable', 'swoole', 'apcu', 'yac', 'array'];
const STORE_NAMES = ['shmtable' => 'shmtable', 'swoole' => 'Swoole', 'apcu' => 'APCu', 'yac' => 'Yac', 'array' => 'array'];

// Ini settings per store (worker processes). Extension paths come from run.sh.
const APCU_INI = [
    'apc.enable_cli' => '1',
    'apc.shm_size' => '256M',
    'apc.entries_hint' => '262144',   // hash slots for 100k rows + 100k counters
    'apc.ttl' => '0',
    'apc.slam_defense' => '0',
    'apc.serializer' => 'default',    // native copy of arrays; the stock 'php' serializer is slower
];
const YAC_INI = [
    'yac.enable_cli' => '1',
    'yac.keys_memory_size' => '128M',  // 1M key slots: few keys pushed out
    'yac.values_memory_size' => '256M',
    'yac.compress_threshold' => '-1',
];

// Callgrind: which (store, workload) pairs are counted.
// 'loop' is the empty loop (no body): the harness's own cost per operation.
// Iteration is counted per row visited over one whole pass.
const COUNTED = [
    'shmtable' => ['get', 'field', 'set', 'incr', 'exists', 'churn', 'iter', 'cincr', 'cexists'],
    'swoole'   => ['get', 'field', 'set', 'incr', 'exists', 'churn', 'iter', 'cincr', 'cexists'],
    'apcu'     => ['get', 'field', 'set', 'incr', 'exists', 'churn', 'iter', 'cincr', 'cexists'],
    'array'    => ['get', 'field', 'iter', 'loop'],
];
// Callgrind in the other variants: these stores, VARIANT_WORKLOADS
// (--cg-variants=... picks others, --cg-variants=none none).
const CG_VARIANTS = ['ordered:row', 'random:ipv4', 'random:sid'];
const CG_VARIANT_STORES = ['shmtable', 'swoole'];

/**
 * Callgrind jobs [store, job key]: COUNTED for the main variant (when
 * $withMain), VARIANT_WORKLOADS in each of $variants for $variantStores.
 */
function cg_jobs(array $stores, ?array $onlyWorkloads, bool $withMain, array $variants, array $variantStores): array
{
    $jobs = [];
    $want = fn (string $st, string $w): bool => in_array($st, $stores, true)
        && ($onlyWorkloads === null || in_array($w, $onlyWorkloads, true));
    foreach (COUNTED as $st => $ws) {
        foreach ($ws as $w) {
            if ($withMain && $want($st, $w)) {
                $jobs[] = [$st, $w];
            }
        }
    }
    foreach ($variants as $v) {
        variant_of($v);
        if ($v === MAIN_VARIANT) {
            continue;
        }
        foreach ($variantStores as $st) {
            foreach (COUNTED[$st] ?? [] as $w) {
                if ((in_array($w, VARIANT_WORKLOADS, true) || $w === 'loop') && $want($st, $w)) {
                    $jobs[] = [$st, job_key($w, $v)];
                }
            }
        }
    }
    return $jobs;
}

/** A comma list option: null when absent, [] for "none". */
function list_opt(array $opt, string $name): ?array
{
    if (!isset($opt[$name]) || $opt[$name] === true) {
        return null;
    }
    return $opt[$name] === 'none' || $opt[$name] === '' ? [] : explode(',', $opt[$name]);
}

// Targets, 1 process unless stated. [label, kind, args..., threshold]
const TARGETS = [
    ['get row ≥ 2.7× APCu',                'vs', 'get', 'apcu', 1, 2.7],
    ['get field ≥ 1/3 of the array floor', 'vs', 'field', 'array', 1, 1 / 3],
    ['set ≥ 4.5× APCu',                    'vs', 'set', 'apcu', 1, 4.5],
    ['incr spread ≥ 0.8× APCu',            'vs', 'incr', 'apcu', 1, 0.8],
    ['incr hot key ≥ 0.8× APCu',           'vs', 'hot', 'apcu', 1, 0.8],
    ['exists ≥ APCu',                      'vs', 'exists', 'apcu', 1, 1.0],
    ['churn ≥ 2.5× APCu',                  'vs', 'churn', 'apcu', 1, 2.5],
    ['iteration ≥ 3.5× APCu',              'vs', 'iter', 'apcu', 1, 3.5],
    ['get: 2 processes ≥ 1.8× 1 process',       'scale', 'get', 1.8],
    ['get field: 2 processes ≥ 1.8× 1 process', 'scale', 'field', 1.8],
    ['exists: 2 processes ≥ 1.8× 1 process',    'scale', 'exists', 1.8],
    ['churn: 2 processes ≥ 1 process',          'scale', 'churn', 1.0],
    ['iteration: 2 processes ≥ 1 process',      'scale', 'iter', 1.0],
    ['memory (getMemorySize) ≤ 60% of APCu used', 'memory', 0.6],
    ['no lost update (incr, 1 and 2 processes)', 'lost'],
    // Against Swoole\Table: random order at 1 and 2 processes, in key order
    // never slower; instructions per operation (callgrind, loop included).
    ['get row ≥ 2× Swoole',                 'vs', 'get', 'swoole', 1, 2.0],
    ['get row ≥ 2× Swoole, 2 processes',    'vs', 'get', 'swoole', 2, 2.0],
    ['get field ≥ 2× Swoole',               'vs', 'field', 'swoole', 1, 2.0],
    ['get field ≥ 2× Swoole, 2 processes',  'vs', 'field', 'swoole', 2, 2.0],
    ['exists ≥ 2× Swoole',                  'vs', 'exists', 'swoole', 1, 2.0],
    ['exists ≥ 2× Swoole, 2 processes',     'vs', 'exists', 'swoole', 2, 2.0],
    ['incr ≥ 2× Swoole',                    'vs', 'incr', 'swoole', 1, 2.0],
    ['incr ≥ 2× Swoole, 2 processes',       'vs', 'incr', 'swoole', 2, 2.0],
    ['set ≥ 1.5× Swoole',                   'vs', 'set', 'swoole', 1, 1.5],
    ['set ≥ 1.5× Swoole, 2 processes',      'vs', 'set', 'swoole', 2, 1.5],
    ['churn ≥ 1.5× Swoole',                 'vs', 'churn', 'swoole', 1, 1.5],
    ['churn ≥ 1.5× Swoole, 2 processes',    'vs', 'churn', 'swoole', 2, 1.5],
    ['in key order: get row ≥ Swoole',      'vs', 'get@ordered:row', 'swoole', 1, 1.0],
    ['in key order: get field ≥ Swoole',    'vs', 'field@ordered:row', 'swoole', 1, 1.0],
    ['in key order: set ≥ Swoole',          'vs', 'set@ordered:row', 'swoole', 1, 1.0],
    ['in key order: incr ≥ Swoole',         'vs', 'incr@ordered:row', 'swoole', 1, 1.0],
    ['in key order: exists ≥ Swoole',       'vs', 'exists@ordered:row', 'swoole', 1, 1.0],
    ['in key order: churn ≥ Swoole',        'vs', 'churn@ordered:row', 'swoole', 1, 1.0],
    ['instructions: get row ≤ 0.8× Swoole',   'ir', 'get', 'swoole', 0.8],
    ['instructions: get field ≤ 0.8× Swoole', 'ir', 'field', 'swoole', 0.8],
    ['instructions: exists ≤ 0.8× Swoole',    'ir', 'exists', 'swoole', 0.8],
    ['instructions: incr ≤ 0.8× Swoole',      'ir', 'incr', 'swoole', 0.8],
    ['instructions: set ≤ Swoole',            'ir', 'set', 'swoole', 1.0],
    ['instructions: churn ≤ Swoole',          'ir', 'churn', 'swoole', 1.0],
    ['instructions: iteration ≤ Swoole',      'ir', 'iter', 'swoole', 1.0],
    ['instructions, in key order: get row ≤ 0.8× Swoole',   'ir', 'get@ordered:row', 'swoole', 0.8],
    ['instructions, in key order: get field ≤ 0.8× Swoole', 'ir', 'field@ordered:row', 'swoole', 0.8],
    ['instructions, in key order: exists ≤ 0.8× Swoole',    'ir', 'exists@ordered:row', 'swoole', 0.8],
    ['instructions, in key order: incr ≤ 0.8× Swoole',      'ir', 'incr@ordered:row', 'swoole', 0.8],
    ['instructions, in key order: set ≤ Swoole',            'ir', 'set@ordered:row', 'swoole', 1.0],
    ['instructions, in key order: churn ≤ Swoole',          'ir', 'churn@ordered:row', 'swoole', 1.0],
];

// ---------------------------------------------------------------------------
// Data: the same for every store

/** The key shape of this process (set from the measurement's spec). */
function key_shape(?string $set = null): string
{
    static $shape = 'row';
    if ($set !== null) {
        if (!isset(KEY_SHAPES[$set])) {
            fail("unknown key shape $set (" . implode(', ', array_keys(KEY_SHAPES)) . ')');
        }
        $shape = $set;
    }
    return $shape;
}

function key_of(int $i): string
{
    switch (key_shape()) {
        case 'ipv4':
            $a = 0x0A000000 + 256 + $i;          // 10.0.1.0 onwards
            return ($a >> 24) . '.' . (($a >> 16) & 255) . '.' . (($a >> 8) & 255) . '.' . ($a & 255);
        case 'sid':
            return md5("session-$i");
        case 'short':
            return "k$i";
        default:
            return sprintf('row:%06d', $i);
    }
}

/** [order, shape] of a variant name "order:shape". */
function variant_of(string $v): array
{
    $parts = explode(':', $v);
    if (count($parts) !== 2 || !isset(KEY_ORDERS[$parts[0]]) || !isset(KEY_SHAPES[$parts[1]])) {
        fail("bad variant '$v': order:shape, order one of " . implode(', ', array_keys(KEY_ORDERS))
            . ', shape one of ' . implode(', ', array_keys(KEY_SHAPES)));
    }
    return $parts;
}

/** The sample key of a workload in a variant: "get" in the main one, "get@ordered:row" in others. */
function job_key(string $w, string $variant): string
{
    return $variant === MAIN_VARIANT ? $w : "$w@$variant";
}

/** Title of a sample key: the workload's, and the variant's unless it is the main one. */
function job_title(string $key): string
{
    [$w, $v] = job_split($key);
    return WORKLOADS[$w]['title'] . ($v === MAIN_VARIANT ? '' : ' (' . variant_title($v) . ')');
}

/** [workload, variant] of a sample key. */
function job_split(string $key): array
{
    $p = strpos($key, '@');
    return $p === false ? [$key, MAIN_VARIANT] : [substr($key, 0, $p), substr($key, $p + 1)];
}

function variant_title(string $variant): string
{
    [$o, $sh] = variant_of($variant);
    return KEY_ORDERS[$o] . ', ' . strip_tags(KEY_SHAPES[$sh]);
}

function row_of(int $i): array
{
    return [
        'id' => $i,
        'score' => $i + 0.25,
        'name' => str_pad("name-$i-", NAME_LEN, 'x'),
    ];
}

/** 16 rows that set/churn write (the values differ, the shape does not). */
function write_rows(): array
{
    $rows = [];
    for ($i = 0; $i < 16; $i++) {
        $rows[] = ['id' => 1000000 + $i, 'score' => $i * 1.5, 'name' => str_pad("new-$i-", NAME_LEN, 'y')];
    }
    return $rows;
}

/** The key sequence process $p walks: SEQ_LEN random keys (fixed seed per process). */
function key_sequence(string $workload, string $store, int $p, string $order = 'random'): array
{
    $seqKind = $workload === 'loop' ? 'rows' : WORKLOADS[$workload]['seq'];
    $prefix = ($seqKind !== 'rows' && ($store === 'apcu' || $store === 'yac')) ? 'c:' : '';
    $seq = [];
    if ($seqKind === 'hot') {
        $k = $prefix . key_of(0);
        for ($i = 0; $i < SEQ_LEN; $i++) {
            $seq[] = $k;
        }
        return $seq;
    }
    if ($order === 'ordered') {
        // The fill's order, from an offset of its own per process.
        $start = intdiv(ROWS, 2) * $p;
        for ($i = 0; $i < SEQ_LEN; $i++) {
            $seq[] = $prefix . key_of(($start + $i) % ROWS);
        }
        return $seq;
    }
    mt_srand(1000 + $p);
    for ($i = 0; $i < SEQ_LEN; $i++) {
        $seq[] = $prefix . key_of(mt_rand(0, ROWS - 1));
    }
    return $seq;
}

function proc_status(): array
{
    $out = [];
    foreach (file('/proc/self/status') as $line) {
        if (preg_match('/^(VmRSS|RssAnon|RssShmem):\s+(\d+) kB/', $line, $m)) {
            $out[$m[1]] = (int) $m[2] * 1024;
        }
    }
    return $out;
}

// ---------------------------------------------------------------------------
// Stores

final class Stores
{
    public ShmTable\Table|Swoole\Table|null $t = null;
    public ?Yac $y = null;
    public array $a = [];
}

/** What the store holds: 'rows' (the rows) or 'counters' (one int per key, key i = 0). */
function data_kind(?string $set = null): string
{
    static $kind = 'rows';
    if ($set !== null) {
        $kind = $set;
    }
    return $kind;
}

/** A store of counters only: ROWS keys, each an int 0. */
function fill_counters_only(string $store, Stores $s): array
{
    $mem = [];
    switch ($store) {
        case 'shmtable':
        case 'swoole':
            $t = $store === 'shmtable' ? new ShmTable\Table(TABLE_SIZE) : new Swoole\Table(TABLE_SIZE, SWOOLE_CONFLICT);
            $t->column('n', $store === 'shmtable' ? ShmTable\Table::TYPE_INT : Swoole\Table::TYPE_INT);
            $t->create();
            $failed = 0;
            for ($i = 0; $i < ROWS; $i++) {
                if (!$t->set(key_of($i), ['n' => 0])) {
                    ++$failed;
                }
            }
            if ($store === 'shmtable' && $failed) {
                fail("shmtable could not store $failed counters");
            }
            $s->t = $t;
            $mem['mapped'] = $t->getMemorySize();
            $mem['failed'] = $failed;
            break;
        case 'apcu':
            for ($i = 0; $i < ROWS; $i++) {
                if (!apcu_store(key_of($i), 0)) {
                    fail("apcu_store failed at counter $i");
                }
            }
            $sma = apcu_sma_info(true);
            $mem['used'] = $sma['num_seg'] * $sma['seg_size'] - $sma['avail_mem'];
            break;
        case 'yac':
            $y = new Yac();
            for ($i = 0; $i < ROWS; $i++) {
                $y->set(key_of($i), 0);
            }
            $s->y = $y;
            break;
        case 'array':
            for ($i = 0; $i < ROWS; $i++) {
                $s->a[key_of($i)] = 0;
            }
            break;
    }
    return $mem;
}

/** Creates and fills the store; returns memory figures for the 100k rows. */
function fill(string $store, Stores $s): array
{
    if (data_kind() === 'counters') {
        return fill_counters_only($store, $s);
    }
    gc_collect_cycles();
    $st0 = proc_status();
    $php0 = memory_get_usage();
    $mem = [];
    switch ($store) {
        case 'shmtable':
            $t = new ShmTable\Table(TABLE_SIZE);
            $t->column('id', ShmTable\Table::TYPE_INT);
            $t->column('score', ShmTable\Table::TYPE_FLOAT);
            $t->column('name', ShmTable\Table::TYPE_STRING, NAME_LEN);
            $t->create();
            for ($i = 0; $i < ROWS; $i++) {
                $t->set(key_of($i), row_of($i));
            }
            if ($t->count() !== ROWS) {
                fail("shmtable holds {$t->count()} rows after the fill");
            }
            $s->t = $t;
            $stats = $t->stats();
            $mem['mapped'] = $t->getMemorySize();
            $mem['row_bytes'] = $stats['row_bytes'];
            $mem['max_chain'] = $stats['max_chain'];
            break;
        case 'swoole':
            $t = new Swoole\Table(TABLE_SIZE, SWOOLE_CONFLICT);
            $t->column('id', Swoole\Table::TYPE_INT);
            $t->column('score', Swoole\Table::TYPE_FLOAT);
            $t->column('name', Swoole\Table::TYPE_STRING, NAME_LEN);
            $t->create();
            // Rows Swoole cannot store (bucket taken, conflict pool empty)
            // are counted, not hidden: a get of them counts as a miss.
            $failed = 0;
            for ($i = 0; $i < ROWS; $i++) {
                if (!$t->set(key_of($i), row_of($i))) {
                    ++$failed;
                }
            }
            if ($t->count() !== ROWS - $failed) {
                fail("Swoole holds {$t->count()} rows after the fill, " . (ROWS - $failed) . ' expected');
            }
            $s->t = $t;
            $mem['mapped'] = $t->getMemorySize();
            $mem['failed'] = $failed;
            $mem['conflict_rows'] = (int) (TABLE_SIZE * SWOOLE_CONFLICT);
            break;
        case 'apcu':
            if (!apcu_enabled()) {
                fail('APCu is not enabled (apc.enable_cli)');
            }
            $sma0 = apcu_sma_info(true);
            $used0 = $sma0['num_seg'] * $sma0['seg_size'] - $sma0['avail_mem'];
            for ($i = 0; $i < ROWS; $i++) {
                if (!apcu_store(key_of($i), row_of($i))) {
                    fail("apcu_store failed at row $i");
                }
            }
            $info = apcu_cache_info(true);
            if ($info['num_entries'] !== ROWS) {
                fail("APCu holds {$info['num_entries']} entries after the fill");
            }
            $sma = apcu_sma_info(true);
            $mem['used'] = $sma['num_seg'] * $sma['seg_size'] - $sma['avail_mem'];
            $mem['used_empty'] = $used0;
            $mem['entries_mem'] = $info['mem_size'];
            $mem['slots'] = $info['num_slots'];
            break;
        case 'yac':
            $y = new Yac();
            for ($i = 0; $i < ROWS; $i++) {
                if (!$y->set(key_of($i), row_of($i))) {
                    fail("Yac::set failed at row $i");
                }
            }
            // Yac is a cache: a key whose probe sequence is full pushes
            // another key out ("kicks"); those rows are simply missing
            // (counted, and a get of them counts as a miss).
            $info = $y->info();
            $s->y = $y;
            $mem['configured'] = $info['memory_size'];
            $mem['kicked'] = ROWS - $info['slots_used'];
            break;
        case 'array':
            $a = [];
            for ($i = 0; $i < ROWS; $i++) {
                $a[key_of($i)] = row_of($i);
            }
            $s->a = $a;
            unset($a);
            break;
    }
    $st1 = proc_status();
    $mem['php_heap'] = memory_get_usage() - $php0;
    foreach ($st1 as $k => $v) {
        $mem[$k] = $v - ($st0[$k] ?? 0);
    }
    return $mem;
}

/** Counter keys for the stores without columns (incr workloads only). */
function fill_counters(string $store, Stores $s): void
{
    for ($i = 0; $i < ROWS; $i++) {
        $k = 'c:' . key_of($i);
        $ok = match ($store) {
            'apcu' => apcu_store($k, 0),
            'yac' => $s->y->set($k, 0),
            default => true,
        };
        if (!$ok) {
            fail("cannot store counter $k");
        }
    }
}

/** Sum of every counter (incr workloads), to count lost updates. */
function counter_sum(string $store, Stores $s, string $workload): int
{
    if (data_kind() === 'counters') {
        $sum = 0;
        for ($i = 0; $i < ROWS; $i++) {
            $k = key_of($i);
            $sum += (int) match ($store) {
                'shmtable', 'swoole' => $s->t->get($k, 'n'),
                'apcu' => apcu_fetch($k),
                'yac' => $s->y->get($k),
                'array' => $s->a[$k],
            };
        }
        return $sum;
    }
    $keys = [];
    if ($workload === 'hot') {
        $keys[] = key_of(0);
    } else {
        for ($i = 0; $i < ROWS; $i++) {
            $keys[] = key_of($i);
        }
    }
    $sum = 0;
    foreach ($keys as $k) {
        $v = match ($store) {
            'shmtable', 'swoole' => $s->t->get($k, 'id'),
            'apcu' => apcu_fetch("c:$k"),
            'yac' => $s->y->get("c:$k"),
            'array' => $s->a[$k]['id'],
        };
        $sum += (int) $v;   // a vanished counter counts as 0
    }
    return $sum;
}

// ---------------------------------------------------------------------------
// The loops: one template, the workload's body pasted in.

function body_of(string $workload, string $store): ?string
{
    if ($workload === 'loop') {
        return '';
    }
    return WORKLOADS[$workload][$store];
}

/** The key sequence cut into batches of BATCH keys: the loops walk each
 * batch with a plain foreach, so fetching the next key is one opcode. */
function batches(array $seq): array
{
    return array_chunk($seq, BATCH);
}

/**
 * fn(Stores, batches, rows, deadline_ns) => [ops, misses]
 *
 * The loop around a body is `foreach ($batch as $n => $k) { <body> }`, the
 * cheapest loop PHP has (one FE_FETCH and one jump per operation), so that
 * the harness adds as little as possible to every store's figure; $n (0..
 * BATCH-1) picks one of the 16 prepared rows. The clock is read between
 * batches.
 */
function timed_loop(string $workload, string $store): Closure
{
    $body = body_of($workload, $store);
    if ($workload === 'iter') {
        $rows = ROWS;
        $code = <<<PHP
            return static function (Stores \$s, array \$batches, array \$rows, int \$deadline): array {
                \$t = \$s->t; \$y = \$s->y; \$a = &\$s->a;
                \$n = 0; \$miss = 0;
                do {
                    \$c = 0;
                    $body
                    \$n += \$c;
                    if (\$c !== $rows) ++\$miss;
                } while (hrtime(true) < \$deadline);
                return [\$n, \$miss];
            };
            PHP;
    } else {
        $batch = BATCH;
        $code = <<<PHP
            return static function (Stores \$s, array \$batches, array \$rows, int \$deadline): array {
                \$t = \$s->t; \$y = \$s->y; \$a = &\$s->a;
                \$ops = 0; \$miss = 0;
                while (true) {
                    foreach (\$batches as \$batch) {
                        foreach (\$batch as \$n => \$k) {
                            $body
                        }
                        \$ops += $batch;
                        if (hrtime(true) >= \$deadline) {
                            break 2;
                        }
                    }
                }
                return [\$ops, \$miss];
            };
            PHP;
    }
    return eval($code);
}

/**
 * fn(Stores, keys, rows) => misses: the callgrind variant, the same loop
 * over exactly the operations to count (iteration: one pass per key).
 */
function counted_loop(string $workload, string $store): Closure
{
    $body = body_of($workload, $store);
    if ($workload === 'iter') {
        $body = "\$c = 0; $body";
    }
    $code = <<<PHP
        return static function (Stores \$s, array \$keys, array \$rows): int {
            \$t = \$s->t; \$y = \$s->y; \$a = &\$s->a;
            \$miss = 0;
            posix_getppid();
            foreach (\$keys as \$n => \$k) {
                $body
            }
            posix_getppid();
            return \$miss;
        };
        PHP;
    return eval($code);
}

// ---------------------------------------------------------------------------
// Worker: one measurement

function worker(array $spec): void
{
    ['store' => $store, 'workload' => $workload, 'procs' => $procs, 'duration' => $duration] = $spec;
    [$order, $shape] = variant_of($spec['variant'] ?? MAIN_VARIANT);
    key_shape($shape);
    data_kind(WORKLOADS[$workload]['data'] ?? 'rows');
    $s = new Stores();
    $isIncr = $workload === 'incr' || $workload === 'hot' || $workload === 'cincr';
    $counters = ($workload === 'incr' || $workload === 'hot') && $store !== 'array';
    // The array is private to each process: each one builds its own after
    // the fork (so that no copy-on-write fault lands in the timed loop).
    $mem = $store === 'array' ? [] : fill($store, $s);
    if ($counters) {
        fill_counters($store, $s);
    }
    $before = ($isIncr && $store !== 'array') ? counter_sum($store, $s, $workload) : 0;
    $loop = timed_loop($workload, $store);
    $rows = write_rows();

    $socks = [];
    $pids = [];
    for ($p = 0; $p < $procs; $p++) {
        $pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
        $pid = pcntl_fork();
        if ($pid < 0) {
            fail('fork failed');
        }
        if ($pid === 0) {
            fclose($pair[0]);
            $sock = $pair[1];
            $seq = batches(key_sequence($workload, $store, $p, $order));
            $cmem = $store === 'array' ? fill($store, $s) : [];
            $cbefore = ($isIncr && $store === 'array') ? counter_sum($store, $s, $workload) : 0;
            fwrite($sock, "ready\n");
            $deadline = (int) fgets($sock);                // the barrier
            $t0 = hrtime(true);
            $ru0 = getrusage();
            [$ops, $miss] = $loop($s, $seq, $rows, $deadline);
            $ru1 = getrusage();
            $t1 = hrtime(true);
            $out = ['ops' => $ops, 'miss' => $miss, 't0' => $t0, 't1' => $t1, 'mem' => $cmem,
                'cpu' => cpu_seconds($ru1) - cpu_seconds($ru0)];
            if ($isIncr && $store === 'array') {
                $out['lost_local'] = $ops - (counter_sum($store, $s, $workload) - $cbefore);
            }
            fwrite($sock, json_encode($out) . "\n");
            fclose($sock);
            exit(0);
        }
        fclose($pair[1]);
        $socks[$p] = $pair[0];
        $pids[$p] = $pid;
    }
    foreach ($socks as $p => $sock) {
        if (trim((string) fgets($sock)) !== 'ready') {
            fail("process $p did not get ready");
        }
    }
    $deadline = hrtime(true) + (int) ($duration * 1e9);
    foreach ($socks as $sock) {
        fwrite($sock, "$deadline\n");
    }
    $res = [];
    foreach ($socks as $p => $sock) {
        $line = stream_get_contents($sock);
        $r = json_decode((string) $line, true);
        if (!is_array($r)) {
            fail("process $p sent no result");
        }
        $res[$p] = $r;
        fclose($sock);
    }
    foreach ($pids as $p => $pid) {
        pcntl_waitpid($pid, $status);
        if (!pcntl_wifexited($status) || pcntl_wexitstatus($status) !== 0) {
            fail("process $p failed");
        }
    }

    $ops = array_sum(array_column($res, 'ops'));
    $wall = max(array_column($res, 't1')) - min(array_column($res, 't0'));
    $out = [
        'store' => $store, 'workload' => $workload, 'procs' => $procs,
        'ops' => $ops, 'wall_ns' => $wall, 'mops' => $ops / $wall * 1e3,
        'miss' => array_sum(array_column($res, 'miss')),
        'per_process' => array_column($res, 'ops'),
        // CPU time of the timed loops / (processes x wall time): below 1 when
        // something else on the machine took the CPU from them.
        'cpu_share' => array_sum(array_column($res, 'cpu')) / ($procs * $wall / 1e9),
        // The barrier at work: how far apart the processes started, and
        // the share of the wall time during which all of them were running.
        'start_skew_ns' => max(array_column($res, 't0')) - min(array_column($res, 't0')),
        'overlap' => max(0, min(array_column($res, 't1')) - max(array_column($res, 't0'))) / $wall,
        'mem' => $store === 'array' ? $res[0]['mem'] : $mem,
    ];
    if ($isIncr) {
        if ($store === 'array') {
            $out['lost'] = array_sum(array_column($res, 'lost_local'));
        } else {
            $observed = counter_sum($store, $s, $workload) - $before;
            $out['lost'] = $ops - $observed;
        }
    }
    echo json_encode($out), "\n";
}

// Callgrind variant: no fork, a fixed op count.
function count_mode(array $spec): void
{
    ['store' => $store, 'workload' => $workload, 'ops' => $ops] = $spec;
    [$order, $shape] = variant_of($spec['variant'] ?? MAIN_VARIANT);
    key_shape($shape);
    data_kind($workload === 'loop' ? 'rows' : (WORKLOADS[$workload]['data'] ?? 'rows'));
    $s = new Stores();
    fill($store, $s);
    if ($workload === 'incr' && $store !== 'array') {
        fill_counters($store, $s);
    }
    $loop = counted_loop($workload, $store);
    // Iteration: $ops passes are too many; one pass counts ROWS operations.
    $keys = array_slice(key_sequence($workload, $store, 0, $order), 0, $workload === 'iter' ? 1 : $ops);
    $miss = $loop($s, $keys, write_rows());
    echo json_encode(['miss' => $miss]), "\n";
}

function cpu_seconds(array $ru): float
{
    return $ru['ru_utime.tv_sec'] + $ru['ru_utime.tv_usec'] / 1e6
        + $ru['ru_stime.tv_sec'] + $ru['ru_stime.tv_usec'] / 1e6;
}

function fail(string $msg): never
{
    fwrite(STDERR, "bench: error: $msg\n");
    exit(1);
}

// ---------------------------------------------------------------------------
// Orchestration

final class Runner
{
    public string $php = PHP_BINARY;
    public array $opt;
    public array $stores = [];

    public function __construct(array $opt)
    {
        $this->opt = $opt;
        foreach (STORES as $st) {
            if (($st !== 'yac' && $st !== 'swoole') || ($opt[$st] ?? '') !== '') {
                $this->stores[] = $st;
            }
        }
    }

    /** php command line (ini and extensions) for a process using $store. */
    public function phpArgs(string $store): array
    {
        $args = [$this->php, '-d', 'memory_limit=-1'];
        if ($store === 'shmtable') {
            $args = [...$args, '-d', 'extension=' . $this->opt['shmtable']];
        }
        if ($store === 'apcu') {
            if (($this->opt['apcu'] ?? '') !== '') {
                $args = [...$args, '-d', 'extension=' . $this->opt['apcu']];
            }
            foreach (APCU_INI as $k => $v) {
                $args = [...$args, '-d', "$k=$v"];
            }
        }
        if ($store === 'swoole') {
            $args = [...$args, '-d', 'extension=' . $this->opt['swoole']];
        }
        if ($store === 'yac') {
            $args = [...$args, '-d', 'extension=' . $this->opt['yac']];
            foreach (YAC_INI as $k => $v) {
                $args = [...$args, '-d', "$k=$v"];
            }
        }
        return $args;
    }

    /**
     * Runs a command, returns [exit code, stdout]. The child inherits stderr
     * (handing PHP's STDERR stream to proc_open would rewind a log file that
     * stdout and stderr share).
     */
    public static function exec(array $cmd, array $env = []): array
    {
        $proc = proc_open($cmd, [1 => ['pipe', 'w']], $pipes, null, $env ? $env + getenv() : null);
        if (!is_resource($proc)) {
            fail('cannot start ' . $cmd[0]);
        }
        $out = stream_get_contents($pipes[1]);
        fclose($pipes[1]);
        return [proc_close($proc), $out];
    }

    public function measure(string $store, string $job, int $procs, float $duration, float &$quietBudget): array
    {
        [$workload, $variant] = job_split($job);
        $busy = wait_for_quiet($quietBudget);
        $spec = json_encode(['store' => $store, 'workload' => $workload, 'variant' => $variant, 'procs' => $procs, 'duration' => $duration]);
        [$rc, $out] = self::exec([...$this->phpArgs($store), __FILE__, 'worker', $spec]);
        $r = json_decode(trim($out), true);
        if ($rc !== 0 || !is_array($r)) {
            fail("worker $store/$workload/$procs failed (exit $rc)");
        }
        $r['busy_before'] = $busy;
        return $r;
    }

    /**
     * Callgrind: instructions of the loop alone (the dump between the two
     * getppid calls), for each [store, workload] job; $parallel at a time
     * (instruction counts do not depend on what else runs).
     */
    public function countAll(array $jobs, int $ops, string $dir, int $parallel): array
    {
        $running = [];
        $results = [];
        while ($jobs || $running) {
            while ($jobs && count($running) < $parallel) {
                [$store, $job] = array_shift($jobs);
                [$workload, $variant] = job_split($job);
                $file = "$dir/cg.$store." . strtr($job, '@:', '..');
                foreach (glob("$file*") as $f) {
                    unlink($f);
                }
                $spec = json_encode(['store' => $store, 'workload' => $workload, 'variant' => $variant, 'ops' => $ops]);
                $cmd = ['valgrind', '--tool=callgrind', '--dump-before=getppid', "--callgrind-out-file=$file",
                    ...(isset($this->opt['cache-sim']) ? ['--cache-sim=yes'] : []),
                    ...$this->phpArgs($store), __FILE__, 'count', $spec];
                // ZEND_DONT_UNLOAD_MODULES: keep the extensions mapped at exit
                // so that their symbols resolve.
                $proc = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'],
                    2 => ['file', '/dev/null', 'w']], $pipes, null, ['ZEND_DONT_UNLOAD_MODULES' => '1'] + getenv());
                if (!is_resource($proc)) {
                    fail('cannot start valgrind');
                }
                $running[] = [$proc, $store, $job, $file];
            }
            usleep(100000);
            foreach ($running as $i => [$proc, $store, $job, $file]) {
                $st = proc_get_status($proc);
                if ($st['running']) {
                    continue;
                }
                proc_close($proc);
                unset($running[$i]);
                // Dumps: .1 = start-up and fill, .2 = the loop, the rest at exit.
                if ($st['exitcode'] !== 0 || !is_file("$file.2")) {
                    fail("callgrind $store/$job failed (exit {$st['exitcode']})");
                }
                $ir = self::totalIr("$file.2");
                $n = job_split($job)[0] === 'iter' ? ROWS : $ops;
                $results[$store][$job] = ['ir' => $ir, 'ops' => $n, 'per_op' => $ir / $n, 'file' => "$file.2"];
                $ev = self::events("$file.2");
                $miss = isset($ev['D1mr'])
                    ? sprintf('  data misses/op: L1 %.2f, last level %.2f', ($ev['D1mr'] + $ev['D1mw']) / $n, ($ev['DLmr'] + $ev['DLmw']) / $n)
                    : '';
                if ($miss !== '') {
                    $results[$store][$job]['d1_miss'] = ($ev['D1mr'] + $ev['D1mw']) / $n;
                    $results[$store][$job]['ll_miss'] = ($ev['DLmr'] + $ev['DLmw']) / $n;
                }
                printf("callgrind %-8s %-22s %8.0f instructions/op%s\n", $store, $job, $ir / $n, $miss);
            }
        }
        return $results;
    }

    /** Every event total of a dump (Ir, and D1mr ... with --cache-sim). */
    public static function events(string $file): array
    {
        $names = [];
        foreach (file($file) as $line) {
            if (preg_match('/^events:\s+(.*)$/', $line, $m)) {
                $names = preg_split('/\s+/', trim($m[1]));
            } elseif (preg_match('/^(?:summary|totals):\s+(.*)$/', $line, $m) && $names) {
                // Trailing zero totals may be left out of the line.
                $vals = array_pad(array_map('intval', preg_split('/\s+/', trim($m[1]))), count($names), 0);
                return array_combine($names, array_slice($vals, 0, count($names)));
            }
        }
        return [];
    }

    public static function totalIr(string $file): int
    {
        foreach (file($file) as $line) {
            if (preg_match('/^(?:summary|totals):\s+(\d+)/', $line, $m)) {
                return (int) $m[1];
            }
        }
        fail("no totals in $file");
    }

    /**
     * Top functions by own instructions in a callgrind dump:
     * [[function, source file, object, Ir], ...]. A dump taken in the middle
     * of the run charges the whole part to every frame on the stack at that
     * moment (main, php_execute_script, ...): those lines are left out.
     */
    public static function topFunctions(string $file, int $n): array
    {
        $total = self::totalIr($file);
        [, $out] = self::exec(['callgrind_annotate', '--threshold=100', '--inclusive=no', $file]);
        $top = [];
        foreach (explode("\n", $out) as $line) {
            // "   123,456 (12.34%)  file:function [object]"  (valgrind 3.19)
            if (!preg_match('/^\s*([\d,]+)\s+(?:\(\s*[\d.]+%\)\s+)?(\S.*?):(\S+?)(?:\s+\[(.+)\])?\s*$/', $line, $m)
                || str_contains($line, 'PROGRAM TOTALS')) {
                continue;
            }
            $ir = (int) str_replace(',', '', $m[1]);
            if ($ir >= 0.99 * $total) {
                continue;
            }
            $top[] = [$m[3], $m[2] === '???' ? '' : basename($m[2]), isset($m[4]) ? basename($m[4]) : '', $ir];
            if (count($top) >= $n) {
                break;
            }
        }
        return $top;
    }
}

/** CPUs busy (0..nproc) over $seconds, from /proc/stat; null if unreadable. */
function cpus_busy(float $seconds): ?float
{
    $read = function (): ?array {
        $line = strtok((string) @file_get_contents('/proc/stat'), "\n");
        if (!is_string($line) || !str_starts_with($line, 'cpu ')) {
            return null;
        }
        $f = array_map('intval', preg_split('/\s+/', trim(substr($line, 4))));
        $idle = $f[3] + ($f[4] ?? 0);
        return [array_sum(array_slice($f, 0, 8)), $idle];
    };
    $a = $read();
    usleep((int) ($seconds * 1e6));
    $b = $read();
    if ($a === null || $b === null || $b[0] <= $a[0]) {
        return null;
    }
    $ncpu = max(1, (int) trim((string) shell_exec('nproc')));
    return (1 - ($b[1] - $a[1]) / ($b[0] - $a[0])) * $ncpu;
}

/**
 * Waits (within the run's budget of seconds) until the other processes on
 * the machine leave the CPUs idle; returns the CPUs they kept busy at the start.
 */
function wait_for_quiet(float &$budget): ?float
{
    $busy = cpus_busy(0.2);
    while ($busy !== null && $busy > QUIET_BUSY && $budget > 0) {
        $budget -= 0.5;
        $busy = cpus_busy(0.5);
    }
    return $busy;
}

function median(array $xs): float
{
    sort($xs);
    $c = count($xs);
    return $c % 2 ? (float) $xs[intdiv($c, 2)] : ($xs[$c / 2 - 1] + $xs[$c / 2]) / 2;
}

function run(array $opt): void
{
    $quick = isset($opt['quick']);
    $reps = (int) ($opt['repeats'] ?? ($quick ? 1 : 3));
    $duration = (float) ($opt['duration'] ?? ($quick ? 0.2 : 1.0));
    $cgOps = (int) ($opt['cg-ops'] ?? ($quick ? 2000 : 20000));
    $out = $opt['out'] ?? __DIR__ . '/RESULTS.md';
    $runner = new Runner($opt);
    if (!in_array('swoole', $runner->stores, true)) {
        echo "Swoole\\Table skipped: no --swoole=/path/to/swoole.so (SWOOLE_SO= for run.sh); the report says so\n";
    }
    $started = time();
    $load0 = trim(implode(' ', array_slice(explode(' ', (string) file_get_contents('/proc/loadavg')), 0, 3)));

    $versions = ['PHP' => PHP_VERSION];
    foreach ($runner->stores as $st) {
        if ($st === 'array') {
            continue;
        }
        $ext = $st;
        [, $v] = Runner::exec([...$runner->phpArgs($st), '-r', "echo phpversion('$ext');"]);
        $versions[STORE_NAMES[$st]] = trim($v);
    }

    // The measurements: [job key, procs, store] (job key: workload, or
    // workload@order:shape for the variants other than the main one).
    $variants = list_opt($opt, 'variants') ?? VARIANTS;
    $vprocs = array_map('intval', list_opt($opt, 'variant-procs') ?? ['1']);
    $plan = [];
    foreach (WORKLOADS as $w => $def) {
        foreach ([1, 2] as $procs) {
            foreach ($runner->stores as $st) {
                if ($def[$st] !== null) {
                    $plan[] = [$w, $procs, $st];
                }
            }
        }
    }
    foreach ($variants as $v) {
        variant_of($v);
        foreach (VARIANT_WORKLOADS as $w) {
            foreach ($vprocs as $procs) {
                foreach ($runner->stores as $st) {
                    if ($st !== 'yac' && WORKLOADS[$w][$st] !== null) {
                        $plan[] = [job_key($w, $v), $procs, $st];
                    }
                }
            }
        }
    }

    // Throughput: every measurement in its own process; repeats interleaved.
    $samples = [];
    $total = count($plan) * $reps;
    $i = 0;
    $retries = 0;
    $retryBudget = (int) ($opt['retries'] ?? ($quick ? 0 : 40));
    $quietBudget = (float) ($opt['quiet-wait'] ?? ($quick ? 0 : 240));
    $quietTotal = $quietBudget;
    for ($rep = 1; $rep <= $reps; $rep++) {
        foreach ($plan as [$w, $procs, $st]) {
                    $r = $runner->measure($st, $w, $procs, $duration, $quietBudget);
                    // Other work on the machine can take the CPU from the
                    // timed processes; such a measurement is taken again
                    // (within a budget) and the least disturbed one kept.
                    $tries = 1;
                    while ($r['cpu_share'] < MIN_CPU_SHARE && $tries <= 2 && $retryBudget > 0) {
                        $retryBudget--;
                        $retries++;
                        $tries++;
                        $again = $runner->measure($st, $w, $procs, $duration, $quietBudget);
                        if ($again['cpu_share'] > $r['cpu_share']) {
                            $r = $again;
                        }
                    }
                    $samples[$w][$st][$procs][] = $r;
                    $i++;
                    $extra = isset($r['lost']) ? sprintf('  lost %d', $r['lost']) : '';
                    $extra .= $r['miss'] ? sprintf('  failed %d', $r['miss']) : '';
                    printf("[%3d/%d] rep %d  %-20s %dp  %-8s %8.3f Mops/s  cpu %3.0f%%%s\n",
                        $i, $total, $rep, $w, $procs, $st, $r['mops'], $r['cpu_share'] * 100, $extra);
        }
    }

    // Callgrind.
    $counts = [];
    $cgNote = null;
    if (!isset($opt['no-callgrind']) && trim((string) shell_exec('command -v valgrind')) !== '') {
        $dir = sys_get_temp_dir() . '/shmtable-bench-cg-' . getmypid();
        @mkdir($dir, 0777, true);
        $jobs = cg_jobs($runner->stores, null, true, list_opt($opt, 'cg-variants') ?? CG_VARIANTS, CG_VARIANT_STORES);
        $counts = $runner->countAll($jobs, $cgOps, $dir, max(1, (int) trim((string) shell_exec('nproc'))));
        foreach (['shmtable', 'swoole'] as $st) {
            foreach ($counts[$st] ?? [] as $w => $c) {
                if (!str_contains($w, '@')) {
                    $counts[$st][$w]['top'] = Runner::topFunctions($c['file'], 12);
                }
            }
        }
        // Report order: as in COUNTED.
        $ordered = [];
        foreach (array_keys(COUNTED) as $st) {
            if (isset($counts[$st])) {
                $ordered[$st] = $counts[$st];
            }
        }
        $counts = $ordered;
        foreach (glob("$dir/*") as $f) {
            unlink($f);
        }
        @rmdir($dir);
    } else {
        $cgNote = isset($opt['no-callgrind']) ? 'Not taken in this run (--no-callgrind).' : 'valgrind is not installed: no instruction counts.';
    }

    $runInfo = [
        'date' => gmdate('Y-m-d H:i', $started), 'reps' => $reps, 'duration' => $duration, 'cg_ops' => $cgOps, 'quick' => $quick,
        'elapsed' => time() - $started, 'stores' => $runner->stores, 'retries' => $retries, 'out' => basename($out),
        'quiet_total' => $quietTotal, 'quiet_left' => $quietBudget,
        'load' => [$load0, trim(implode(' ', array_slice(explode(' ', (string) file_get_contents('/proc/loadavg')), 0, 3)))],
    ];
    $report = report($samples, $counts, $cgNote, $versions, $runInfo);
    file_put_contents($out, $report);
    $svg = dirname($out) . '/' . pathinfo($out, PATHINFO_FILENAME) . '.svg';
    file_put_contents($svg, chart_svg($samples, $runner->stores, $runInfo));
    echo "wrote $svg\n";
    // The raw figures, to rebuild the report: php bench.php report --from=FILE [--out=FILE]
    $raw = sys_get_temp_dir() . '/shmtable-bench-last.json';
    file_put_contents($raw, json_encode(['samples' => $samples, 'counts' => $counts, 'cg_note' => $cgNote,
        'versions' => $versions, 'run' => $runInfo]));
    echo "raw figures: $raw\n";
    echo "\nwrote $out (", time() - $started, " s)\n";
}

// ---------------------------------------------------------------------------
// Chart: throughput per workload and store, an SVG written here (no tools)

const CHART_COLORS = ['shmtable' => '#1f77b4', 'swoole' => '#d62728', 'apcu' => '#2ca02c', 'yac' => '#9467bd', 'array' => '#7f7f7f'];

/**
 * Horizontal bars, one group per workload (main variant), one bar per store,
 * a panel per process count. Each group has its own scale (its largest
 * median is the full width) since the workloads differ by 100×; every bar
 * carries its figure.
 */
function chart_svg(array $samples, array $stores, array $run): string
{
    $med = function (string $w, string $st, int $p) use ($samples): ?float {
        $xs = array_column($samples[$w][$st][$p] ?? [], 'mops');
        return $xs ? median($xs) : null;
    };
    $workloads = array_values(array_filter(array_keys(WORKLOADS), fn ($w) => isset($samples[$w])));
    $barH = 11;
    $gap = 10;
    $labelW = 250;
    $barW = 330;
    $panelW = $labelW + $barW + 70;
    $groupH = count($stores) * $barH + $gap;
    $top = 58;
    $height = $top + count($workloads) * $groupH + 30;
    $width = 2 * $panelW + 20;
    $e = fn (string $s): string => htmlspecialchars($s, ENT_XML1 | ENT_QUOTES);
    $o = [];
    $o[] = sprintf('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">', $width, $height, $width, $height);
    $o[] = sprintf('<rect width="%d" height="%d" fill="#fff"/>', $width, $height);
    $o[] = sprintf('<text x="10" y="18" font-size="14" font-weight="bold">%s</text>',
        $e(sprintf('Throughput, Mops/s (median of %d), %s rows, random order, key row:NNNNNN; %s', $run['reps'], number_format(ROWS), $run['date'] . ' UTC')));
    $x = 10;
    foreach ($stores as $st) {
        $o[] = sprintf('<rect x="%d" y="27" width="10" height="10" fill="%s"/><text x="%d" y="36">%s</text>', $x, CHART_COLORS[$st], $x + 14, $e(STORE_NAMES[$st]));
        $x += 24 + 7 * strlen(STORE_NAMES[$st]);
    }
    $o[] = sprintf('<text x="%d" y="36" fill="#555">%s</text>', $x + 10, $e('each workload scaled to its fastest store'));
    foreach ([1, 2] as $pi => $p) {
        $x0 = 10 + $pi * ($panelW + 10);
        $o[] = sprintf('<text x="%d" y="%d" font-weight="bold">%d process%s</text>', $x0, $top - 6, $p, $p > 1 ? 'es' : '');
        foreach ($workloads as $gi => $w) {
            $y = $top + $gi * $groupH;
            $vals = [];
            foreach ($stores as $st) {
                $vals[$st] = $med($w, $st, $p);
            }
            $max = max(array_map(fn ($v) => $v ?? 0.0, $vals)) ?: 1.0;
            $o[] = sprintf('<text x="%d" y="%d">%s</text>', $x0, $y + $barH, $e(WORKLOADS[$w]['title']));
            foreach ($stores as $si => $st) {
                $by = $y + $si * $barH;
                $v = $vals[$st];
                if ($v === null) {
                    $o[] = sprintf('<text x="%d" y="%d" fill="#999" font-size="9">%s n/a</text>', $x0 + $labelW, $by + $barH - 2, $e(STORE_NAMES[$st]));
                    continue;
                }
                $len = max(1, (int) round($v / $max * $barW));
                $o[] = sprintf('<rect x="%d" y="%d" width="%d" height="%d" fill="%s"><title>%s</title></rect>',
                    $x0 + $labelW, $by, $len, $barH - 1, CHART_COLORS[$st], $e(sprintf('%s, %s, %dp: %.3f Mops/s', WORKLOADS[$w]['title'], STORE_NAMES[$st], $p, $v)));
                $o[] = sprintf('<text x="%d" y="%d" font-size="9">%s</text>', $x0 + $labelW + $len + 3, $by + $barH - 2, $e(fmt($v, 2)));
            }
        }
    }
    $o[] = '</svg>';
    return implode("\n", $o) . "\n";
}

// ---------------------------------------------------------------------------
// Report

function fmt(?float $x, int $d = 2): string
{
    return $x === null ? 'n/a' : number_format($x, $d);
}

function md_code(string $s): string
{
    return '`' . str_replace('|', '\|', $s) . '`';
}

function report(array $samples, array $counts, ?string $cgNote, array $versions, array $run): string
{
    $stores = $run['stores'];
    $med = function (string $w, string $st, int $p) use ($samples): ?float {
        $xs = $samples[$w][$st][$p] ?? [];
        return $xs ? median(array_column($xs, 'mops')) : null;
    };
    $ratio = fn (?float $x, ?float $y): ?float => ($x === null || $y === null || $y == 0.0) ? null : $x / $y;

    $cpu = 'unknown';
    foreach (file('/proc/cpuinfo') ?: [] as $line) {
        if (str_starts_with($line, 'model name')) {
            $cpu = trim(explode(':', $line, 2)[1]);
            break;
        }
    }
    $nproc = trim((string) shell_exec('nproc'));
    $os = is_file('/etc/debian_version') ? 'Debian ' . trim(file_get_contents('/etc/debian_version')) : PHP_OS;

    $L = [];
    $L[] = '# shmtable benchmark results';
    $L[] = '';
    $L[] = 'Generated by `bash bench/run.sh' . ($run['quick'] ? ' --quick' : '') . '` (see bench/README.md). '
        . ($run['quick'] ? '**Quick run: one repeat, short runs — indicative only.**' : '');
    $L[] = '';
    $L[] = '![Throughput per workload and store](' . pathinfo($run['out'] ?? 'RESULTS.md', PATHINFO_FILENAME) . '.svg)';
    $L[] = '';
    $L[] = '| | |';
    $L[] = '|---|---|';
    $L[] = '| Date | ' . ($run['date'] ?? gmdate('Y-m-d H:i')) . ' UTC |';
    $L[] = "| Machine | $nproc CPUs (nproc), $cpu |";
    $L[] = '| System | ' . $os . ', Linux ' . php_uname('r') . ' |';
    foreach ($versions as $k => $v) {
        $L[] = "| $k | $v |";
    }
    $L[] = sprintf('| Method | %d repeat(s), medians; each measurement a fresh PHP process, %.1f s of operations per process, processes forked after the fill and started together |', $run['reps'], $run['duration']);
    $L[] = '| Settings | APCu: ' . implode(', ', array_map(fn ($k, $v) => "$k=$v", array_keys(APCU_INI), APCU_INI))
        . '; Yac: ' . implode(', ', array_map(fn ($k, $v) => "$k=$v", array_keys(YAC_INI), YAC_INI))
        . '; Swoole\\Table: size ' . number_format(TABLE_SIZE) . ', conflict_proportion ' . SWOOLE_CONFLICT . '; opcache off (CLI default) |';
    $L[] = '| Run time | ' . $run['elapsed'] . ' s; load average ' . $run['load'][0] . ' at the start, ' . $run['load'][1] . ' at the end |';
    $shares = [];
    $noisy = 0;
    foreach ($samples as $byStore) {
        foreach ($byStore as $byP) {
            foreach ($byP as $rs) {
                foreach ($rs as $r) {
                    $shares[] = $r['cpu_share'];
                    $noisy += ($r['busy_before'] ?? 0) > QUIET_BUSY ? 1 : 0;
                }
            }
        }
    }
    $L[] = sprintf('| Disturbance | Before each measurement the run waits for the other processes to leave the CPUs idle '
        . '(under %.2f CPU busy; at most %d s of waiting in all, %d s used); %d of %d measurements had to start while other processes kept more than that busy. '
        . 'CPU share of the timed processes (CPU time ÷ processes × wall time): median %.0f%%, lowest %.0f%%; '
        . '%d measurement(s) under %.0f%% taken again, the least disturbed attempt kept |',
        QUIET_BUSY, $run['quiet_total'], $run['quiet_total'] - $run['quiet_left'], $noisy, count($shares),
        median($shares ?: [0]) * 100, ($shares ? min($shares) : 0) * 100, $run['retries'], MIN_CPU_SHARE * 100);
    $L[] = '';
    $L[] = sprintf('Data: %s rows, key `row:NNNNNN` (10 bytes), row = (int `id`, float `score`, string(%d) `name`); '
        . 'ShmTable\Table size %s. Each process walks its own random sequence of existing keys. '
        . 'Mops/s = all processes\' operations / wall time from the first start to the last end.',
        number_format(ROWS), NAME_LEN, number_format(TABLE_SIZE));
    $L[] = '';

    // Was the machine busy? Then say so where the figures are read.
    $shareOf = function (array $cells) use ($samples): ?float {
        $xs = [];
        foreach ($cells as [$w, $st, $p]) {
            foreach ($samples[$w][$st][$p] ?? [] as $r) {
                $xs[] = $r['cpu_share'];
            }
        }
        return $xs ? median($xs) : null;
    };
    $disturbed = fn (array $cells): bool => ($x = $shareOf($cells)) !== null && $x < MIN_CPU_SHARE;
    if ($shares && median($shares) < MIN_CPU_SHARE) {
        $L[] = sprintf('> **This run was disturbed by other work on the machine**: the timed processes got a median %.0f%% of a CPU, '
            . 'and %d of %d measurements started while other processes kept the CPUs busy. The throughput figures are noisy, '
            . 'the 2-process ones and the scaling most; a target whose measurements got under %.0f%% of a CPU is marked '
            . '*disturbed*: its verdict is what this run measured, not a conclusion. The instruction counts (callgrind) do not '
            . 'depend on the load. Run again on an idle machine to judge the targets.',
            median($shares) * 100, $noisy, count($shares), MIN_CPU_SHARE * 100);
        $L[] = '';
    }

    // Targets first: that is what a reader looks for.
    $L[] = '## Targets';
    $L[] = '';
    $L[] = '| Target | Measured | | CPU share of its measurements |';
    $L[] = '|---|---:|---|---:|';
    $notRun = [];
    foreach (TARGETS as $tg) {
        [$label, $kind] = $tg;
        $val = null;
        $shown = 'n/a';
        $cells = [];
        switch ($kind) {
            case 'vs':
                [, , $w, $peer, $p, $thr] = $tg;
                $cells = [[$w, 'shmtable', $p], [$w, $peer, $p]];
                $val = $ratio($med($w, 'shmtable', $p), $med($w, $peer, $p));
                $shown = fmt($val) . '×';
                $ok = $val !== null && $val >= $thr;
                if ($val === null) {
                    $notRun[] = $label;
                    continue 2;
                }
                break;
            case 'ir':
                // Instructions per operation, the loop included (callgrind).
                [, , $w, $peer, $thr] = $tg;
                $a = $counts['shmtable'][$w]['per_op'] ?? null;
                $b = $counts[$peer][$w]['per_op'] ?? null;
                $val = $ratio($a, $b);
                if ($val === null) {
                    $notRun[] = $label;
                    continue 2;
                }
                $shown = sprintf('%s vs %s = %s×', fmt($a, 0), fmt($b, 0), fmt($val));
                $ok = $val <= $thr;
                break;
            case 'scale':
                [, , $w, $thr] = $tg;
                $cells = [[$w, 'shmtable', 1], [$w, 'shmtable', 2]];
                $val = $ratio($med($w, 'shmtable', 2), $med($w, 'shmtable', 1));
                $shown = fmt($val) . '×';
                $ok = $val !== null && $val >= $thr;
                break;
            case 'memory':
                [, , $thr] = $tg;
                $sm = median(array_map(fn ($r) => $r['mem']['mapped'], $samples['get']['shmtable'][1] ?? [['mem' => ['mapped' => 0]]]));
                $am = isset($samples['get']['apcu']) ? median(array_map(fn ($r) => $r['mem']['used'], $samples['get']['apcu'][1])) : null;
                $val = $ratio($sm, $am);
                $shown = $val === null ? 'n/a' : fmt($val * 100, 0) . '%';
                $ok = $val !== null && $val <= $thr;
                break;
            case 'lost':
                $lost = 0;
                foreach (['incr', 'hot', 'cincr'] as $w) {
                    foreach ([1, 2] as $p) {
                        foreach ($samples[$w]['shmtable'][$p] ?? [] as $r) {
                            $lost += $r['lost'];
                        }
                    }
                }
                $shown = (string) $lost;
                $ok = $lost === 0;
                break;
        }
        $share = $cells ? $shareOf($cells) : null;
        $L[] = "| $label | $shown | " . ($ok ? 'met' : '**missed**') . ($cells && $disturbed($cells) ? ' (*disturbed*)' : '')
            . ' | ' . ($share === null ? '—' : sprintf('%.0f%%', $share * 100)) . ' |';
    }
    $L[] = '';

    if ($notRun) {
        $L[] = 'Not measured in this run (a store, variant or callgrind count missing): ' . implode('; ', $notRun) . '.';
        $L[] = '';
    }
    if (!in_array('swoole', $stores, true)) {
        $L[] = '**Swoole\\Table was not run** (no `--swoole=/path/to/swoole.so`, `SWOOLE_SO=` for run.sh; see bench/README.md for how to build one).';
        $L[] = '';
    }

    // Ratios.
    $L[] = 'A missed target is explained, with the profile behind it and what would move it, in '
        . '[bench/README.md, "Where the targets stand"](README.md#where-the-targets-stand).';
    $L[] = '';
    $L[] = '## Ratios (shmtable throughput ÷ peer throughput, medians)';
    $L[] = '';
    $hdr = '| Workload |';
    $sep = '|---|';
    foreach (['swoole', 'apcu', 'yac', 'array'] as $peer) {
        if (!in_array($peer, $stores, true)) {
            continue;
        }
        foreach ([1, 2] as $p) {
            $hdr .= ' ÷ ' . STORE_NAMES[$peer] . " {$p}p |";
            $sep .= '---:|';
        }
    }
    $L[] = $hdr;
    $L[] = $sep;
    foreach (WORKLOADS as $w => $def) {
        $row = '| ' . $def['title'] . ' |';
        foreach (['swoole', 'apcu', 'yac', 'array'] as $peer) {
            if (!in_array($peer, $stores, true)) {
                continue;
            }
            foreach ([1, 2] as $p) {
                $x = $ratio($med($w, 'shmtable', $p), $med($w, $peer, $p));
                $row .= ' ' . ($x === null ? 'n/a' : fmt($x) . '×') . ' |';
            }
        }
        $L[] = $row;
    }
    $L[] = '';
    $L[] = 'Yac incr is a non-atomic get + set emulation (it loses updates with 2 processes, see below); the array is per process, not shared.';
    $L[] = '';

    // Throughput.
    $L[] = '## Throughput (Mops/s, median; min–max of the repeats in brackets)';
    $L[] = '';
    $hdr = '| Workload |';
    $sep = '|---|';
    foreach ($stores as $st) {
        $hdr .= ' ' . STORE_NAMES[$st] . ' 1p | ' . STORE_NAMES[$st] . ' 2p |';
        $sep .= '---:|---:|';
    }
    $L[] = $hdr;
    $L[] = $sep;
    foreach (WORKLOADS as $w => $def) {
        $row = '| ' . $def['title'] . ' |';
        foreach ($stores as $st) {
            foreach ([1, 2] as $p) {
                $xs = array_column($samples[$w][$st][$p] ?? [], 'mops');
                $row .= ' ' . ($xs ? sprintf('%s (%s–%s)', fmt(median($xs), 3), fmt(min($xs), 3), fmt(max($xs), 3)) : 'n/a') . ' |';
            }
        }
        $L[] = $row;
    }
    $L[] = '';

    // Scaling.
    $L[] = '## Scaling: 2 processes ÷ 1 process';
    $L[] = '';
    $L[] = '| Workload | ' . implode(' | ', array_map(fn ($s) => STORE_NAMES[$s], $stores)) . ' |';
    $L[] = '|---|' . str_repeat('---:|', count($stores));
    foreach (WORKLOADS as $w => $def) {
        $row = '| ' . $def['title'] . ' |';
        foreach ($stores as $st) {
            $x = $ratio($med($w, $st, 2), $med($w, $st, 1));
            $row .= ' ' . ($x === null ? 'n/a' : fmt($x) . '×') . ' |';
        }
        $L[] = $row;
    }
    $L[] = '';
    $L[] = 'The machine has ' . $nproc . ' CPUs; 2.0× is the ceiling.';
    $skews = [];
    $overlaps = [];
    foreach ($samples as $byStore) {
        foreach ($byStore as $byProcs) {
            foreach ($byProcs[2] ?? [] as $r) {
                if (isset($r['start_skew_ns'])) {
                    $skews[] = $r['start_skew_ns'] / 1e6;
                    $overlaps[] = $r['overlap'];
                }
            }
        }
    }
    if ($skews) {
        $L[] = sprintf('Both processes of a 2-process measurement are released by the same barrier: they started at most %.2f ms apart '
            . '(median %.2f ms), and both were running for at least %.0f%% of the measured wall time (median %.0f%%).',
            max($skews), median($skews), min($overlaps) * 100, median($overlaps) * 100);
    }
    $L[] = '';

    // Key order and key shape.
    $vs = [];
    foreach (array_keys($samples) as $key) {
        [, $v] = job_split($key);
        if ($v !== MAIN_VARIANT) {
            $vs[$v] = true;
        }
    }
    if ($vs) {
        $L[] = '## Key order and key shape (Mops/s, median)';
        $L[] = '';
        $L[] = 'The same workloads with the keys visited in the order the fill inserted them ("in key order": `row:000000`, `row:000001`, …; '
            . 'each process from its own offset) and with other key shapes: ' . implode('; ', array_map(fn ($k, $d) => "*$k* $d", array_keys(KEY_SHAPES), KEY_SHAPES)) . '. '
            . 'The first block is the main run\'s figures (random order, `row:NNNNNN`) for comparison. Yac is not run in these variants.';
        $L[] = '';
        $vstores = array_values(array_filter($stores, fn ($st) => $st !== 'yac'));
        $procsSeen = [];
        foreach ($samples as $key => $byStore) {
            if (str_contains($key, '@')) {
                foreach ($byStore as $byP) {
                    foreach (array_keys($byP) as $p) {
                        $procsSeen[$p] = true;
                    }
                }
            }
        }
        ksort($procsSeen);
        $hdr = '| Keys | Workload |';
        $sep = '|---|---|';
        foreach (array_keys($procsSeen) as $p) {
            foreach ($vstores as $st) {
                $hdr .= ' ' . STORE_NAMES[$st] . " {$p}p |";
                $sep .= '---:|';
            }
            if (in_array('swoole', $vstores, true)) {
                $hdr .= " shmtable ÷ Swoole {$p}p |";
                $sep .= '---:|';
            }
        }
        $L[] = $hdr;
        $L[] = $sep;
        foreach ([MAIN_VARIANT, ...array_keys($vs)] as $v) {
            foreach (VARIANT_WORKLOADS as $w) {
                $key = job_key($w, $v);
                if (!isset($samples[$key])) {
                    continue;
                }
                $row = '| ' . variant_title($v) . ' | ' . WORKLOADS[$w]['title'] . ' |';
                foreach (array_keys($procsSeen) as $p) {
                    foreach ($vstores as $st) {
                        $row .= ' ' . fmt($med($key, $st, $p), 3) . ' |';
                    }
                    if (in_array('swoole', $vstores, true)) {
                        $x = $ratio($med($key, 'shmtable', $p), $med($key, 'swoole', $p));
                        $row .= ' ' . ($x === null ? 'n/a' : fmt($x) . '×') . ' |';
                    }
                }
                $L[] = $row;
            }
        }
        $L[] = '';
    }
    $swFail = [];
    foreach ($samples as $key => $byStore) {
        foreach ($byStore['swoole'] ?? [] as $p => $rs) {
            foreach ($rs as $r) {
                if (!empty($r['mem']['failed'])) {
                    $swFail[job_split($key)[1]] = max($swFail[job_split($key)[1]] ?? 0, $r['mem']['failed']);
                }
            }
        }
    }
    if (in_array('swoole', $stores, true)) {
        $L[] = $swFail
            ? 'Rows Swoole\\Table could not store at the fill (conflict_proportion ' . SWOOLE_CONFLICT . '), most in one fill: '
                . implode('; ', array_map(fn ($v, $n) => variant_title($v) . ': ' . number_format($n), array_keys($swFail), $swFail))
                . '. Every get or exists of such a row counts as a miss (below).'
            : 'Swoole\\Table stored all ' . number_format(ROWS) . ' rows in every fill (conflict_proportion ' . SWOOLE_CONFLICT . ').';
        $L[] = '';
    }

    // Lost updates.
    $L[] = '## Lost updates (incr: operations done − increase of the counters; every repeat)';
    $L[] = '';
    $L[] = '| Workload | ' . implode(' | ', array_map(fn ($s) => STORE_NAMES[$s] . ' 1p | ' . STORE_NAMES[$s] . ' 2p', $stores)) . ' |';
    $L[] = '|---|' . str_repeat('---:|---:|', count($stores));
    foreach (['incr', 'hot', 'cincr'] as $w) {
        $row = '| ' . WORKLOADS[$w]['title'] . ' |';
        foreach ($stores as $st) {
            foreach ([1, 2] as $p) {
                $rs = $samples[$w][$st][$p] ?? [];
                $cell = implode(', ', array_map(fn ($r) => $r['lost'] === 0 ? '0'
                    : sprintf('%s of %s', number_format($r['lost']), number_format($r['ops'])), $rs));
                if ($st === 'array') {
                    $cell .= ' (private)';
                }
                if ($st === 'yac') {
                    $cell .= ' (emulated)';
                }
                $row .= " $cell |";
            }
        }
        $L[] = $row;
    }
    $L[] = '';
    $failed = [];
    foreach ($samples as $w => $byStore) {
        foreach ($byStore as $st => $byP) {
            foreach ($byP as $p => $rs) {
                $m = array_sum(array_column($rs, 'miss'));
                if ($m) {
                    $failed[] = sprintf('%s %s %dp: %s', STORE_NAMES[$st], job_title($w), $p, number_format($m));
                }
            }
        }
    }
    $L[] = $failed
        ? 'Operations that failed or missed (counted in the loops, all repeats): ' . implode('; ', $failed) . '.'
        : 'No operation failed or missed a key in any run (every get/exists found its row, every set succeeded, every iteration pass saw all ' . number_format(ROWS) . ' rows).';
    $L[] = '';

    // Memory.
    $L[] = '## Memory for the ' . number_format(ROWS) . '-row set';
    $L[] = '';
    $L[] = '| Store | Memory the store reports | Shared memory touched (RssShmem growth) | Process RSS growth | PHP heap growth |';
    $L[] = '|---|---:|---:|---:|---:|';
    $mb = fn ($b) => $b === null ? 'n/a' : sprintf('%.1f MiB', $b / 1048576);
    foreach ($stores as $st) {
        $rs = $samples['get'][$st][1] ?? [];
        if (!$rs) {
            continue;
        }
        $m = fn (string $k) => isset($rs[0]['mem'][$k]) ? median(array_map(fn ($r) => $r['mem'][$k], $rs)) : null;
        $reported = match ($st) {
            'shmtable' => $mb($m('mapped')) . sprintf(' getMemorySize() (whole table, size %s; %d bytes/row)', number_format(TABLE_SIZE), $rs[0]['mem']['row_bytes']),
            'swoole' => $mb($m('mapped')) . sprintf(' getMemorySize() (size %s, conflict_proportion %s; %s row(s) it could not store)',
                number_format(TABLE_SIZE), SWOOLE_CONFLICT, number_format((int) $m('failed'))),
            'apcu' => $mb($m('used') - $m('used_empty')) . ' used (seg_size − avail_mem, minus ' . $mb($m('used_empty')) . ' used when empty: ' . $mb($m('used')) . ')',
            'yac' => 'no used-bytes figure (' . $mb($m('configured')) . ' configured)',
            'array' => $mb($m('php_heap')) . ' memory_get_usage() growth',
        };
        $L[] = sprintf('| %s | %s | %s | %s | %s |', STORE_NAMES[$st], $reported,
            $st === 'array' ? '—' : $mb($m('RssShmem')), $mb($m('VmRSS')), $mb($m('php_heap')));
    }
    $L[] = '';
    if (isset($samples['get']['apcu'][1], $samples['get']['shmtable'][1])) {
        $sm = median(array_map(fn ($r) => $r['mem']['mapped'], $samples['get']['shmtable'][1]));
        $am = median(array_map(fn ($r) => $r['mem']['used'], $samples['get']['apcu'][1]));
        $L[] = sprintf('shmtable maps %s for the whole table (room for %s rows); APCu uses %s for the %s rows: %.0f%%. '
            . 'The target compares getMemorySize() with APCu\'s used memory (seg_size − avail_mem).',
            $mb($sm), number_format(TABLE_SIZE), $mb($am), number_format(ROWS), $sm / $am * 100);
        $L[] = '';
    }

    // Callgrind.
    $L[] = '## Instructions per operation (callgrind)';
    $L[] = '';
    if ($cgNote !== null) {
        $L[] = $cgNote;
    } else {
        $loop = $counts['array']['loop']['per_op'] ?? null;
        $L[] = sprintf('`valgrind --tool=callgrind`, %s operations in one process after the fill; only the loop is counted '
            . '(callgrind dumps at two `posix_getppid()` calls around it). "Net" subtracts the empty loop '
            . '(`foreach ($keys as $n => $k) {}`: %s instructions/op). Iteration is one whole pass, per row visited; '
            . 'its loop is the store\'s own foreach, so it has no net figure.',
            number_format($run['cg_ops']), fmt($loop, 0));
        $L[] = '';
        $cstores = array_keys($counts);
        $peers = array_values(array_intersect(['swoole', 'apcu'], $cstores));
        $L[] = '| Operation | ' . implode(' | ', array_map(fn ($s) => STORE_NAMES[$s] . ' total | ' . STORE_NAMES[$s] . ' net', $cstores))
            . implode('', array_map(fn ($p) => ' | shmtable ÷ ' . STORE_NAMES[$p] . ' (total) | shmtable ÷ ' . STORE_NAMES[$p] . ' (net)', $peers)) . ' |';
        $L[] = '|---|' . str_repeat('---:|---:|', count($cstores)) . str_repeat('---:|---:|', count($peers));
        foreach (['get', 'field', 'set', 'incr', 'exists', 'churn', 'iter', 'cincr', 'cexists'] as $w) {
            $row = '| ' . WORKLOADS[$w]['title'] . ' |';
            $lw = $w === 'iter' ? 0.0 : $loop;
            foreach ($cstores as $st) {
                $c = $counts[$st][$w]['per_op'] ?? null;
                $row .= ' ' . fmt($c, 0) . ' | ' . ($w === 'iter' ? '—' : fmt($c === null || $loop === null ? null : $c - $loop, 0)) . ' |';
            }
            $s = $counts['shmtable'][$w]['per_op'] ?? null;
            foreach ($peers as $peer) {
                $a = $counts[$peer][$w]['per_op'] ?? null;
                $row .= ' ' . ($s === null || $a === null ? 'n/a' : fmt($s / $a) . '×') . ' |';
                $row .= ' ' . ($s === null || $a === null || $lw === null ? 'n/a' : fmt(($s - $lw) / ($a - $lw)) . '×') . ' |';
            }
            $L[] = $row;
        }
        $L[] = '';
        $L[] = 'Lower is better; APCu\'s incr is `apcu_inc` on the counter key. The targets against Swoole compare the totals (the loop included, as the figures that set them did).';
        $L[] = '';
        // The other variants (key order, key shape): shmtable and Swoole.
        $vkeys = [];
        foreach ($counts as $st => $ws) {
            foreach (array_keys($ws) as $k) {
                if (str_contains($k, '@')) {
                    $vkeys[job_split($k)[1]] = true;
                }
            }
        }
        if ($vkeys) {
            $L[] = '### Instructions per operation by key order and key shape';
            $L[] = '';
            $vstores = array_values(array_filter($cstores, fn ($st) => $st !== 'array'));
            $L[] = '| Keys | Operation | ' . implode(' | ', array_map(fn ($s) => STORE_NAMES[$s], $vstores)) . (in_array('swoole', $vstores, true) ? ' | shmtable ÷ Swoole |' : ' |');
            $L[] = '|---|---|' . str_repeat('---:|', count($vstores)) . (in_array('swoole', $vstores, true) ? '---:|' : '');
            foreach ([MAIN_VARIANT, ...array_keys($vkeys)] as $v) {
                foreach (VARIANT_WORKLOADS as $w) {
                    $k = job_key($w, $v);
                    if (!isset($counts['shmtable'][$k])) {
                        continue;
                    }
                    $row = '| ' . variant_title($v) . ' | ' . WORKLOADS[$w]['title'] . ' |';
                    foreach ($vstores as $st) {
                        $row .= ' ' . fmt($counts[$st][$k]['per_op'] ?? null, 0) . ' |';
                    }
                    if (in_array('swoole', $vstores, true)) {
                        $a = $counts['swoole'][$k]['per_op'] ?? null;
                        $row .= ' ' . ($a === null ? 'n/a' : fmt($counts['shmtable'][$k]['per_op'] / $a) . '×') . ' |';
                    }
                    $L[] = $row;
                }
            }
            $L[] = '';
        }
        foreach (['shmtable', 'swoole'] as $topStore) {
        if (isset($counts[$topStore])) {
            $L[] = '### Where ' . STORE_NAMES[$topStore] . '\'s instructions go (own cost per operation, top functions)';
            $L[] = '';
            $L[] = '`0x…` names are functions of the PHP binary, which Debian strips of local symbols; '
                . 'a line whose source file is a Zend header (zend_hash.h, zend_string.h) is Zend inline code compiled into the named function. '
                . 'The loop itself (fetching `$k`, the call) is in `execute_ex`.';
            $L[] = '';
            foreach (['get', 'field', 'set', 'incr', 'exists', 'churn', 'iter', 'cincr', 'cexists'] as $w) {
                $c = $counts[$topStore][$w] ?? null;
                if (!$c || !isset($c['top'])) {
                    continue;
                }
                $L[] = '**' . WORKLOADS[$w]['title'] . '** (' . fmt($c['per_op'], 0) . ' instructions/op):';
                $L[] = '';
                $L[] = '| Function | Source file | Object | Instructions/op |';
                $L[] = '|---|---|---|---:|';
                foreach ($c['top'] as [$fn, $src, $obj, $ir]) {
                    $L[] = sprintf('| %s | %s | %s | %s |', md_code($fn), $src, $obj === '' ? '—' : $obj, fmt($ir / $c['ops'], 1));
                }
                $L[] = '';
            }
        }
        }
    }

    // Mapping.
    $L[] = '## How each workload maps to each store';
    $L[] = '';
    $L[] = 'Each body below runs inside the same loop, `foreach ($batch as $n => $k) { <body> }` over a precomputed batch of keys (iteration: the body is one pass; `$c` counts rows). '
        . '`$t` is the ShmTable\Table, `$y` the Yac object, `$a` the array, `$rows` 16 prepared rows; `++$miss` counts an operation that failed. '
        . 'Ops are timed in batches of ' . BATCH . ' between looks at the clock.';
    $L[] = '';
    $L[] = '| Workload | ' . implode(' | ', array_map(fn ($s) => STORE_NAMES[$s], STORES)) . ' |';
    $L[] = '|---|' . str_repeat('---|', count(STORES));
    foreach (WORKLOADS as $w => $def) {
        $row = '| ' . $def['title'] . ' |';
        foreach (STORES as $st) {
            $b = $def[$st];
            if ($b !== null && $st !== 'shmtable' && $st !== 'swoole' && $st !== 'array' && $def['seq'] !== 'rows') {
                $b .= $def['seq'] === 'hot' ? '  ($k = "c:row:000000")' : '  ($k = "c:row:…")';
            } elseif ($b !== null && $def['seq'] === 'hot') {
                $b .= '  ($k = "row:000000")';
            }
            $row .= ' ' . ($b === null ? 'n/a' : md_code(str_replace('APCU_CHUNK', (string) APCU_CHUNK, $b))) . ' |';
        }
        $L[] = $row;
    }
    $L[] = '';
    foreach (MAPPING_NOTES as $n) {
        $L[] = "- $n";
    }
    $L[] = '';

    // Raw.
    $L[] = '<details><summary>Every measurement (Mops/s per repeat)</summary>';
    $L[] = '';
    foreach (WORKLOADS as $w => $def) {
        foreach ($stores as $st) {
            foreach ([1, 2] as $p) {
                $rs = $samples[$w][$st][$p] ?? [];
                if ($rs) {
                    $L[] = sprintf('- %s, %s, %dp: %s', $def['title'], STORE_NAMES[$st], $p,
                        implode(', ', array_map(fn ($r) => fmt($r['mops'], 3)
                            . sprintf(' (cpu %.0f%%%s)', $r['cpu_share'] * 100,
                                ($r['busy_before'] ?? 0) > QUIET_BUSY ? sprintf(', others busy %.2f CPU', $r['busy_before']) : '')
                            . ($p === 2 ? ' [' . implode('+', array_map(fn ($o) => number_format($o), $r['per_process'])) . ' ops]' : ''), $rs)));
                }
            }
        }
    }
    $L[] = '';
    $L[] = '</details>';
    $L[] = '';
    return implode("\n", $L);
}

// ---------------------------------------------------------------------------

function parse_opts(array $argv): array
{
    $opt = [];
    foreach ($argv as $a) {
        if (preg_match('/^--([a-z-]+)(?:=(.*))?$/', $a, $m)) {
            $opt[$m[1]] = $m[2] ?? true;
        }
    }
    return $opt;
}

// ---------------------------------------------------------------------------
// Several columns of one row at once: incr($k, [3 columns]) against three
// one-column incr() calls doing the same. shmtable only (no other store has
// it). Its own mode, so that the main run's table and figures stay as they
// are:
//   php -d extension=SO bench.php multi-incr [--duration=S] [--repeats=N] [--keys=N]
// One op = one key's three counters changed (one call, or three calls).
// Without --keys: keys among the first 1,000 rows (they stay in the CPU
// cache; the target's case), then among all of them (reported only).

const MULTI_BODIES = [
    'array' => '$t->incr($k, [\'hits\' => 1, \'bytes\' => 512, \'secs\' => 0.25]);',
    'three' => '$t->incr($k, \'hits\'); $t->incr($k, \'bytes\', 512); $t->incr($k, \'secs\', 0.25);',
];

function multi_table(): ShmTable\Table
{
    $t = new ShmTable\Table(TABLE_SIZE);
    $t->column('hits', ShmTable\Table::TYPE_INT);
    $t->column('bytes', ShmTable\Table::TYPE_INT);
    $t->column('secs', ShmTable\Table::TYPE_FLOAT);
    $t->column('name', ShmTable\Table::TYPE_STRING, NAME_LEN);
    $t->create();
    for ($i = 0; $i < ROWS; $i++) {
        $t->set(key_of($i), ['name' => str_pad("name-$i-", NAME_LEN, 'x')]);
    }
    return $t;
}

/** Ops per second of one body in $procs processes at once, for $duration s. */
/** SEQ_LEN random keys among the first $keys rows, a different order per process. */
function multi_keys(int $keys, int $p): array
{
    mt_srand(1000 + $p);
    $seq = [];
    for ($i = 0; $i < SEQ_LEN; $i++) {
        $seq[] = key_of(mt_rand(0, $keys - 1));
    }
    return $seq;
}

/**
 * The two forms in one process, in turn, one batch each (about 0.1 ms), for
 * about $seconds: the host's drift, which moves whole one-second
 * measurements of this machine by up to 1.4x, moves both forms of a pair
 * alike. Each form walks batches of its own (the array form the even ones,
 * the three calls the odd ones), so that neither finds the rows the other
 * just brought into the cache, and which form goes first alternates.
 * Returns the time ratio (three calls / array form) of the sums and the
 * median of the pairs.
 */
function multi_paired(ShmTable\Table $t, int $keys, float $seconds): array
{
    $batches = batches(multi_keys($keys, 7));
    $nb = intdiv(count($batches), 2) * 2;
    // One timed batch of a form, its body the timed runs' own.
    $timed = static fn (string $body): Closure => eval(<<<PHP
        return static function (ShmTable\Table \$t, array \$batch): int {
            \$t0 = hrtime(true);
            foreach (\$batch as \$k) {
                $body
            }
            return hrtime(true) - \$t0;
        };
        PHP);
    $array = $timed(MULTI_BODIES['array']);
    $three = $timed(MULTI_BODIES['three']);
    $sumA = $sumB = 0;
    $ratios = [];
    $deadline = hrtime(true) + (int) ($seconds * 1e9);
    for ($i = 0; hrtime(true) < $deadline || $i < 16; $i++) {
        $ba = $batches[(2 * $i) % $nb];
        $bb = $batches[(2 * $i + 1) % $nb];
        if ($i % 2 === 0) {
            $a = $array($t, $ba);
            $b = $three($t, $bb);
        } else {
            $b = $three($t, $bb);
            $a = $array($t, $ba);
        }
        $sumA += $a;
        $sumB += $b;
        $ratios[] = $b / max(1, $a);
    }
    return ['pairs' => count($ratios), 'sum' => $sumB / max(1, $sumA), 'median' => median($ratios)];
}

function multi_measure(ShmTable\Table $t, string $body, int $procs, float $duration, int $keys): float
{
    $batch = BATCH;
    $loop = eval(<<<PHP
        return static function (ShmTable\Table \$t, array \$batches, int \$deadline): int {
            \$ops = 0;
            while (true) {
                foreach (\$batches as \$batch) {
                    foreach (\$batch as \$k) {
                        $body
                    }
                    \$ops += $batch;
                    if (hrtime(true) >= \$deadline) {
                        break 2;
                    }
                }
            }
            return \$ops;
        };
        PHP);
    $pipes = [];
    $start = hrtime(true) + 50_000_000;   // every process starts together
    for ($p = 0; $p < $procs; $p++) {
        $pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
        $pid = pcntl_fork();
        if ($pid === 0) {
            $batches = batches(multi_keys($keys, $p));
            while (hrtime(true) < $start) {
            }
            $t0 = hrtime(true);
            $ops = $loop($t, $batches, $t0 + (int) ($duration * 1e9));
            fwrite($pair[1], json_encode([$ops, (hrtime(true) - $t0) / 1e9]));
            exit(0);
        }
        fclose($pair[1]);
        $pipes[$pid] = $pair[0];
    }
    $rate = 0.0;
    foreach ($pipes as $pid => $r) {
        [$ops, $secs] = json_decode(stream_get_contents($r), true);
        pcntl_waitpid($pid, $status);
        $rate += $ops / $secs;
    }
    return $rate;
}

/** Keys of the target: few enough that their rows stay in the CPU cache. */
const MULTI_TARGET_KEYS = 1000;

function multi_incr(array $opt): void
{
    $duration = (float) ($opt['duration'] ?? 2.0);
    $repeats = (int) ($opt['repeats'] ?? 3);
    // Without --keys: the target's case (rows in the cache), then every
    // row (out of the cache: both forms wait for the same memory, reported).
    $cases = isset($opt['keys']) ? [max(1, min(ROWS, (int) $opt['keys']))] : [MULTI_TARGET_KEYS, ROWS];
    $t = multi_table();
    // The target's verdict (null when its case did not run) takes the paired
    // figure: whole one-second runs of one form move with the host's drift
    // (up to 1.4x between runs minutes apart), which a pair does not see.
    $met = null;
    foreach ($cases as $keys) {
        $paired = multi_case($t, $keys, $duration, $repeats);
        if ($keys === MULTI_TARGET_KEYS) {
            $met = $paired >= 2.0;
        }
    }
    // Every op added 1 to hits, 512 to bytes, 0.25 to secs: the columns agree.
    $bad = 0;
    foreach ($t as $row) {
        $bad += $row['bytes'] === 512 * $row['hits'] && $row['secs'] === 0.25 * $row['hits'] ? 0 : 1;
    }
    echo "rows whose columns disagree: $bad\n";
    $target = sprintf("a 3-column incr() >= 2x three incr() calls (1 process, paired sums, keys among %d)",
        MULTI_TARGET_KEYS);
    if ($bad !== 0) {
        echo "FAILED: the columns of $bad rows disagree\n";
        exit(1);
    }
    if ($met === null) {
        echo "no target measured: it is set for keys among " . MULTI_TARGET_KEYS . "\n";
    } else {
        echo $met ? "target met: $target\n" : "TARGET MISSED: $target\n";
    }
}

/** One key count: the timed runs and the paired figure, printed; returns the paired sums' ratio. */
function multi_case(ShmTable\Table $t, int $keys, float $duration, int $repeats): float
{
    $rates = [];
    for ($r = 0; $r < $repeats; $r++) {
        foreach ([1, 2] as $procs) {
            foreach (MULTI_BODIES as $name => $body) {   // alternated: drift hits both alike
                $rates[$procs][$name][] = multi_measure($t, $body, $procs, $duration, $keys);
            }
        }
    }
    $paired = multi_paired($t, $keys, $duration * $repeats);
    printf("multi-column incr: %d rows, 3 number columns + string(%d), random keys among %d, %d repeats of %.1f s, median ops/s\n",
        ROWS, NAME_LEN, $keys, $repeats, $duration);
    printf("%-10s %16s %16s %8s\n", 'processes', 'incr(array)', '3 x incr()', 'ratio');
    foreach ($rates as $procs => $byBody) {
        $a = median($byBody['array']);
        $b = median($byBody['three']);
        printf("%-10d %16s %16s %7.2fx\n", $procs, number_format($a), number_format($b), $a / $b);
    }
    printf("paired, 1 process: %d pairs of batches of %d ops, each form on its own batch, the two in turn "
        . "(which goes first alternating): three calls take %.2fx the time of the array form (sums), "
        . "median of the pairs %.2fx\n", $paired['pairs'], BATCH, $paired['sum'], $paired['median']);
    echo "\n";
    return $paired['sum'];
}

// ---------------------------------------------------------------------------
// Expiry and eviction. Three workloads in a mode of their own, so that the
// main run's table and figures stay as they are; the report is printed:
//   php bench.php expiry --shmtable=SO [--apcu=SO] [--swoole=SO] [--quick]
//       [--parts=ttl,lru,fill] [--duration=S] [--repeats=N] [--rows=N]
//       [--fill-keys=N] [--fill-room=N] [--last=N]
// Every measurement is a fresh PHP process (`bench.php expiry-worker JSON`,
// with the store's extensions and ini), as in the main run.
//   ttl  - get and exists, 1 process, on a table whose rows all carry a ttl
//          (an hour: none expires during the run) against the same table
//          without; target: within 10% (ratio >= 0.90).
//   lru  - get on an EVICT_LRU table (not full: nothing is evicted, every
//          read may store its row's use, at most once a second) at 2
//          processes against 1 (target >= 1.8x), and against the same
//          table without eviction (EVICT_NONE) at 1 and 2 processes.
//   fill - FILL_KEYS new keys, one after the other, into room for
//          FILL_ROOM rows: shmtable EVICT_LRU against APCu (its memory
//          sized, by a calibration run, to hold about FILL_ROOM rows) and
//          Swoole\Table (size FILL_ROOM); time, failed sets, rows held at
//          the end and the hit rate of a read of the last N keys.

const EXPIRY_TTL = 3600.0;   // the ttl of the 'ttl' table's rows (none expires during a run)

function expiry_table(int $rows, string $kind): ShmTable\Table
{
    // The same room per row as the main run's table (131,072 for 100,000).
    $size = max(16, (int) ceil($rows * TABLE_SIZE / ROWS));
    $t = new ShmTable\Table($size, evict: $kind === 'lru' ? ShmTable\Table::EVICT_LRU : ShmTable\Table::EVICT_NONE);
    $t->column('id', ShmTable\Table::TYPE_INT);
    $t->column('score', ShmTable\Table::TYPE_FLOAT);
    $t->column('name', ShmTable\Table::TYPE_STRING, NAME_LEN);
    $t->create();
    for ($i = 0; $i < $rows; $i++) {
        $kind === 'ttl' ? $t->set(key_of($i), row_of($i), EXPIRY_TTL) : $t->set(key_of($i), row_of($i));
    }
    if ($t->count() !== $rows) {
        fail("the $kind table holds {$t->count()} rows after the fill, $rows expected");
    }
    return $t;
}

/** One read measurement: {kind, op, procs, duration, rows} -> JSON line. */
function expiry_read_worker(array $spec): void
{
    ['kind' => $kind, 'op' => $op, 'procs' => $procs, 'duration' => $duration, 'rows' => $rows] = $spec;
    $t = expiry_table($rows, $kind);
    $body = $op === 'get' ? 'if ($t->get($k) === false) ++$miss;' : 'if (!$t->exists($k)) ++$miss;';
    $loop = eval(<<<PHP
        return static function (ShmTable\Table \$t, array \$batches, int \$deadline): array {
            \$ops = 0;
            \$miss = 0;
            while (true) {
                foreach (\$batches as \$batch) {
                    foreach (\$batch as \$k) {
                        $body
                    }
                    \$ops += count(\$batch);
                    if (hrtime(true) >= \$deadline) {
                        break 2;
                    }
                }
            }
            return [\$ops, \$miss];
        };
        PHP);
    $socks = [];
    $pids = [];
    for ($p = 0; $p < $procs; $p++) {
        $pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
        $pid = pcntl_fork();
        if ($pid < 0) {
            fail('fork failed');
        }
        if ($pid === 0) {
            fclose($pair[0]);
            mt_srand(1000 + $p);
            $seq = [];
            for ($i = 0; $i < SEQ_LEN; $i++) {
                $seq[] = key_of(mt_rand(0, $rows - 1));
            }
            $batches = batches($seq);
            fwrite($pair[1], "ready\n");
            $deadline = (int) fgets($pair[1]);   // the barrier
            $t0 = hrtime(true);
            $ru0 = getrusage();
            [$ops, $miss] = $loop($t, $batches, $deadline);
            $ru1 = getrusage();
            fwrite($pair[1], json_encode(['ops' => $ops, 'miss' => $miss, 't0' => $t0, 't1' => hrtime(true),
                'cpu' => cpu_seconds($ru1) - cpu_seconds($ru0)]) . "\n");
            exit(0);
        }
        fclose($pair[1]);
        $socks[$p] = $pair[0];
        $pids[$p] = $pid;
    }
    foreach ($socks as $p => $sock) {
        if (trim((string) fgets($sock)) !== 'ready') {
            fail("process $p did not get ready");
        }
    }
    $deadline = hrtime(true) + (int) ($duration * 1e9);
    foreach ($socks as $sock) {
        fwrite($sock, "$deadline\n");
    }
    $res = [];
    foreach ($socks as $p => $sock) {
        $r = json_decode((string) stream_get_contents($sock), true);
        if (!is_array($r)) {
            fail("process $p sent no result");
        }
        $res[] = $r;
    }
    foreach ($pids as $pid) {
        pcntl_waitpid($pid, $status);
    }
    $wall = max(array_column($res, 't1')) - min(array_column($res, 't0'));
    $st = $t->stats();
    echo json_encode([
        'ops_s' => array_sum(array_column($res, 'ops')) / $wall * 1e9,
        'miss' => array_sum(array_column($res, 'miss')),
        'cpu_share' => array_sum(array_column($res, 'cpu')) / ($procs * $wall / 1e9),
        'evicted' => $st['evicted'] ?? 0,
    ]), "\n";
}

/**
 * The callgrind variant of a read measurement: {kind, op, ops, rows}; the
 * loop runs between two posix_getppid() calls (callgrind dumps its counters
 * there with --dump-before=getppid), as in the main run's count mode.
 */
function expiry_count_worker(array $spec): void
{
    ['kind' => $kind, 'op' => $op, 'ops' => $ops, 'rows' => $rows] = $spec;
    $t = expiry_table($rows, $kind);
    mt_srand(1000);
    $keys = [];
    for ($i = 0; $i < $ops; $i++) {
        $keys[] = key_of(mt_rand(0, $rows - 1));
    }
    $miss = 0;
    posix_getppid();
    if ($op === 'get') {
        foreach ($keys as $k) {
            if ($t->get($k) === false) ++$miss;
        }
    } else {
        foreach ($keys as $k) {
            if (!$t->exists($k)) ++$miss;
        }
    }
    posix_getppid();
    echo json_encode(['miss' => $miss]), "\n";
}

/** The key of the fill workload's i-th new key (none is a key of another workload). */
function fill_key(int $i): string
{
    return sprintf('fill:%07d', $i);
}

/** One fill measurement: {store, keys, room, last} -> JSON line. */
function expiry_fill_worker(array $spec): void
{
    ['store' => $store, 'keys' => $n, 'room' => $room, 'last' => $last] = $spec;
    $keys = [];
    for ($i = 0; $i < $n; $i++) {
        $keys[] = fill_key($i);
    }
    $rows = write_rows();
    $out = ['store' => $store];
    switch ($store) {
        case 'shmtable':
            $t = new ShmTable\Table($room, evict: ShmTable\Table::EVICT_LRU);
            $t->column('id', ShmTable\Table::TYPE_INT);
            $t->column('score', ShmTable\Table::TYPE_FLOAT);
            $t->column('name', ShmTable\Table::TYPE_STRING, NAME_LEN);
            $t->create();
            $set = static function (array $keys, array $rows) use ($t): int {
                $failed = 0;
                foreach ($keys as $i => $k) {
                    if (!$t->set($k, $rows[$i & 15])) {
                        ++$failed;
                    }
                }
                return $failed;
            };
            $has = static fn(string $k): bool => $t->exists($k);
            $held = static fn(): int => $t->count();
            $out['capacity'] = $t->getSize();
            break;
        case 'swoole':
            $t = new Swoole\Table($room);
            $t->column('id', Swoole\Table::TYPE_INT);
            $t->column('score', Swoole\Table::TYPE_FLOAT);
            $t->column('name', Swoole\Table::TYPE_STRING, NAME_LEN);
            $t->create();
            // A set into a full Swoole\Table warns and returns false: the
            // warnings are not printed (the failures are counted).
            error_reporting(E_ALL & ~E_WARNING);
            $set = static function (array $keys, array $rows) use ($t): int {
                $failed = 0;
                foreach ($keys as $i => $k) {
                    if (!$t->set($k, $rows[$i & 15])) {
                        ++$failed;
                    }
                }
                return $failed;
            };
            $has = static fn(string $k): bool => $t->exists($k);
            $held = static fn(): int => $t->count();
            $out['capacity'] = $t->getSize();
            break;
        case 'apcu':
            if (!apcu_enabled()) {
                fail('APCu is not enabled (apc.enable_cli)');
            }
            $set = static function (array $keys, array $rows): int {
                $failed = 0;
                foreach ($keys as $i => $k) {
                    if (!apcu_store($k, $rows[$i & 15])) {
                        ++$failed;
                    }
                }
                return $failed;
            };
            $has = static fn(string $k): bool => apcu_exists($k);
            $held = static fn(): int => apcu_cache_info(true)['num_entries'];
            $out['capacity'] = null;
            $out['shm_size'] = (int) ini_get('apc.shm_size');
            break;
        default:
            fail("expiry fill: unknown store $store");
    }
    $t0 = hrtime(true);
    $failed = $set($keys, $rows);
    $secs = (hrtime(true) - $t0) / 1e9;
    $hits = 0;
    for ($i = max(0, $n - $last); $i < $n; $i++) {
        $hits += $has($keys[$i]) ? 1 : 0;
    }
    $out += ['secs' => $secs, 'failed' => $failed, 'held' => $held(), 'hits' => $hits,
        'read' => min($n, $last)];
    if ($store === 'shmtable') {
        $out['evicted'] = $t->stats()['evicted'];
    }
    if ($store === 'apcu') {
        $out['expunges'] = apcu_cache_info(true)['expunges'];
    }
    echo json_encode($out), "\n";
}

/** APCu calibration: the bytes of its memory $room rows of the fill take. */
function expiry_apcu_calibrate(array $spec): void
{
    $rows = write_rows();
    $info0 = apcu_sma_info(true);
    for ($i = 0; $i < $spec['room']; $i++) {
        apcu_store(fill_key($i), $rows[$i & 15]);
    }
    $info1 = apcu_sma_info(true);
    echo json_encode(['bytes' => $info0['avail_mem'] - $info1['avail_mem'], 'seg' => $info1['seg_size']]), "\n";
}

function expiry_bench(array $opt): void
{
    $quick = isset($opt['quick']);
    $duration = (float) ($opt['duration'] ?? ($quick ? 0.3 : 1.0));
    $repeats = (int) ($opt['repeats'] ?? ($quick ? 1 : 3));
    $rows = (int) ($opt['rows'] ?? ($quick ? 20000 : ROWS));
    $fillKeys = (int) ($opt['fill-keys'] ?? ($quick ? 100000 : 1000000));
    $room = (int) ($opt['fill-room'] ?? ($quick ? 10000 : 100000));
    $last = (int) ($opt['last'] ?? intdiv($room, 2));
    $parts = list_opt($opt, 'parts') ?? ['ttl', 'lru', 'fill'];
    $runner = new Runner($opt + ['yac' => '']);
    $load = static fn(): string => implode(' ', array_slice(explode(' ', (string) file_get_contents('/proc/loadavg')), 0, 3));
    // As in the main run: wait (within a budget) for the other processes to
    // leave the CPUs idle, and take a measurement again (at most twice, within
    // a budget of retakes) when its timed processes got less than
    // MIN_CPU_SHARE of a CPU; the least disturbed attempt is kept.
    $quiet = (float) ($opt['quiet-wait'] ?? ($quick ? 10 : 120));
    $retakes = (int) ($opt['retries'] ?? ($quick ? 4 : 20));
    $read = static function (string $kind, string $op, int $procs) use ($runner, $duration, $rows, &$quiet, &$retakes): array {
        $spec = json_encode(['kind' => $kind, 'op' => $op, 'procs' => $procs, 'duration' => $duration, 'rows' => $rows]);
        $best = null;
        for ($try = 0; $try < 3; $try++) {
            wait_for_quiet($quiet);
            [$rc, $out] = Runner::exec([...$runner->phpArgs('shmtable'), __FILE__, 'expiry-worker', $spec]);
            $r = json_decode(trim($out), true);
            if ($rc !== 0 || !is_array($r)) {
                fail("expiry worker $kind/$op/$procs failed (exit $rc)");
            }
            if ($r['miss'] !== 0) {
                fail("expiry worker $kind/$op/$procs: {$r['miss']} reads missed");
            }
            if ($best === null || $r['cpu_share'] > $best['cpu_share']) {
                $best = $r;
            }
            if ($r['cpu_share'] >= MIN_CPU_SHARE || $retakes <= 0) {
                break;
            }
            --$retakes;
        }
        return $best;
    };
    printf("expiry and eviction: %s rows (string(%d) + int + float), %d repeat(s) of %.1f s, median; %d CPUs, load average %s\n",
        number_format($rows), NAME_LEN, $repeats, $duration, (int) trim((string) shell_exec('nproc')), $load());
    $share = static fn(array $rs): string => sprintf('%.0f%%', 100 * min(array_column($rs, 'cpu_share')));

    if (isset($opt['callgrind'])) {
        // Instructions per operation (valgrind --tool=callgrind): they do not
        // depend on the load, the throughput figures below do.
        $ops = (int) ($opt['cg-ops'] ?? 20000);
        $dir = sys_get_temp_dir() . '/shmtable-bench-expiry-' . getmypid();
        @mkdir($dir, 0777, true);
        $ir = [];
        foreach (['get', 'exists'] as $op) {
            foreach (['plain', 'ttl', 'lru'] as $kind) {
                $file = "$dir/cg.$kind.$op";
                $spec = json_encode(['kind' => $kind, 'op' => $op, 'ops' => $ops, 'rows' => $rows]);
                $cmd = ['valgrind', '--tool=callgrind', '--dump-before=getppid', "--callgrind-out-file=$file",
                    ...$runner->phpArgs('shmtable'), __FILE__, 'expiry-count', $spec];
                $proc = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'],
                    2 => ['file', '/dev/null', 'w']], $pipes, null, ['ZEND_DONT_UNLOAD_MODULES' => '1'] + getenv());
                if (!is_resource($proc) || proc_close($proc) !== 0 || !is_file("$file.2")) {
                    fail("callgrind $kind/$op failed");
                }
                $ir[$op][$kind] = Runner::totalIr("$file.2") / $ops;
                foreach (glob("$file*") as $f) {
                    unlink($f);
                }
            }
        }
        @rmdir($dir);
        printf("\ninstructions per operation (callgrind, %s operations, loop included)\n", number_format($ops));
        printf("%-8s %12s %12s %12s %10s %10s\n", 'op', 'no ttl', 'ttl', 'EVICT_LRU', 'ttl/no', 'lru/no');
        foreach ($ir as $op => $k) {
            printf("%-8s %12.0f %12.0f %12.0f %9.2fx %9.2fx\n", $op, $k['plain'], $k['ttl'], $k['lru'],
                $k['ttl'] / $k['plain'], $k['lru'] / $k['plain']);
        }
    }

    if (in_array('ttl', $parts, true)) {
        $m = [];
        for ($r = 0; $r < $repeats; $r++) {
            foreach (['get', 'exists'] as $op) {
                foreach (['plain', 'ttl'] as $kind) {   // alternated: drift hits both alike
                    $m[$op][$kind][] = $read($kind, $op, 1);
                }
            }
        }
        echo "\nttl: 1 process, ops/s (lowest CPU share of the timed process in brackets)\n";
        printf("%-8s %22s %22s %8s\n", 'op', 'no ttl', "every row a ttl", 'ratio');
        foreach ($m as $op => $byKind) {
            $a = median(array_column($byKind['plain'], 'ops_s'));
            $b = median(array_column($byKind['ttl'], 'ops_s'));
            printf("%-8s %15s (%4s) %15s (%4s) %7.2fx  %s\n", $op, number_format($a), $share($byKind['plain']),
                number_format($b), $share($byKind['ttl']), $b / $a,
                $b / $a >= 0.90 ? 'target met (>= 0.90)' : 'TARGET MISSED (>= 0.90)');
        }
    }

    if (in_array('lru', $parts, true)) {
        $m = [];
        for ($r = 0; $r < $repeats; $r++) {
            foreach ([1, 2] as $procs) {
                foreach (['plain', 'lru'] as $kind) {
                    $m[$kind][$procs][] = $read($kind, 'get', $procs);
                }
            }
        }
        echo "\nlru: get, ops/s of all processes (lowest CPU share of a timed process in brackets)\n";
        printf("%-22s %22s %22s %8s\n", 'table', '1 process', '2 processes', '2 / 1');
        $scale = [];
        foreach (['plain' => 'EVICT_NONE', 'lru' => 'EVICT_LRU'] as $kind => $title) {
            $one = median(array_column($m[$kind][1], 'ops_s'));
            $two = median(array_column($m[$kind][2], 'ops_s'));
            $scale[$kind] = [$one, $two];
            printf("%-22s %15s (%4s) %15s (%4s) %7.2fx\n", $title, number_format($one), $share($m[$kind][1]),
                number_format($two), $share($m[$kind][2]), $two / $one);
        }
        printf("EVICT_LRU / EVICT_NONE: %.2fx at 1 process, %.2fx at 2 processes\n",
            $scale['lru'][0] / $scale['plain'][0], $scale['lru'][1] / $scale['plain'][1]);
        $x = $scale['lru'][1] / $scale['lru'][0];
        echo $x >= 1.8 ? "target met: EVICT_LRU get at 2 processes >= 1.8x 1 process\n"
                       : "TARGET MISSED: EVICT_LRU get at 2 processes >= 1.8x 1 process"
                         . " (EVICT_NONE scales " . sprintf('%.2fx', $scale['plain'][1] / $scale['plain'][0]) . " on this machine now)\n";
    }

    if (in_array('fill', $parts, true)) {
        $stores = ['shmtable'];
        $apcuArgs = null;
        if (($opt['apcu'] ?? '') !== '' || (int) trim((string) shell_exec(escapeshellarg(PHP_BINARY) . ' -r "echo (int) extension_loaded(\'apcu\');"')) === 1) {
            // Calibrate: what FILL_ROOM rows take in APCu's memory, then an
            // apc.shm_size of that (rounded up to a MiB) for the runs.
            $spec = json_encode(['room' => $room]);
            [$rc, $out] = Runner::exec([...$runner->phpArgs('apcu'), '-d', 'apc.shm_size=1024M', __FILE__, 'expiry-apcu-calibrate', $spec]);
            $cal = json_decode(trim($out), true);
            if ($rc !== 0 || !is_array($cal)) {
                fail('APCu calibration failed');
            }
            $mib = (int) ceil($cal['bytes'] / 1048576);
            $apcuArgs = [...$runner->phpArgs('apcu'), '-d', "apc.shm_size={$mib}M", '-d', "apc.entries_hint=$room"];
            $stores[] = 'apcu';
        } else {
            echo "\nfill: APCu skipped (not loadable: --apcu=/path/to/apcu.so)\n";
        }
        if (($opt['swoole'] ?? '') !== '') {
            $stores[] = 'swoole';
        }
        $m = [];
        for ($r = 0; $r < $repeats; $r++) {
            foreach ($stores as $st) {
                $args = $st === 'apcu' ? $apcuArgs : $runner->phpArgs($st);
                $spec = json_encode(['store' => $st, 'keys' => $fillKeys, 'room' => $room, 'last' => $last]);
                [$rc, $out] = Runner::exec([...$args, __FILE__, 'expiry-fill', $spec]);
                $res = json_decode(trim($out), true);
                if ($rc !== 0 || !is_array($res)) {
                    fail("expiry fill $st failed (exit $rc)");
                }
                $m[$st][] = $res;
            }
        }
        printf("\nfill past capacity: %s new keys (`fill:NNNNNNN`, string(%d) + int + float rows) into room for %s rows, 1 process; then exists() of the last %s keys\n",
            number_format($fillKeys), NAME_LEN, number_format($room), number_format(min($last, $fillKeys)));
        if ($apcuArgs !== null) {
            printf("APCu: apc.shm_size=%dM (%s rows took %s bytes in the calibration run), apc.entries_hint=%d, apc.ttl=0\n",
                $mib, number_format($room), number_format($cal['bytes']), $room);
        }
        printf("%-10s %10s %12s %12s %12s %10s %s\n", 'store', 'seconds', 'sets/s', 'failed sets', 'rows held', 'hit rate', 'notes');
        foreach ($m as $st => $rs) {
            usort($rs, static fn($a, $b) => $a['secs'] <=> $b['secs']);
            $x = $rs[intdiv(count($rs), 2)];   // the median run by time
            $note = match ($st) {
                'shmtable' => "EVICT_LRU, size {$x['capacity']}, evicted {$x['evicted']}",
                'apcu' => "cache wiped when full: {$x['expunges']} expunges",
                'swoole' => "size $room (holds {$x['capacity']} + conflict rows), cannot evict",
            };
            printf("%-10s %10.3f %12s %12s %12s %9.1f%% %s\n", STORE_NAMES[$st], $x['secs'],
                number_format($fillKeys / $x['secs']), number_format($x['failed']), number_format($x['held']),
                100 * $x['hits'] / max(1, $x['read']), $note);
        }
    }
    echo "\nload average after: {$load()}\n";
}

$mode = $argv[1] ?? '';
switch ($mode) {
    case 'worker':
        worker(json_decode($argv[2], true, flags: JSON_THROW_ON_ERROR));
        break;
    case 'count':
        count_mode(json_decode($argv[2], true, flags: JSON_THROW_ON_ERROR));
        break;
    case 'report':
        $opt = parse_opts(array_slice($argv, 2));
        $raw = json_decode((string) @file_get_contents($opt['from'] ?? ''), true);
        if (!is_array($raw)) {
            fail('report --from=FILE: FILE is the JSON a run leaves in the temp directory');
        }
        $out = $opt['out'] ?? __DIR__ . '/RESULTS.md';
        file_put_contents($out, report($raw['samples'], $raw['counts'], $raw['cg_note'], $raw['versions'], $raw['run']));
        $svg = dirname($out) . '/' . pathinfo($out, PATHINFO_FILENAME) . '.svg';
        file_put_contents($svg, chart_svg($raw['samples'], $raw['run']['stores'], $raw['run']));
        echo "wrote $out and $svg\n";
        break;
    case 'callgrind':
        // Instruction counts only, no throughput, no report:
        //   php bench.php callgrind --shmtable=SO [--swoole=SO] [--apcu=SO] [--stores=shmtable,array]
        //       [--workloads=get,set] [--variants=random:row,ordered:row] [--cg-ops=N] [--top=N]
        $opt = parse_opts(array_slice($argv, 2));
        $runner = new Runner($opt + ['yac' => '']);
        $stores = array_values(array_intersect(list_opt($opt, 'stores') ?? array_keys(COUNTED), $runner->stores));
        foreach (array_diff(list_opt($opt, 'stores') ?? [], $runner->stores) as $st) {
            echo "skipped: $st (no --$st=/path/to/$st.so)\n";
        }
        $vs = list_opt($opt, 'variants') ?? [MAIN_VARIANT];
        $jobs = cg_jobs($stores, list_opt($opt, 'workloads'), in_array(MAIN_VARIANT, $vs, true), $vs, $stores);
        $dir = sys_get_temp_dir() . '/shmtable-bench-cg-' . getmypid();
        @mkdir($dir, 0777, true);
        $counts = $runner->countAll($jobs, (int) ($opt['cg-ops'] ?? 20000), $dir,
            max(1, (int) trim((string) shell_exec('nproc'))));
        foreach ($counts as $st => $ws) {
            foreach ($ws as $w => $c) {
                if (isset($opt['top'])) {
                    echo "\n$st $w:\n";
                    foreach (Runner::topFunctions($c['file'], (int) $opt['top']) as [$fn, $src, $obj, $ir]) {
                        printf("  %8.1f  %s (%s %s)\n", $ir / $c['ops'], $fn, $src, $obj);
                    }
                }
            }
        }
        foreach (glob("$dir/*") as $f) {
            unlink($f);
        }
        @rmdir($dir);
        break;
    case 'run':
        $opt = parse_opts(array_slice($argv, 2));
        if (empty($opt['shmtable'])) {
            fail('--shmtable=/path/to/shmtable.so is required');
        }
        run($opt);
        break;
    case 'multi-incr':
        multi_incr(parse_opts(array_slice($argv, 2)));
        break;
    case 'expiry':
        $opt = parse_opts(array_slice($argv, 2));
        if (empty($opt['shmtable'])) {
            fail('--shmtable=/path/to/shmtable.so is required');
        }
        expiry_bench($opt);
        break;
    case 'expiry-worker':
        expiry_read_worker(json_decode($argv[2], true, flags: JSON_THROW_ON_ERROR));
        break;
    case 'expiry-count':
        expiry_count_worker(json_decode($argv[2], true, flags: JSON_THROW_ON_ERROR));
        break;
    case 'expiry-fill':
        expiry_fill_worker(json_decode($argv[2], true, flags: JSON_THROW_ON_ERROR));
        break;
    case 'expiry-apcu-calibrate':
        expiry_apcu_calibrate(json_decode($argv[2], true, flags: JSON_THROW_ON_ERROR));
        break;
    default:
        fwrite(STDERR, "usage: bash bench/run.sh [--quick]   (see bench/README.md)\n");
        exit(2);
}
