# scripts/results.sh - sourced by test.sh, check.sh and the ci-*.sh scripts:
# the counting they share. It starts passed, failed, skipped, the failures
# array and the summary array (lines printed before the tally when there are
# several) empty; the caller adds to them.

passed=0
failed=0
skipped=0
failures=()
summary=()

section() { printf '\n==== %s ====\n' "$*"; }

# ok WHAT / fail WHAT [WHY]: one named check passed or failed.
ok() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAIL: $1${2:+: $2}"; }

# tally: print the summary, the failures and the closing line
# `N passed, N failed[, N skipped]`, then exit non-zero if anything failed.
tally() {
    local line="$passed passed, $failed failed"
    [ "$skipped" -gt 0 ] && line+=", $skipped skipped"
    echo
    if [ "${#summary[@]}" -gt 1 ]; then
        printf '%s\n' "${summary[@]}"
        echo
    fi
    if [ "${#failures[@]}" -gt 0 ]; then
        echo "Failed:"
        printf '  %s\n' "${failures[@]}"
    fi
    echo "$line"
    [ "$failed" -eq 0 ]
    exit $?
}

# Reading the file that `run-tests.php -W FILE` writes (one
# "RESULT<TAB>path" line per test): counts, failure names, diffs.
#
# phpt_tally RESULTS_FILE RUN_TESTS_STATUS PREFIX
#   sets t_pass, t_fail, t_skip; appends to the caller's failures array
#   ("PREFIXpath (RESULT)"); prints each failure's valgrind report, diff or
#   output. WARNED is run-tests' word for a timing-sensitive test (one that
#   calls hrtime()) that failed once and passed when run again: it counts as
#   passed and is named. run-tests exits 1 for WARNED too; that alone is not
#   a failure.
phpt_tally() {
    local results=$1 rc=$2 prefix=$3 result path base
    t_pass=$(grep -cE '^(PASSED|WARNED)' "$results" || true)
    t_skip=$(grep -cE '^(SKIPPED|XFAILED)' "$results" || true)
    t_fail=$(grep -cvE '^(PASSED|WARNED|SKIPPED|XFAILED)' "$results" || true)
    while IFS=$'\t' read -r result path; do
        echo "${prefix}passed on retry (timing-sensitive): ${path#"$ROOT"/}"
    done < <(grep -E '^WARNED' "$results" || true)
    while IFS=$'\t' read -r result path; do
        failures+=("$prefix${path#"$ROOT"/} ($result)")
        printf '\n---- %s: %s\n' "$result" "${path#"$ROOT"/}"
        base=${path%.phpt}
        if [ -s "$base.mem" ]; then
            echo "(valgrind report: ${base#"$ROOT"/}.mem)"
            head -n 60 "$base.mem"
        fi
        if [ -s "$base.diff" ]; then
            head -n 80 "$base.diff"; echo
        elif [ -s "$base.out" ]; then
            echo "(no diff; output was:)"
            head -n 40 "$base.out"; echo
        fi
    done < <(grep -vE '^(PASSED|WARNED|SKIPPED|XFAILED)' "$results" || true)
    if [ "$rc" -ne 0 ] && [ "$t_fail" -eq 0 ] && ! grep -q '^WARNED' "$results"; then
        t_fail=1
        failures+=("${prefix}run-tests.php exited with status $rc")
    fi
    if [ "$((t_pass + t_skip + t_fail))" -eq 0 ]; then
        t_fail=1
        failures+=("${prefix}run-tests.php ran no test")
    fi
}
