#!/usr/bin/env bash
# scripts/demo.sh - build the extension and run the pre-fork HTTP counter demo
# (examples/prefork_http_counter.php) with the freshly built module.
#
#   bash scripts/demo.sh [options passed to the demo]
#
# Environment: as for scripts/build.sh (CC, CFLAGS, PHP_CONFIG, ...).
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT" || exit 1

bash scripts/build.sh
find_php

echo
exec "$PHP" -d extension="$ROOT/modules/shmtable.so" examples/prefork_http_counter.php "$@"
