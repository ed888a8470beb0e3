<?php
/*
 * rate_limit_server.php - a pre-fork HTTP server whose workers share one
 * rate limiter in a ShmTable\Table: at most --limit requests per client IP
 * in each fixed window of --window seconds, counted across every worker.
 * Past the limit a client gets 429 Too Many Requests with Retry-After.
 *
 *   php -d extension=modules/shmtable.so examples/rate_limit_server.php \
 *       [--port=8080] [--workers=4] [--limit=100] [--window=60] [--max-clients=10000]
 *
 *   curl -i http://127.0.0.1:8080/            200, or 429 past the limit
 *   curl http://127.0.0.1:8080/stats          JSON: per client allowed/refused, per worker served,
 *                                             counter rows held now
 *
 * Stop it with Ctrl-C or SIGTERM: the master stops the workers (each finishes
 * the request in hand) and exits 0. --port=0 lets the kernel pick a port; the
 * first line printed names it. examples/rate_limit_check.php drives it with
 * real HTTP traffic from several loopback addresses and checks the counts.
 *
 * How the limit stays exact: the counter of a client is the row "IP", and
 * each request takes its number with incr(..., ttl: --window), which is
 * atomic across processes. The ttl applies only when the call creates the
 * row: the client's first request opens its window, and the row expires
 * --window seconds later, whatever comes after. Exactly --limit requests
 * of a window get a number <= --limit, however many workers serve that
 * client at the same moment. No read-then-write race, no lock in PHP, no
 * reset and no sweep: an expired row is absent at once (the next incr()
 * starts from 1), and an insert into a full table takes the place of an
 * expired row, so the table never fills with old counters.
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

$opt = getopt('', ['port:', 'host:', 'workers:', 'limit:', 'window:', 'max-clients:', 'help']);
if (isset($opt['help'])) {
    echo "usage: php rate_limit_server.php [--port=8080] [--host=127.0.0.1] [--workers=4] [--limit=100] [--window=60] [--max-clients=10000]\n";
    exit(0);
}
$host = (string) ($opt['host'] ?? '127.0.0.1');
$port = (int) ($opt['port'] ?? 8080);
$nWorkers = (int) ($opt['workers'] ?? 4);
$limit = (int) ($opt['limit'] ?? 100);
$window = (int) ($opt['window'] ?? 60);
$maxClients = (int) ($opt['max-clients'] ?? 10000);
if ($port < 0 || $port > 65535 || $nWorkers < 1 || $nWorkers > 64 || $limit < 1 || $window < 1
    || $maxClients < 1 || $maxClients > 10_000_000) {
    fwrite(STDERR, "port 0..65535, workers 1..64, limit >= 1, window >= 1 s, max-clients 1..10000000\n");
    exit(1);
}

/* ---- shared state: created before the first fork ------------------------ */

// One counter row per client, key "IP", expiring with its window.
$counters = new Table($maxClients, max_key_length: 64);
$counters->column('n', Table::TYPE_INT);          // requests numbered so far in this window
$counters->create();

// Totals for /stats, per client since the start.
$clients = new Table($maxClients, max_key_length: 45);   // an IPv6 address in text is at most 45 bytes
$clients->column('allowed', Table::TYPE_INT);
$clients->column('refused', Table::TYPE_INT);
$clients->column('last', Table::TYPE_FLOAT);
$clients->create();

$workersTable = new Table(64);
$workersTable->column('pid', Table::TYPE_INT);
$workersTable->column('served', Table::TYPE_INT);
$workersTable->create();

$started = microtime(true);

$server = @stream_socket_server("tcp://$host:$port", $errno, $errstr,
    STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['socket' => ['backlog' => 1024, 'so_reuseport' => false]]));
if ($server === false) {
    fwrite(STDERR, "cannot listen on $host:$port: $errstr ($errno)\n");
    exit(1);
}
stream_set_blocking($server, false);   // several workers wake per connection; losers get EAGAIN
$address = stream_socket_get_name($server, false);

/* ---- a worker ------------------------------------------------------------ */

function respond($conn, int $status, string $reason, string $body, array $headers = []): void
{
    $head = "HTTP/1.0 $status $reason\r\nContent-Type: "
        . (str_starts_with($body, '{') ? 'application/json' : 'text/plain')
        . "\r\nContent-Length: " . strlen($body) . "\r\nConnection: close\r\n";
    foreach ($headers as $k => $v) {
        $head .= "$k: $v\r\n";
    }
    fwrite($conn, "$head\r\n$body");
}

function stats_json(Table $counters, Table $clients, Table $workers, int $limit, int $window, float $started): string
{
    $c = [];
    foreach ($clients as $ip => $row) {
        $c[$ip] = ['allowed' => $row['allowed'], 'refused' => $row['refused']];
    }
    ksort($c, SORT_NATURAL);
    $w = [];
    foreach ($workers as $id => $row) {
        $w[$id] = $row['served'];
    }
    ksort($w, SORT_NATURAL);
    $elapsed = microtime(true) - $started;
    return json_encode([
        'limit' => $limit,
        'window_seconds' => $window,
        'uptime' => round($elapsed, 1),
        'clients' => $c,
        'workers' => $w,
        'counter_rows' => count($counters),    // clients with a window open (expired rows not yet reused count too)
    ], JSON_PRETTY_PRINT) . "\n";
}

function worker(int $id, $server, Table $counters, Table $clients, Table $workers,
    int $limit, int $window, float $started): int
{
    $stop = false;
    pcntl_signal(SIGTERM, function () use (&$stop): void { $stop = true; });
    pcntl_signal(SIGINT, SIG_IGN);     // Ctrl-C reaches the master, which stops us
    $master = posix_getppid();
    $workers->set("worker $id", ['pid' => getmypid()]);

    while (!$stop && posix_getppid() === $master) {
        $conn = @stream_socket_accept($server, 0.2, $peer);
        if ($conn === false) {
            continue;
        }
        stream_set_blocking($conn, true);
        stream_set_timeout($conn, 5);
        $requestLine = (string) fgets($conn, 8192);
        while (($line = fgets($conn, 8192)) !== false && rtrim($line, "\r\n") !== '') {
        }
        if (!preg_match('#^GET (/\S*) HTTP/1\.[01]\r?\n$#', $requestLine, $m)) {
            respond($conn, 400, 'Bad Request', "bad request\n");
            fclose($conn);
            continue;
        }
        $path = $m[1];
        $ip = substr($peer, 0, strrpos($peer, ':'));
        $workers->incr("worker $id", 'served');

        if ($path === '/stats') {       // not rate limited: an operator's page
            respond($conn, 200, 'OK', stats_json($counters, $clients, $workers, $limit, $window, $started));
            fclose($conn);
            continue;
        }

        try {
            // The request's number in this client's window: atomic across
            // workers; the first request of a window opens it for $window s.
            $n = $counters->incr($ip, 'n', 1, ttl: $window);
            $left = $counters->ttl($ip);          // false if it expired just now
            $resetIn = max(1, (int) ceil($left === false ? 0 : $left));
            $allowed = $n <= $limit;
            $clients->incr($ip, $allowed ? 'allowed' : 'refused');
            $clients->set($ip, ['last' => microtime(true)]);
        } catch (ShmTable\FullException $e) {
            // More distinct clients than --max-clients in one window: refuse
            // (fail closed) rather than let them through uncounted.
            respond($conn, 503, 'Service Unavailable', "rate limiter full\n", ['Retry-After' => '1']);
            fclose($conn);
            continue;
        }
        $headers = [
            'X-RateLimit-Limit' => (string) $limit,
            'X-RateLimit-Remaining' => (string) max(0, $limit - $n),
            'X-RateLimit-Reset' => (string) $resetIn,
        ];
        if ($allowed) {
            respond($conn, 200, 'OK', "hello $ip, request $n of $limit in this window (worker $id)\n", $headers);
        } else {
            respond($conn, 429, 'Too Many Requests', "limit of $limit requests per {$window} s reached\n",
                $headers + ['Retry-After' => (string) $resetIn]);
        }
        fclose($conn);
    }
    return 0;
}

/* ---- the master ------------------------------------------------------------ */

pcntl_async_signals(true);
$pids = [];
for ($w = 1; $w <= $nWorkers; $w++) {
    $pid = pcntl_fork();
    if ($pid === -1) {
        fwrite(STDERR, "fork failed\n");
        foreach ($pids as $p) {
            posix_kill($p, SIGTERM);
        }
        exit(1);
    }
    if ($pid === 0) {
        exit(worker($w, $server, $counters, $clients, $workersTable, $limit, $window, $started));
    }
    $pids[] = $pid;
}
printf("listening on http://%s/ with %d workers: %d requests per client per %d s (pid %d)\n",
    $address, $nWorkers, $limit, $window, getmypid());

$stop = false;
foreach ([SIGTERM, SIGINT] as $sig) {
    pcntl_signal($sig, function () use (&$stop): void { $stop = true; });
}
while (!$stop) {
    // Nothing to sweep: counters expire by themselves. A worker that died (it should not) is a failure of the whole server.
    $r = pcntl_waitpid(-1, $status, WNOHANG);
    if ($r > 0) {
        fwrite(STDERR, "worker pid $r exited unexpectedly\n");
        $pids = array_values(array_diff($pids, [$r]));
        $stop = true;
        $failed = true;
        break;
    }
    usleep(1_000_000);
}
foreach ($pids as $pid) {
    posix_kill($pid, SIGTERM);
}
foreach ($pids as $pid) {
    pcntl_waitpid($pid, $status);
}
echo "stopped\n";
exit(isset($failed) ? 1 : 0);
