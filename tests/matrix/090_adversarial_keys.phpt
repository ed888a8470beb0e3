--TEST--
Hash flooding: 4096 keys that all collide under DJB "times 33" (PHP's and Swoole's string hash) or Java's "times 31" do not build long chains
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

/*
 * "Ez" and "FY" have the same DJB hash (h * 33 + c), whatever the hash so
 * far; so do "Aa" and "BB" under h * 31 + c. Any concatenation of k such
 * blocks gives 2^k distinct keys with one and the same hash. With an
 * unseeded hash of that kind, all 4096 keys would land in one bucket and
 * every operation on them would walk a chain of 4096 rows. The table hashes
 * with a keyed SipHash, so the colliding keys must spread like random ones:
 * the longest chain stays within twice that of 4096 random keys (or 8,
 * whichever is more; at one key per bucket the longest chain of random keys
 * is about 6, and 13 or more has odds below one in a million).
 */
const N = 4096;   // 2^12: 12 blocks of 2 bytes, 24-byte keys

function colliding_keys(string $a, string $b, int $blocks): array {
    $keys = [''];
    for ($i = 0; $i < $blocks; $i++) {
        $next = [];
        foreach ($keys as $k) {
            $next[] = $k . $a;
            $next[] = $k . $b;
        }
        $keys = $next;
    }
    return $keys;
}

function poly_hash(string $s, int $mul, int $start): int {
    $h = $start;
    for ($i = 0, $n = strlen($s); $i < $n; $i++) {
        $h = ($h * $mul + ord($s[$i])) & 0xFFFFFFFF;
    }
    return $h;
}

function max_chain(array $keys): int {
    $t = new Table(N);
    $t->column('n', Table::TYPE_INT);
    $t->create();
    foreach ($keys as $i => $k) {
        $t->set($k, ['n' => $i]);
    }
    // Every key is there and findable: the table is usable, not just spread.
    if (count($t) !== N) {
        echo "count ", count($t), " instead of ", N, "\n";
    }
    foreach ($keys as $i => $k) {
        if ($t->get($k, 'n') !== $i) {
            echo "key #$i lost\n";
            break;
        }
    }
    if (!$t->check()) {
        echo "check() failed\n";
    }
    return $t->stats()['max_chain'];
}

$random = [];
while (count($random) < N) {
    $random[random_bytes(24)] = true;
}
$random_chain = max_chain(array_map('strval', array_keys($random)));
$bound = 2 * max($random_chain, 4);

foreach (['DJB times 33 ("Ez"/"FY")' => ['Ez', 'FY', 33, 5381],
          'Java times 31 ("Aa"/"BB")' => ['Aa', 'BB', 31, 0]] as $name => [$a, $b, $mul, $start]) {
    $keys = colliding_keys($a, $b, 12);
    $hashes = array_unique(array_map(fn($k) => poly_hash($k, $mul, $start), $keys));
    printf("%s: %d distinct keys, %d distinct %s hash%s\n", $name, count(array_unique($keys)),
        count($hashes), $mul === 33 ? 'DJB' : 'Java', count($hashes) === 1 ? '' : 'es');
    $chain = max_chain($keys);
    echo "  longest chain within 2 x max(random keys' longest, 4): ",
        $chain <= $bound ? 'yes' : "NO: $chain, random keys $random_chain", "\n";
}
?>
--EXPECT--
DJB times 33 ("Ez"/"FY"): 4096 distinct keys, 1 distinct DJB hash
  longest chain within 2 x max(random keys' longest, 4): yes
Java times 31 ("Aa"/"BB"): 4096 distinct keys, 1 distinct Java hash
  longest chain within 2 x max(random keys' longest, 4): yes
