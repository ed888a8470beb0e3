#!/usr/bin/env bash
# scripts/gen-ide-stub.sh - build the extension and regenerate the IDE stub
# stubs/ShmTable.php from it (scripts/gen-ide-stub.php: Reflection of the
# loaded module for the signatures, stubs/docs.php for the words).
#
#   bash scripts/gen-ide-stub.sh           rewrite stubs/ShmTable.php
#   bash scripts/gen-ide-stub.sh --check   exit 1 (with a diff) if it is stale
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/build.sh >/dev/null
PHP_CONFIG=$(command -v "${PHP_CONFIG:-php-config}")
PHP=$("$PHP_CONFIG" --php-binary 2>/dev/null || true)
[ -x "$PHP" ] || PHP=$(command -v php)
exec "$PHP" -n -d extension="$ROOT/modules/shmtable.so" scripts/gen-ide-stub.php "$@"
