#!/usr/bin/env bash
# scripts/gen-ide-stub.sh - build the extension and regenerate the IDE stub
# stubs/ShmTable.php from it (scripts/gen-ide-stub.php: Reflection of the
# loaded module for the signatures, stubs/docs.php for the words).
#
#   bash scripts/gen-ide-stub.sh           rewrite stubs/ShmTable.php
#   bash scripts/gen-ide-stub.sh --check   exit 1 (with a diff) if it is stale
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT" || exit 1
bash scripts/build.sh >/dev/null
find_php
exec "$PHP" -n -d extension="$ROOT/modules/shmtable.so" scripts/gen-ide-stub.php "$@"
