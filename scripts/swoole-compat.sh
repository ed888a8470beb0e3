#!/usr/bin/env bash
# scripts/swoole-compat.sh - build the extension, then run Swoole's own
# Swoole\Table tests against it with shmtable.swoole_compat=1 (no edit to the
# tests). Not part of CI: the tests are Swoole's. See TESTING.md.
#
#   bash scripts/swoole-compat.sh /path/to/swoole-src/tests/swoole_table [--swoole=swoole.so] [--keep]
#
# Prints one line per test (pass / by design / needs class / incompatible,
# with the reason) and a tally; exits non-zero if any test is "incompatible".
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT" || exit 1
[ $# -ge 1 ] || { echo "usage: bash scripts/swoole-compat.sh SWOOLE_SRC/tests/swoole_table [--swoole=swoole.so] [--keep]" >&2; exit 2; }
dir=$1; shift
bash scripts/build.sh >/dev/null
exec "$(command -v php)" scripts/swoole-compat.php "$@" "$dir"
