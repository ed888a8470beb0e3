<?php
/*
 * prefork_http_counter.php - a pre-fork HTTP server whose workers count
 * requests in ShmTable\Table, checked against the traffic that was sent.
 *
 * The master creates the tables, opens one listening socket on 127.0.0.1
 * (an ephemeral port) and forks the workers; every worker accepts on the
 * same socket and, for each request, increments counters per client address
 * and per path with Table::incr(). The master then forks clients, each
 * bound to its own loopback source address (127.0.0.1, 127.0.0.2, ...), that
 * send a burst of HTTP/1.0 requests. Once every client is done, the master
 * reads the shared tables, prints the counts, and checks that not a single
 * request was lost: the totals must equal what the clients sent. Then it
 * stops the workers with SIGTERM (each finishes the request it is serving)
 * and waits for all of them.
 *
 *   php -d extension=modules/shmtable.so examples/prefork_http_counter.php \
 *       [--workers=4] [--clients=4] [--requests=500]
 *
 * Exit status: 0 when every count matches, 1 when one does not or a process
 * failed, 2 when the watchdog had to stop a run that took too long.
 * Only loopback addresses are used.
 */
declare(strict_types=1);

use ShmTable\Table;

const PATHS = ['/', '/index.html', '/api/users', '/api/orders', '/static/app.js'];
const WATCHDOG_SECONDS = 60;
const IO_TIMEOUT_SECONDS = 5;

foreach (['shmtable', 'pcntl', 'posix'] as $ext) {
    if (!extension_loaded($ext)) {
        fwrite(STDERR, "This demo needs the $ext extension"
            . ($ext === 'shmtable' ? ' (php -d extension=/path/to/shmtable.so ...)' : '') . ".\n");
        exit(1);
    }
}

$opt = getopt('', ['workers:', 'clients:', 'requests:', 'help']);
if (isset($opt['help'])) {
    echo "usage: php prefork_http_counter.php [--workers=4] [--clients=4] [--requests=500]\n";
    exit(0);
}
$nWorkers = (int) ($opt['workers'] ?? 4);
$nClients = (int) ($opt['clients'] ?? 4);
$nRequests = (int) ($opt['requests'] ?? 500);
if ($nWorkers < 1 || $nWorkers > 64 || $nClients < 1 || $nClients > 250 || $nRequests < 1 || $nRequests > 100000) {
    fwrite(STDERR, "workers must be 1..64, clients 1..250 (one loopback address each), requests 1..100000\n");
    exit(1);
}

/* ---- shared state: created before the first fork ------------------------ */

function counterTable(int $rows): Table
{
    $t = new Table($rows);
    $t->column('hits', Table::TYPE_INT);
    $t->column('bytes', Table::TYPE_INT);
    $t->column('last', Table::TYPE_FLOAT);
    $t->create();
    return $t;
}

$byClient = counterTable(256);          // key: client IP address
$byPath = counterTable(64);             // key: request path
$byWorker = counterTable(64);           // key: worker number

$ctx = stream_context_create(['socket' => ['backlog' => 512]]);
$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr,
    STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $ctx);
if ($server === false) {
    fwrite(STDERR, "cannot listen on 127.0.0.1: $errstr ($errno)\n");
    exit(1);
}
// Non-blocking: when several workers wake for one connection, the losers get
// EAGAIN from accept() instead of blocking in it, and so see SIGTERM in time.
stream_set_blocking($server, false);
$address = stream_socket_get_name($server, false);     // "127.0.0.1:PORT"
$port = (int) substr($address, strrpos($address, ':') + 1);

/* ---- watchdog: nothing here may run forever ----------------------------- */

$children = [];   // pid => "worker 1" | "client 127.0.0.2"

pcntl_async_signals(true);
// restart_syscalls = false: a blocking pcntl_waitpid() returns, so the
// handler runs even while the master is waiting for a stuck child.
pcntl_signal(SIGALRM, function () use (&$children): void {
    fwrite(STDERR, sprintf("watchdog: still running after %d s; killing %d child process(es)\n",
        WATCHDOG_SECONDS, count($children)));
    foreach (array_keys($children) as $pid) {
        posix_kill($pid, SIGKILL);
    }
    foreach (array_keys($children) as $pid) {
        pcntl_waitpid($pid, $status);
    }
    exit(2);
}, false);
pcntl_alarm(WATCHDOG_SECONDS);

/** Fork; the child runs $body and exits with its return value. */
function spawn(string $name, callable $body, array &$children): int
{
    $pid = pcntl_fork();
    if ($pid === -1) {
        fwrite(STDERR, "fork failed for $name\n");
        foreach (array_keys($children) as $p) {
            posix_kill($p, SIGKILL);
        }
        exit(1);
    }
    if ($pid === 0) {
        $children = [];
        pcntl_signal(SIGALRM, SIG_DFL);
        pcntl_alarm(WATCHDOG_SECONDS + 5);   // a child outliving the master's watchdog dies too
        exit($body());
    }
    $children[$pid] = $name;
    return $pid;
}

/** Wait for the given children; returns the names of those that failed. */
function reap(array $pids, array &$children): array
{
    $failed = [];
    foreach ($pids as $pid) {
        while (($r = pcntl_waitpid($pid, $status)) === -1 && pcntl_get_last_error() === PCNTL_EINTR) {
        }
        $name = $children[$pid] ?? "pid $pid";
        unset($children[$pid]);
        if ($r !== $pid) {
            $failed[] = "$name (lost)";
        } elseif (pcntl_wifsignaled($status)) {
            $failed[] = "$name (killed by signal " . pcntl_wtermsig($status) . ')';
        } elseif (pcntl_wexitstatus($status) !== 0) {
            $failed[] = "$name (exit status " . pcntl_wexitstatus($status) . ')';
        }
    }
    return $failed;
}

/* ---- workers ------------------------------------------------------------ */

function worker(int $id, $server, Table $byClient, Table $byPath, Table $byWorker): int
{
    $stop = false;
    pcntl_signal(SIGTERM, function () use (&$stop): void {
        $stop = true;          // finish the request in hand, then leave the loop
    });
    $master = posix_getppid();

    while (!$stop && posix_getppid() === $master) {
        $conn = @stream_socket_accept($server, 0.2, $peer);
        if ($conn === false) {
            continue;           // timeout, EAGAIN (another worker took it) or EINTR
        }
        stream_set_blocking($conn, true);
        stream_set_timeout($conn, IO_TIMEOUT_SECONDS);

        $requestLine = fgets($conn, 8192);
        while (($line = fgets($conn, 8192)) !== false && rtrim($line, "\r\n") !== '') {
            // headers: not needed here
        }
        if ($requestLine === false || !preg_match('#^GET (/\S*) HTTP/1\.[01]\r?\n$#', $requestLine, $m)) {
            fwrite($conn, "HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            fclose($conn);
            continue;
        }
        $path = $m[1];
        $body = "worker $id served $path\n";
        $response = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " . strlen($body)
            . "\r\nConnection: close\r\n\r\n" . $body;

        // Count before answering, so that a client that has its answer
        // finds its request counted. No update is lost, whatever the number
        // of workers incrementing the same row at the same moment.
        $ip = substr($peer, 0, strrpos($peer, ':'));
        $now = microtime(true);
        $bytes = strlen($response);
        try {
            foreach ([[$byClient, $ip], [$byPath, $path], [$byWorker, "worker $id"]] as [$table, $key]) {
                $table->incr($key, 'hits');
                $table->incr($key, 'bytes', $bytes);
                $table->set($key, ['last' => $now]);
            }
        } catch (ShmTable\FullException $e) {
            // A stranger on the loopback asking for many other paths: the
            // table refuses a new key instead of dropping a count silently.
            fwrite(STDERR, "worker $id: not counted: {$e->getMessage()}\n");
        }

        fwrite($conn, $response);
        fclose($conn);
    }
    return 0;
}

$workers = [];
for ($w = 1; $w <= $nWorkers; $w++) {
    $workers[] = spawn("worker $w",
        fn () => worker($w, $server, $byClient, $byPath, $byWorker), $children);
}
printf("master %d: listening on %s, %d workers, %d clients x %d requests\n",
    getmypid(), $address, $nWorkers, $nClients, $nRequests);

/* ---- clients ------------------------------------------------------------ */

function client(string $sourceIp, int $port, int $n): int
{
    $ctx = stream_context_create(['socket' => ['bindto' => "$sourceIp:0"]]);
    for ($i = 0; $i < $n; $i++) {
        $path = PATHS[$i % count(PATHS)];
        $fp = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr,
            IO_TIMEOUT_SECONDS, STREAM_CLIENT_CONNECT, $ctx);
        if ($fp === false) {
            fwrite(STDERR, "client $sourceIp: request $i: connect failed: $errstr ($errno)\n");
            return 1;
        }
        stream_set_timeout($fp, IO_TIMEOUT_SECONDS);
        fwrite($fp, "GET $path HTTP/1.0\r\nHost: 127.0.0.1:$port\r\nUser-Agent: shmtable-demo\r\n\r\n");
        $response = stream_get_contents($fp);
        fclose($fp);
        if ($response === false || !str_starts_with($response, 'HTTP/1.0 200 ')
            || !str_ends_with($response, " served $path\n")) {
            fwrite(STDERR, "client $sourceIp: request $i for $path: bad response: "
                . json_encode(substr((string) $response, 0, 80)) . "\n");
            return 1;
        }
    }
    return 0;
}

$started = microtime(true);
$clients = [];
$expectedByClient = [];
$expectedByPath = array_fill_keys(PATHS, 0);
for ($c = 1; $c <= $nClients; $c++) {
    $ip = "127.0.0.$c";
    $expectedByClient[$ip] = $nRequests;
    for ($i = 0; $i < $nRequests; $i++) {
        $expectedByPath[PATHS[$i % count(PATHS)]]++;
    }
    $clients[] = spawn("client $ip", fn () => client($ip, $port, $nRequests), $children);
}
$failed = reap($clients, $children);
$elapsed = microtime(true) - $started;
$total = $nClients * $nRequests;
printf("%d requests in %.2f s (%.0f requests/s)\n\n", $total, $elapsed, $total / max($elapsed, 1e-9));

/* ---- read the shared tables in the master and check them --------------- */

function report(string $title, Table $table): array
{
    $rows = [];
    foreach ($table as $key => $row) {
        $rows[$key] = $row;
    }
    ksort($rows, SORT_NATURAL);
    printf("%-16s %8s %10s  %s\n", $title, 'hits', 'bytes', 'last');
    $sum = ['hits' => 0, 'bytes' => 0];
    foreach ($rows as $key => $row) {
        $last = DateTime::createFromFormat('U.u', sprintf('%.6F', $row['last']));
        $last = $last ? $last->setTimezone(new DateTimeZone(date_default_timezone_get()))->format('H:i:s.v') : '-';
        printf("%-16s %8d %10d  %s\n", $key, $row['hits'], $row['bytes'], $last);
        $sum['hits'] += $row['hits'];
        $sum['bytes'] += $row['bytes'];
    }
    printf("%-16s %8d %10d\n\n", 'total', $sum['hits'], $sum['bytes']);
    return [$rows, $sum];
}

[$clientRows, $clientSum] = report('client', $byClient);
[$pathRows, $pathSum] = report('path', $byPath);
[, $workerSum] = report('worker', $byWorker);

$problems = [];
foreach ($failed as $name) {
    $problems[] = "$name failed";
}
foreach ($expectedByClient as $ip => $n) {
    $got = $clientRows[$ip]['hits'] ?? 0;
    if ($got !== $n) {
        $problems[] = "client $ip: sent $n requests, counted $got";
    }
}
foreach ($expectedByPath as $path => $n) {
    $got = $pathRows[$path]['hits'] ?? 0;
    if ($got !== $n) {
        $problems[] = "path $path: requested $n times, counted $got";
    }
}
foreach (['client' => $clientSum, 'path' => $pathSum, 'worker' => $workerSum] as $what => $sum) {
    if ($sum['hits'] !== $total) {
        $problems[] = "$what table: $total requests sent, {$sum['hits']} counted";
    }
    if ($sum['bytes'] !== $clientSum['bytes']) {
        $problems[] = "$what table counts {$sum['bytes']} bytes, client table {$clientSum['bytes']}";
    }
}
if (count($clientRows) !== $nClients || count($pathRows) !== count(PATHS)) {
    $problems[] = sprintf('expected %d clients and %d paths, found %d and %d',
        $nClients, count(PATHS), count($clientRows), count($pathRows));
}

/* ---- shut the workers down --------------------------------------------- */

foreach ($workers as $pid) {
    posix_kill($pid, SIGTERM);
}
foreach (reap($workers, $children) as $name) {
    $problems[] = "$name did not stop cleanly";
}
pcntl_alarm(0);
fclose($server);

if ($problems) {
    fwrite(STDERR, "FAILED:\n  " . implode("\n  ", $problems) . "\n");
    exit(1);
}
printf("ok: %d requests sent, %d counted per client, per path and per worker; %d workers stopped\n",
    $total, $total, count($workers));
exit(0);
