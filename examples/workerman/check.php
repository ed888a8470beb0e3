<?php
/*
 * examples/workerman/check.php - start start.php under Workerman, load it
 * with concurrent keep-alive clients while SIGKILLing a worker every few
 * milliseconds, and check the shared table against what the clients saw:
 *
 *   - every worker row's columns agree (requests = ok + limited + busy): a
 *     worker killed in the middle of a request never leaves them apart;
 *   - the table counts every response a client got (200s and 429s), and at
 *     most one more per request that got no answer (a worker killed after
 *     counting, before its answer left): counted - answered <= failed;
 *   - no client got more 200s than the limit;
 *   - one row per live process (the rows of killed workers are deleted by
 *     the master), however many were killed;
 *   - `php start.php reload` replaces every worker and keeps every row;
 *   - `php start.php stop` stops the server.
 *
 *   WORKERMAN_DIR=... [WORKERMAN_COROUTINE_DIR=...] php check.php --extension=/path/shmtable.so
 *       [--port=18080] [--workers=4] [--clients=8] [--requests=4000] [--kill-every=200]
 *
 * --requests is per client; --kill-every is in milliseconds (0: no kills).
 * Needs pcntl and posix. Exit status 0 when every check holds.
 */
declare(strict_types=1);

$opt = getopt('', ['extension:', 'port:', 'workers:', 'clients:', 'requests:', 'kill-every:']);
$ext = $opt['extension'] ?? '';
$port = (int) ($opt['port'] ?? 18080);
$nWorkers = (int) ($opt['workers'] ?? 4);
$nClients = (int) ($opt['clients'] ?? 8);
$nRequests = (int) ($opt['requests'] ?? 4000);
$killEvery = (int) ($opt['kill-every'] ?? 200);
$limit = intdiv($nRequests * 9, 10);   // each client ends up past its limit
$runDir = sys_get_temp_dir() . '/shmtable-wm-check-' . getmypid();
@mkdir($runDir);
$failures = 0;

function check(bool $ok, string $what): void
{
    global $failures;
    echo ($ok ? 'ok: ' : 'FAIL: '), $what, "\n";
    $failures += $ok ? 0 : 1;
}

/** Run start.php with a command; for `start`, in the background. */
function server(string $command, bool $background = false)
{
    global $ext, $port, $nWorkers, $limit, $runDir;
    $cmd = [PHP_BINARY];
    if ($ext !== '') {
        array_push($cmd, '-d', "extension=$ext");
    }
    array_push($cmd, __DIR__ . '/start.php', ...explode(' ', $command));
    $env = getenv() + ['PORT' => (string) $port, 'WORKERS' => (string) $nWorkers,
        'LIMIT' => (string) $limit, 'WINDOW' => '3600', 'RUN_DIR' => $runDir];
    $env['PORT'] = (string) $port;
    $env['RUN_DIR'] = $runDir;
    $log = fopen("$runDir/server.out", 'a');
    $p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => $log, 2 => $log], $pipes, null, $env);
    if ($background) {
        return $p;
    }
    return proc_close($p);
}

/** One HTTP/1.1 request on a keep-alive connection: [status, body], or null. */
function request(&$sock, string $path, string $client): ?array
{
    global $port;
    if ($sock === null) {
        $sock = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 5);
        if ($sock === false) {
            $sock = null;
            return null;
        }
        stream_set_timeout($sock, 10);
    }
    $req = "GET $path HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Client: $client\r\n\r\n";
    if (@fwrite($sock, $req) !== strlen($req)) {
        $sock = null;
        return null;
    }
    $head = '';
    while (!str_contains($head, "\r\n\r\n")) {
        $line = fgets($sock);
        if ($line === false) {
            $sock = null;
            return null;
        }
        $head .= $line;
    }
    if (!preg_match('#^HTTP/1\.1 (\d{3})#', $head, $m) || !preg_match('/Content-Length: (\d+)/i', $head, $l)) {
        $sock = null;
        return null;
    }
    $body = $l[1] > 0 ? stream_get_contents($sock, (int) $l[1]) : '';
    if ($body === false || strlen($body) !== (int) $l[1]) {
        $sock = null;
        return null;
    }
    return [(int) $m[1], $body];
}

function stats(): ?array
{
    $sock = null;
    $r = request($sock, '/stats', 'check');
    return $r === null || $r[0] !== 200 ? null : json_decode($r[1], true);
}

function worker_pids(int $master): array
{
    $f = "/proc/$master/task/$master/children";
    return is_readable($f) ? array_map('intval', preg_split('/\s+/', trim(file_get_contents($f)), -1, PREG_SPLIT_NO_EMPTY)) : [];
}

function wait_until(callable $cond, float $seconds): bool
{
    $end = microtime(true) + $seconds;
    while (microtime(true) < $end) {
        if ($cond()) {
            return true;
        }
        usleep(50000);
    }
    return $cond();
}

// ---- start ------------------------------------------------------------------
$proc = server('start', true);
if (!wait_until(static fn () => stats() !== null, 15)) {
    echo file_get_contents("$runDir/server.out");
    fwrite(STDERR, "FAIL: the server did not answer on port $port\n");
    exit(1);
}
$master = (int) file_get_contents("$runDir/shmtable-workerman.$port.pid");
echo "server up: master $master, workers ", implode(' ', worker_pids($master)), "\n";

// ---- load, with kills -----------------------------------------------------------
$t0 = microtime(true);
$clients = [];
for ($c = 0; $c < $nClients; $c++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        $got = [200 => 0, 429 => 0, 503 => 0, 'other' => 0, 'failed' => 0];
        $sock = null;
        for ($i = 0; $i < $nRequests; $i++) {
            $r = request($sock, '/item/' . ($i % 50), "client$c");
            if ($r === null) {
                $got['failed']++;
            } elseif (isset($got[$r[0]])) {
                $got[$r[0]]++;
            } else {
                $got['other']++;
            }
        }
        file_put_contents("$runDir/client$c.json", json_encode($got));
        exit(0);
    }
    $clients[$pid] = true;
}
$kills = 0;
mt_srand(19);
while ($clients) {
    while (($pid = pcntl_waitpid(-1, $status, WNOHANG)) > 0) {
        unset($clients[$pid]);
    }
    if (!$clients) {
        break;
    }
    usleep($killEvery > 0 ? $killEvery * 1000 : 100000);
    $pids = worker_pids($master);
    if ($killEvery > 0 && $pids) {
        posix_kill($pids[mt_rand(0, count($pids) - 1)], SIGKILL);
        $kills++;
    }
}
$secs = microtime(true) - $t0;
$seen = [200 => 0, 429 => 0, 503 => 0, 'other' => 0, 'failed' => 0];
$max200 = 0;
for ($c = 0; $c < $nClients; $c++) {
    $got = json_decode((string) @file_get_contents("$runDir/client$c.json"), true) ?: [];
    foreach ($seen as $k => $_) {
        $seen[$k] += $got[$k] ?? 0;
    }
    $max200 = max($max200, $got[200] ?? 0);
}
$sent = $nClients * $nRequests;
printf("load: %d requests from %d clients in %.1f s, %d workers SIGKILLed; answers: %d x 200, %d x 429, "
    . "%d x 503, %d other, %d failed (no answer)\n",
    $sent, $nClients, $secs, $kills, $seen[200], $seen[429], $seen[503], $seen['other'], $seen['failed']);

// The master replaces the killed workers; their pid rows go.
$s = null;
$settled = wait_until(static function () use (&$s, $nWorkers, $master): bool {
    $s = stats();
    return $s !== null && count($s['processes']) === $nWorkers && count(worker_pids($master)) === $nWorkers;
}, 10);
$s ??= stats();
$tot = $s['total'];
printf("table: requests %d = ok %d + limited %d + busy %d; lock recoveries %d\n",
    $tot['requests'], $tot['ok'], $tot['limited'], $tot['busy'], $s['lock_recoveries']);
$agree = true;
foreach ($s['workers'] as $key => $row) {
    $agree = $agree && $row['requests'] === $row['ok'] + $row['limited'] + $row['busy'];
}
check($agree && count($s['workers']) <= $nWorkers,
    'every worker row agrees with itself (requests = ok + limited + busy), ' . count($s['workers']) . ' rows');
$answered = $seen[200] + $seen[429] + $seen[503];
check($tot['ok'] >= $seen[200] && $tot['limited'] >= $seen[429] && $tot['busy'] >= $seen[503]
    && $tot['requests'] - $answered <= $seen['failed'],
    "the table counts every answer: ok {$tot['ok']} vs {$seen[200]} x 200, limited {$tot['limited']} vs "
    . "{$seen[429]} x 429; counted but unanswered: " . ($tot['requests'] - $answered)
    . " (at most the {$seen['failed']} requests without an answer)");
echo $tot['requests'] === $answered ? "exact: table total = answers received\n"
    : "not exact: " . ($tot['requests'] - $answered) . " counted requests whose answer was lost to a kill\n";
check($seen['other'] === 0 && $seen[503] === 0, 'no answer other than 200 and 429');
check($max200 <= $limit, "no client got more than the limit ($limit) of 200s (most: $max200)");
check($settled, "one row per live worker process after $kills kills (rows: " . count($s['processes']) . ')');

// ---- reload -----------------------------------------------------------------------
$before = worker_pids($master);
server('reload');
$reloaded = wait_until(static fn () => count(worker_pids($master)) === $nWorkers
    && !array_intersect(worker_pids($master), $before) && stats() !== null, 20);
$after = null;
$kept = wait_until(static function () use (&$after, $nWorkers): bool {
    $after = stats();
    return $after !== null && count($after['processes']) === $nWorkers;
}, 10);
check($reloaded && $kept && $after['total'] === $tot,
    'reload replaced every worker (' . implode(' ', worker_pids($master)) . ') and kept every row: '
    . json_encode($after['total'] ?? null) . ', ' . count($after['processes'] ?? []) . ' process rows');

// ---- stop -------------------------------------------------------------------------
$rc = server('stop');
$stopped = wait_until(static fn () => !proc_get_status($proc)['running'], 10);  // reaped, not a zombie
check($rc === 0 && $stopped, "stop: exit $rc, master gone");
proc_close($proc);
foreach (glob("$runDir/*") as $f) {
    if ($failures === 0) {
        unlink($f);
    }
}
$failures === 0 && rmdir($runDir);
echo $failures === 0 ? "all checks passed\n" : "$failures checks failed (server output: $runDir/server.out)\n";
exit($failures === 0 ? 0 : 1);
