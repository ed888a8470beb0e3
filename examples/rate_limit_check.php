<?php
/*
 * rate_limit_check.php - drive examples/rate_limit_server.php with real HTTP
 * traffic from several client addresses at once and check that the limit
 * held exactly, across all of the server's workers.
 *
 *   php examples/rate_limit_check.php --port=PORT [--clients=4] [--requests=250]
 *       [--procs=2] [--limit=100]
 *
 * Each client is one loopback source address (127.0.0.10, 127.0.0.11, ...)
 * served by --procs processes at once, so that requests of one client reach
 * different workers at the same moment. Every client sends --requests
 * requests in total, all within one window of the server (start it with a
 * window longer than this run). Expected, per client: exactly --limit answers
 * 200 and the rest 429, and /stats reporting the same numbers.
 *
 * --rollover checks the other side of a fixed window, for a server started
 * with a short --window (a few seconds): one address sends --limit + 20
 * requests right after a window starts (exactly --limit pass), waits for the
 * next window (the server's X-RateLimit-Reset says when), and sends --limit
 * again: all pass, since a new window starts from zero. Then it checks that
 * the past window's row is gone (/stats counter_rows: the row expired, and
 * the next request's incr() reclaimed it).
 *
 * This program does not need the shmtable extension: it only speaks HTTP.
 * It needs pcntl. Exit status 0 when every count is exact, 1 otherwise.
 * Only loopback addresses are used.
 */
declare(strict_types=1);

if (!extension_loaded('pcntl')) {
    fwrite(STDERR, "This program needs the pcntl extension.\n");
    exit(1);
}
$opt = getopt('', ['port:', 'clients:', 'requests:', 'procs:', 'limit:', 'rollover']);
$port = (int) ($opt['port'] ?? 0);
$nClients = (int) ($opt['clients'] ?? 4);
$nRequests = (int) ($opt['requests'] ?? 250);
$nProcs = (int) ($opt['procs'] ?? 2);
$limit = (int) ($opt['limit'] ?? 100);
if ($port < 1 || $nClients < 1 || $nClients > 200 || $nRequests < 1 || $nProcs < 1 || $nProcs > 16 || $limit < 1) {
    fwrite(STDERR, "usage: php rate_limit_check.php --port=PORT [--clients=4 (1..200)] [--requests=250] [--procs=2 (1..16)] [--limit=100]\n");
    exit(1);
}
pcntl_alarm(120);   // a watchdog: nothing here may hang a CI run

/** One HTTP/1.0 GET from $sourceIp; [status, body, headers] or [0, error, []]. */
function http_get(string $sourceIp, int $port, string $path): array
{
    $ctx = stream_context_create(['socket' => ['bindto' => "$sourceIp:0"]]);
    $fp = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 5, STREAM_CLIENT_CONNECT, $ctx);
    if ($fp === false) {
        return [0, "connect: $errstr ($errno)"];
    }
    stream_set_timeout($fp, 5);
    fwrite($fp, "GET $path HTTP/1.0\r\nHost: 127.0.0.1:$port\r\n\r\n");
    $response = (string) stream_get_contents($fp);
    fclose($fp);
    if (!preg_match('#^HTTP/1\.[01] (\d{3}) #', $response, $m)) {
        return [0, 'bad response: ' . json_encode(substr($response, 0, 60)), []];
    }
    $end = (int) strpos($response, "\r\n\r\n");
    $headers = [];
    foreach (array_slice(explode("\r\n", substr($response, 0, $end)), 1) as $line) {
        [$k, $v] = array_pad(explode(':', $line, 2), 2, '');
        $headers[strtolower(trim($k))] = trim($v);
    }
    return [(int) $m[1], (string) substr($response, $end + 4), $headers];
}

if (isset($opt['rollover'])) {
    $ip = '127.0.0.50';
    $ok = true;
    // Sleep into the next window: Retry-After/X-RateLimit-Reset is the
    // number of whole seconds (rounded up) until the current one ends.
    $toNextWindow = function () use ($ip, $port): void {
        [, , $h] = http_get($ip, $port, '/');
        usleep((int) (((int) ($h['x-ratelimit-reset'] ?? 1)) * 1e6) + 200_000);
    };
    $burst = function (int $n) use ($ip, $port): array {
        $counts = [];
        $t = microtime(true);
        for ($i = 0; $i < $n; $i++) {
            [$status] = http_get($ip, $port, '/');
            $counts[$status] = ($counts[$status] ?? 0) + 1;
        }
        return [$counts, microtime(true) - $t];
    };
    $toNextWindow();
    [$first, $t1] = $burst($limit + 20);
    printf("window 1: %d requests in %.2f s: %d x 200, %d x 429\n", $limit + 20, $t1, $first[200] ?? 0, $first[429] ?? 0);
    if (($first[200] ?? 0) !== $limit || ($first[429] ?? 0) !== 20) {
        echo "  wrong: expected $limit x 200 and 20 x 429\n";
        $ok = false;
    }
    $toNextWindow();
    [$second, $t2] = $burst($limit);
    printf("window 2: %d requests in %.2f s: %d x 200, %d x 429\n", $limit, $t2, $second[200] ?? 0, $second[429] ?? 0);
    if (($second[200] ?? 0) !== $limit) {
        echo "  wrong: a new window must start from zero: expected $limit x 200\n";
        $ok = false;
    }
    // The past window's row expired; only this window's row is left.
    [$status, $body] = http_get($ip, $port, '/stats');
    $stats = json_decode($body, true);
    $rows = $stats['counter_rows'] ?? null;
    printf("counter rows now: %s\n", json_encode($rows));
    if ($rows !== 1) {
        echo "  wrong: expected 1 counter row (this window's), past windows swept\n";
        $ok = false;
    }
    echo $ok ? "ok: a new window starts from zero, and past windows are swept\n" : "FAILED\n";
    exit($ok ? 0 : 1);
}

$dir = sys_get_temp_dir() . '/shmtable-ratelimit-' . getmypid();
@mkdir($dir);
$started = microtime(true);
$pids = [];
for ($c = 0; $c < $nClients; $c++) {
    $ip = '127.0.0.' . (10 + $c);
    for ($p = 0; $p < $nProcs; $p++) {
        // Split the client's requests over its processes.
        $n = intdiv($nRequests, $nProcs) + ($p < $nRequests % $nProcs ? 1 : 0);
        $pid = pcntl_fork();
        if ($pid === 0) {
            $counts = [];
            for ($i = 0; $i < $n; $i++) {
                [$status, $body] = http_get($ip, $port, '/');
                $counts[$status] = ($counts[$status] ?? 0) + 1;
                if ($status === 0) {
                    fwrite(STDERR, "client $ip: $body\n");
                }
            }
            file_put_contents("$dir/$ip-$p.json", json_encode($counts));
            exit(0);
        }
        $pids[] = $pid;
    }
}
$ok = true;
foreach ($pids as $pid) {
    pcntl_waitpid($pid, $status);
    if (!pcntl_wifexited($status) || pcntl_wexitstatus($status) !== 0) {
        echo "a client process failed\n";
        $ok = false;
    }
}
$elapsed = microtime(true) - $started;

$seen = [];
foreach (glob("$dir/*.json") as $f) {
    $ip = explode('-', basename($f))[0];
    foreach (json_decode((string) file_get_contents($f), true) as $status => $n) {
        $seen[$ip][$status] = ($seen[$ip][$status] ?? 0) + $n;
    }
    unlink($f);
}
@rmdir($dir);

[$status, $body] = http_get('127.0.0.1', $port, '/stats');
$stats = $status === 200 ? json_decode($body, true) : null;
if (!is_array($stats)) {
    echo "GET /stats failed: $status $body\n";
    $ok = false;
    $stats = ['clients' => [], 'workers' => []];
}

$total = $nClients * $nRequests;
printf("%d requests from %d clients x %d processes in %.2f s (%.0f requests/s)\n",
    $total, $nClients, $nProcs, $elapsed, $total / max($elapsed, 1e-9));
printf("%-12s %6s %6s %6s %8s %8s\n", 'client', 'sent', '200', '429', 'allowed', 'refused');
$sum = [200 => 0, 429 => 0];
for ($c = 0; $c < $nClients; $c++) {
    $ip = '127.0.0.' . (10 + $c);
    $s200 = $seen[$ip][200] ?? 0;
    $s429 = $seen[$ip][429] ?? 0;
    $other = array_sum($seen[$ip] ?? []) - $s200 - $s429;
    $st = $stats['clients'][$ip] ?? ['allowed' => null, 'refused' => null];
    printf("%-12s %6d %6d %6d %8s %8s%s\n", $ip, $nRequests, $s200, $s429,
        $st['allowed'] ?? '-', $st['refused'] ?? '-', $other ? "  ($other other)" : '');
    $wantOk = min($limit, $nRequests);
    if ($s200 !== $wantOk || $s429 !== $nRequests - $wantOk || $other !== 0) {
        echo "  wrong: expected $wantOk x 200 and " . ($nRequests - $wantOk) . " x 429\n";
        $ok = false;
    }
    if ($st['allowed'] !== $s200 || $st['refused'] !== $s429) {
        echo "  wrong: /stats disagrees with what the client received\n";
        $ok = false;
    }
    $sum[200] += $s200;
    $sum[429] += $s429;
}
$served = array_sum($stats['workers']);
printf("workers: %s (%d requests served, /stats included)\n",
    implode(', ', array_map(fn ($w, $n) => "$w: $n", array_keys($stats['workers']), $stats['workers'])), $served);
if ($served < $total) {
    echo "wrong: the workers served $served requests, fewer than the $total sent\n";
    $ok = false;
}
if (!$ok) {
    echo "FAILED\n";
    exit(1);
}
printf("ok: limit %d held exactly: %d x 200, %d x 429, and /stats agrees\n", $limit, $sum[200], $sum[429]);
exit(0);
