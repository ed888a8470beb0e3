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
 */
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
