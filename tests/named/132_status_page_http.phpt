--TEST--
named: the status page over HTTP (PHP's built-in server): its security headers on every answer, refusals and errors included; a password of "0" is a password; address parameters given as arrays, negative, huge or not numbers read as absent; a table found damaged while the page reads it gives an error page (500), not half a page and a fatal error
--EXTENSIONS--
shmtable
--SKIPIF--
<?php
if (!is_file(__DIR__ . '/../../examples/status/shmtable-status.php')) die('skip the status page is not in this tree');
if (!function_exists('proc_open')) die('skip proc_open required');
?>
--FILE--
<?php
require __DIR__ . '/named.inc';
use ShmTable\Table;

named_watchdog(60);
$name = named_unique('status');
$bad = named_unique('status-bad');
Table::unlink($name);
Table::unlink($bad);

$t = new Table(100);
$t->column('n', Table::TYPE_INT);
$t->column('note', Table::TYPE_STRING, 64);
$t->create(name: $name);
for ($i = 0; $i < 60; $i++) {
    $t->set("key-$i", ['n' => $i, 'note' => '<b>x</b>']);
}
// Mapped by this process while its bucket 5 names a row out of range (the
// bucket index starts at the header's buckets_off, offset 80): the page's
// attach() takes it as it is, reading it finds the damage.
$d = new Table(64);
$d->column('n', Table::TYPE_INT);
$d->create(name: $bad);
for ($i = 0; $i < 40; $i++) {
    $d->set("k$i", ['n' => $i]);
}
$f = fopen("/dev/shm/shmtable.$bad", 'r+');
fseek($f, 80);
fseek($f, unpack('P', fread($f, 8))[1] + 4 * 5);
fwrite($f, pack('V', 0x7ffffff0));
fclose($f);

$page = realpath(__DIR__ . '/../../examples/status/shmtable-status.php');
$log = tempnam(sys_get_temp_dir(), 'shmtable-status-');
$server = null;
for ($try = 0; $try < 20 && $server === null; $try++) {
    $port = 20000 + (getmypid() * 7 + $try * 131) % 30000;
    $cmd = escapeshellarg(PHP_BINARY) . ' -n -d extension=' . escapeshellarg(named_module())
        . ' -d display_errors=1 -d error_reporting=-1 -d pcre.jit=0 -S 127.0.0.1:' . $port . ' ' . escapeshellarg($page);
    // This process's environment (a sanitizer's preload, if any) and the password.
    $env = ['SHMTABLE_STATUS_PASSWORD' => '0'] + getenv();
    $p = proc_open(['sh', '-c', 'exec ' . $cmd], [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'w'],
        2 => ['file', $log, 'w']], $pipes, null, $env);
    for ($i = 0; $i < 100; $i++) {
        if (!proc_get_status($p)['running']) {
            break;
        }
        $s = @fsockopen('127.0.0.1', $port, $errno, $errstr, 0.1);
        if ($s) {
            fclose($s);
            $server = $p;
            break;
        }
        usleep(50000);
    }
    if ($server === null) {
        proc_terminate($p);
        proc_close($p);
    }
}
if ($server === null) {
    die("cannot start the built-in server: " . file_get_contents($log));
}

/** [status, headers (lower-case name => value), body] of a GET. */
function get(string $query, ?string $password): array
{
    global $port;
    $hdr = $password === null ? '' : 'Authorization: Basic ' . base64_encode("admin:$password") . "\r\n";
    $ctx = stream_context_create(['http' => ['ignore_errors' => true, 'header' => $hdr, 'timeout' => 20]]);
    $body = file_get_contents("http://127.0.0.1:$port/$query", false, $ctx);
    $status = 0;
    $h = [];
    foreach ($http_response_header as $line) {
        if (preg_match('~^HTTP/\S+ (\d+)~', $line, $m)) {
            $status = (int)$m[1];
        } elseif (str_contains($line, ':')) {
            [$k, $v] = explode(':', $line, 2);
            $h[strtolower($k)] = trim($v);
        }
    }
    return [$status, $h, $body];
}

function show(string $what, array $r): void
{
    [$status, $h, $body] = $r;
    $csp = $h['content-security-policy'] ?? '';
    printf("%s: %d, csp %s, nosniff %s, frames %s, type %s, php messages %s\n", $what, $status,
        str_contains($csp, "default-src 'none'") ? 'yes' : 'NO',
        ($h['x-content-type-options'] ?? '') === 'nosniff' ? 'yes' : 'NO',
        str_contains($csp, "frame-ancestors 'none'") ? 'refused' : 'ALLOWED',
        explode(';', $h['content-type'] ?? '?')[0],
        preg_match('/(Warning|Notice|Fatal error|Deprecated)/', $body, $m) ? $m[1] : 'none');
}

function paging(string $body): string
{
    preg_match('~page (\d+) of (\d+)~', $body, $m);
    preg_match('~id="prev" href="[^"]*page=(\d+)"~', $body, $prev);
    return sprintf('page %s of %s, %d rows shown, previous %s', $m[1] ?? '?', $m[2] ?? '?',
        substr_count($body, '<td class="key">'), $prev[1] ?? '-');
}

show('no password', $r = get('', null));
echo trim($r[2]), "\n";
show('a wrong one', get('', '1'));
show('password "0"', $r = get('', '0'));
var_dump(str_contains($r[2], 'data-table="' . $name . '"'));
$q = '?table=' . urlencode($name);
show('table', $r = get($q, '0'));
echo paging($r[2]), "\n";
show('q[]', $r = get($q . '&q[]=key-1', '0'));
echo paging($r[2]), ", search box empty: ", var_export(str_contains($r[2], 'name="q" id="q" value=""'), true), "\n";
foreach (['page[]=2', 'page=-5', 'page=abc', 'page=2.5', 'page=0', 'page=3', 'page=99999999999999999999'] as $p) {
    show($p, $r = get("$q&$p", '0'));
    echo '  ', paging($r[2]), "\n";
}
show('damaged table', $r = get('?table=' . urlencode($bad), '0'));
var_dump(str_contains($r[2], 'id="error"'), str_contains($r[2], 'table is corrupt'), str_contains($r[2], '<table id="rows"'));
show('missing table', get('?table=no-such-table-here', '0'));

// SIGINT: the built-in server shuts down as PHP does at its end (SIGTERM
// would leave its memory to the kernel, which valgrind reports as leaks).
proc_terminate($server, 2);
proc_close($server);
$serverlog = file_get_contents($log);
unlink($log);
echo preg_match('/(Warning|Notice|Fatal|Deprecated)/', $serverlog) ? "server log: $serverlog" : "server log: no PHP message", "\n";
Table::unlink($name);
Table::unlink($bad);
?>
--EXPECT--
no password: 401, csp yes, nosniff yes, frames refused, type text/plain, php messages none
Password required.
a wrong one: 401, csp yes, nosniff yes, frames refused, type text/plain, php messages none
password "0": 200, csp yes, nosniff yes, frames refused, type text/html, php messages none
bool(true)
table: 200, csp yes, nosniff yes, frames refused, type text/html, php messages none
page 1 of 3, 25 rows shown, previous -
q[]: 200, csp yes, nosniff yes, frames refused, type text/html, php messages none
page 1 of 3, 25 rows shown, previous -, search box empty: true
page[]=2: 200, csp yes, nosniff yes, frames refused, type text/html, php messages none
  page 1 of 3, 25 rows shown, previous -
page=-5: 200, csp yes, nosniff yes, frames refused, type text/html, php messages none
  page 1 of 3, 25 rows shown, previous -
page=abc: 200, csp yes, nosniff yes, frames refused, type text/html, php messages none
  page 1 of 3, 25 rows shown, previous -
page=2.5: 200, csp yes, nosniff yes, frames refused, type text/html, php messages none
  page 1 of 3, 25 rows shown, previous -
page=0: 200, csp yes, nosniff yes, frames refused, type text/html, php messages none
  page 1 of 3, 25 rows shown, previous -
page=3: 200, csp yes, nosniff yes, frames refused, type text/html, php messages none
  page 3 of 3, 10 rows shown, previous 2
page=99999999999999999999: 200, csp yes, nosniff yes, frames refused, type text/html, php messages none
  page 1000000000 of 3, 0 rows shown, previous 3
damaged table: 500, csp yes, nosniff yes, frames refused, type text/html, php messages none
bool(true)
bool(true)
bool(false)
missing table: 404, csp yes, nosniff yes, frames refused, type text/html, php messages none
server log: no PHP message
