--TEST--
Hash flooding with keys of 16 bytes or less (the keyed multiply hash): structured and DJB/Java-colliding short keys spread like random ones
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

/*
 * Keys of 1..16 bytes are hashed by two keyed 64x64->128-bit multiplications
 * (docs/ARCHITECTURE.md, "Hashing"), longer ones by SipHash-1-3 (test 090).
 * Each family below is 4096 distinct keys an attacker could send without
 * knowing the table's secret: keys with one and the same DJB or Java hash
 * (blocks of 2 bytes with equal h * 33 + c, resp. h * 31 + c), keys that
 * differ only in their last bytes, only in their first bytes, or in two
 * bits of zeros, consecutive ids and addresses. The longest chain of each must
 * stay within twice that of 4096 random keys of the same length (or 8,
 * whichever is more), as in test 090.
 */
const N = 4096;

function blocks(array $alphabet, int $n): array {
    $keys = [''];
    for ($i = 0; $i < $n; $i++) {
        $next = [];
        foreach ($keys as $k) {
            foreach ($alphabet as $b) {
                $next[] = $k . $b;
            }
        }
        $keys = $next;
    }
    return $keys;
}

/* 16 zero bytes with two bits set: the first N of the 8128 pairs. */
function two_bits(): array {
    $keys = [];
    for ($i = 0; $i < 128 && count($keys) < N; $i++) {
        for ($j = $i + 1; $j < 128 && count($keys) < N; $j++) {
            $k = str_repeat("\0", 16);
            $k[$i >> 3] = chr(ord($k[$i >> 3]) | (1 << ($i & 7)));
            $k[$j >> 3] = chr(ord($k[$j >> 3]) | (1 << ($j & 7)));
            $keys[] = $k;
        }
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
    if (count(array_unique($keys)) !== N) {
        echo "the family has ", count(array_unique($keys)), " distinct keys\n";
    }
    $t = new Table(N);
    $t->column('n', Table::TYPE_INT);
    $t->create();
    foreach ($keys as $i => $k) {
        $t->set($k, ['n' => $i]);
    }
    foreach ($keys as $i => $k) {
        if ($t->get($k, 'n') !== $i) {
            echo "key #$i lost\n";
            break;
        }
    }
    if (count($t) !== N || !$t->check()) {
        echo "table wrong: count ", count($t), "\n";
    }
    return $t->stats()['max_chain'];
}

$families = [
    'DJB-colliding, 12 bytes' => blocks(['Ez', 'FY', 'G8', "D\x9b"], 6),
    'Java-colliding, 12 bytes' => blocks(['Aa', 'BB', 'C#', "@\x80"], 6),
    'last 2 bytes differ, 16 bytes' => array_map(fn($i) => 'session:abcdef' . pack('v', $i), range(0, N - 1)),
    'first 2 bytes differ, 16 bytes' => array_map(fn($i) => pack('v', $i) . 'session:abcdef', range(0, N - 1)),
    'two bits set, 16 bytes' => two_bits(),
    'last 2 bytes differ, 8 bytes' => array_map(fn($i) => 'abcdef' . pack('v', $i), range(0, N - 1)),
    'consecutive ids k0..k4095' => array_map(fn($i) => "k$i", range(0, N - 1)),
    'consecutive IPv4 addresses' => array_map(fn($i) => '10.0.' . ($i >> 8) . '.' . ($i & 255), range(0, N - 1)),
    '3 bytes' => array_map(fn($i) => 'x' . pack('v', $i), range(0, N - 1)),
];
printf("DJB family: %d distinct DJB hash(es); Java family: %d distinct Java hash(es)\n",
    count(array_unique(array_map(fn($k) => poly_hash($k, 33, 5381), $families['DJB-colliding, 12 bytes']))),
    count(array_unique(array_map(fn($k) => poly_hash($k, 31, 0), $families['Java-colliding, 12 bytes']))));

foreach ($families as $name => $keys) {
    $len = strlen($keys[N - 1]);
    $random = [];
    while (count($random) < N) {
        $random[random_bytes($len)] = true;
    }
    $random_chain = max_chain(array_map('strval', array_keys($random)));
    $chain = max_chain($keys);
    $bound = 2 * max($random_chain, 4);
    echo "$name: longest chain within 2 x max(random keys' longest, 4): ",
        $chain <= $bound ? 'yes' : "NO: $chain, random keys $random_chain", "\n";
}
?>
--EXPECT--
DJB family: 1 distinct DJB hash(es); Java family: 1 distinct Java hash(es)
DJB-colliding, 12 bytes: longest chain within 2 x max(random keys' longest, 4): yes
Java-colliding, 12 bytes: longest chain within 2 x max(random keys' longest, 4): yes
last 2 bytes differ, 16 bytes: longest chain within 2 x max(random keys' longest, 4): yes
first 2 bytes differ, 16 bytes: longest chain within 2 x max(random keys' longest, 4): yes
two bits set, 16 bytes: longest chain within 2 x max(random keys' longest, 4): yes
last 2 bytes differ, 8 bytes: longest chain within 2 x max(random keys' longest, 4): yes
consecutive ids k0..k4095: longest chain within 2 x max(random keys' longest, 4): yes
consecutive IPv4 addresses: longest chain within 2 x max(random keys' longest, 4): yes
3 bytes: longest chain within 2 x max(random keys' longest, 4): yes
