#!/usr/bin/env bash
# bench/sync.sh - runs bench/sync.php: ShmTable\Atomic and ShmTable\Lock
# against Swoole\Atomic/Swoole\Lock, flock() and sysvsem.
#
#   bash bench/sync.sh [--duration=S] [--repeats=N]
#   bash bench/sync.sh callgrind [--ops=N]     instructions per operation
#
# Builds modules/shmtable.so with scripts/build.sh when missing (or set
# SHMTABLE_SO); installs php8.2-sysvsem when sem_get() is missing; loads
# Swoole only from a swoole.so you built (SWOOLE_SO=/path/to/swoole.so, see
# bench/README.md): without it the Swoole rows are skipped, and the run
# says so. Loads posix for the callgrind mode. Prints a Markdown table;
# writes nothing.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
PHP=${PHP:-php}
SO=${SHMTABLE_SO:-$ROOT/modules/shmtable.so}
[ -f "$SO" ] || bash "$ROOT/scripts/build.sh"
if ! "$PHP" -r 'exit(function_exists("sem_get") ? 0 : 1);'; then
    apt_install php8.2-sysvsem || echo "bench: no sysvsem; its rows are left out" >&2
fi
args=(-d "extension=$SO")
if [ "${1:-}" = callgrind ] && ! "$PHP" -r 'exit(function_exists("posix_getppid") ? 0 : 1);'; then
    args+=(-d extension=posix)
fi
if [ -n "${SWOOLE_SO:-}" ]; then
    if [ ! -f "$SWOOLE_SO" ]; then
        echo "bench: error: SWOOLE_SO=$SWOOLE_SO: no such file" >&2
        exit 1
    fi
    args+=(-d "extension=$SWOOLE_SO")
else
    echo "bench: warning: Swoole is skipped: no SWOOLE_SO=/path/to/swoole.so (bench/README.md says how to build one)" >&2
fi
exec "$PHP" "${args[@]}" "$ROOT/bench/sync.php" "$@"
