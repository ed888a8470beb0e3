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
    "${CLI[@]}" unlink "$bad-live" >/dev/null 2>&1
    "${CLI[@]}" unlink "ci-cli-odd-$$" >/dev/null 2>&1
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
run "--json with check" 2 check "$name" --json
run "--json with unlink" 2 unlink "$name" --json

section "damage found after opening, exact floats, hostile column names"
# A table another process keeps mapped is attached without a full check;
# its bucket 5 then names a row out of range (the index starts at the
# header's buckets_off, offset 80): dump meets the damage while iterating.
odd="ci-cli-odd-$$"
"${PHPX[@]}" -r '
    $t = new ShmTable\Table(64);
    $t->column("n", ShmTable\Table::TYPE_INT);
    $t->create(name: $argv[1]);
    for ($i = 0; $i < 40; $i++) { $t->set("k$i", ["n" => $i]); }
    $f = fopen("/dev/shm/shmtable." . $argv[1], "r+");
    fseek($f, 80);
    fseek($f, unpack("P", fread($f, 8))[1] + 4 * 5);
    fwrite($f, pack("V", 0x7ffffff0));
    fclose($f);
    touch($argv[2] . "/damaged");
    sleep(20);' "$bad-live" "$work" &
holder=$!
for _ in $(seq 100); do [ -f "$work/damaged" ] && break; sleep 0.1; done
for fmt in text --json --csv; do
    if [ "$fmt" = text ]; then run "dump ($fmt) of a table found damaged while iterating" 3 dump "$bad-live"
    else run "dump ($fmt) of a table found damaged while iterating" 3 dump "$bad-live" "$fmt"; fi
    if grep -q "table is corrupt" "$work/err" && ! grep -q "Fatal error" "$work/out" "$work/err"; then
        ok "dump ($fmt) names the damage on stderr"
    else fail "dump ($fmt) names the damage on stderr" "$(head -c 400 "$work/out" "$work/err")"; fi
done
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
# Nobody maps it now: opening it finds the damage (exit 3 too).
run "check of a table damaged beyond repair" 3 check "$bad-live"
"${CLI[@]}" unlink "$bad-live" >/dev/null 2>&1
"${PHPX[@]}" -r '
    $t = new ShmTable\Table(8);
    $t->column("f", ShmTable\Table::TYPE_FLOAT);
    $t->column("x\033[2J", ShmTable\Table::TYPE_INT);
    $t->create(name: $argv[1]);
    $t->set("third", ["f" => 1 / 3]);
    $t->set("sum", ["f" => 0.1 + 0.2]);' "$odd"
run "dump --csv of floats" 0 dump "$odd" --csv
php_ok "dump --csv: every float reads back as itself" "
    \$r = array_map(fn(\$l) => str_getcsv(\$l, ',', '\"', ''), explode(\"\n\", trim(\$out)));
    \$f = array_column(array_slice(\$r, 1), 1, 0);
    echo (float)\$f['third'] === 1 / 3 && (float)\$f['sum'] === 0.1 + 0.2 ? 'yes' : \$out;"
run "get of a float" 0 get "$odd" sum
has "get prints the float exactly" "^f +0\.30000000000000004$"
run "dump of a column named with a control byte" 0 dump "$odd"
php_ok "the control byte is escaped in dump" "echo !str_contains(\$out, \"\\033\") && str_contains(\$out, 'X\\033[2J') ? 'yes' : \$out;"
run "get of a column named with a control byte" 0 get "$odd" sum
php_ok "the control byte is escaped in get" "echo !str_contains(\$out, \"\\033\") && str_contains(\$out, 'x\\033[2J') ? 'yes' : \$out;"
run "list with a column named with a control byte" 0 list
php_ok "the control byte is escaped in list" "echo !str_contains(\$out, \"\\033\") && str_contains(\$out, 'x\\033[2J:int') ? 'yes' : \$out;"
"${CLI[@]}" unlink "$odd" >/dev/null 2>&1

section "unlink"
run "unlink" 0 unlink "$name"
run "unlink again" 1 unlink "$name"
run "list no longer shows it" 0 list --json
php_ok "gone from list" "echo in_array('$name', array_column(json_decode(\$out, true), 'name'), true) ? 'still listed' : 'yes';"
run "unlink of a bad name" 2 unlink "../etc"

tally
