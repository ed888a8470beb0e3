<?php
/*
 * examples/eventloops/check.php - the "ReactPHP and AMPHP clusters" part of
 * docs/prefork-servers.md, run: one anonymous table created before
 * pcntl_fork(), four children that each start their own event loop and
 * listen on the same port with SO_REUSEPORT, an HTTP/1.0 client in the
 * parent. Every request is counted with one array incr() (requests and
 * bytes together) and one incr() of the worker's own row; one worker is
 * SIGKILLed half way. At the end the counted requests equal the 200
 * responses the client got, the per-worker rows add up to the total, and
 * check() passes.
 *
 *   php -d extension=modules/shmtable.so examples/eventloops/check.php \
 *       [--react=VENDOR/autoload.php] [--amp=Amp/autoload.php] [--requests=N]
 *
 * Each loop library is run when its autoloader is found (defaults: the
 * copies Debian 12 ships, see README.md) and skipped, with a line saying so,
 * otherwise. Exit status 0 when every library that ran passed.
 */

declare(strict_types=1);

use ShmTable\Table;

const WORKERS = 4;

$opt = getopt('', ['react::', 'amp::', 'requests::']);
$reactAutoload = $opt['react'] ?? '/usr/share/icingaweb2/modules/reactbundle/vendor/autoload.php';
$ampAutoload = $opt['amp'] ?? '/usr/share/php/Amp/autoload.php';
$requests = (int) ($opt['requests'] ?? 2000);

/** A port free at the moment (the children bind it with SO_REUSEPORT). */
function free_port(): int
{
    $s = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
    if ($s === false) {
        fwrite(STDERR, "cannot bind: $errstr\n");
        exit(2);
    }
    $port = (int) substr(strrchr(stream_socket_get_name($s, false), ':'), 1);
    fclose($s);
    return $port;
}

/** One HTTP/1.0 request with a body; true on a 200 answer. */
function request(int $port, string $body): bool
{
    $c = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 5);
    if ($c === false) {
        return false;
    }
    stream_set_timeout($c, 5);
    fwrite($c, "POST / HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: " . strlen($body) . "\r\n\r\n$body");
    $answer = stream_get_contents($c);
    fclose($c);
    return is_string($answer) && str_starts_with($answer, 'HTTP/1.') && substr($answer, 9, 3) === '200';
}

/** The body length of a raw request held whole in $buf, or null if incomplete. */
function raw_body_length(string $buf): ?int
{
    $end = strpos($buf, "\r\n\r\n");
    if ($end === false) {
        return null;
    }
    $len = preg_match('/^content-length:\s*(\d+)/mi', substr($buf, 0, $end), $m) ? (int) $m[1] : 0;
    return strlen($buf) - $end - 4 >= $len ? $len : null;
}

/** The ReactPHP worker: its own loop, an HTTP server on the shared port. */
function react_worker(Table $t, int $id, int $port): void
{
    $loop = React\EventLoop\Factory::create();
    $server = new React\Http\Server($loop, function (Psr\Http\Message\ServerRequestInterface $r) use ($t, $id) {
        $t->incr('total', ['n' => 1, 'bytes' => strlen((string) $r->getBody())]);
        $t->incr("w$id", 'n');
        return new React\Http\Message\Response(200, ['Content-Type' => 'text/plain'], "ok\n");
    });
    $socket = new React\Socket\Server("127.0.0.1:$port", $loop, ['tcp' => ['so_reuseport' => true]]);
    $server->listen($socket);
    $t->incr('ready', 'n');
    $loop->run();
}

/** The AMPHP (amp v2 core) worker: its own loop, a raw HTTP/1.0 responder. */
function amp_worker(Table $t, int $id, int $port): void
{
    Amp\Loop::run(function () use ($t, $id, $port) {
        $ctx = stream_context_create(['socket' => ['so_reuseport' => true]]);
        $server = stream_socket_server("tcp://127.0.0.1:$port", $errno, $errstr,
            STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $ctx);
        if ($server === false) {
            fwrite(STDERR, "worker $id: cannot listen: $errstr\n");
            exit(3);
        }
        stream_set_blocking($server, false);
        Amp\Loop::onReadable($server, function ($watcher, $server) use ($t, $id) {
            $c = @stream_socket_accept($server, 0);
            if ($c === false) {
                return; // another worker took it
            }
            stream_set_blocking($c, false);
            $buf = '';
            Amp\Loop::onReadable($c, function ($w, $c) use (&$buf, $t, $id) {
                $chunk = fread($c, 65536);
                if ($chunk === '' || $chunk === false) {
                    Amp\Loop::cancel($w);
                    fclose($c);
                    return;
                }
                $buf .= $chunk;
                $len = raw_body_length($buf);
                if ($len === null) {
                    return;
                }
                Amp\Loop::cancel($w);
                $t->incr('total', ['n' => 1, 'bytes' => $len]);
                $t->incr("w$id", 'n');
                stream_set_blocking($c, true);
                fwrite($c, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n");
                fclose($c);
            });
        });
        $t->incr('ready', 'n');
    });
}

/** Fork the workers, load them, kill one, check the totals. */
function run_cluster(string $name, callable $worker, int $requests): bool
{
    $t = new Table(64);
    $t->column('n', Table::TYPE_INT);
    $t->column('bytes', Table::TYPE_INT);
    $t->create();
    $port = free_port();
    $pids = [];
    for ($i = 0; $i < WORKERS; $i++) {
        $pid = pcntl_fork();
        if ($pid === 0) {
            $worker($t, $i, $port);
            exit(0);
        }
        $pids[$i] = $pid;
    }
    $deadline = microtime(true) + 20;
    while (($t->get('ready', 'n') ?: 0) < WORKERS && microtime(true) < $deadline) {
        usleep(20_000);
    }
    $ok = 0;
    $bytes = 0;
    for ($r = 0; $r < $requests; $r++) {
        if ($r === intdiv($requests, 2)) {
            posix_kill($pids[WORKERS - 1], SIGKILL); // between two requests
            pcntl_waitpid($pids[WORKERS - 1], $status);
            unset($pids[WORKERS - 1]);
        }
        $body = str_repeat('x', $r % 100);
        if (request($port, $body)) {
            $ok++;
            $bytes += strlen($body);
        }
    }
    foreach ($pids as $pid) {
        posix_kill($pid, SIGTERM);
        pcntl_waitpid($pid, $status);
    }
    $total = $t->get('total') ?: ['n' => 0, 'bytes' => 0];
    $perWorker = 0;
    $spread = [];
    for ($i = 0; $i < WORKERS; $i++) {
        $n = $t->get("w$i", 'n') ?: 0;
        $perWorker += $n;
        $spread[] = $n;
    }
    $pass = $ok > 0 && $total['n'] === $ok && $total['bytes'] === $bytes && $perWorker === $ok
        && $t->check();
    printf("%s: %s: %d requests, %d answered 200, counted %d (%d bytes of %d), per worker %s, one worker SIGKILLed half way\n",
        $pass ? 'ok' : 'FAIL', $name, $requests, $ok, $total['n'], $total['bytes'], $bytes,
        implode('+', $spread));
    return $pass;
}

$ran = 0;
$failed = 0;
if (is_file($reactAutoload)) {
    require $reactAutoload;
    $ran++;
    $failed += run_cluster('ReactPHP (react/http, react/socket, react/event-loop)', 'react_worker', $requests) ? 0 : 1;
} else {
    echo "skipped: ReactPHP: no autoloader at $reactAutoload (see README.md)\n";
}
if (is_file($ampAutoload)) {
    require $ampAutoload;
    // Debian's class map leaves out amp's function files (a Composer
    // install has no such files beside vendor/autoload.php).
    foreach (['functions.php', 'Internal/functions.php'] as $f) {
        if (is_file(dirname($ampAutoload) . "/$f")) {
            require_once dirname($ampAutoload) . "/$f";
        }
    }
    $ran++;
    $failed += run_cluster('AMPHP (amphp/amp event loop)', 'amp_worker', $requests) ? 0 : 1;
} else {
    echo "skipped: AMPHP: no autoloader at $ampAutoload (see README.md)\n";
}
echo "$ran ran, $failed failed\n";
exit($failed === 0 ? 0 : 1);
