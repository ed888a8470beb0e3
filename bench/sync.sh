#!/usr/bin/env bash
# bench/sync.sh - runs bench/sync.php: ShmTable\Atomic and ShmTable\Lock
# against Swoole\Atomic/Swoole\Lock, flock() and sysvsem.
#
#   bash bench/sync.sh [--duration=S] [--repeats=N]
#
# Builds modules/shmtable.so with scripts/build.sh when missing (or set
# SHMTABLE_SO); installs php8.2-sysvsem when sem_get() is missing; loads
# Swoole from SWOOLE_SO (default /work/swoole/6.2.2/swoole.so, a build made
# outside this repository) when that file exists, and runs without it
# otherwise. Prints a Markdown table; writes nothing.
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
SWOOLE_SO=${SWOOLE_SO:-/work/swoole/6.2.2/swoole.so}
if [ -f "$SWOOLE_SO" ]; then
    args+=(-d "extension=$SWOOLE_SO")
fi
exec "$PHP" "${args[@]}" "$ROOT/bench/sync.php" "$@"
