#!/usr/bin/env bash
# scripts/ci-examples.sh - run every program in examples/ with the freshly
# built module and check what each one reports.
#
#   bash scripts/ci-examples.sh
#
# Builds the extension (scripts/build.sh, which installs what is missing),
# then for each example prints "ok: NAME" or "FAIL: NAME" with its output;
# the last line is the tally `N passed, N failed`, and the exit status is
# non-zero if any failed. All traffic stays on the loopback interface; every
# run is bounded by `timeout`. About 25 seconds.
#
# The checks:
#   basic.php                  runs to the end, exit 0
#   prefork_http_counter.php   4 workers, 4 clients x 500 requests, all counted
#   rate limiter               rate_limit_server.php (4 workers, limit 100 per
#                              600 s window) driven by rate_limit_check.php:
#                              4 client addresses x 2 processes, 250 requests
#                              each address; exactly 100 x 200 and 150 x 429
#                              per address, and /stats agrees; a second round
#                              from the same addresses in the same window gets
#                              only 429s; the server stops cleanly on SIGTERM;
#                              with a 5 s window, a new window gives the whole
#                              limit again and past windows' rows are swept
#   job_runner.php             2000 jobs, 4 workers, each done exactly once;
#                              plain progress lines when stdout is not a
#                              terminal, "\r" redraws when it is (under
#                              script(1)); --kill-one: a worker SIGKILLed
#                              mid-job, its job redone, still exactly once
#   swoole-migration           sessions_shmtable.php prints expected.txt;
#                              sessions_swoole.php is valid PHP (Swoole is not
#                              in Debian, so it cannot run here) and, unedited,
#                              prints the same report under shmtable with
#                              shmtable.swoole_compat=1; differences.php runs
#                              to its end there
set -uo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT" || exit 1

work=$(mktemp -d "${TMPDIR:-/tmp}/shmtable-examples.XXXXXX")
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null
        sleep 1
        kill -KILL "$server_pid" 2>/dev/null
        wait "$server_pid" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT

section "build"
build_module build || tally

# expect NAME LOG PATTERN...: each extended regexp must match a line of LOG.
expect() {
    local name=$1 log=$2 p
    shift 2
    for p in "$@"; do
        if ! grep -qE -- "$p" "$log"; then
            sed 's/^/  | /' "$log" | tail -n 30
            fail "$name" "no line matches /$p/"
            return 1
        fi
    done
    ok "$name"
}

# ---- basic.php --------------------------------------------------------------

section "examples/basic.php"
timeout 60 "$PHP" -d extension="$ROOT/modules/shmtable.so" examples/basic.php >"$work/basic.log" 2>&1
rc=$?
if [ "$rc" -eq 0 ]; then
    ok "basic.php (exit 0, $(wc -l <"$work/basic.log") lines)"
else
    sed 's/^/  | /' "$work/basic.log" | tail -n 20
    fail "basic.php" "exit status $rc"
fi

# ---- prefork_http_counter.php ----------------------------------------------------

section "examples/prefork_http_counter.php"
timeout 90 "$PHP" -d extension="$ROOT/modules/shmtable.so" examples/prefork_http_counter.php \
    --workers=4 --clients=4 --requests=500 >"$work/counter.log" 2>&1
rc=$?
if [ "$rc" -eq 0 ]; then
    expect "prefork_http_counter.php: 2000 requests, all counted" "$work/counter.log" \
        '^ok: 2000 requests sent, 2000 counted per client, per path and per worker; 4 workers stopped$'
else
    sed 's/^/  | /' "$work/counter.log" | tail -n 20
    fail "prefork_http_counter.php" "exit status $rc"
fi

# start_server LOG OPTION...: start examples/rate_limit_server.php on a port
# the kernel picks, in the background of this shell (so $! is its master and
# SIGTERM reaches it), and wait up to 10 s for its "listening on" line. Sets
# server_pid, and port (empty if the server did not come up).
start_server() {
    local log=$1
    shift
    "$PHP" -d extension="$ROOT/modules/shmtable.so" examples/rate_limit_server.php \
        --port=0 "$@" >"$log" 2>&1 &
    server_pid=$!
    port=
    for _ in $(seq 1 100); do
        port=$(sed -n 's#^listening on http://127\.0\.0\.1:\([0-9]*\)/.*#\1#p' "$log")
        [ -n "$port" ] && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
}

# stop_server: SIGTERM to the server started by start_server, if any, and
# wait for it; bounded: a server that ignores SIGTERM is killed after 20 s
# (and its exit status then says so). Sets server_rc, clears server_pid.
stop_server() {
    server_rc=0
    [ -n "$server_pid" ] || return 0
    kill -TERM "$server_pid" 2>/dev/null
    for _ in $(seq 1 200); do
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null
    wait "$server_pid"
    server_rc=$?
    server_pid=
}

# ---- the rate limiter ---------------------------------------------------------------

section "examples/rate_limit_server.php + rate_limit_check.php"
# A 600 s window: the run takes a second or two, so it never crosses a
# window boundary, however loaded the machine.
start_server "$work/server.log" --workers=4 --limit=100 --window=600
if [ -z "$port" ]; then
    sed 's/^/  | /' "$work/server.log"
    fail "rate limiter: server start" "no 'listening on' line"
else
    ok "rate limiter: server listening on 127.0.0.1:$port"
    timeout 120 "$PHP" examples/rate_limit_check.php --port="$port" --clients=4 --requests=250 --procs=2 --limit=100 \
        >"$work/check1.log" 2>&1
    sed 's/^/  | /' "$work/check1.log"
    expect "rate limiter: 4 clients x 250 requests, exactly 100 x 200 + 150 x 429 each, /stats agrees" "$work/check1.log" \
        '^127\.0\.0\.10 +250 +100 +150 +100 +150$' '^127\.0\.0\.13 +250 +100 +150 +100 +150$' \
        '^ok: limit 100 held exactly: 400 x 200, 600 x 429, and /stats agrees$'
    # The same addresses again, same window: the limit is used up, so every
    # request is refused; /stats now counts 100 allowed, 200 refused each.
    timeout 120 "$PHP" examples/rate_limit_check.php --port="$port" --clients=4 --requests=50 --procs=2 --limit=100 \
        >"$work/check2.log" 2>&1
    expect "rate limiter: a second round in the same window is refused entirely" "$work/check2.log" \
        '^127\.0\.0\.10 +50 +0 +50 +100 +200' '^127\.0\.0\.13 +50 +0 +50 +100 +200'
    stop_server
    rc=$server_rc
    if [ "$rc" -eq 0 ] && grep -qx stopped "$work/server.log"; then
        ok "rate limiter: server stopped on SIGTERM, exit 0"
    else
        sed 's/^/  | /' "$work/server.log" | tail -n 10
        fail "rate limiter: server stop" "exit status $rc"
    fi
fi

# A second server with a 5 s window, for what happens when a window ends:
# rate_limit_check.php --rollover starts just after a window boundary, uses
# up the limit, waits for the next window and must get the whole limit
# again, then finds the past window's counter swept away.
start_server "$work/server2.log" --workers=2 --limit=100 --window=5
if [ -z "$port" ]; then
    sed 's/^/  | /' "$work/server2.log"
    fail "rate limiter, 5 s window: server start" "no 'listening on' line"
else
    timeout 60 "$PHP" examples/rate_limit_check.php --port="$port" --rollover --limit=100 >"$work/rollover.log" 2>&1
    sed 's/^/  | /' "$work/rollover.log"
    expect "rate limiter, 5 s window: a new window starts from zero, past windows are swept" "$work/rollover.log" \
        '^window 1: 120 requests .*: 100 x 200, 20 x 429$' '^window 2: 100 requests .*: 100 x 200, 0 x 429$' \
        '^ok: a new window starts from zero, and past windows are swept$'
fi
stop_server

# ---- job_runner.php -------------------------------------------------------------------

section "examples/job_runner.php"
timeout 300 "$PHP" -d extension="$ROOT/modules/shmtable.so" examples/job_runner.php --jobs=2000 --workers=4 \
    >"$work/jobs.log" 2>&1
rc=$?
if [ "$rc" -eq 0 ]; then
    tail -n 3 "$work/jobs.log" | sed 's/^/  | /'
    if grep -q $'\r' "$work/jobs.log"; then
        fail "job_runner.php: plain lines when stdout is not a terminal" "output has carriage returns"
    else
        expect "job_runner.php: 2000 jobs, 4 workers, each done exactly once (plain progress lines)" "$work/jobs.log" \
            '^\[#{30}\] 2000/2000 jobs' '^ok: every one of the 2000 jobs was done exactly once, with the right result$'
    fi
else
    sed 's/^/  | /' "$work/jobs.log" | tail -n 20
    fail "job_runner.php" "exit status $rc"
fi
timeout 300 "$PHP" -d extension="$ROOT/modules/shmtable.so" examples/job_runner.php --jobs=1000 --workers=4 --kill-one \
    >"$work/kill.log" 2>&1
rc=$?
if [ "$rc" -eq 0 ]; then
    tail -n 3 "$work/kill.log" | sed 's/^/  | /'
    expect "job_runner.php --kill-one: a worker killed mid-job, every job still done exactly once" "$work/kill.log" \
        '^killed worker #[0-9]+ \(pid [0-9]+\) holding job [0-9]+' \
        '^ok: every one of the 1000 jobs was done exactly once, with the right result$'
else
    sed 's/^/  | /' "$work/kill.log" | tail -n 20
    fail "job_runner.php --kill-one" "exit status $rc"
fi
if command -v script >/dev/null 2>&1; then
    # script(1) gives the program a terminal, as a user's shell would.
    timeout 300 script -qec "$PHP -d extension=$ROOT/modules/shmtable.so examples/job_runner.php --jobs=300 --workers=2" \
        /dev/null </dev/null >"$work/tty.log" 2>&1
    rc=$?
    if [ "$rc" -eq 0 ] && grep -q $'\r\\[' "$work/tty.log" && grep -q 'ok: every one of the 300 jobs' "$work/tty.log"; then
        ok "job_runner.php on a terminal: the progress line is redrawn with \\r"
    else
        tail -c 600 "$work/tty.log" | od -c | tail -n 8
        fail "job_runner.php on a terminal" "exit status $rc, or no \\r redraw"
    fi
else
    fail "job_runner.php on a terminal" "script(1) not found (util-linux)"
fi

# ---- swoole-migration ---------------------------------------------------------------------

section "examples/swoole-migration"
if timeout 60 "$PHP" -d extension="$ROOT/modules/shmtable.so" examples/swoole-migration/sessions_shmtable.php \
    >"$work/sessions.log" 2>&1 && diff -u examples/swoole-migration/expected.txt "$work/sessions.log"; then
    ok "swoole-migration: sessions_shmtable.php prints expected.txt ($(wc -l <"$work/sessions.log") lines)"
else
    fail "swoole-migration: sessions_shmtable.php" "output differs from expected.txt (diff above)"
fi
if out=$("$PHP" -l examples/swoole-migration/sessions_swoole.php 2>&1); then
    ok "swoole-migration: sessions_swoole.php is valid PHP (not run: Swoole is not packaged for Debian)"
else
    echo "$out"
    fail "swoole-migration: sessions_swoole.php syntax"
fi
timeout 60 "$PHP" -d extension="$ROOT/modules/shmtable.so" -d shmtable.swoole_compat=1 \
    examples/swoole-migration/sessions_swoole.php >"$work/sessions-compat.log" 2>&1
if diff -u <(sed -n '1,/^first open session:/p' examples/swoole-migration/expected.txt) \
        <(sed -n '1,/^first open session:/p' "$work/sessions-compat.log"); then
    ok "swoole-migration: sessions_swoole.php, unedited, with shmtable.swoole_compat=1: the same report"
else
    fail "swoole-migration: sessions_swoole.php with shmtable.swoole_compat=1" "report differs (diff above)"
fi
if timeout 60 "$PHP" -d extension="$ROOT/modules/shmtable.so" -d shmtable.swoole_compat=1 \
    examples/swoole-migration/differences.php >"$work/differences.log" 2>&1 \
    && grep -q '^destroy(), then get()' "$work/differences.log"; then
    ok "swoole-migration: differences.php runs to its end ($(grep -c '^    =>' "$work/differences.log") results)"
else
    tail -5 "$work/differences.log"
    fail "swoole-migration: differences.php"
fi

# ---- tally ----------------------------------------------------------------------------------

tally
