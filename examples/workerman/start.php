<?php
/*
 * examples/workerman/start.php - an HTTP server on Workerman whose workers
 * share counters and a rate limiter through ShmTable\Table.
 *
 *   WORKERMAN_DIR=/path/to/workerman php -d extension=shmtable.so start.php start [-d]
 *   php start.php stop | reload [-g] | status      (as any Workerman start file)
 *
 * Environment: PORT (8080), WORKERS (4), LIMIT (requests a client may make
 * per window, 1000), WINDOW (seconds, 60), RUN_DIR (where Workerman's pid,
 * status and log files go; the system's temp directory). Where Workerman
 * comes from: autoload.php, README.md.
 *
 *   GET /anything   200 and a line of text; 429 past the client's limit
 *   GET /stats      the counters as JSON (not counted itself)
 *
 * A client is the X-Client header if the request has one (what a proxy in
 * front would set), else the peer address.
 */
declare(strict_types=1);

use ShmTable\Table;
use Workerman\Connection\TcpConnection;
use Workerman\Protocols\Http\Request;
use Workerman\Protocols\Http\Response;
use Workerman\Timer;
use Workerman\Worker;

require __DIR__ . '/autoload.php';

$port = (int) (getenv('PORT') ?: 8080);
$workers = (int) (getenv('WORKERS') ?: 4);
$limit = (int) (getenv('LIMIT') ?: 1000);
$window = (int) (getenv('WINDOW') ?: 60);
$runDir = getenv('RUN_DIR') ?: sys_get_temp_dir();

// The tables: here, at the top of the start file, before Worker::runAll().
// The master runs this; every worker it forks, and every worker it forks
// again to replace one that died or was reloaded, inherits the same shared
// memory. `php start.php stop|reload|status` run this file too, only to
// signal the running master: they need no table, and skip making one.
$serving = in_array($argv[1] ?? '', ['start', 'restart'], true);
$stats = $procs = $limits = null;
if ($serving) {
    // One row per worker, keyed by Workerman's worker id (0..count-1),
    // which a replacement worker takes over: WORKERS rows whatever the
    // number of restarts. The columns of a row change together (incr()
    // with an array), so they always agree: requests = ok + limited + busy.
    $stats = new Table(64);
    $stats->column('requests', Table::TYPE_INT);
    $stats->column('ok', Table::TYPE_INT);
    $stats->column('limited', Table::TYPE_INT);
    $stats->column('busy', Table::TYPE_INT);
    $stats->column('bytes', Table::TYPE_INT);
    $stats->create();
    // One row per live worker process, keyed by pid: deleted by the master
    // when the process exits (Worker::$onWorkerExit), or they would pile up.
    $procs = new Table(64);
    $procs->column('worker', Table::TYPE_INT);
    $procs->column('requests', Table::TYPE_INT);
    $procs->create();
    // The rate limiter: one row per client and window ("client|window"),
    // swept when the window is over.
    $limits = new Table(100000);
    $limits->column('n', Table::TYPE_INT);
    $limits->create();
}

Worker::$pidFile = "$runDir/shmtable-workerman.$port.pid";
Worker::$statusFile = "$runDir/shmtable-workerman.$port.status";
Worker::$logFile = "$runDir/shmtable-workerman.$port.log";

$http = new Worker("http://127.0.0.1:$port");
$http->count = $workers;
$http->name = 'shmtable-demo';

$http->onWorkerStart = static function (Worker $worker) use ($procs, $limits, $window): void {
    $procs->set((string) posix_getpid(), ['worker' => $worker->id]);
    if ($worker->id === 0) {
        // One worker sweeps the rate limiter's past windows.
        Timer::add(max(1, intdiv($window, 4)), static function () use ($limits, $window): void {
            $now = intdiv(time(), $window);
            foreach ($limits as $key => $row) {
                if ((int) substr($key, strrpos($key, '|') + 1) < $now) {
                    $limits->del($key);
                }
            }
        });
    }
};

// In the master: a worker process ended (killed, crashed, reloaded or
// stopped). Its pid is never used again by Workerman.
Worker::$onWorkerExit = static function (Worker $worker, int $status, int $pid) use ($procs): void {
    $procs?->del((string) $pid);
};

$http->onMessage = static function (TcpConnection $connection, Request $request) use (
    $http, $stats, $procs, $limits, $limit, $window
): void {
    if ($request->path() === '/stats') {
        $connection->send(new Response(200, ['Content-Type' => 'application/json'],
            json_encode(stats_of($stats, $procs, $limits)) . "\n"));
        return;
    }
    $me = 'w' . $http->id;
    $client = $request->header('x-client') ?? $connection->getRemoteIp();
    try {
        $procs->incr((string) posix_getpid(), 'requests');
        $n = $limits->incr($client . '|' . intdiv(time(), $window), 'n');
        if ($n > $limit) {
            $stats->incr($me, ['requests' => 1, 'limited' => 1]);
            $connection->send(new Response(429, ['Retry-After' => (string) $window], "slow down\n"));
            return;
        }
        $body = 'hello from worker ' . $http->id . ' for ' . $request->path() . "\n";
        $stats->incr($me, ['requests' => 1, 'ok' => 1, 'bytes' => strlen($body)]);
        $connection->send(new Response(200, [], $body));
    } catch (ShmTable\FullException) {
        // An exception that leaves onMessage makes Workerman stop the
        // worker: answer instead. (The limiter is full: too many clients
        // in one window for its size.)
        $stats->incr($me, ['requests' => 1, 'busy' => 1]);
        $connection->send(new Response(503, ['Retry-After' => '1'], "busy\n"));
    }
};

function stats_of(Table $stats, Table $procs, Table $limits): array
{
    $total = ['requests' => 0, 'ok' => 0, 'limited' => 0, 'busy' => 0, 'bytes' => 0];
    $workers = [];
    foreach ($stats as $key => $row) {
        $workers[$key] = $row;
        foreach ($row as $col => $v) {
            $total[$col] += $v;
        }
    }
    ksort($workers);
    return [
        'total' => $total,
        'workers' => $workers,
        'processes' => iterator_to_array($procs),
        'limiter_rows' => count($limits),
        'lock_recoveries' => $stats->stats()['lock_recoveries'] + $procs->stats()['lock_recoveries']
            + $limits->stats()['lock_recoveries'],
    ];
}

Worker::runAll();
