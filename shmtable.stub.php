<?php

/**
 * The PHP surface of shmtable. shmtable_arginfo.h is generated from this
 * file by php-src's build/gen_stub.php; edit here, then regenerate.
 *
 * @generate-class-entries
 */

namespace ShmTable {

    /**
     * A fixed-capacity table of typed rows in shared memory, shared by every
     * process forked after create().
     *
     * @strict-properties
     * @not-serializable
     */
    final class Table implements \ArrayAccess, \Iterator, \Countable
    {
        /**
         * @var int
         * @cvalue SHMT_TYPE_INT
         */
        public const TYPE_INT = UNKNOWN;
        /**
         * @var int
         * @cvalue SHMT_TYPE_FLOAT
         */
        public const TYPE_FLOAT = UNKNOWN;
        /**
         * @var int
         * @cvalue SHMT_TYPE_STRING
         */
        public const TYPE_STRING = UNKNOWN;

        public function __construct(int $size, float $conflictProportion = 0.2, int $maxKeyLength = 63) {}

        public function column(string $name, int $type, int $size = 0): bool {}

        public function create(): bool {}

        public function set(string $key, array $row): bool {}

        public function get(string $key, ?string $column = null): array|int|float|string|false {}

        public function exists(string $key): bool {}

        /** @implementation-alias ShmTable\Table::exists */
        public function exist(string $key): bool {}

        public function del(string $key): bool {}

        /** @implementation-alias ShmTable\Table::del */
        public function delete(string $key): bool {}

        public function incr(string $key, string $column, int|float $by = 1): int|float {}

        public function decr(string $key, string $column, int|float $by = 1): int|float {}

        public function add(string $key, array $row): bool {}

        public function update(string $key, array $row): bool {}

        public function getdel(string $key, ?string $column = null): array|int|float|string|false {}

        public function cmpset(string $key, array $expected, array $row): bool {}

        public function cmpdel(string $key, array $expected): bool {}

        public function count(): int {}

        public function getSize(): int {}

        public function getMemorySize(): int {}

        public function stats(): array {}

        /** Check every internal invariant; throws ShmTable\Exception naming the first broken one. */
        public function check(): bool {}

        public function destroy(): bool {}

        public function offsetExists(mixed $offset): bool {}

        public function offsetGet(mixed $offset): mixed {}

        public function offsetSet(mixed $offset, mixed $value): void {}

        public function offsetUnset(mixed $offset): void {}

        public function current(): mixed {}

        public function key(): mixed {}

        public function next(): void {}

        public function rewind(): void {}

        public function valid(): bool {}
    }

    class Exception extends \RuntimeException
    {
    }

    final class FullException extends Exception
    {
    }
}
