# shellcheck shell=bash
# scripts/lib.sh - sourced by the scripts in scripts/, bench/run.sh and
# .ci/run: what several of them need, in one place. Sourcing it sets ROOT
# (the repository root) and defines functions; it runs nothing else.
#
# Counting (test.sh, check.sh, ci-*.sh)
#   passed, failed, skipped, failures[], summary[]   start at 0 / empty
#   section TITLE           a heading line
#   ok WHAT / fail WHAT [WHY]   one named check passed or failed
#   add_counts P F S        add to passed, failed, skipped
#   tally                   print the summary, the failures and the last line
#                           `N passed, N failed[, N skipped]`; exit non-zero
#                           if anything failed
# PHP
#   find_php                sets PHP_CONFIG (from $PHP_CONFIG, default
#                           php-config) and PHP (its --php-binary, else the
#                           php on PATH); false if either is missing
#   find_run_tests          prints the path of run-tests.php
#   build_module LABEL      scripts/build.sh (which installs what is missing),
#                           then find_php; on failure counts LABEL failed
#   module_loads PHP MODULE [PHP options]   true if PHP can load MODULE
# Runners (test.sh, check.sh)
#   run_unit LABEL [make variables]         make -C tests/unit all check
#   run_phpt LABEL PHP MODULE [run-tests options] -- TARGET...
# Packages
#   apt_missing PKG...      the packages of the list that are not installed
#   apt_install PKG...      install those that are missing (Debian/Ubuntu)
#   apt_update              apt-get update, once per run
# Sources
#   copy_sources DEST       the source tree without build products, into DEST

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# ---- counting -----------------------------------------------------------------

passed=0
failed=0
skipped=0
failures=()
summary=()

section() { printf '\n==== %s ====\n' "$*"; }

ok() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAIL: $1${2:+: $2}"; }
add_counts() {
    passed=$((passed + $1))
    failed=$((failed + $2))
    skipped=$((skipped + ${3:-0}))
}

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

# ---- PHP ------------------------------------------------------------------------

find_php() {
    PHP_CONFIG=$(command -v "${PHP_CONFIG:-php-config}" || true)
    PHP=
    [ -z "$PHP_CONFIG" ] || PHP=$("$PHP_CONFIG" --php-binary 2>/dev/null || true)
    [ -x "$PHP" ] || PHP=$(command -v php || true)
    [ -n "$PHP_CONFIG" ] && [ -n "$PHP" ]
}

find_run_tests() {
    local f
    for f in "$ROOT/run-tests.php" \
        ${PHP_CONFIG:+"$("$PHP_CONFIG" --prefix)/lib/php/$("$PHP_CONFIG" --phpapi 2>/dev/null)/build/run-tests.php"} \
        /usr/lib/php/*/build/run-tests.php; do
        if [ -f "$f" ]; then
            echo "$f"
            return 0
        fi
    done
    return 1
}

build_module() {
    if ! bash "$ROOT/scripts/build.sh"; then
        fail "$1: build (scripts/build.sh)"
        summary+=("$1: build failed")
        return 1
    fi
    if ! find_php; then
        fail "$1: no php and php-config after the build"
        summary+=("$1: no PHP found")
        return 1
    fi
}

module_loads() {
    local php=$1 module=$2
    shift 2
    "$php" "$@" -d extension="$module" -r 'exit(extension_loaded("shmtable") ? 0 : 1);'
}

# ---- the C unit tests -------------------------------------------------------------

# run_unit LABEL [make variables...]: build and run tests/unit (`make check`
# prints `PASS name`, `FAIL name` or `SKIP name` per program); one count per
# program, each failure named "LABEL: FAIL name".
run_unit() {
    local label=$1
    shift
    if [ ! -f "$ROOT/tests/unit/Makefile" ]; then
        echo "note: tests/unit/Makefile not found; no C unit tests to run"
        return
    fi
    if ! make -s -C "$ROOT/tests/unit" "$@" all; then
        fail "$label: build (make -C tests/unit $*)"
        summary+=("$label: build failed")
        return
    fi
    local log rc u_pass u_fail u_skip line
    log=$(mktemp "${TMPDIR:-/tmp}/shmtable-unit.XXXXXX")
    make -s -C "$ROOT/tests/unit" "$@" check 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    u_pass=$(grep -cE '^PASS:? ' "$log" || true)
    u_fail=$(grep -cE '^FAIL:? ' "$log" || true)
    u_skip=$(grep -cE '^SKIP:? ' "$log" || true)
    while IFS= read -r line; do
        failures+=("$label: $line")
    done < <(grep -E '^FAIL:? ' "$log" || true)
    if [ "$rc" -ne 0 ] && [ "$u_fail" -eq 0 ]; then
        u_fail=1
        failures+=("$label: make check exited with status $rc")
    elif [ "$((u_pass + u_fail + u_skip))" -eq 0 ]; then
        u_fail=1
        failures+=("$label: make check ran no program")
    fi
    rm -f "$log"
    add_counts "$u_pass" "$u_fail" "$u_skip"
    summary+=("$label: $u_pass passed, $u_fail failed, $u_skip skipped")
    echo "${summary[-1]}"
}

# ---- phpt -------------------------------------------------------------------------

# With PHPT_NO_INI=1, run-tests.php and the tests run with -n (no php.ini: no
# opcache, no other extension), plus pcntl and posix where this PHP has them
# as shared modules (the fork and kill tests need them).
php_ext_opts() {
    local ext dir
    dir=$("$PHP" -n -r 'echo ini_get("extension_dir");' 2>/dev/null || true)
    for ext in pcntl posix; do
        if ! "$PHP" -n -m 2>/dev/null | grep -qx "$ext" && [ -f "$dir/$ext.so" ]; then
            printf '%s\n' "-d" "extension=$ext"
        fi
    done
}

# run_phpt LABEL PHP_TO_TEST MODULE [run-tests options...] -- TARGET...
# Runs run-tests.php (itself under $PHP) with TEST_JOBS workers (default 2)
# and adds one count per phpt, each failure named "LABEL: path (RESULT)"
# with its diff or output (and valgrind report) printed.
run_phpt() {
    local label=$1 php=$2 module=$3
    shift 3
    local opts=()
    while [ "$#" -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
    shift
    local targets=("$@")

    local run_tests n
    if ! run_tests=$(find_run_tests); then
        echo "run-tests.php not found (phpize copies it into the source tree)" >&2
        fail "$label: run-tests.php not found"
        return
    fi
    n=$(find "${targets[@]}" -name '*.phpt' 2>/dev/null | wc -l)
    if [ "$n" -eq 0 ]; then
        echo "no .phpt files in ${targets[*]}" >&2
        fail "$label: no phpt files in ${targets[*]}"
        return
    fi
    local no_ini=() ext_opts=()
    if [ "${PHPT_NO_INI:-0}" = 1 ]; then
        no_ini=(-n)
        mapfile -t ext_opts < <(php_ext_opts)
    fi
    local jobs_opt=() j=${TEST_JOBS:-2}
    if [ "$j" -gt 1 ] && grep -q -- '-j<workers>' "$run_tests"; then jobs_opt=(-j"$j"); fi

    local results rc
    results=$(mktemp "${TMPDIR:-/tmp}/shmtable-phpt.XXXXXX")
    REPORT_EXIT_STATUS=1 NO_INTERACTION=1 TEST_PHP_EXECUTABLE="$php" \
        "$PHP" "${no_ini[@]}" "$run_tests" -q "${no_ini[@]}" -p "$php" -d extension="$module" \
        "${ext_opts[@]}" "${opts[@]}" "${jobs_opt[@]}" --no-progress --no-color \
        -g FAIL,BORK,WARN,LEAK,XFAIL,SKIP -W "$results" "${targets[@]}"
    rc=$?

    phpt_tally "$results" "$rc" "$label: "
    rm -f "$results"
    add_counts "$t_pass" "$t_fail" "$t_skip"
    summary+=("$label: $t_pass passed, $t_fail failed, $t_skip skipped (of $n files)")
    echo "${summary[-1]}"
}

# phpt_tally RESULTS_FILE RUN_TESTS_STATUS PREFIX: read the file that
# `run-tests.php -W FILE` writes (one "RESULT<TAB>path" line per test).
# Sets t_pass, t_fail, t_skip; appends to failures ("PREFIXpath (RESULT)");
# prints each failure's valgrind report, diff or output. WARNED is run-tests'
# word for a test that calls hrtime(), failed once and passed when run again:
# it counts as passed and is named. run-tests exits 1 for WARNED too; that
# alone is not a failure.
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

# ---- packages ---------------------------------------------------------------------

apt_missing() {
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            printf '%s\n' "$p"
    done
}

# apt-get (as root, or through sudo) with the output kept in a log that is
# shown only when it fails.
apt_run() {
    local sudo=() log
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { echo "need root (or sudo) to run apt-get $*" >&2; return 1; }
        sudo=(sudo)
    fi
    log=$(mktemp "${TMPDIR:-/tmp}/shmtable-apt.XXXXXX")
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@" >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        rm -f "$log"
        echo "apt-get $* failed" >&2
        return 1
    fi
    rm -f "$log"
}

apt_update() {
    [ -z "${SHMTABLE_APT_UPDATED:-}" ] || return 0
    command -v apt-get >/dev/null 2>&1 || { echo "apt-get not found: not a Debian/Ubuntu system" >&2; return 1; }
    apt_run update -qq || return 1
    export SHMTABLE_APT_UPDATED=1
}

apt_install() {
    local missing
    mapfile -t missing < <(apt_missing "$@")
    [ "${#missing[@]}" -gt 0 ] || return 0
    command -v apt-get >/dev/null 2>&1 || {
        echo "apt-get not found: install ${missing[*]} by hand" >&2
        return 1
    }
    echo "apt-get install ${missing[*]}"
    apt_update && apt_run install -y -qq --no-install-recommends "${missing[@]}"
}

# ---- sources ----------------------------------------------------------------------

# copy_sources DEST: the tree as a fresh checkout would build it, leaving out
# .git and whatever phpize, configure, make and the tests left in it.
copy_sources() {
    tar -C "$ROOT" -cf - \
        --exclude=./.git --exclude=./modules --exclude=./build --exclude=./include \
        --exclude=./autom4te.cache --exclude=./Makefile --exclude=./Makefile.fragments \
        --exclude=./Makefile.objects --exclude=./config.status --exclude=./config.h \
        --exclude=./config.log --exclude=./libtool --exclude=.libs --exclude=./run-tests.php \
        --exclude='*.lo' --exclude='*.o' --exclude='*.la' --exclude='*.dep' --exclude='*.so' \
        --exclude=./tests/unit/build . | tar -C "$1" -xf -
}
