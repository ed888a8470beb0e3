<?php
/*
 * stubs/docs.php - the prose of the IDE stub stubs/ShmTable.php.
 *
 * scripts/gen-ide-stub.php takes signatures, types and defaults from the
 * loaded extension and the words from here. Keys: "Class", "Class::CONST",
 * "Class::method". A value is the text, or an array with 'doc', 'param'
 * (name => text), 'return' (text), 'rtype' (a narrower phpdoc return type
 * than the declared one) and 'throws' (class => when). Keep each entry to
 * what a user needs at the call site; README.md has the whole story.
 */
return [
    'Table' => "A hash table of typed rows in shared memory.\n\n"
        . "Declare the columns, call create() before pcntl_fork(), and every child sees the same rows.\n"
        . "Capacity is exact, every refused write throws and writes nothing, reads take no lock,\n"
        . "and a process killed while writing is repaired by the next one that takes its lock.\n"
        . "With the INI setting shmtable.swoole_compat=1 the class is also named Swoole\\Table.\n\n"
        . "@see https://www.php.net/manual/en/function.pcntl-fork.php",
    'Table::TYPE_INT' => 'A signed 64-bit integer column.',
    'Table::TYPE_FLOAT' => 'An IEEE-754 double column.',
    'Table::TYPE_STRING' => 'A binary-safe string column of at most its declared size in bytes.',
    'Table::EVICT_NONE' => 'An insert into a full table throws FullException (the default).',
    'Table::EVICT_LRU' => 'An insert into a full table evicts a row: expired ones first, then the least recently used of a few sampled rows.',

    'Table::__construct' => [
        'doc' => 'A table that holds exactly $table_size rows, whatever the keys.',
        'param' => [
            'table_size' => 'rows the table holds, 1..2147483647',
            'conflict_proportion' => '0 to 1 (else a ValueError); accepted for Swoole\\Table compatibility and ignored',
            'max_key_length' => 'longest key in bytes, 1..1024; every row reserves this much',
            'evict' => 'Table::EVICT_NONE (full: FullException) or Table::EVICT_LRU (full: evict a row)',
        ],
        'throws' => ['\\ValueError' => 'when $table_size, $max_key_length or $evict is out of range'],
    ],
    'Table::column' => [
        'doc' => "Declares a column; before create() only. Rows list columns in declaration order.",
        'param' => [
            'name' => '1..63 bytes, unique, not integer-like ("5")',
            'type' => 'Table::TYPE_INT, Table::TYPE_FLOAT or Table::TYPE_STRING',
            'size' => 'for TYPE_STRING the most bytes a value may have, 1..4194304 (4 MiB); ignored otherwise',
        ],
        'return' => 'always true',
        'throws' => [
            '\\ValueError' => 'bad name, duplicate, unknown type or string size out of range',
            'Exception' => 'after create(), or beyond 256 columns',
        ],
    ],
    'Table::create' => [
        'doc' => "Maps the table and returns true. With no name and no path: anonymous shared memory, zero-filled and\n"
            . "committed only as rows are used, shared with the children forked after this call.\n"
            . "With \$name: the shared-memory object /dev/shm/shmtable.<name>, created if missing and attached to\n"
            . "(race-free) if it exists with the same definition, so unrelated processes (php-fpm workers, CLI\n"
            . "tools) share it. With \$path: the same, in a file that outlives every process (see flush()).",
        'param' => [
            'name' => '1..200 bytes of [A-Za-z0-9._-], not starting with "."; not with $path',
            'path' => 'a table file; not with $name',
            'mode' => 'permission bits for a new object or file, 0..0777, narrowed by the umask',
        ],
        'return' => 'always true',
        'throws' => [
            'Exception' => 'called twice, no column declared, the system refused the memory, the existing table has '
                . 'another definition (the message names the difference), cannot be opened, or is damaged',
            '\\ValueError' => 'a bad name or mode, or both $name and $path',
        ],
    ],
    'Table::attach' => [
        'doc' => "Opens an existing named table or table file, reading its definition from its header\n"
            . '(for tools and monitoring that do not know the columns).',
        'param' => [
            'name' => 'a name given to create(name:); not with $path',
            'path' => 'a file given to create(path:); not with $name',
        ],
        'throws' => [
            'Exception' => 'no such table, no permission, not a table file, or damaged',
            '\\ValueError' => 'a bad name, both or neither of $name and $path',
        ],
    ],
    'Table::unlink' => [
        'doc' => "Removes a named table. Processes that map it keep their mapping; the memory goes back to the\n"
            . 'system when the last of them lets go. A later create(name:) makes a new table.',
        'return' => 'true if it existed, false if there was none',
        'throws' => ['Exception' => 'the system refused (permission)', '\\ValueError' => 'a bad name'],
    ],
    'Table::flush' => [
        'doc' => "Writes a file-backed table's changed pages back to its file and waits for the disk (msync).\n"
            . 'For an anonymous or named table it does nothing.',
        'return' => 'always true',
        'throws' => ['Exception' => 'the write-back failed'],
    ],
    'Table::set' => [
        'doc' => "Writes the named columns of a row; a new row starts all zero, an existing row keeps the other columns.\n"
            . 'If any value is refused, nothing is written.',
        'param' => ['key' => '1..max_key_length bytes, binary-safe, never truncated', 'value' => 'column name => value',
            'ttl' => 'seconds until the row expires (0: never; null: keep its expiry, a new row never expires)'],
        'return' => 'always true',
        'throws' => [
            'FullException' => 'a new key and every row is in use',
            '\\ValueError' => 'empty or too long key, unknown column, string longer than its column, a negative, NAN or INF ttl',
            '\\TypeError' => 'a value the column type refuses',
        ],
    ],
    'Table::get' => [
        'doc' => 'The whole row in column order, or one column\'s value.',
        'param' => ['field' => 'a column name, or null for the whole row'],
        'return' => 'false when the key is absent',
        'throws' => ['\\ValueError' => 'unknown column, empty or too long key'],
    ],
    'Table::exists' => 'Whether the key has a row.',
    'Table::exist' => 'Alias of exists(), the name Swoole\\Table code uses.',
    'Table::del' => [
        'doc' => 'Deletes the row.',
        'return' => 'true if a row was removed, false if there was none',
    ],
    'Table::delete' => [
        'doc' => 'Alias of del().',
        'return' => 'true if a row was removed, false if there was none',
    ],
    'Table::incr' => [
        'doc' => "Atomically adds \$incrby to a number column and returns the new value; no update is ever lost.\n"
            . 'A missing row is created first, all zero.'
            . "\nWith an array ['col' => delta, ...] as \$column, every delta is applied to the row at once, or none"
            . ' (also when the process is killed), and [col => new value] is returned in the order given.',
        'param' => [
            'column' => "a number column, or an array ['col' => delta, ...] of several (\$incrby then unused)",
            'incrby' => 'an int for an int column; int or float for a float column',
            'ttl' => 'seconds until a row this call creates expires (0 or null: never); an existing row keeps its expiry',
        ],
        'return' => 'int for an int column, float for a float column; with an array, [column => new value]',
        'throws' => [
            '\\ArithmeticError' => 'the int result would leave the 64-bit range (nothing written)',
            '\\TypeError' => 'a string column, or a float $incrby on an int column',
            'FullException' => 'a missing key and every row is in use',
        ],
    ],
    'Table::decr' => [
        'doc' => 'Atomically subtracts $incrby from a number column and returns the new value; as incr().'
            . ' With an array as $column, subtracts each delta, all or none.',
        'param' => ['ttl' => 'seconds until a row this call creates expires (0 or null: never); an existing row keeps its expiry'],
        'return' => 'int for an int column, float for a float column; with an array, [column => new value]',
        'throws' => [
            '\\ArithmeticError' => 'the int result would leave the 64-bit range (nothing written)',
            '\\TypeError' => 'a string column, or a float $incrby on an int column',
            'FullException' => 'a missing key and every row is in use',
        ],
    ],
    'Table::add' => [
        'doc' => 'Inserts the row only if the key is absent (an expired row is absent), atomically.',
        'param' => ['ttl' => 'seconds until the row expires (0: never; null: keep its expiry, a new row never expires)'],
        'return' => 'true if inserted, false if the key was already there (nothing written)',
        'throws' => ['FullException' => 'every row is in use'],
    ],
    'Table::update' => [
        'doc' => 'Changes the named columns only if the key is present, atomically; never creates a row.',
        'param' => ['ttl' => 'seconds until the row expires (0: never; null: keep its expiry, a new row never expires)'],
        'return' => 'true if updated, false if there was no such row',
    ],
    'Table::getdel' => [
        'doc' => 'Deletes the row and returns what it held (the row, or one column), atomically.',
        'return' => 'false when the key is absent',
    ],
    'Table::cmpset' => [
        'doc' => "Writes \$values only if the row exists and every column in \$expected equals the stored value\n"
            . '(ints exactly, floats bit for bit, strings byte for byte), atomically.',
        'param' => ['expected' => 'column name => value; at least one (empty is a ValueError)'],
        'return' => 'true if written, false on a missing key or a mismatch',
    ],
    'Table::cmpdel' => [
        'doc' => 'Deletes the row only if every column in $expected equals the stored value, atomically.',
        'return' => 'true if deleted, false on a missing key or a mismatch',
    ],
    'Table::expire' => [
        'doc' => 'Gives a present row a new expiry, $ttl seconds from now (0: never).',
        'param' => ['ttl' => 'seconds, 0..1000000000'],
        'return' => 'true if set, false if the row is absent or expired (nothing written)',
        'throws' => ['\\ValueError' => 'a negative, NAN, INF or too large ttl'],
    ],
    'Table::ttl' => [
        'doc' => 'The seconds the row has left before it expires.',
        'return' => '0.0 for a row that never expires, false if it is absent or expired',
    ],
    'Table::flushExpired' => [
        'doc' => "Reclaims expired rows now (writers and full-table inserts also reclaim them as they go).\n"
            . 'Takes one lock stripe at a time, and only of stripes whose earliest expiry has passed.',
        'param' => ['max' => 'at most this many; 0 for all'],
        'return' => 'how many rows were reclaimed',
        'throws' => ['\\ValueError' => 'a negative $max'],
    ],
    'Table::count' => 'Rows stored now, expired rows not yet reclaimed included; count($table) is the same.',
    'Table::getSize' => 'The declared capacity, exactly $table_size; works before create() too.',
    'Table::getMemorySize' => 'Bytes of shared memory the table maps; 0 before create() and after destroy().',
    'Table::stats' => [
        'doc' => "Counters and figures: rows, num, size, memory_size, insert_count, update_count, delete_count,\n"
            . "lock_recoveries, max_chain, key_max_length, row_bytes, buckets, stripes, spare_rows, kept_rows, read_retries,\n"
            . "expired (expired rows reclaimed), evicted (rows evicted), evict ('none' or 'lru');\n"
            . "Swoole's keys: conflict_count (rows behind another in their bucket), conflict_max_level (longest chain),\n"
            . "available_slice_num (rows free), total_slice_num (= size);\n"
            . "opened, name, path; chain_histogram (buckets by chain length 0..8+), stripe_rows (rows per lock stripe).\n"
            . 'Walks the bucket index: O(size).',
        'rtype' => 'array<string, int|string|null|list<int>>',
    ],
    'Table::list' => [
        'doc' => "The named tables of this host that this user may open, in name order, each read from its\n"
            . "header without mapping it: name, size, rows, memory_size, key_max_length, columns, owner,\n"
            . 'group, mode, changed. Damaged objects and other users\' tables are left out.',
        'rtype' => 'list<array{name: string, size: int, rows: int, memory_size: int, key_max_length: int, columns: array<string, array{type: int, size: int}>, owner: int, group: int, mode: int, changed: float}>',
    ],
    'Table::columns' => [
        'doc' => "The definition in column order: name => ['type' => TYPE_*, 'size' => bytes of a string column, or 0].",
        'rtype' => 'array<string, array{type: int, size: int}>',
        'throws' => ['Exception' => 'before create() or after destroy()'],
    ],
    'Table::name' => [
        'doc' => 'The name of a named table; null for an anonymous or file-backed one.',
        'throws' => ['Exception' => 'before create() or after destroy()'],
    ],
    'Table::path' => [
        'doc' => 'The file of a file-backed table; null for an anonymous or named one.',
        'throws' => ['Exception' => 'before create() or after destroy()'],
    ],
    'Table::check' => [
        'doc' => 'Verifies every internal invariant; takes every lock while it runs. For tests and diagnostics.',
        'return' => 'always true',
        'throws' => ['Exception' => '"Table check failed: ..." naming the first broken invariant'],
    ],
    'Table::destroy' => [
        'doc' => "Unmaps the table in this process; other processes keep theirs. Later use throws,\n"
            . 'except getSize() and getMemorySize().',
        'return' => 'always true',
    ],
    'Table::offsetExists' => 'isset($table[$key]): as exists().',
    'Table::offsetGet' => [
        'doc' => '$table[$key]: the row as get() returns it, but null when missing, so ?? works.',
        'param' => ['offset' => 'string, or int used as its decimal form'],
        'rtype' => 'array<string, int|float|string>|null',
    ],
    'Table::offsetSet' => [
        'doc' => '$table[$key] = [...]: as set(). $table[] = ... is an Error.',
        'param' => ['offset' => 'string, or int used as its decimal form', 'value' => 'the row array'],
    ],
    'Table::offsetUnset' => 'unset($table[$key]): as del().',
    'Table::current' => 'The current row of a foreach (a consistent snapshot).',
    'Table::key' => 'The current key of a foreach.',
    'Table::next' => 'Moves to the next row.',
    'Table::rewind' => 'Starts a new iteration; each row that stays in the table is visited once.',
    'Table::valid' => 'Whether the iteration has a current row.',

    'Exception' => 'Thrown when the table cannot do what was asked: use before create() or after destroy(), '
        . "create() twice or\nwithout columns, no memory, a failed check().",
    'FullException' => 'Thrown when a new key needs a row and every one of the table\'s rows is in use.',
    'Atomic' => "A signed 64-bit integer in shared memory, shared by every process forked after it was made.\n\n"
        . "add() and sub() return the new value and throw ArithmeticError on overflow, changing nothing.\n"
        . "wait()/wakeup() follow Swoole\\Atomic: a waiter sleeps (no CPU) until the value is 1, then sets it to 0.",
    'Atomic::__construct' => ['doc' => "Maps a new counter; with \$name, makes the named Atomic /shmtable-sync.<name>,\n"
        . 'or opens it if it exists (its value kept: $value is used only when it is made).',
        'param' => ['value' => 'the initial value', 'name' => 'null: anonymous, shared with children forked after',
                    'mode' => 'permission bits of a named one made; an existing one wider is refused'],
        'throws' => ['\\ValueError' => 'a bad name or mode', 'Exception' => 'the system refused the memory; a named one of the other kind, damaged, another user\'s, or in use in another pid namespace']],
    'Atomic::attach' => ['doc' => 'Opens the existing named Atomic /shmtable-sync.<name>.',
        'throws' => ['\\ValueError' => 'a bad name', 'Exception' => 'missing, of the other kind, damaged, another user\'s, or in use in another pid namespace']],
    'Atomic::unlink' => ['doc' => 'Removes a named Atomic or Lock; processes that opened it keep it.', 'return' => 'true if it existed'],
    'Atomic::get' => 'The value now.',
    'Atomic::set' => 'Stores a value (wakes nobody: only wakeup() wakes waiters).',
    'Atomic::add' => ['doc' => 'Adds atomically.', 'param' => ['add_value' => 'may be negative'],
        'return' => 'the new value', 'throws' => ['\\ArithmeticError' => 'the result would overflow; nothing changed']],
    'Atomic::sub' => ['doc' => 'Subtracts atomically.', 'param' => ['sub_value' => 'may be negative'],
        'return' => 'the new value', 'throws' => ['\\ArithmeticError' => 'the result would overflow; nothing changed']],
    'Atomic::cmpset' => ['doc' => 'Sets $new_value if the value is $cmp_value, atomically.',
        'return' => 'whether it was set'],
    'Atomic::wait' => ['doc' => "If the value is 1, sets it to 0 and returns true at once; otherwise sleeps until a\n"
        . "wakeup() lets this process take the 1 (true) or until the timeout (false).",
        'param' => ['timeout' => 'seconds; negative: no limit; 0: do not sleep'],
        'throws' => ['\\ValueError' => 'a NAN timeout']],
    'Atomic::wakeup' => ['doc' => 'Sets the value to 1 if it is 0; if it is then 1, wakes up to $count waiters.',
        'param' => ['count' => 'at least 1'], 'return' => 'always true',
        'throws' => ['\\ValueError' => '$count below 1']],

    'Lock' => "A mutex or readers-writer lock in shared memory, shared by every process forked after it was made.\n\n"
        . "When its holder dies (even by SIGKILL), the lock is released and the next locker's ownerDied() is true.\n"
        . "A child forked while the parent holds it does not hold it.",
    'Lock::MUTEX' => 'One holder at a time (lock(LOCK_EX)).',
    'Lock::RWLOCK' => 'Many readers (lock(LOCK_SH)) or one writer (lock(LOCK_EX)); a waiting writer goes before new readers.',
    'Lock::__construct' => ['doc' => "Maps a new lock; with \$name, makes the named Lock /shmtable-sync.<name>,\n"
        . 'or opens it if it exists (it must be of $type).',
        'param' => ['type' => 'Lock::MUTEX or Lock::RWLOCK', 'name' => 'null: anonymous, shared with children forked after',
                    'mode' => 'permission bits of a named one made; an existing one wider is refused'],
        'throws' => ['\\ValueError' => 'another type, a bad name or mode', 'Exception' => 'the system refused the memory; a named one of the other kind or type, damaged, another user\'s, or in use in another pid namespace']],
    'Lock::attach' => ['doc' => 'Opens the existing named Lock /shmtable-sync.<name>, of whichever type it is.',
        'throws' => ['\\ValueError' => 'a bad name', 'Exception' => 'missing, of the other kind, damaged, another user\'s, or in use in another pid namespace']],
    'Lock::unlink' => ['doc' => 'Removes a named Atomic or Lock; processes that opened it keep it.', 'return' => 'true if it existed'],
    'Lock::lock' => ['doc' => 'Takes the lock.',
        'param' => ['operation' => 'LOCK_EX, or LOCK_SH (RWLOCK only), optionally | LOCK_NB (do not wait)',
                    'timeout' => 'seconds to wait at most; negative: no limit'],
        'return' => 'true if taken, false if LOCK_NB or the timeout found it held',
        'throws' => ['\\ValueError' => 'a bad operation or a NAN timeout',
                     'Exception' => 'this process holds it already through this object']],
    'Lock::unlock' => ['doc' => 'Releases what this process holds.', 'return' => 'always true',
        'throws' => ['Exception' => 'this process does not hold the lock']],
    'Lock::ownerDied' => 'Whether the lock this process holds was taken over from a holder that died: repair what it protects.',
    'Lock::stats' => ['doc' => 'type, holder (pid), holder_dead, readers (pids), dead_readers, waiters, acquisitions, '
        . 'owner_died (takeovers), held_here, and name for a named Lock.', 'rtype' => 'array<string, mixed>'],
];
