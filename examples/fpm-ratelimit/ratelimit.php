<?php
/*
 * A rate limiter shared by every php-fpm worker: at most RATELIMIT_LIMIT
 * requests per client in each window of RATELIMIT_WINDOW seconds, counted
 * in one named table that all the workers (and any CLI tool) attach to.
 *
 * The first request of each worker maps the table; later requests reuse
 * the mapping, so the cost per request is one create() that finds the
 * mapping cached, and one increment.
 *
 * Answers 200 with the count, or 429 with Retry-After once over the limit.
 * The client is ?client=... when given (for testing), else the address.
 */

use ShmTable\Table;

$limit = (int)(getenv('RATELIMIT_LIMIT') ?: 60);
$window = (int)(getenv('RATELIMIT_WINDOW') ?: 60);

// Every worker declares the same definition; the first creates the table,
// the others attach to it (a different definition would throw).
$t = new Table(100000, max_key_length: 64);
$t->column('window', Table::TYPE_INT); // which window the count is for
$t->column('hits', Table::TYPE_INT);   // requests in that window
$t->create(name: 'ratelimit');

$client = (string)($_GET['client'] ?? $_SERVER['REMOTE_ADDR'] ?? 'unknown');
// Keys are at most 64 bytes; a long client id is hashed.
$key = strlen($client) <= 64 && $client !== '' ? $client : hash('sha256', $client);
$now = intdiv(time(), $window);

try {
    for (;;) {
        $row = $t->get($key);
        if ($row === false) {
            // First request of this client: insert only if still absent.
            if ($t->add($key, ['window' => $now, 'hits' => 1])) {
                $hits = 1;
                break;
            }
        } elseif ($row['window'] !== $now) {
            // A new window: reset, unless another worker did it first.
            if ($t->cmpset($key, $row, ['window' => $now, 'hits' => 1])) {
                $hits = 1;
                break;
            }
        } else {
            $hits = $t->incr($key, 'hits');
            break;
        }
    }
} catch (ShmTable\FullException $e) {
    // Every row is taken (more clients than the table holds): fail open.
    header('X-RateLimit: table full');
    echo "ok\n";
    return;
}

header("X-RateLimit-Limit: $limit");
header('X-RateLimit-Remaining: ' . max(0, $limit - $hits));
if ($hits > $limit) {
    http_response_code(429);
    header('Retry-After: ' . (($now + 1) * $window - time()));
    echo "too many requests\n";
    return;
}
echo "ok $hits\n";
