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
        /**
         * @var int
         * @cvalue SHMT_EVICT_NONE
         */
        public const EVICT_NONE = UNKNOWN;
        /**
         * @var int
         * @cvalue SHMT_EVICT_LRU
         */
        public const EVICT_LRU = UNKNOWN;

        public function __construct(int $table_size, float $conflict_proportion = 0.2, int $max_key_length = 63, int $evict = Table::EVICT_NONE) {}

        public function column(string $name, int $type, int $size = 0): bool {}

        /**
         * Map the table: anonymous shared memory (no name, no path), the
         * named shared-memory object /shmtable.<name>, or the file at $path,
         * created with permission bits $mode if missing and attached to if
         * it exists with the same definition.
         */
        public function create(?string $name = null, ?string $path = null, int $mode = 0600): bool {}

        /** Open an existing named table or table file, reading its definition. */
        public static function attach(?string $name = null, ?string $path = null): Table {}

        /** Remove a named table; true if it existed. Mappings stay valid. */
        public static function unlink(string $name): bool {}

        /** Write a file-backed table back to its file (msync); true, doing nothing, for the others. */
        public function flush(): bool {}

        public function set(string $key, array $value, ?float $ttl = null): bool {}

        public function get(string $key, ?string $field = null): array|int|float|string|false {}

        public function exists(string $key): bool {}

        /** @implementation-alias ShmTable\Table::exists */
        public function exist(string $key): bool {}

        public function del(string $key): bool {}

        /** @implementation-alias ShmTable\Table::del */
        public function delete(string $key): bool {}

        public function incr(string $key, string|array $column, int|float $incrby = 1, ?float $ttl = null): int|float|array {}

        public function decr(string $key, string|array $column, int|float $incrby = 1, ?float $ttl = null): int|float|array {}

        public function add(string $key, array $values, ?float $ttl = null): bool {}

        public function update(string $key, array $values, ?float $ttl = null): bool {}

        public function getdel(string $key, ?string $field = null): array|int|float|string|false {}

        public function cmpset(string $key, array $expected, array $values): bool {}

        public function cmpdel(string $key, array $expected): bool {}

        /** A new expiry for a present row, $ttl seconds from now (0: never); false if absent or expired. */
        public function expire(string $key, float $ttl): bool {}

        /** Seconds the row has left, 0.0 if it never expires, false if absent or expired. */
        public function ttl(string $key): float|false {}

        /** Reclaim expired rows now: all of them, or at most $max; returns how many. */
        public function flushExpired(int $max = 0): int {}

        public function count(int $mode = COUNT_NORMAL): int {}

        public function getSize(): int {}

        public function getMemorySize(): int {}

        public function stats(): array {}

        /** Check every internal invariant; throws ShmTable\Exception naming the first broken one. */
        public function check(): bool {}

        public function destroy(): bool {}

        /**
         * The named tables of this host that this user may open, each read
         * from its header without mapping it: a list, in name order.
         */
        public static function list(): array {}

        /** The columns: name => ['type' => TYPE_*, 'size' => bytes of a string column, or 0]. */
        public function columns(): array {}

        /** The name of a named table, or null. */
        public function name(): ?string {}

        /** The path of a file-backed table, or null. */
        public function path(): ?string {}

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

    /**
     * A signed 64-bit integer in shared memory, shared by every process
     * forked after it was made; wait()/wakeup() sleep and wake on it.
     *
     * @strict-properties
     * @not-serializable
     */
    final class Atomic
    {
        /**
         * Without $name: anonymous shared memory, shared with the children
         * forked after. With $name: the named object
         * /shmtable-sync.<name>, made holding $value with permission bits
         * $mode if missing, opened (its value kept, $value unused) if it
         * exists.
         */
        public function __construct(int $value = 0, ?string $name = null, int $mode = 0600) {}

        /** Open an existing named Atomic. */
        public static function attach(string $name): Atomic {}

        /** Remove a named Atomic or Lock; true if it existed. Mappings stay valid. */
        public static function unlink(string $name): bool {}

        public function get(): int {}

        public function set(int $value): void {}

        public function add(int $add_value = 1): int {}

        public function sub(int $sub_value = 1): int {}

        public function cmpset(int $cmp_value, int $new_value): bool {}

        public function wait(float $timeout = 1.0): bool {}

        public function wakeup(int $count = 1): bool {}
    }

    /**
     * A mutex or readers-writer lock in shared memory, released when its
     * holder dies, shared by every process forked after it was made.
     *
     * @strict-properties
     * @not-serializable
     */
    final class Lock
    {
        /**
         * @var int
         * @cvalue SHMT_ULOCK_MUTEX
         */
        public const MUTEX = UNKNOWN;
        /**
         * @var int
         * @cvalue SHMT_ULOCK_RWLOCK
         */
        public const RWLOCK = UNKNOWN;

        /**
         * Without $name: anonymous shared memory, shared with the children
         * forked after. With $name: the named object
         * /shmtable-sync.<name>, made of $type with permission bits $mode
         * if missing, opened if it exists (it must be of $type).
         */
        public function __construct(int $type = Lock::MUTEX, ?string $name = null, int $mode = 0600) {}

        /** Open an existing named Lock, of whichever type it is. */
        public static function attach(string $name): Lock {}

        /** Remove a named Atomic or Lock; true if it existed. Mappings stay valid. */
        public static function unlink(string $name): bool {}

        public function lock(int $operation = LOCK_EX, float $timeout = -1): bool {}

        public function unlock(): bool {}

        public function ownerDied(): bool {}

        public function stats(): array {}
    }
}
