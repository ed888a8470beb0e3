#!/usr/bin/env bash
# scripts/test.sh - build the extension, run the C unit tests and every phpt.
#
#   bash scripts/test.sh                 everything
#   bash scripts/test.sh tests/foo.phpt  the build, the unit tests, and the
#                                        given phpt files or directories only
#
# The C unit tests are built and run by tests/unit/Makefile (`make -C
# tests/unit` then `make -C tests/unit check`); `check` reports one line per
# test program, `PASS: name`, `FAIL: name` or `SKIP: name`. The phpt suite
# runs under PHP's run-tests.php with the freshly built module loaded.
#
# The last line of output is always the tally, and the exit status is
# non-zero if anything failed:
#   N passed, N failed[, N skipped]
# where N passed counts passing unit test programs plus passing phpt files.
#
# Environment: as for scripts/build.sh (CC, CFLAGS, PHP_CONFIG, ...), plus
#   TEST_JOBS   parallel phpt workers (default 2; 1 runs them one by one)
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# shellcheck source=scripts/results.sh
. "$ROOT/scripts/results.sh"


# ---- build ----------------------------------------------------------------

section "build"
if ! bash scripts/build.sh; then
    failed=$((failed + 1))
    failures+=("build (scripts/build.sh)")
    tally
fi
MODULE="$ROOT/modules/shmtable.so"
PHP_CONFIG=$(command -v "${PHP_CONFIG:-php-config}")
PHP=$("$PHP_CONFIG" --php-binary 2>/dev/null || true)
[ -x "$PHP" ] || PHP=$(command -v php)

if ! "$PHP" -d extension="$MODULE" -r 'exit(extension_loaded("shmtable") ? 0 : 1);'; then
    echo "test: $PHP cannot load $MODULE" >&2
    failed=$((failed + 1))
    failures+=("loading modules/shmtable.so into $PHP")
    tally
fi

# ---- C unit tests ---------------------------------------------------------

section "C unit tests (tests/unit)"
if [ ! -f tests/unit/Makefile ]; then
    echo "note: tests/unit/Makefile not found; no C unit tests to run"
else
    unit_log=$(mktemp "${TMPDIR:-/tmp}/shmtable-unit.XXXXXX")
    if ! make -s -C tests/unit all; then
        failed=$((failed + 1))
        failures+=("tests/unit: build (make -C tests/unit)")
    else
        make -s -C tests/unit check 2>&1 | tee "$unit_log"
        unit_rc=${PIPESTATUS[0]}
        # Strip make's own "make[1]: ..." prefixes and count one line per program.
        u_pass=$(grep -cE '^(PASS|ok):? ' "$unit_log" || true)
        u_fail=$(grep -cE '^(FAIL|ERROR|not ok):? ' "$unit_log" || true)
        u_skip=$(grep -cE '^SKIP:? ' "$unit_log" || true)
        while IFS= read -r line; do
            failures+=("tests/unit: $line")
        done < <(grep -E '^(FAIL|ERROR|not ok):? ' "$unit_log" || true)
        if [ "$u_pass" -eq 0 ] && [ "$u_fail" -eq 0 ] && [ "$u_skip" -eq 0 ]; then
            # No per-program lines: the check target as a whole is one test.
            if [ "$unit_rc" -eq 0 ]; then u_pass=1; else u_fail=1; failures+=("tests/unit: make check"); fi
        elif [ "$unit_rc" -ne 0 ] && [ "$u_fail" -eq 0 ]; then
            u_fail=1
            failures+=("tests/unit: make check exited with status $unit_rc")
        fi
        passed=$((passed + u_pass))
        failed=$((failed + u_fail))
        skipped=$((skipped + u_skip))
        echo "unit: $u_pass passed, $u_fail failed, $u_skip skipped"
    fi
    rm -f "$unit_log"
fi

# ---- phpt -----------------------------------------------------------------

section "phpt (run-tests.php)"
RUN_TESTS=
for f in "$ROOT/run-tests.php" "$("$PHP_CONFIG" --prefix)/lib/php/$("$PHP_CONFIG" --phpapi 2>/dev/null)/build/run-tests.php" /usr/lib/php/*/build/run-tests.php; do
    if [ -f "$f" ]; then RUN_TESTS=$f; break; fi
done

targets=("$@")
[ "${#targets[@]}" -eq 0 ] && targets=(tests)

nphpt=$(find "${targets[@]}" -name '*.phpt' 2>/dev/null | wc -l)
if [ -z "$RUN_TESTS" ]; then
    echo "test: run-tests.php not found (phpize copies it into the source tree)" >&2
    failed=$((failed + 1))
    failures+=("phpt: run-tests.php not found")
elif [ "$nphpt" -eq 0 ]; then
    echo "note: no .phpt files under ${targets[*]}"
else
    results=$(mktemp "${TMPDIR:-/tmp}/shmtable-phpt.XXXXXX")
    jobs_opt=()
    j=${TEST_JOBS:-2}
    if [ "$j" -gt 1 ] && grep -q -- '-j<workers>' "$RUN_TESTS"; then jobs_opt=(-j"$j"); fi

    REPORT_EXIT_STATUS=1 NO_INTERACTION=1 TEST_PHP_EXECUTABLE="$PHP" \
        "$PHP" "$RUN_TESTS" -q -p "$PHP" -d extension="$MODULE" \
        "${jobs_opt[@]}" --no-progress --no-color -g FAIL,BORK,WARN,LEAK,XFAIL,SKIP -W "$results" "${targets[@]}"
    rt_rc=$?

    phpt_tally "$results" "$rt_rc" ""
    passed=$((passed + t_pass))
    failed=$((failed + t_fail))
    skipped=$((skipped + t_skip))
    echo "phpt: $t_pass passed, $t_fail failed, $t_skip skipped (of $nphpt files)"
    rm -f "$results"
fi

tally
