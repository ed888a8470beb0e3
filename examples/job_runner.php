<?php
/*
 * job_runner.php - a master forks workers that take jobs from a shared
 * ShmTable\Table, run them and record progress and results in it; the
 * master draws a live progress line and, at the end, checks that every job
 * was done exactly once.
 *
 *   php -d extension=modules/shmtable.so examples/job_runner.php \
 *       [--jobs=2000] [--workers=4] [--work=20000] [--kill-one]
 *
 * A job here is "count the primes below N" for an N derived from the job id,
 * so the master can recompute every result and check it. How the pieces fit:
 *
 *   - Claiming. Job ids are handed out by one counter row: a worker's
 *     incr('queue', 'next') returns an id that no other worker can get. The
 *     claim is then recorded with add() on the job's row (state running,
 *     owner), which fails if the row exists.
 *   - Finishing. One cmpset() from "running, owned by me, never finished" to
 *     "done, runs = 1, result": atomic, so a job cannot be finished twice,
 *     and a worker killed at any point leaves the job either running (to be
 *     retried) or done (not to be).
 *   - Progress. Each worker bumps its own row (done, current job, heartbeat);
 *     the master reads them with foreach, which takes no lock, and prints
 *     "\r[#####.....] 1234/2000 ..." when stdout is a terminal, a plain line
 *     per second otherwise (a log file gets no carriage returns).
 *   - --kill-one SIGKILLs a worker in the middle of a job. The master sees it
 *     exit, finds the job its row still names, puts it on the 'retry' table
 *     and starts a replacement worker. Workers take retries with getdel(),
 *     which returns a row to exactly one of them, and take the job over with
 *     cmpset() only if it is still running under the dead worker.
 *
 * Exit status 0 when every job was done exactly once with the right result.
 */
declare(strict_types=1);

use ShmTable\Table;

foreach (['shmtable', 'pcntl', 'posix'] as $ext) {
    if (!extension_loaded($ext)) {
        fwrite(STDERR, "This example needs the $ext extension"
            . ($ext === 'shmtable' ? ' (php -d extension=/path/to/shmtable.so ...)' : '') . ".\n");
        exit(1);
    }
}
$opt = getopt('', ['jobs:', 'workers:', 'work:', 'kill-one', 'help']);
if (isset($opt['help'])) {
    echo "usage: php job_runner.php [--jobs=2000] [--workers=4] [--work=20000] [--kill-one]\n";
    exit(0);
}
$nJobs = (int) ($opt['jobs'] ?? 2000);
$nWorkers = (int) ($opt['workers'] ?? 4);
$work = (int) ($opt['work'] ?? 20000);
$killOne = isset($opt['kill-one']);
if ($nJobs < 1 || $nJobs > 1_000_000 || $nWorkers < 1 || $nWorkers > 64 || $work < 10 || $work > 10_000_000) {
    fwrite(STDERR, "jobs 1..1000000, workers 1..64, work 10..10000000\n");
    exit(1);
}

const STATE_RUNNING = 1;
const STATE_DONE = 2;

/** The job: the number of primes below a bound that depends on the id. */
function run_job(int $id, int $work): int
{
    $n = $work + ($id * 7919) % $work;
    $sieve = str_repeat("\1", $n);
    $sieve[0] = $sieve[1] = "\0";
    for ($i = 2; $i * $i < $n; $i++) {
        if ($sieve[$i] === "\1") {
            for ($j = $i * $i; $j < $n; $j += $i) {
                $sieve[$j] = "\0";
            }
        }
    }
    return substr_count($sieve, "\1");
}

/* ---- shared state, before the first fork ---------------------------------- */

$queue = new Table(4);                       // one row: 'queue' => next id to hand out
$queue->column('next', Table::TYPE_INT);
$queue->create();

$jobs = new Table($nJobs);                   // one row per claimed job, key = job id
$jobs->column('state', Table::TYPE_INT);
$jobs->column('worker', Table::TYPE_INT);
$jobs->column('runs', Table::TYPE_INT);      // finished runs: must end at exactly 1
$jobs->column('result', Table::TYPE_INT);
$jobs->column('ms', Table::TYPE_FLOAT);
$jobs->create();

$retry = new Table(64);                      // jobs whose worker died, key = job id
$retry->column('id', Table::TYPE_INT);
$retry->column('worker', Table::TYPE_INT);   // the worker that died holding it
$retry->create();

$workers = new Table(256);                   // one row per worker, key = worker number
$workers->column('pid', Table::TYPE_INT);
$workers->column('done', Table::TYPE_INT);
$workers->column('current', Table::TYPE_INT);   // job in hand, 0 when idle
$workers->column('beat', Table::TYPE_FLOAT);
$workers->create();

/* ---- a worker ---------------------------------------------------------------- */

/** The next job for worker $w: [id, true] for a retry, [id, false] for a fresh one, null when none is left. */
function next_job(Table $queue, Table $retry, int $nJobs): ?array
{
    foreach ($retry as $key => $row) {       // first any job a dead worker left
        if (($r = $retry->getdel((string) $key)) !== false) {   // getdel: exactly one taker
            return [$r['id'], $r['worker']];
        }
    }
    $id = $queue->incr('queue', 'next');     // 1, 2, 3, ...: each id to one worker
    return $id <= $nJobs ? [$id, 0] : null;
}

function worker(int $w, Table $queue, Table $jobs, Table $retry, Table $workers, int $nJobs, int $work): int
{
    $workers->set((string) $w, ['pid' => getmypid(), 'current' => 0, 'beat' => microtime(true)]);
    while (($next = next_job($queue, $retry, $nJobs)) !== null) {
        [$id, $deadWorker] = $next;
        $key = (string) $id;
        if ($deadWorker === 0) {
            // A fresh id: claim it with add(), which fails if the row exists.
            if (!$jobs->add($key, ['state' => STATE_RUNNING, 'worker' => $w])) {
                continue;
            }
        } elseif (!$jobs->cmpset($key, ['state' => STATE_RUNNING, 'worker' => $deadWorker], ['worker' => $w])) {
            // The dead worker had finished it after all (killed just after
            // the finishing write): nothing to redo.
            continue;
        }
        $workers->set((string) $w, ['current' => $id, 'beat' => microtime(true)]);
        $t = hrtime(true);
        $result = run_job($id, $work);
        // Finishing is one atomic write, and only the job's owner can make it:
        // a job can be finished once, never twice.
        $finished = $jobs->cmpset($key, ['state' => STATE_RUNNING, 'worker' => $w, 'runs' => 0],
            ['state' => STATE_DONE, 'runs' => 1, 'result' => $result, 'ms' => (hrtime(true) - $t) / 1e6]);
        if (!$finished) {
            $jobs->incr($key, 'runs');       // shows up in the master's check
        }
        $workers->set((string) $w, ['current' => 0, 'beat' => microtime(true)]);
        $workers->incr((string) $w, 'done');
    }
    return 0;
}

/* ---- the master ---------------------------------------------------------------- */

$pids = [];            // pid => worker number
$spawn = function (int $w) use (&$pids, $queue, $jobs, $retry, $workers, $nJobs, $work): void {
    $pid = pcntl_fork();
    if ($pid === -1) {
        fwrite(STDERR, "fork failed\n");
        exit(1);
    }
    if ($pid === 0) {
        pcntl_alarm(300);
        exit(worker($w, $queue, $jobs, $retry, $workers, $nJobs, $work));
    }
    $pids[$pid] = $w;
};
$started = microtime(true);
for ($w = 1; $w <= $nWorkers; $w++) {
    $spawn($w);
}
$nextWorker = $nWorkers + 1;
$tty = function_exists('posix_isatty') && posix_isatty(STDOUT);
printf("master %d: %d jobs, %d workers%s\n", getmypid(), $nJobs, $nWorkers, $killOne ? ', killing one mid-job' : '');

function progress(Table $jobs, Table $workers, int $nJobs, float $started, bool $tty): string
{
    $done = 0;
    $busy = 0;
    foreach ($workers as $row) {
        $done += $row['done'];
        $busy += $row['current'] !== 0 ? 1 : 0;
    }
    $elapsed = microtime(true) - $started;
    $rate = $done / max($elapsed, 1e-9);
    $width = 30;
    $bar = str_repeat('#', intdiv($done * $width, $nJobs)) . str_repeat('.', $width - intdiv($done * $width, $nJobs));
    $eta = $rate > 0 ? sprintf('%.1f s left', ($nJobs - $done) / $rate) : '';
    return sprintf('[%s] %d/%d jobs, %d busy, %.0f jobs/s %s', $bar, $done, $nJobs, $busy, $rate, $eta);
}

$killed = null;
$lastPlain = 0.0;
$deadline = microtime(true) + 240;
$failed = [];
while ($pids) {
    // Reap the workers that finished (or died).
    while (($pid = pcntl_waitpid(-1, $status, WNOHANG)) > 0) {
        $w = $pids[$pid];
        unset($pids[$pid]);
        if (pcntl_wifsignaled($status)) {
            // A dead worker: give its job back and start another worker.
            $job = $workers->get((string) $w, 'current');
            if ($job) {
                $retry->set((string) $job, ['id' => $job, 'worker' => $w]);
            }
            $workers->set((string) $w, ['current' => 0]);
            if ($pid !== $killed) {
                $failed[] = "worker $w killed by signal " . pcntl_wtermsig($status);
            }
            $spawn($nextWorker++);
        } elseif (pcntl_wexitstatus($status) !== 0) {
            $failed[] = "worker $w exit status " . pcntl_wexitstatus($status);
        }
    }
    if ($killOne && $killed === null) {
        foreach ($workers as $w => $row) {
            if ($row['current'] > 0 && $row['done'] > 2) {
                $killed = $row['pid'];
                $killedJob = $row['current'];
                $killedWorker = (int) $w;
                posix_kill($killed, SIGKILL);
                break;
            }
        }
    }
    $line = progress($jobs, $workers, $nJobs, $started, $tty);
    if ($tty) {
        echo "\r$line\033[K";
    } elseif (microtime(true) - $lastPlain >= 1.0) {
        echo "$line\n";
        $lastPlain = microtime(true);
    }
    if (microtime(true) > $deadline) {
        foreach (array_keys($pids) as $pid) {
            posix_kill($pid, SIGKILL);
        }
        $failed[] = 'the run took longer than 240 s';
        break;
    }
    usleep(100_000);
}
$line = progress($jobs, $workers, $nJobs, $started, $tty);
echo $tty ? "\r$line\033[K\n" : "$line\n";
$elapsed = microtime(true) - $started;

/* ---- every job exactly once, with the right result -------------------------- */

$problems = $failed;
$byWorker = [];
$totalMs = 0.0;
for ($id = 1; $id <= $nJobs; $id++) {
    $row = $jobs->get((string) $id);
    if ($row === false) {
        $problems[] = "job $id was never claimed";
        continue;
    }
    if ($row['state'] !== STATE_DONE || $row['runs'] !== 1) {
        $problems[] = "job $id: state {$row['state']}, finished {$row['runs']} times";
    } elseif ($row['result'] !== run_job($id, $work)) {
        $problems[] = "job $id: result {$row['result']}, expected " . run_job($id, $work);
    }
    $byWorker[$row['worker']] = ($byWorker[$row['worker']] ?? 0) + 1;
    $totalMs += $row['ms'];
}
if (count($jobs) !== $nJobs) {
    $problems[] = count($jobs) . " job rows for $nJobs jobs";
}
ksort($byWorker);
printf("%d jobs in %.2f s by %d workers (%s); %.1f ms of work per job on average\n",
    $nJobs, $elapsed, count($byWorker),
    implode(', ', array_map(fn ($w, $n) => "#$w: $n", array_keys($byWorker), $byWorker)), $totalMs / $nJobs);
if ($killOne) {
    if ($killed !== null) {
        $by = $jobs->get((string) $killedJob, 'worker');
        printf("killed worker #%d (pid %d) holding job %d; %s\n", $killedWorker, $killed, $killedJob,
            $by !== $killedWorker ? "worker #$by redid it" : 'it had finished that job just before');
    } else {
        echo "no worker was killed (the jobs ran out first)\n";
    }
    if ($killed === null) {
        $problems[] = '--kill-one: no worker was killed';
    }
}
if ($problems) {
    fwrite(STDERR, "FAILED:\n  " . implode("\n  ", array_slice($problems, 0, 20)) . "\n");
    exit(1);
}
echo "ok: every one of the $nJobs jobs was done exactly once, with the right result\n";
exit(0);
