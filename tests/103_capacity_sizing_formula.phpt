--TEST--
Sizing: row_bytes and getMemorySize() follow the formulas of the README's sizing guide, for several schemas
--EXTENSIONS--
shmtable
--FILE--
<?php
use ShmTable\Table;

// The formulas of README.md, "Limits and sizing". If the layout changes,
// this test and the README change together.
function predict(int $size, int $keyMax, array $cols): array
{
    $slot = 16 + $keyMax;                                  // row header (link, tag, expiry) + key slot
    foreach ($cols as [$type, $bytes]) {
        $slot += $type === Table::TYPE_STRING
            ? ($bytes <= 255 ? 1 : ($bytes <= 65535 ? 2 : 4)) + $bytes   // length field + bytes
            : 8;                                            // int or float
    }
    $slot = intdiv($slot + 7, 8) * 8;
    $stripes = 1;
    while ($stripes * 16 < $size && $stripes < 256) {       // smallest power of 2 >= size/16, at most 256
        $stripes *= 2;
    }
    $up = fn (int $v, int $to): int => intdiv($v + $to - 1, $to) * $to;
    $memory = $up($up(160 + 88 * count($cols), 64) + 128, 128)  // header, schema, row allocator
        + 128 * $stripes                                    // stripes
        + $up(4 * $size, 64)                                // bucket index
        + $slot * ($size + $stripes);                       // row pool, one spare row per stripe
    return [$slot + 4, $memory, $stripes];
}

$schemas = [
    'README stats() example' => [1024, 63, [[Table::TYPE_INT, 0], [Table::TYPE_FLOAT, 0], [Table::TYPE_STRING, 64]]],
    'README worked example'  => [1_000_000, 32, [[Table::TYPE_INT, 0], [Table::TYPE_FLOAT, 0], [Table::TYPE_STRING, 45], [Table::TYPE_STRING, 255]]],
    'smallest'               => [1, 1, [[Table::TYPE_INT, 0]]],
    'long keys, one string'  => [100, 200, [[Table::TYPE_STRING, 300]]],
    '2-byte length field'    => [5000, 63, [[Table::TYPE_STRING, 70000], [Table::TYPE_INT, 0]]],
    'odd size'               => [17, 10, [[Table::TYPE_FLOAT, 0], [Table::TYPE_STRING, 1]]],
    '10 million counters'    => [10_000_000, 16, [[Table::TYPE_INT, 0]]],
    '20 columns, 1 KiB keys' => [4096, 1024, array_fill(0, 20, [Table::TYPE_INT, 0])],
    '4-byte length field'    => [8, 63, [[Table::TYPE_STRING, 1048576]]],
];
foreach ($schemas as $name => [$size, $keyMax, $cols]) {
    $t = new Table($size, max_key_length: $keyMax);
    foreach ($cols as $i => [$type, $bytes]) {
        $t->column("c$i", $type, $bytes);
    }
    $t->create();
    $s = $t->stats();
    [$rowBytes, $memory, $stripes] = predict($size, $keyMax, $cols);
    printf("%-24s row_bytes %6d %s, memory %10d %s, stripes %3d %s\n", $name,
        $s['row_bytes'], $s['row_bytes'] === $rowBytes ? 'ok' : "formula says $rowBytes",
        $t->getMemorySize(), $t->getMemorySize() === $memory ? 'ok' : "formula says $memory",
        $s['stripes'], $s['stripes'] === $stripes ? 'ok' : "formula says $stripes");
    $t->destroy();
}
?>
--EXPECT--
README stats() example   row_bytes    164 ok, memory     187008 ok, stripes  64 ok
README worked example    row_bytes    372 ok, memory  372127616 ok, stripes 256 ok
smallest                 row_bytes     36 ok, memory        640 ok, stripes   1 ok
long keys, one string    row_bytes    524 ok, memory      58016 ok, stripes   8 ok
2-byte length field      row_bytes  70100 ok, memory  368477888 ok, stripes 256 ok
odd size                 row_bytes     44 ok, memory       1656 ok, stripes   2 ok
10 million counters      row_bytes     44 ok, memory  440043392 ok, stripes 256 ok
20 columns, 1 KiB keys   row_bytes   1204 ok, memory    5273600 ok, stripes 256 ok
4-byte length field      row_bytes 1048668 ok, memory    9438552 ok, stripes   1 ok
