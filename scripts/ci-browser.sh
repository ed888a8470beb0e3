#!/usr/bin/env bash
# scripts/ci-browser.sh - the status page (examples/status/shmtable-status.php)
# in a real headless browser.
#
#   bash scripts/ci-browser.sh
#   UPDATE_SCREENSHOT=1 bash scripts/ci-browser.sh   also rewrite docs/status.png
#
# Builds the extension (scripts/build.sh), installs Debian's chromium, nodejs
# and npm when missing, and puppeteer-core from the npm registry into a
# scratch directory outside the tree (puppeteer-core downloads no browser:
# it drives the system's). Creates a named table of 60 rows, a key holding a
# <script> among them, serves the page with PHP's built-in server behind a
# password, and runs tests/browser/status.cjs: no console error, the
# numbers on the page equal `bin/shmtable stats --json`, the key browser
# pages through every row and searches, the hostile key renders as text.
# The screenshot it takes is the one in docs/status.png. Prints "ok: ..." or
# "FAIL: ..." per check; the last line is the tally `N passed, N failed`,
# and the exit status is non-zero if any failed. About 30 seconds once the
# packages are installed.
set -uo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT" || exit 1

PUPPETEER_VERSION=24.9.0

section "build"
build_module build || tally
MODULE="$ROOT/modules/shmtable.so"
mapfile -t EXT < <(php_ext_opts)
PHPX=("$PHP" -n "${EXT[@]}" -d "extension=$MODULE")

section "browser and driver"
# By command, not by package: a Node.js installed otherwise brings its own npm.
pkgs=()
command -v chromium >/dev/null 2>&1 || pkgs+=(chromium)
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || pkgs+=(npm)
if [ "${#pkgs[@]}" -gt 0 ] && ! apt_install "${pkgs[@]}"; then
    fail "apt-get install ${pkgs[*]}"
    tally
fi
CHROMIUM=$(command -v chromium || true)
[ -n "$CHROMIUM" ] || { fail "chromium not found after its install"; tally; }
work=$(mktemp -d "${TMPDIR:-/tmp}/shmtable-browser.XXXXXX")
table="ci-status-$$"
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null
        wait "$server_pid" 2>/dev/null
    fi
    "${PHPX[@]}" -r 'ShmTable\Table::unlink($argv[1]);' "$table" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
if (cd "$work" && timeout 300 npm install --no-audit --no-fund --silent "puppeteer-core@$PUPPETEER_VERSION" >npm.log 2>&1); then
    ok "npm install puppeteer-core@$PUPPETEER_VERSION"
else
    fail "npm install puppeteer-core@$PUPPETEER_VERSION" "$(tail -n 20 "$work/npm.log")"
    tally
fi

section "the status page"
# 60 rows: 40 "user:NN" (10 of them contain "user:1"), 19 "session-NN", and
# one key that is markup.
hostile='<script>window.__shmtable_xss=1</script>'
"${PHPX[@]}" -r '
    $t = new ShmTable\Table(1000);
    $t->column("hits", ShmTable\Table::TYPE_INT);
    $t->column("avg", ShmTable\Table::TYPE_FLOAT);
    $t->column("note", ShmTable\Table::TYPE_STRING, 64);
    $t->create(name: $argv[1]);
    for ($i = 0; $i < 40; $i++) { $t->set(sprintf("user:%02d", $i), ["hits" => $i * 7, "avg" => $i / 3, "note" => "<b>not bold</b> & \"quoted\""]); }
    for ($i = 0; $i < 19; $i++) { $t->set("session-$i", ["hits" => $i]); }
    $t->set($argv[2], ["note" => "<img src=x onerror=alert(1)>"]);
    for ($i = 0; $i < 10; $i++) { $t->del("session-x$i"); $t->incr("user:00", "hits"); }
    file_put_contents($argv[3], json_encode(["rows" => 60, "hostile" => $argv[2],
        "match" => ["user:1" => 10, "session-1" => 10, "<script>" => 1, "nothing-like-this" => 0]]));
' "$table" "$hostile" "$work/expect.json"
"${PHPX[@]}" bin/shmtable stats "$table" --json >"$work/stats.json" || fail "bin/shmtable stats"

port=$((20000 + $$ % 20000))
password="pw-$$-$RANDOM"
SHMTABLE_STATUS_PASSWORD="$password" "${PHPX[@]}" -S "127.0.0.1:$port" examples/status/shmtable-status.php \
    >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done

shot="$work/status.png"
[ "${UPDATE_SCREENSHOT:-0}" = 1 ] && shot="$ROOT/docs/status.png"
log="$work/browser.log"
PUPPETEER_DIR="$work" CHROMIUM="$CHROMIUM" STATUS_URL="http://127.0.0.1:$port/" \
    STATUS_USER=admin STATUS_PASSWORD="$password" TABLE="$table" STATS="$work/stats.json" \
    EXPECT="$work/expect.json" SCREENSHOT="$shot" \
    timeout 180 node tests/browser/status.cjs >"$log" 2>&1
cat "$log"
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
if [ -n "$line" ]; then
    read -r p _ f _ <<<"$line"
    add_counts "$p" "$f"
else
    fail "tests/browser/status.cjs printed no tally"
fi
if grep -qiE 'fatal|warning|notice|deprecated' "$work/server.log"; then
    fail "PHP reported nothing" "$(grep -iE 'fatal|warning|notice|deprecated' "$work/server.log" | head -n 5)"
else
    ok "PHP reported no error, warning or notice"
fi
tally
