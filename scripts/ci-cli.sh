#!/usr/bin/env bash
# scripts/ci-cli.sh - run every subcommand of bin/shmtable against live named
# tables and check its output and exit status.
#
#   bash scripts/ci-cli.sh
#
# Builds the extension (scripts/build.sh), creates a named table that four
# other processes keep writing while list, stats, dump (text, --json, --csv,
# --limit), get and check run against it; checks the exact totals once the
# writers are done; then check on a damaged table (exit 3), the exit status
# of a missing table or key (1) and of bad usage (2), and unlink. Prints
# "ok: ..." or "FAIL: ..." per check; the last line is the tally
# `N passed, N failed`, and the exit status is non-zero if any failed.
# About 10 seconds.
set -uo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT" || exit 1

section "build"
build_module build || tally
MODULE="$ROOT/modules/shmtable.so"
mapfile -t EXT < <(php_ext_opts)
PHPX=("$PHP" -n "${EXT[@]}" -d "extension=$MODULE")
CLI=("${PHPX[@]}" "$ROOT/bin/shmtable")

name="ci-cli-$$"
bad="ci-cli-bad-$$"
work=$(mktemp -d "${TMPDIR:-/tmp}/shmtable-cli.XXXXXX")
writers=
cleanup() {
    [ -n "$writers" ] && kill "$writers" 2>/dev/null
    "${CLI[@]}" unlink "$name" >/dev/null 2>&1
    "${CLI[@]}" unlink "$bad" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

# run NAME WANT_STATUS CMD...: runs the CLI, output in $work/out, stderr in
# $work/err; a check that the status is WANT_STATUS.
run() {
    local what=$1 want=$2 rc
    shift 2
    "${CLI[@]}" "$@" >"$work/out" 2>"$work/err"
    rc=$?
    if [ "$rc" -eq "$want" ]; then ok "$what (exit $rc)"; else
        fail "$what" "exit $rc, wanted $want: $(head -c 400 "$work/err")"; fi
}
# has WHAT PATTERN: an extended regexp a line of the last output matches.
has() {
    if grep -qE -- "$2" "$work/out"; then ok "$1"; else fail "$1" "no line matches $2 in: $(head -c 600 "$work/out")"; fi
}
# php_ok WHAT CODE: PHP code reading the last output from $out prints "yes".
php_ok() {
    local r
    r=$("$PHP" -n -r "\$out = file_get_contents('$work/out'); $2" 2>&1)
    if [ "$r" = yes ]; then ok "$1"; else fail "$1" "$r"; fi
}

section "a table written by four processes"
"${CLI[@]}" unlink "$name" >/dev/null 2>&1
# The writers: each inserts 2000 keys of its own and increments a shared
# counter 2000 times, slowly enough that the CLI runs while they write; the
# parent waits for all of them and prints "done".
"${PHPX[@]}" -r '
    $t = new ShmTable\Table(10000);
    $t->column("n", ShmTable\Table::TYPE_INT);
    $t->column("who", ShmTable\Table::TYPE_STRING, 16);
    $t->create(name: $argv[1]);
    $t->set("<script>alert(1)</script>", ["who" => "hostile"]);
    touch($argv[2] . "/ready");
    $pids = [];
    for ($w = 0; $w < 4; $w++) {
        if (($pid = pcntl_fork()) === 0) {
            for ($i = 0; $i < 2000; $i++) {
                $t->set("w$w-$i", ["n" => $i, "who" => "writer $w"]);
                $t->incr("total", "n");
                if ($i % 100 === 0) { usleep(50000); }
            }
            exit(0);
        }
        $pids[] = $pid;
    }
    foreach ($pids as $p) { pcntl_waitpid($p, $st); }
    file_put_contents($argv[2] . "/done", "done");
' "$name" "$work" &
writers=$!
for _ in $(seq 100); do [ -f "$work/ready" ] && break; sleep 0.1; done

run "list" 0 list
has "list shows the table" "^$name +[0-9]+ +10000 "
has "list has a heading" "^NAME +ROWS +SIZE"
run "list --json" 0 list --json
php_ok "list --json names the table with its definition" "
    foreach (json_decode(\$out, true) as \$e) { if (\$e['name'] === '$name') {
        echo \$e['size'] === 10000 && \$e['columns']['who'] === ['type' => 3, 'size' => 16] ? 'yes' : 'wrong entry'; exit; } }
    echo 'not listed';"
run "stats while written" 0 stats "$name"
has "stats has rows" "^rows +[0-9]+$"
has "stats has the chain histogram" "^chain_histogram +0:[0-9]+ 1:[0-9]+"
run "stats --json while written" 0 stats "$name" --json
php_ok "stats --json: rows within the size, histogram adds up to the buckets" "
    \$s = json_decode(\$out, true);
    echo \$s['rows'] >= 1 && \$s['rows'] <= 10000 && array_sum(\$s['chain_histogram']) === \$s['buckets'] ? 'yes' : json_encode(\$s);"
run "dump while written" 0 dump "$name" --limit 20
has "dump has a heading" "^KEY +N +WHO"
php_ok "dump --limit 20 prints 20 rows" "echo count(explode(\"\n\", trim(\$out))) === 22 ? 'yes' : \$out;"
run "dump --json --limit 5" 0 dump "$name" --json --limit 5
php_ok "dump --json gives 5 rows of key and row" "
    \$d = json_decode(\$out, true);
    echo is_array(\$d) && count(\$d) === 5 && isset(\$d[0]['key'], \$d[0]['row']['who']) ? 'yes' : \$out;"
run "dump --csv" 0 dump "$name" --csv
has "dump --csv has its header line" "^key,n,who$"
run "check while written" 0 check "$name"
has "check says ok" "^ok: [0-9]+ rows"

for _ in $(seq 600); do [ -f "$work/done" ] && break; sleep 0.1; done
wait "$writers"
writers=
run "stats --json after the writers" 0 stats "$name" --json
php_ok "exact totals: 8002 rows, 8002 inserts" "
    \$s = json_decode(\$out, true);
    echo \$s['rows'] === 8002 && \$s['insert_count'] === 8002 && \$s['update_count'] === 7999 ? 'yes' : json_encode(\$s);"
run "get" 0 get "$name" total
has "get: the counter is exactly 8000" "^n +8000$"
run "get --json" 0 get "$name" "w3-1999" --json
php_ok "get --json gives the row" "echo json_decode(\$out, true) === ['n' => 1999, 'who' => 'writer 3'] ? 'yes' : \$out;"
run "get of a hostile key, printed as text" 0 get "$name" "<script>alert(1)</script>"
has "get shows its value" "^who +hostile$"
run "dump of every row" 0 dump "$name" --csv
php_ok "dump --csv has every row" "echo count(explode(\"\n\", trim(\$out))) === 8003 ? 'yes' : 'wrong count';"
run "check after the writers" 0 check "$name"

section "missing, damaged, usage"
run "get of a missing key" 1 get "$name" nosuchkey
run "stats of a missing table" 1 stats "no-such-table-$$"
run "stats of a missing table file" 1 stats "$work/no-such-file"
"${PHPX[@]}" -r '
    $t = new ShmTable\Table(100);
    $t->column("n", ShmTable\Table::TYPE_INT);
    $t->create(name: $argv[1]);
    $t->set("k", ["n" => 1]);' "$bad"
run "check of a sound table" 0 check "$bad"
# Damage it: the stored bucket count (offset 36 of the header) no longer
# matches its layout.
"$PHP" -n -r '$f = fopen("/dev/shm/shmtable." . $argv[1], "r+"); fseek($f, 36); fwrite($f, pack("V", 12345));' "$bad"
run "check of a damaged table" 3 check "$bad"
if [ ! -s "$work/out" ]; then ok "nothing on stdout for a damaged table"; else fail "nothing on stdout for a damaged table" "$(cat "$work/out")"; fi
if grep -q "not a valid table" "$work/err"; then ok "check names the damage"; else fail "check names the damage" "$(cat "$work/err")"; fi
run "no command" 2
run "unknown command" 2 frobnicate
run "get without a key" 2 get "$name"
run "--limit without a number" 2 dump "$name" --limit x
run "--csv with stats" 2 stats "$name" --csv

section "unlink"
run "unlink" 0 unlink "$name"
run "unlink again" 1 unlink "$name"
run "list no longer shows it" 0 list --json
php_ok "gone from list" "echo in_array('$name', array_column(json_decode(\$out, true), 'name'), true) ? 'still listed' : 'yes';"
run "unlink of a bad name" 2 unlink "../etc"

tally
