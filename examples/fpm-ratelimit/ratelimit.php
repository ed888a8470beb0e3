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
$t->column('hits', Table::TYPE_INT);   // requests in the client's current window
$t->create(name: 'ratelimit');

$client = (string)($_GET['client'] ?? $_SERVER['REMOTE_ADDR'] ?? 'unknown');
// Keys are at most 64 bytes; a long client id is hashed.
$key = strlen($client) <= 64 && $client !== '' ? $client : hash('sha256', $client);

try {
    // One atomic step: the first request of a window creates the row with
    // a ttl of one window; later ones only count (the ttl is not renewed).
    // Once the row expired, it is absent, and the next request starts a new
    // window from 1. Nothing to reset, nothing to sweep: an insert into a
    // full table takes the place of an expired row.
    $hits = $t->incr($key, 'hits', 1, ttl: $window);
} catch (ShmTable\FullException $e) {
    // Every row is taken by a client whose window is open: fail open.
    header('X-RateLimit: table full');
    echo "ok\n";
    return;
}

header("X-RateLimit-Limit: $limit");
header('X-RateLimit-Remaining: ' . max(0, $limit - $hits));
if ($hits > $limit) {
    http_response_code(429);
    $left = $t->ttl($key);              // false if the window ended just now
    header('Retry-After: ' . max(1, (int)ceil($left === false ? 0 : $left)));
    echo "too many requests\n";
    return;
}
echo "ok $hits\n";
