#!/usr/bin/env bash
# scripts/ci-workerman.sh - run examples/workerman/check.php against a
# Workerman checkout, when one is given; skipped (and said so) otherwise.
#
#   WORKERMAN_DIR=/path/to/workerman [WORKERMAN_COROUTINE_DIR=/path/to/coroutine] \
#       bash scripts/ci-workerman.sh
#
# WORKERMAN_DIR is a checkout of walkor/workerman (5.x; then
# WORKERMAN_COROUTINE_DIR is a checkout of workerman-php/coroutine, which
# Workerman 5 needs) or a Composer project that requires workerman/workerman
# (its vendor/autoload.php is used). Neither is in Debian's archive and
# neither is ever copied into this repository (examples/workerman/README.md).
# The check: 8 clients x 25,000 requests with a worker SIGKILLed every 200 ms,
# then reload and stop (see check.php). The last line is the tally.
set -uo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT" || exit 1

section "examples/workerman"
if [ -z "${WORKERMAN_DIR:-}" ]; then
    echo "skipped: no Workerman checkout given (set WORKERMAN_DIR; see examples/workerman/README.md)"
    skipped=$((skipped + 1))
    tally
fi
build_module build || tally
log=$(mktemp "${TMPDIR:-/tmp}/shmtable-workerman.XXXXXX")
timeout 600 "$PHP" examples/workerman/check.php --extension="$ROOT/modules/shmtable.so" \
    --clients=8 --requests=25000 --kill-every=200 >"$log" 2>&1
rc=$?
sed 's/^/  | /' "$log"
if [ "$rc" -eq 0 ] && grep -q '^all checks passed$' "$log"; then
    ok "examples/workerman: $(grep '^load:' "$log" | sed 's/^load: //; s/; answers.*//')"
else
    fail "examples/workerman/check.php" "exit status $rc"
fi
rm -f "$log"
tally
