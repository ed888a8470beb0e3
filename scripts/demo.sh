#!/usr/bin/env bash
# scripts/demo.sh - build the extension and run the pre-fork HTTP counter demo
# (examples/prefork_http_counter.php) with the freshly built module.
#
#   bash scripts/demo.sh [options passed to the demo]
#
# Environment: as for scripts/build.sh (CC, CFLAGS, PHP_CONFIG, ...).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

bash scripts/build.sh

PHP_CONFIG=$(command -v "${PHP_CONFIG:-php-config}")
PHP=$("$PHP_CONFIG" --php-binary 2>/dev/null || true)
[ -x "$PHP" ] || PHP=$(command -v php)

echo
exec "$PHP" -d extension="$ROOT/modules/shmtable.so" examples/prefork_http_counter.php "$@"
