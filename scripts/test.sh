#!/usr/bin/env bash
# scripts/test.sh - build the extension, run the C unit tests and every phpt.
#
#   bash scripts/test.sh                 everything
#   bash scripts/test.sh tests/foo.phpt  the build, the unit tests, and the
#                                        given phpt files or directories only
#
# The C unit tests are built and run by tests/unit/Makefile (`make -C
# tests/unit` then `make -C tests/unit check`); `check` reports one line per
# test program, `PASS name` or `FAIL name`. The phpt suite runs under PHP's
# run-tests.php with the freshly built module loaded and the PHP's own
# php.ini.
#
# The last line of output is always the tally, and the exit status is
# non-zero if anything failed:
#   N passed, N failed[, N skipped]
# where N passed counts passing unit test programs plus passing phpt files.
#
# Environment: as for scripts/build.sh (CC, CFLAGS, PHP_CONFIG, ...), plus
#   TEST_JOBS               parallel phpt workers (default 2; 1 runs them one by one)
#   SHMTABLE_TIMING_TESTS   1: also run the assertions on speed and scaling
#                           (off by default; see TESTING.md)
set -uo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT" || exit 1

section "build"
build_module build || tally
MODULE="$ROOT/modules/shmtable.so"
if ! module_loads "$PHP" "$MODULE"; then
    echo "test: $PHP cannot load $MODULE" >&2
    fail "loading modules/shmtable.so into $PHP"
    tally
fi

section "C unit tests (tests/unit)"
run_unit unit

section "phpt (run-tests.php)"
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(tests)
run_phpt phpt "$PHP" "$MODULE" -- "${targets[@]}"

tally
