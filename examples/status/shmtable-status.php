<?php
/*
 * shmtable-status.php - a status page for the named shmtable tables of this
 * host: every table with its fill, memory and definition; for one table its
 * counters, the chain-length histogram and the rows per lock stripe as
 * charts, and a paged, searchable browser of its keys and rows.
 *
 * Drop it into a php-fpm pool (of the user that owns the tables: a table
 * is shown only to its owner, or to a group it is shared with) or run it
 * with the built-in server:
 *
 *     php -d extension=shmtable -S 127.0.0.1:8080 shmtable-status.php
 *
 * Set a password (HTTP basic authentication, user "admin") in the
 * environment, SHMTABLE_STATUS_PASSWORD, or in STATUS_PASSWORD below;
 * without one the page is open to whoever can reach it, so keep it on a
 * private address. It only reads: it never writes, deletes or unlinks.
 * Every key, value and name is user data and is escaped; the page loads no
 * script and no external asset (charts are inline SVG). Every answer,
 * refusals and errors too, carries a Content-Security-Policy that allows no
 * script, no framing and no form sent elsewhere. A table found damaged
 * while the page reads it gives an error page (status 500).
 */

const STATUS_PASSWORD = '';      // or the environment's SHMTABLE_STATUS_PASSWORD
const STATUS_PAGE_ROWS = 25;     // rows per page of the key browser
const STATUS_SCAN_LIMIT = 100000; // rows a search looks at, at most

function h(mixed $v): string
{
    return htmlspecialchars((string)$v, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

/** Binary data shown as text: control bytes escaped, then HTML-escaped. */
function hb(string $s): string
{
    return h(addcslashes($s, "\0..\37\177\\"));
}

function url(array $q): string
{
    return '?' . h(http_build_query($q));
}

function bytes(int $n): string
{
    $u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    for ($i = 0, $v = (float)$n; $v >= 1024 && $i < 4; $i++) {
        $v /= 1024;
    }
    return $i === 0 ? "$n B" : sprintf('%.1f %s', $v, $u[$i]);
}

/** The headers of every response, refusals and errors included. */
function security_headers(): void
{
    header("Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        . "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    header('X-Content-Type-Options: nosniff');
    header('Referrer-Policy: no-referrer');
    header('Cache-Control: no-store');
}

/** A short plain-text answer (refusals, a missing extension). */
function plain(int $code, string $text): never
{
    http_response_code($code);
    header('Content-Type: text/plain; charset=utf-8');
    echo $text, "\n";
    exit;
}

function authorize(): void
{
    // Any non-empty password counts, "0" too.
    $pw = getenv('SHMTABLE_STATUS_PASSWORD');
    if ($pw === false || $pw === '') {
        $pw = STATUS_PASSWORD;
    }
    if ($pw === '') {
        return;
    }
    $user = $_SERVER['PHP_AUTH_USER'] ?? '';
    $given = $_SERVER['PHP_AUTH_PW'] ?? '';
    if (!hash_equals('admin', $user) || !hash_equals($pw, $given)) {
        header('WWW-Authenticate: Basic realm="shmtable status"');
        plain(401, 'Password required.');
    }
}

/** A horizontal fill gauge. */
function gauge(int $used, int $size): string
{
    $f = $size > 0 ? min(1, $used / $size) : 0;
    $w = round(200 * $f, 1);
    $color = $f > 0.9 ? '#c0392b' : ($f > 0.7 ? '#e67e22' : '#27ae60');
    return sprintf('<svg class="gauge" width="200" height="14" role="img" aria-label="%s%% full">'
        . '<rect width="200" height="14" fill="#eee"/><rect width="%s" height="14" fill="%s"/></svg> %s%%',
        h(sprintf('%.1f', 100 * $f)), $w, $color, h(sprintf('%.1f', 100 * $f)));
}

/** Vertical bars with labels under them. */
function bars(array $values, array $labels, string $title, int $height = 120): string
{
    $n = max(1, count($values));
    $bw = max(2, min(40, intdiv(640, $n)));
    $max = max(1, max($values ?: [0]));
    $w = $bw * $n;
    $out = sprintf('<svg class="chart" width="%d" height="%d" role="img" aria-label="%s">', $w, $height + 18, h($title));
    $i = 0;
    foreach ($values as $k => $v) {
        $bh = round($height * $v / $max, 1);
        $out .= sprintf('<rect x="%d" y="%s" width="%d" height="%s" fill="#2980b9"><title>%s: %s</title></rect>',
            $i * $bw + 1, $height - $bh, $bw - 2, $bh, h($labels[$k] ?? $k), h($v));
        if ($n <= 16) {
            $out .= sprintf('<text x="%s" y="%d" font-size="11" text-anchor="middle">%s</text>',
                $i * $bw + $bw / 2, $height + 14, h($labels[$k] ?? $k));
        }
        $i++;
    }
    return $out . '</svg>';
}

function page_head(string $title): void
{
    header('Content-Type: text/html; charset=utf-8');
    echo '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>', h($title), '</title>',
        '<link rel="icon" href="data:,">',
        '<style>body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0}',
        'td,th{padding:3px 10px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}th{background:#f4f4f4}',
        'td.n{text-align:right;font-variant-numeric:tabular-nums}code{font-size:13px}.grid{display:flex;flex-wrap:wrap;gap:2em}',
        'h2{margin-top:1.2em}a{color:#1f5f99}.muted{color:#777}</style></head><body>',
        '<h1><a href="?">shmtable status</a></h1>';
}

function columns_text(array $cols): string
{
    $t = [1 => 'int', 2 => 'float', 3 => 'string'];
    $p = [];
    foreach ($cols as $name => $c) {
        $p[] = $name . ' ' . ($t[$c['type']] ?? '?') . ($c['size'] ? "({$c['size']})" : '');
    }
    return implode(', ', $p);
}

function overview(): void
{
    page_head('shmtable status');
    $list = ShmTable\Table::list();
    printf('<p>%d named tables this user (%s) may open. PHP %s, shmtable %s.</p>', count($list),
        h(function_exists('posix_getpwuid') ? (posix_getpwuid(posix_geteuid())['name'] ?? '?') : get_current_user()),
        h(PHP_VERSION), h(phpversion('shmtable')));
    echo '<table id="tables"><tr><th>name</th><th>rows</th><th>size</th><th>fill</th><th>memory</th><th>columns</th><th>changed</th></tr>';
    foreach ($list as $e) {
        printf('<tr data-table="%s"><td><a href="%s">%s</a></td><td class="n">%d</td><td class="n">%d</td><td>%s</td><td class="n">%s</td><td><code>%s</code></td><td>%s</td></tr>',
            h($e['name']), url(['table' => $e['name']]), h($e['name']), $e['rows'], $e['size'],
            gauge($e['rows'], $e['size']), h(bytes($e['memory_size'])), h(columns_text($e['columns'])),
            h(date('Y-m-d H:i:s', (int)$e['changed'])));
    }
    echo '</table></body></html>';
}

function detail(string $name): void
{
    try {
        $t = ShmTable\Table::attach($name);
    } catch (Throwable $e) {
        http_response_code(404);
        page_head('shmtable: ' . $name);
        echo '<p>Cannot open table <code>', hb($name), '</code>: ', h($e->getMessage()), '</p></body></html>';
        return;
    }
    $s = $t->stats();
    page_head('shmtable: ' . $name);
    printf('<h2>Table <code>%s</code></h2><p>%s &nbsp; %d of %d rows, %s mapped. Columns: <code>%s</code></p>',
        hb($name), gauge($s['rows'], $s['size']), $s['rows'], $s['size'], h(bytes($s['memory_size'])),
        h(columns_text($t->columns())));
    echo '<div class="grid"><div><h3>Counters</h3><table id="counters">';
    foreach ($s as $k => $v) {
        if (is_array($v)) {
            continue;
        }
        printf('<tr><th>%s</th><td class="n" data-stat="%s">%s</td></tr>', h($k), h($k), h($v ?? '-'));
    }
    echo '</table></div><div><h3>Chain lengths</h3><p class="muted">buckets by the rows on their chain</p>';
    $h = $s['chain_histogram'];
    $labels = array_keys($h);
    $labels[count($h) - 1] .= '+';
    echo bars($h, $labels, 'chain length histogram');
    echo '<table id="histogram"><tr><th>rows on chain</th>';
    foreach ($labels as $l) {
        echo '<th>', h($l), '</th>';
    }
    echo '</tr><tr><th>buckets</th>';
    foreach ($h as $i => $n) {
        printf('<td class="n" data-bin="%d">%d</td>', $i, $n);
    }
    echo '</tr></table>';
    printf('<h3>Rows per lock stripe</h3><p class="muted">%d stripes; min %d, max %d</p>', count($s['stripe_rows']),
        min($s['stripe_rows']), max($s['stripe_rows']));
    echo bars($s['stripe_rows'], array_map(fn($i) => "stripe $i", array_keys($s['stripe_rows'])), 'rows per stripe', 80);
    echo '</div></div>';
    browser($t, $name);
    echo '</body></html>';
}

function browser(ShmTable\Table $t, string $name): void
{
    // Parameters as given in the address: anything but a string (q[]=...)
    // or a page that is not a positive number reads as absent.
    $q = is_string($_GET['q'] ?? null) ? $_GET['q'] : '';
    $page = $_GET['page'] ?? '1';
    $page = is_string($page) && preg_match('/^[0-9]+$/', $page) ? max(1, min((int)$page, 1000000000)) : 1;
    $from = ($page - 1) * STATUS_PAGE_ROWS;
    $cols = array_keys($t->columns());
    $rows = [];
    $matched = 0;
    $scanned = 0;
    foreach ($t as $key => $row) {
        if (++$scanned > STATUS_SCAN_LIMIT) {
            break;
        }
        if ($q !== '' && !str_contains((string)$key, $q)) {
            continue;
        }
        if ($matched >= $from && $matched < $from + STATUS_PAGE_ROWS) {
            $rows[(string)$key] = $row;
        }
        $matched++;
    }
    echo '<h2>Rows</h2><form method="get"><input type="hidden" name="table" value="', h($name), '">',
        '<input type="search" name="q" id="q" value="', h($q), '" placeholder="key contains"> ',
        '<button type="submit" id="search">Search</button></form>';
    $pages = max(1, (int)ceil($matched / STATUS_PAGE_ROWS));
    printf('<p id="matched" data-matched="%d">%d %s%s; page %d of %d.</p>', $matched, $matched,
        $q === '' ? 'rows' : 'keys contain <code>' . hb($q) . '</code>',
        $scanned > STATUS_SCAN_LIMIT ? ' (only the first ' . STATUS_SCAN_LIMIT . ' rows looked at)' : '', $page, $pages);
    echo '<table id="rows"><tr><th>key</th>';
    foreach ($cols as $c) {
        echo '<th>', h($c), '</th>';
    }
    echo '</tr>';
    foreach ($rows as $key => $row) {
        echo '<tr><td class="key"><code>', hb((string)$key), '</code></td>';
        foreach ($row as $v) {
            echo is_string($v) ? '<td><code>' . hb($v) . '</code></td>' : '<td class="n">' . h($v) . '</td>';
        }
        echo '</tr>';
    }
    echo '</table><p>';
    if ($page > 1) {
        // Past the last page: back to the last one.
        echo '<a id="prev" href="', url(['table' => $name, 'q' => $q, 'page' => min($page - 1, $pages)]), '">&laquo; previous</a> ';
    }
    if ($page < $pages) {
        echo '<a id="next" href="', url(['table' => $name, 'q' => $q, 'page' => $page + 1]), '">next &raquo;</a>';
    }
    echo '</p>';
}

security_headers();
authorize();
if (!extension_loaded('shmtable')) {
    plain(500, 'The shmtable extension is not loaded.');
}
$name = $_GET['table'] ?? null;
// The page is built in a buffer: a table found damaged while it is read
// (stats(), the key browser) gives an error page, not half a page.
ob_start();
try {
    if (is_string($name) && $name !== '') {
        detail($name);
    } else {
        overview();
    }
    ob_end_flush();
} catch (Throwable $e) {
    ob_end_clean();
    http_response_code(500);
    page_head('shmtable: error');
    echo '<p id="error">', is_string($name) && $name !== '' ? 'Cannot read table <code>' . hb($name) . '</code>: '
        : 'Cannot list the tables: ', h($e->getMessage()), '</p></body></html>';
}
