<?php
/*
 * bench/sync.php - ShmTable\Atomic and ShmTable\Lock against Swoole\Atomic,
 * Swoole\Lock (when swoole.so is loaded), flock() and sysvsem's
 * sem_acquire()/sem_release() (when loaded): add() calls and lock+unlock
 * pairs per second, in one process (uncontended) and in 2 forked processes
 * at once (contended, the sum of both). Run by bench/sync.sh, which loads
 * what is needed; prints a Markdown table.
 *
 *   php -d extension=modules/shmtable.so bench/sync.php [--duration=S] [--repeats=N]
 *   php -d extension=modules/shmtable.so bench/sync.php callgrind [--ops=N]
 *
 * callgrind: instructions per operation instead of operations per second,
 * which do not depend on the load: each case runs --ops (default 200,000)
 * times in a loop of its own in a PHP process under valgrind's callgrind,
 * counted only between two posix_getppid() calls around the loop (callgrind
 * dumps at each); an empty loop is counted too and subtracted ("net"), and
 * the net is split by where the instructions ran: the extension's binding
 * (shmtable_*.c, Swoole's ext-src/), its engine (shmtable's src/, Swoole's
 * src/), the C library (the pthread calls) and the PHP engine (the method
 * calls themselves, the loop left out).
 */
if (($argv[1] ?? '') === 'count') {
    exit(count_loop($argv[2], (int) $argv[3]));
}
if (($argv[1] ?? '') === 'callgrind') {
    $ops = 200000; // getopt() stops at the word "callgrind": read the rest here
    foreach (array_slice($argv, 2) as $a) {
        if (preg_match('/^--ops=(\d+)$/', $a, $m) && (int) $m[1] > 0) {
            $ops = (int) $m[1];
        } else {
            fwrite(STDERR, "sync.php callgrind: unknown argument $a (only --ops=N)\n");
            exit(2);
        }
    }
    exit(callgrind($ops));
}
$opt = getopt('', ['duration::', 'repeats::']);
$duration = (float) ($opt['duration'] ?? 1.0);
$repeats = (int) ($opt['repeats'] ?? 3);

/** Each case: name => function(): callable, the setup run once before fork; the
 *  callable it returns does one operation; a per-process init may be returned
 *  as [init, op]. */
$cases = [];
$cases['ShmTable\Atomic add()'] = function () { $a = new ShmTable\Atomic(); return fn() => $a->add(); };
if (class_exists('Swoole\Atomic')) {
    $cases['Swoole\Atomic add()'] = function () { $a = new Swoole\Atomic(); return fn() => $a->add(); };
    $cases['Swoole\Atomic\Long add()'] = function () { $a = new Swoole\Atomic\Long(); return fn() => $a->add(); };
}
$cases['ShmTable\Lock MUTEX lock+unlock'] = function () {
    $l = new ShmTable\Lock(ShmTable\Lock::MUTEX);
    return function () use ($l) { $l->lock(); $l->unlock(); };
};
$cases['ShmTable\Lock RWLOCK LOCK_EX+unlock'] = function () {
    $l = new ShmTable\Lock(ShmTable\Lock::RWLOCK);
    return function () use ($l) { $l->lock(LOCK_EX); $l->unlock(); };
};
$cases['ShmTable\Lock RWLOCK LOCK_SH+unlock'] = function () {
    $l = new ShmTable\Lock(ShmTable\Lock::RWLOCK);
    return function () use ($l) { $l->lock(LOCK_SH); $l->unlock(); };
};
if (class_exists('Swoole\Lock')) {
    $cases['Swoole\Lock MUTEX lock+unlock'] = function () {
        $l = new Swoole\Lock(SWOOLE_MUTEX);
        return function () use ($l) { $l->lock(); $l->unlock(); };
    };
    $cases['Swoole\Lock RWLOCK LOCK_EX+unlock'] = function () {
        $l = new Swoole\Lock(SWOOLE_RWLOCK);
        return function () use ($l) { $l->lock(LOCK_EX); $l->unlock(); };
    };
    $cases['Swoole\Lock RWLOCK LOCK_SH+unlock'] = function () {
        $l = new Swoole\Lock(SWOOLE_RWLOCK);
        return function () use ($l) { $l->lock(LOCK_SH); $l->unlock(); };
    };
}
$cases['flock() LOCK_EX+LOCK_UN'] = function () {
    $path = tempnam(sys_get_temp_dir(), 'shmtable-bench-flock');
    // Opened in each process: flock() locks belong to the open file.
    return [function () use ($path) { return fopen($path, 'c'); },
            function ($fp) { flock($fp, LOCK_EX); flock($fp, LOCK_UN); }];
};
if (function_exists('sem_get')) {
    $cases['sysvsem sem_acquire+sem_release'] = function () {
        $sem = sem_get(ftok(__FILE__, 's'), 1, 0600, true);
        return function () use ($sem) { sem_acquire($sem); sem_release($sem); };
    };
}

/** The cases of the callgrind mode: name => [class, type constant, operation]. */
function callgrind_cases(): array
{
    $c = [
        'ShmTable\\Atomic add()' => ['ShmTable\\Atomic', null, 'add'],
        'ShmTable\\Lock MUTEX lock+unlock' => ['ShmTable\\Lock', 'ShmTable\\Lock::MUTEX', LOCK_EX],
        'ShmTable\\Lock RWLOCK LOCK_EX+unlock' => ['ShmTable\\Lock', 'ShmTable\\Lock::RWLOCK', LOCK_EX],
        'ShmTable\\Lock RWLOCK LOCK_SH+unlock' => ['ShmTable\\Lock', 'ShmTable\\Lock::RWLOCK', LOCK_SH],
    ];
    if (class_exists('Swoole\\Lock')) {
        $c += [
            'Swoole\\Atomic add()' => ['Swoole\\Atomic', null, 'add'],
            'Swoole\\Lock MUTEX lock+unlock' => ['Swoole\\Lock', 'SWOOLE_MUTEX', LOCK_EX],
            'Swoole\\Lock RWLOCK LOCK_EX+unlock' => ['Swoole\\Lock', 'SWOOLE_RWLOCK', LOCK_EX],
            'Swoole\\Lock RWLOCK LOCK_SH+unlock' => ['Swoole\\Lock', 'SWOOLE_RWLOCK', LOCK_SH],
        ];
    }
    return $c;
}

/** The counted loop, run under callgrind: one warm-up call, then $n in a
 *  loop between two posix_getppid() calls. */
function count_loop(string $name, int $n): int
{
    if ($name === 'empty') {
        posix_getppid();
        for ($i = 0; $i < $n; $i++) {
        }
        posix_getppid();
        return 0;
    }
    [$class, $type, $op] = callgrind_cases()[$name];
    if ($op === 'add') {
        $a = new $class();
        $a->add();
        posix_getppid();
        for ($i = 0; $i < $n; $i++) {
            $a->add();
        }
        posix_getppid();
        return 0;
    }
    $l = new $class(constant($type));
    $l->lock($op);
    $l->unlock();
    posix_getppid();
    for ($i = 0; $i < $n; $i++) {
        $l->lock($op);
        $l->unlock();
    }
    posix_getppid();
    return 0;
}

/** Run each case under callgrind; print instructions per operation. */
function callgrind(int $ops): int
{
    if (trim((string) shell_exec('command -v valgrind')) === '') {
        fwrite(STDERR, "sync.php callgrind: valgrind is not installed\n");
        return 1;
    }
    // The same PHP and the same -n/-d/-c arguments as this process.
    $argvAll = explode("\0", rtrim((string) file_get_contents('/proc/self/cmdline'), "\0"));
    $script = array_search(realpath(__FILE__), array_map(fn($a) => realpath($a) ?: $a, $argvAll), true);
    $php = array_slice($argvAll, 0, $script === false ? 1 : $script);
    $php[0] = PHP_BINARY;
    if (!function_exists('posix_getppid')) {
        $php[] = '-d';
        $php[] = 'extension=posix';
    }
    $dir = sys_get_temp_dir() . '/shmtable-sync-cg.' . getmypid();
    @mkdir($dir);
    $count = function (string $name) use ($php, $ops, $dir): array {
        $file = "$dir/cg." . md5($name);
        $cmd = array_merge(['valgrind', '--tool=callgrind', '--dump-before=getppid',
            "--callgrind-out-file=$file"], $php, [__FILE__, 'count', $name, (string) $ops]);
        // ZEND_DONT_UNLOAD_MODULES: the extensions stay mapped at exit, so
        // their symbols resolve.
        $proc = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'],
            2 => ['file', '/dev/null', 'w']], $pipes, null, ['ZEND_DONT_UNLOAD_MODULES' => '1'] + getenv());
        $rc = proc_close($proc);
        $dump = "$file.2"; // the part between the two posix_getppid() calls
        if ($rc !== 0 || !is_file($dump)) {
            fwrite(STDERR, "sync.php callgrind: $name failed (exit $rc)\n");
            exit(1);
        }
        $parts = ['total' => 0, 'binding' => 0, 'engine' => 0, 'libc' => 0, 'php' => 0];
        // Each function's own instructions, by the object they ran in and
        // the source file they came from (an inlined header counts for the
        // function's file's side): the dump's ob=/fl=/fi=/fe=/fn= lines set
        // those for the cost lines after them; "calls=" is followed by the
        // inclusive cost of a call, not counted here. Names are given once
        // as "(id) name", then "(id)".
        $names = [];
        $name = function (string $v, string $kind) use (&$names): string {
            if (preg_match('/^\((\d+)\)(?: (.*))?$/', $v, $m)) {
                if (isset($m[2])) {
                    $names[$kind][$m[1]] = $m[2];
                }
                return $names[$kind][$m[1]] ?? '';
            }
            return $v;
        };
        $ob = $fl = $fi = '';
        $skip = false;
        foreach (file($dump, FILE_IGNORE_NEW_LINES) as $line) {
            if ($line === '' || $line[0] === '#') {
                continue;
            }
            if (preg_match('/^(ob|fl|fi|fe|fn|cob|cfi|cfl|cfn)=(.*)$/', $line, $m)) {
                $kind = in_array($m[1], ['ob', 'cob'], true) ? 'ob' : (in_array($m[1], ['fn', 'cfn'], true) ? 'fn' : 'fl');
                $v = $name($m[2], $kind);
                if ($m[1] === 'ob') {
                    $ob = $v;
                } elseif ($m[1] === 'fl') {
                    $fl = $fi = $v;
                } elseif ($m[1] === 'fi' || $m[1] === 'fe') {
                    $fi = $v;
                } elseif ($m[1] === 'fn') {
                    $fi = $fl;
                }
                continue;
            }
            if (preg_match('/^(summary|totals): (\d+)/', $line, $m)) {
                $parts['total'] = (int) $m[2];
                continue;
            }
            if (str_starts_with($line, 'calls=')) {
                $skip = true;
                continue;
            }
            if (!preg_match('/^[+\-*\d]\S*\s+(\d+)/', $line, $m)) {
                continue;
            }
            if ($skip) {
                $skip = false;
                continue;
            }
            $ir = (int) $m[1];
            if (str_contains($ob, 'shmtable.so') || str_contains($ob, 'swoole.so')) {
                $engine = (str_contains($fl, '/src/') && !str_contains($fl, 'ext-src/'))
                    || (str_contains($fi, '/src/') && !str_contains($fi, 'ext-src/'));
                $parts[$engine ? 'engine' : 'binding'] += $ir;
            } elseif (str_contains($ob, 'libc.so') || str_contains($ob, 'libpthread')) {
                $parts['libc'] += $ir;
            } else {
                $parts['php'] += $ir;
            }
        }
        array_map('unlink', glob("$file*"));
        return array_map(fn($v) => $v / $ops, $parts);
    };
    $empty = $count('empty');
    printf("PHP %s; shmtable %s; swoole %s; valgrind --tool=callgrind, %s operations per case,\n"
        . "instructions per operation (a lock+unlock pair, or one add()); the empty loop is %.1f\n\n",
        PHP_VERSION, phpversion('shmtable'), phpversion('swoole') ?: 'not loaded',
        number_format($ops), $empty['total']);
    echo "| operation | total | net of the loop | binding | engine | C library | PHP engine |\n"
        . "|---|---:|---:|---:|---:|---:|---:|\n";
    foreach (array_keys(callgrind_cases()) as $name) {
        $p = $count($name);
        printf("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |\n", $name, $p['total'],
            $p['total'] - $empty['total'], $p['binding'], $p['engine'], $p['libc'],
            $p['php'] - $empty['php']);
    }
    @rmdir($dir);
    return 0;
}

function run_for(callable $op, $arg, float $seconds): int
{
    $n = 0;
    $end = hrtime(true) + (int) ($seconds * 1e9);
    do {
        for ($i = 0; $i < 1000; $i++) {
            $op($arg);
        }
        $n += 1000;
    } while (hrtime(true) < $end);
    return $n;
}

function measure(callable $setup, int $procs, float $seconds): float
{
    $made = $setup();
    [$init, $op] = is_array($made) ? $made : [fn() => null, $made];
    if ($procs === 1) {
        $arg = $init();
        $t = hrtime(true);
        $n = run_for($op, $arg, $seconds);
        return $n / ((hrtime(true) - $t) / 1e9);
    }
    $files = [];
    $pids = [];
    $go = new ShmTable\Atomic(0);
    for ($p = 0; $p < $procs; $p++) {
        $files[$p] = tempnam(sys_get_temp_dir(), 'shmtable-bench-out');
        $pid = pcntl_fork();
        if ($pid === 0) {
            $arg = $init();
            $go->add();
            while ($go->get() < $procs) {
            }
            $t = hrtime(true);
            $n = run_for($op, $arg, $seconds);
            file_put_contents($files[$p], (string) ($n / ((hrtime(true) - $t) / 1e9)));
            exit(0);
        }
        $pids[] = $pid;
    }
    foreach ($pids as $pid) {
        pcntl_waitpid($pid, $st);
    }
    $sum = 0.0;
    foreach ($files as $f) {
        $sum += (float) file_get_contents($f);
        unlink($f);
    }
    return $sum;
}

printf("PHP %s; shmtable %s; swoole %s; %d repeats of %.1f s, the best kept; %s\n\n",
    PHP_VERSION, phpversion('shmtable'), phpversion('swoole') ?: 'not loaded', $repeats, $duration,
    trim((string) @shell_exec('nproc')) . ' CPUs, load ' . implode(' ', array_map(fn($x) => sprintf('%.1f', $x), sys_getloadavg())));
echo "| operation | 1 process (ops/s) | 2 processes, sum (ops/s) |\n|---|---:|---:|\n";
foreach ($cases as $name => $setup) {
    $best1 = $best2 = 0.0;
    for ($r = 0; $r < $repeats; $r++) {
        $best1 = max($best1, measure($setup, 1, $duration));
        $best2 = max($best2, measure($setup, 2, $duration));
    }
    printf("| %s | %s | %s |\n", $name, number_format($best1), number_format($best2));
}
