--TEST--
Reflection: every method of ShmTable\Table has full parameter types, defaults and a return type, as in shmtable.stub.php
--EXTENSIONS--
shmtable
--FILE--
<?php
// One line per method: modifiers, name, each parameter as "type $name = default"
// (the default from getDefaultValue(), so it is evaluated, not just spelled),
// and the return type. The expected table below is the API; a method added to
// shmtable.stub.php must be added here too.
function sig(ReflectionMethod $m): string
{
    $params = [];
    foreach ($m->getParameters() as $p) {
        if (!$p->hasType()) {
            return $m->getName() . ': parameter $' . $p->getName() . ' has no type';
        }
        $s = $p->getType() . ' $' . $p->getName();
        if ($p->isOptional()) {
            if (!$p->isDefaultValueAvailable()) {
                return $m->getName() . ': parameter $' . $p->getName() . ' is optional without a default';
            }
            $s .= ' = ' . var_export($p->getDefaultValue(), true);
        }
        $params[] = $s;
    }
    $mods = implode(' ', Reflection::getModifierNames($m->getModifiers()));
    $ret = $m->hasReturnType() ? ': ' . $m->getReturnType()
        : ($m->getName() === '__construct' ? '' : ': MISSING RETURN TYPE');
    return "$mods " . $m->getName() . '(' . implode(', ', $params) . ')' . $ret;
}
$class = new ReflectionClass(ShmTable\Table::class);
$lines = array_map('sig', $class->getMethods());
sort($lines);
echo implode("\n", $lines), "\n";
printf("%d methods\n", count($lines));
// php --re prints the same types (it is ReflectionMethod::__toString()).
$re = (string) new ReflectionMethod(ShmTable\Table::class, 'incr');
var_dump(str_contains($re, 'Parameter #2 [ <optional> int|float $incrby = 1 ]'),
    str_contains($re, '- Return [ array|int|float ]'));
?>
--EXPECT--
public __construct(int $table_size, float $conflict_proportion = 0.2, int $max_key_length = 63, int $evict = 0)
public add(string $key, array $values, ?float $ttl = NULL): bool
public check(): bool
public cmpdel(string $key, array $expected): bool
public cmpset(string $key, array $expected, array $values): bool
public column(string $name, int $type, int $size = 0): bool
public columns(): array
public count(int $mode = 0): int
public create(?string $name = NULL, ?string $path = NULL, int $mode = 384): bool
public current(): mixed
public decr(string $key, array|string $column, int|float $incrby = 1, ?float $ttl = NULL): array|int|float
public del(string $key): bool
public delete(string $key): bool
public destroy(): bool
public exist(string $key): bool
public exists(string $key): bool
public expire(string $key, float $ttl): bool
public flush(): bool
public flushExpired(int $max = 0): int
public get(string $key, ?string $field = NULL): array|string|int|float|false
public getMemorySize(): int
public getSize(): int
public getdel(string $key, ?string $field = NULL): array|string|int|float|false
public incr(string $key, array|string $column, int|float $incrby = 1, ?float $ttl = NULL): array|int|float
public key(): mixed
public name(): ?string
public next(): void
public offsetExists(mixed $offset): bool
public offsetGet(mixed $offset): mixed
public offsetSet(mixed $offset, mixed $value): void
public offsetUnset(mixed $offset): void
public path(): ?string
public rewind(): void
public set(string $key, array $value, ?float $ttl = NULL): bool
public static attach(?string $name = NULL, ?string $path = NULL): ShmTable\Table
public static list(): array
public static unlink(string $name): bool
public stats(): array
public ttl(string $key): float|false
public update(string $key, array $values, ?float $ttl = NULL): bool
public valid(): bool
41 methods
bool(true)
bool(true)
