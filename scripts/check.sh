#!/usr/bin/env bash
# scripts/check.sh - the hardening checks, one subcommand each.
#
#   bash scripts/check.sh unit             C unit tests of the engine (tests/unit)
#   bash scripts/check.sh phpt [PATH...]   build the extension, run the phpt suite
#   bash scripts/check.sh asan [PATH...]   C unit tests and phpt suite, all built with
#                                          AddressSanitizer + UndefinedBehaviorSanitizer
#   bash scripts/check.sh valgrind [PATH...]  phpt suite under valgrind memcheck
#   bash scripts/check.sh fuzz [SECONDS]   libFuzzer on the engine and on table files
#                                          (default 60 s each)
#   bash scripts/check.sh all              every one of the above
#
# PATH is a phpt file or directory (default: tests, every phpt in it; for
# valgrind, every phpt except tests/stress/). The last line of output is
# always the tally, as for scripts/test.sh, and the exit status is non-zero
# if anything failed:
#   N passed, N failed[, N skipped]
# Unit test programs, phpt files and the fuzz run count one each.
#
# How each check runs:
# - asan: the engine's unit tests are built into tests/unit/build/asan with
#   -fsanitize=address,undefined. The extension is built the same way in a
#   scratch copy of the tree and loaded into the system's PHP, which is not
#   built with sanitizers: the ASan runtime is preloaded, after
#   scripts/asan/nodeepbind.c (PHP's dlopen(RTLD_DEEPBIND) is refused by ASan
#   otherwise), and PHP runs with USE_ZEND_ALLOC=0 so that every emalloc()
#   goes through ASan's malloc. LeakSanitizer is on: a leak fails the test
#   that shows it. UBSan stops at the first error. PHP runs with -n (no
#   php.ini, so no opcache and no other extension but those it needs).
# - valgrind: run-tests.php -m, with USE_ZEND_ALLOC=0, full leak checking
#   (definite and indirect leaks are errors) and forked children traced. Left
#   out by default (name them to run them anyway):
#   - the stress tests (tests/stress/): they run for a set time with many
#     processes, so under valgrind they would take many minutes and do a
#     small fraction of their work;
#   - the files in valgrind_skip below, each with its reason.
# - fuzz: tests/unit/Makefile's two fuzz targets (clang, libFuzzer with ASan
#   and UBSan), each for SECONDS: fuzz_model from the seed corpus
#   tests/unit/corpus/ (new inputs to tests/unit/build/fuzz-corpus/), and
#   fuzz_open, table files given to shmt_open(), from tests/unit/corpus-open/
#   (new inputs to tests/unit/build/fuzz-open-corpus/); a crashing input goes
#   to tests/unit/build/.
#
# Needs, besides what scripts/build.sh installs: gcc's libasan (asan),
# valgrind (valgrind), clang with its compiler-rt (fuzz; Debian:
# clang libclang-rt-14-dev). Nothing is installed by this script.
#
# Environment: as for scripts/build.sh (CC, CFLAGS, PHP_CONFIG, ...), plus
#   TEST_JOBS     parallel phpt workers (default 2)
#   ASAN_CC       compiler for the sanitizer builds (default gcc)
#   FUZZ_SECONDS  default duration of the fuzz run (60)
#   SHMTABLE_TIMING_TESTS   1: also run the assertions on speed and scaling
set -uo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT" || exit 1

usage() {
    sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

scratch=
cleanup() { [ -n "$scratch" ] && rm -rf "$scratch"; }
trap cleanup EXIT

find_php
# run-tests.php and the tests run without php.ini (see lib.sh).
export PHPT_NO_INI=1

# ---- subcommands ----------------------------------------------------------

check_unit() {
    section "unit: C unit tests (tests/unit)"
    run_unit unit
}

check_phpt() {
    section "phpt: the phpt suite"
    build_module phpt || return
    local targets=("$@")
    [ "${#targets[@]}" -gt 0 ] || targets=(tests)
    run_phpt phpt "$PHP" "$ROOT/modules/shmtable.so" -- "${targets[@]}"
}

check_asan() {
    local cc=${ASAN_CC:-gcc}
    local san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
    # The user's warning flags stay; the optimisation level is ours.
    local user_cflags
    user_cflags=$(printf '%s\n' ${CFLAGS:-} | grep -v '^-O' | tr '\n' ' ')
    local cflags="-O1 -g $user_cflags $san"
    local ldflags="${LDFLAGS:-} -fsanitize=address,undefined"

    section "asan: C unit tests with $cc $san"
    run_unit asan-unit BUILD=build/asan CC="$cc" CFLAGS="$cflags" LDFLAGS="$ldflags"

    section "asan: phpt suite, extension built with $cc $san"
    # The runtime to preload: GCC's libasan, or clang's shared runtime (a
    # clang-built module leaves the runtime's symbols for the executable to
    # provide; the preloaded library does).
    local runtime
    if "$cc" --version 2>/dev/null | grep -q clang; then
        runtime=$("$cc" -print-file-name=libclang_rt.asan-x86_64.so)
    else
        runtime=$("$cc" -print-file-name=libasan.so)
    fi
    if [ ! -f "$runtime" ]; then
        echo "check: no shared ASan runtime for $cc (Debian: libgcc-12-dev for gcc, libclang-rt-14-dev for clang)" >&2
        fail "asan-phpt: no ASan runtime"
        return
    fi
    runtime=$(readlink -f "$runtime")
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/shmtable-asan.XXXXXX")
    copy_sources "$scratch"
    if ! CC="$cc" CFLAGS="$cflags" LDFLAGS="$ldflags" bash "$scratch/scripts/build.sh"; then
        fail "asan-phpt: build"
        summary+=("asan-phpt: build failed")
        return
    fi
    if ! "$cc" -shared -fPIC -o "$scratch/nodeepbind.so" scripts/asan/nodeepbind.c -ldl; then
        fail "asan-phpt: build of scripts/asan/nodeepbind.c"
        return
    fi
    # The PHP that run-tests.php starts for each test: with the ASan runtime.
    # ZEND_DONT_UNLOAD_MODULES keeps the module mapped at exit, so leak
    # reports can name its functions; fast_unwind_on_malloc=0 follows the
    # stack through PHP's frames, which have no frame pointer.
    local wrapper="$scratch/php-asan"
    cat >"$wrapper" <<EOF
#!/bin/sh
export LD_PRELOAD="$scratch/nodeepbind.so $runtime\${LD_PRELOAD:+ \$LD_PRELOAD}"
export ASAN_OPTIONS="verify_asan_link_order=0:detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=30\${ASAN_OPTIONS:+:\$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1\${UBSAN_OPTIONS:+:\$UBSAN_OPTIONS}"
export USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1
exec "$PHP" "\$@"
EOF
    chmod +x "$wrapper"
    if ! module_loads "$wrapper" "$scratch/modules/shmtable.so" -n; then
        echo "check: the ASan build of the extension does not load" >&2
        fail "asan-phpt: cannot load the ASan build"
        return
    fi
    local targets=("$@")
    [ "${#targets[@]}" -gt 0 ] || targets=(tests)
    # SKIP_ASAN: run-tests.php triples its per-test timeout.
    SKIP_ASAN=1 run_phpt asan-phpt "$wrapper" "$scratch/modules/shmtable.so" -- "${targets[@]}"
    rm -rf "$scratch"
    scratch=
}

# phpt files that the default valgrind run leaves out, and why.
valgrind_skip=(
    # Under valgrind the child spends nearly all its time in PHP code (making
    # the 1-40 KB strings of its rows), so the kills seldom land inside a
    # write of the engine, and the test's proof that they did (some lock was
    # taken back from a dead owner) fails in most runs. The engine's side of
    # it, a writer killed at every step of every write path, runs under ASan
    # and natively (tests/unit/test_crash.c, this test, tests/stress/).
    "tests/117_fork_killed_writers.phpt"
    # Its second process runs as 'nobody'; valgrind traces it and cannot
    # write that child's log into the test directory, which fails the test.
    # The extension's side is the error path of a failed open() (EACCES
    # there), which 010 takes under valgrind with ENOENT.
    "tests/named/041_permissions_other_user.phpt"
    # The same for the processes of 'nobody' that plant the tables. The
    # extension's side, the refusal of another user's table (naming user and
    # group), runs under ASan; that of this user's table of a wider mode than
    # asked needs no second user, and 040 takes it under valgrind.
    "tests/named/042_squatting_other_user.phpt"
    # The same for named Atomic and Lock objects: processes of 'nobody' open,
    # remove and plant them. The refusal runs natively and under ASan; 022
    # takes the other error paths of a named object under valgrind.
    "tests/sync/023_named_other_user.phpt"
    # The three long multi-process tests of named tables pass under valgrind
    # when named (check.sh valgrind tests/named/070_...), but each adds about
    # a minute to this step, whose whole run CI bounds: 070 (four rounds of
    # four writers of 40 kB rows, killed together), 080 (24 processes x
    # 10,000 increments) and 100 (workers in new pid namespaces through
    # unshare(1), which valgrind traces as children). The ASan step runs them.
    "tests/named/070_file_killed_writers.phpt"
    "tests/named/080_concurrent_create.phpt"
    "tests/named/100_pid_namespaces.phpt"
    # The same pid-namespace workers for named Atomic and Lock objects.
    "tests/sync/024_named_pid_namespace.phpt"
    # The status page over HTTP: valgrind traces the built-in server it
    # starts, and reports reads inside PHP's own unsymbolized code while the
    # test fetches pages over the http wrapper, none in the extension. The
    # extension's side (list(), attach(), stats(), iteration of a damaged
    # table) runs under valgrind in 130, 133 and 143; the ASan step runs it.
    "tests/named/132_status_page_http.phpt"
)

check_valgrind() {
    section "valgrind: phpt suite under valgrind memcheck"
    if ! command -v valgrind >/dev/null 2>&1; then
        echo "check: valgrind not found (Debian: apt-get install valgrind)" >&2
        fail "valgrind: valgrind not installed"
        return
    fi
    build_module valgrind || return
    local targets=("$@")
    if [ "${#targets[@]}" -eq 0 ]; then
        local f skip
        while IFS= read -r f; do
            for skip in "${valgrind_skip[@]}"; do
                [ "$f" != "$skip" ] || { echo "(left out: $f; name it to run it)"; continue 2; }
            done
            targets+=("$f")
        done < <(find tests -name '*.phpt' -not -path 'tests/stress/*' | sort)
        local left_out
        left_out=$(find tests/stress -name '*.phpt' 2>/dev/null | wc -l)
        [ "$left_out" -eq 0 ] || echo "(left out: tests/stress/, $left_out files; name them to run them)"
    fi
    # run-tests.php -m adds -q --trace-children=yes and sets USE_ZEND_ALLOC=0;
    # VALGRIND_OPTS adds full leak checking. A non-empty report fails the test.
    # mount(8), which tests/named/110_full_tmpfs.phpt runs in a mount
    # namespace of its own, is setuid and cannot be run under valgrind: it
    # is not traced (the PHP processes around it are).
    VALGRIND_OPTS="--leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --num-callers=30 --trace-children-skip=*/mount${VALGRIND_OPTS:+ $VALGRIND_OPTS}" \
        run_phpt valgrind "$PHP" "$ROOT/modules/shmtable.so" -m -- "${targets[@]}"
}

check_fuzz() {
    local secs=${1:-${FUZZ_SECONDS:-60}}
    case "$secs" in
        ''|*[!0-9]*) echo "check: fuzz wants a number of seconds, not '$secs'" >&2; exit 2 ;;
    esac
    section "fuzz: libFuzzer on the engine for $secs s"
    if ! make -s -C tests/unit fuzz; then
        echo "check: the fuzz target needs clang with libFuzzer (Debian: clang libclang-rt-14-dev)" >&2
        fail "fuzz: build (make -C tests/unit fuzz)"
        summary+=("fuzz: build failed")
        return
    fi
    # Two targets, each for $secs: the model (operations) and the table file
    # validation (random and mutated files given to shmt_open()).
    local target run bin
    for target in model open; do
        if [ "$target" = model ]; then run=fuzz-run; else run=fuzz-open-run; fi
        bin=fuzz_$target
        local log rc
        log=$(mktemp "${TMPDIR:-/tmp}/shmtable-fuzz.XXXXXX")
        make -s -C tests/unit "$run" FUZZ_SECONDS="$secs" >"$log" 2>&1
        rc=$?
        local runs cov
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
        cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9A-Za-z]+' "$log" | tail -n 1)
        if [ "$rc" -eq 0 ] && [ -n "$runs" ]; then
            passed=$((passed + 1))
            summary+=("fuzz $bin: ok, ${runs} inputs in $secs s (${cov:-no coverage line})")
            grep -E '^INFO: seed corpus|^stat::' "$log"
        else
            # The report, the crashing input's file name and how to replay it.
            grep -vE '^#[0-9]+.*(NEW|REDUCE|pulse)' "$log" | tail -n 80
            local crash
            crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
            [ -n "$crash" ] && echo "replay: (cd tests/unit && ./build/$bin $crash)"
            fail "fuzz $bin: libFuzzer found a failure (exit status $rc)"
            summary+=("fuzz $bin: FAILED after ${runs:-?} inputs")
        fi
        echo "${summary[-1]}"
        rm -f "$log"
    done
}

# ---- main -------------------------------------------------------------------

[ "$#" -ge 1 ] || usage
cmd=$1
shift
case "$cmd" in
    unit) [ "$#" -eq 0 ] || usage; check_unit ;;
    phpt) check_phpt "$@" ;;
    asan) check_asan "$@" ;;
    valgrind) check_valgrind "$@" ;;
    fuzz) [ "$#" -le 1 ] || usage; check_fuzz "$@" ;;
    all)
        [ "$#" -eq 0 ] || usage
        check_unit
        check_phpt
        check_asan
        check_valgrind
        check_fuzz
        ;;
    -h|--help|help) usage ;;
    *) usage ;;
esac
tally
