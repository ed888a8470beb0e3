#!/usr/bin/env bash
# scripts/ci-fpm.sh - named tables under a real php-fpm and nginx.
#
#   bash scripts/ci-fpm.sh
#
# Installs php8.2-fpm, nginx and apache2-utils (ab) when missing (Debian,
# as root), builds the extension if modules/shmtable.so is missing, then,
# in a temporary directory and on loopback only, with configuration files of
# its own (the system's services are not touched):
#   1. starts php-fpm (pm = static, FPM_WORKERS workers, default 4) with the
#      built module and nginx in front of it;
#   2. sends CLIENTS (8) concurrent ab runs of REQUESTS/CLIENTS requests
#      each (20,000 in all), each its own client id, to a script that counts
#      hits per client in the named table 'ci-fpm-<pid>'; every count must
#      equal the requests ab saw answered;
#   3. reads the same counts from a CLI process with Table::attach();
#   4. sends the same load again while kill -9 hits KILLS (3) workers, one
#      at a time (php-fpm starts new ones): every request answered 200 must
#      be counted, and a killed request may have counted at most once, so
#      for each client 200s <= count <= 200s + (its failed requests), and in
#      all counted - 200s <= kills; later requests still succeed; check()
#      passes;
#   5. runs examples/fpm-ratelimit/ratelimit.php: a limit of 5 lets exactly 5
#      of 8 requests through.
# Prints the figures, and last `N passed, N failed`. Exit status 0 if all
# passed.
set -uo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT" || exit 1
WORKERS=${FPM_WORKERS:-4}
CLIENTS=${CLIENTS:-8}
REQUESTS=${REQUESTS:-20000}
KILLS=${KILLS:-3}
PER=$((REQUESTS / CLIENTS))

# ---- packages, module -------------------------------------------------------

apt_install php8.2-fpm nginx apache2-utils || { fail "apt-get install php8.2-fpm nginx apache2-utils"; tally; }
FPM=$(command -v php-fpm8.2 || command -v php-fpm || echo /usr/sbin/php-fpm8.2)
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
for b in "$FPM" "$NGINX" ab; do
    command -v "$b" >/dev/null 2>&1 || { fail "$b not found"; tally; }
done
MODULE=$ROOT/modules/shmtable.so
if [ ! -f "$MODULE" ]; then
    build_module build >/dev/null || tally
fi
find_php || { fail "php not found"; tally; }

# ---- servers ----------------------------------------------------------------

dir=$(mktemp -d "${TMPDIR:-/tmp}/shmtable-fpm.XXXXXX")
NAME="ci-fpm-$$"
fpm_pid=
nginx_pid=
cleanup() {
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null
    [ -n "$fpm_pid" ] && kill "$fpm_pid" 2>/dev/null
    wait 2>/dev/null
    "$PHP" -n -d extension="$MODULE" -r 'ShmTable\Table::unlink($argv[1]);' "$NAME" 2>/dev/null
    "$PHP" -n -d extension="$MODULE" -r 'ShmTable\Table::unlink($argv[1]);' "$NAME-rl" 2>/dev/null
    rm -rf "$dir"
}
trap cleanup EXIT
mkdir -p "$dir/www" "$dir/tmp"

cat >"$dir/www/hits.php" <<PHP
<?php
\$t = new ShmTable\Table(1024);
\$t->column('hits', ShmTable\Table::TYPE_INT);
\$t->create(name: '$NAME');
\$n = \$t->incr((string)(\$_GET['client'] ?? 'none'), 'hits');
usleep(200); // a kill often lands between the increment and the answer
echo "\$n\n";
PHP
sed "s/create(name: 'ratelimit')/create(name: '$NAME-rl')/" \
    examples/fpm-ratelimit/ratelimit.php >"$dir/www/ratelimit.php"

cat >"$dir/fpm.conf" <<CONF
[global]
pid = $dir/fpm.pid
error_log = $dir/fpm.log
daemonize = no
[ci]
user = root
group = root
listen = $dir/fpm.sock
listen.mode = 0666
pm = static
pm.max_children = $WORKERS
catch_workers_output = yes
env[RATELIMIT_LIMIT] = 5
env[RATELIMIT_WINDOW] = 3600
CONF

port=
for p in $(seq 18180 18280); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { port=$p; break; }
done
[ -n "$port" ] || { fail "no free port"; tally; }
cat >"$dir/nginx.conf" <<CONF
user root;
worker_processes 2;
daemon off;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    fastcgi_temp_path $dir/tmp/fastcgi;
    proxy_temp_path $dir/tmp/proxy;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        location / {
            fastcgi_pass unix:$dir/fpm.sock;
            fastcgi_param SCRIPT_FILENAME $dir/www\$fastcgi_script_name;
            fastcgi_param QUERY_STRING \$query_string;
            fastcgi_param REQUEST_METHOD \$request_method;
            fastcgi_param REMOTE_ADDR \$remote_addr;
            fastcgi_param SERVER_PROTOCOL \$server_protocol;
        }
    }
}
CONF

"$FPM" -R -n -d extension="$MODULE" -y "$dir/fpm.conf" &
fpm_pid=$!
"$NGINX" -c "$dir/nginx.conf" -p "$dir" &
nginx_pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 100); do
    "$PHP" -n -r 'exit(@file_get_contents($argv[1]) === false ? 1 : 0);' "$url/hits.php?client=probe" && break
    sleep 0.1
done
# The master's children (from /proc: a minimal Debian has no pgrep).
workers() { cat "/proc/$fpm_pid/task/$fpm_pid/children" 2>/dev/null; }
echo "php-fpm $("$FPM" -v | head -n 1 | cut -d' ' -f2), pid $fpm_pid, workers: $(workers); nginx on $url"
[ "$(workers | wc -w)" -eq "$WORKERS" ] && ok "$WORKERS php-fpm workers" || fail "workers: $(workers)"

# ---- load -------------------------------------------------------------------

# ab for every client at once; leaves per client the requests answered 200
# in $dir/ok.<phase>.<client> and the failed ones in $dir/fail.<phase>.<client>.
load() {
    local phase=$1 c pids=()
    for c in $(seq "$CLIENTS"); do
        ab -q -r -s 30 -n "$PER" -c 4 "$url/hits.php?client=$phase-c$c" >"$dir/ab.$phase.$c" 2>&1 &
        pids+=($!)
    done
    wait "${pids[@]}"
    for c in $(seq "$CLIENTS"); do
        local f="$dir/ab.$phase.$c" completed non2xx failures
        completed=$(sed -n 's/^Complete requests: *//p' "$f")
        failures=$(sed -n 's/^Failed requests: *//p' "$f")
        non2xx=$(sed -n 's/^Non-2xx responses: *//p' "$f")
        echo $(( ${completed:-0} - ${non2xx:-0} )) >"$dir/ok.$phase.$c"
        echo $(( ${failures:-0} + ${non2xx:-0} + PER - ${completed:-0} )) >"$dir/fail.$phase.$c"
    done
}
counts() { # phase -> "client count" lines, read by a CLI process
    "$PHP" -n -d extension="$MODULE" -r '
        $t = ShmTable\Table::attach($argv[1]);
        for ($c = 1; $c <= (int)$argv[3]; $c++) {
            echo $c, " ", (int)$t->get("$argv[2]-c$c", "hits"), "\n";
        }' "$NAME" "$1" "$CLIENTS"
}

start=$(date +%s.%N)
load plain
secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
answered=0 exact=1
while read -r c n; do
    o=$(cat "$dir/ok.plain.$c")
    answered=$((answered + o))
    [ "$o" -eq "$PER" ] && [ "$n" -eq "$PER" ] || { exact=0; echo "client $c: $o answered, count $n"; }
done < <(counts plain)
echo "load: $CLIENTS clients x $PER requests, $answered answered 200 in ${secs} s" \
    "($(awk -v n="$answered" -v s="$secs" 'BEGIN { printf "%d", (s > 0 ? n / s : 0) }') requests/s)"
[ "$exact" -eq 1 ] && ok "every one of $CLIENTS counts is exactly $PER (read by a CLI attach())" ||
    fail "counts differ"

# ---- the same load, workers killed --------------------------------------------

load killed &
load_pid=$!
killed=0
sleep 0.5
for _ in $(seq "$KILLS"); do
    victim=$(workers | tr ' ' '\n' | grep . | shuf -n 1)
    if [ -n "$victim" ] && kill -9 "$victim" 2>/dev/null; then
        killed=$((killed + 1))
        echo "killed worker $victim"
    fi
    sleep 0.7
done
wait "$load_pid"
sum_ok=0 sum_count=0 within=1
while read -r c n; do
    o=$(cat "$dir/ok.killed.$c")
    f=$(cat "$dir/fail.killed.$c")
    sum_ok=$((sum_ok + o))
    sum_count=$((sum_count + n))
    if [ "$n" -lt "$o" ] || [ "$n" -gt $((o + f)) ]; then
        within=0
        echo "client $c: $o answered 200, $f failed, count $n"
    fi
done < <(counts killed)
echo "killed $killed workers under load: $sum_ok requests answered 200, $sum_count counted," \
    "workers now: $(workers)"
[ "$killed" -eq "$KILLS" ] && ok "$killed workers killed with kill -9" || fail "killed $killed of $KILLS"
[ "$within" -eq 1 ] && ok "every request answered 200 was counted, none counted twice" ||
    fail "counts outside their bounds"
extra=$((sum_count - sum_ok))
[ "$extra" -ge 0 ] && [ "$extra" -le "$killed" ] &&
    ok "$extra counted requests unanswered (killed), at most one per kill" ||
    fail "$extra counted but not answered, $killed kills"
sleep 0.5
[ "$(workers | wc -w)" -eq "$WORKERS" ] && ok "php-fpm respawned its workers ($(workers))" ||
    fail "workers after the kills: $(workers)"
after=0
for _ in $(seq 50); do
    "$PHP" -n -r 'exit(@file_get_contents($argv[1]) === false ? 1 : 0);' "$url/hits.php?client=after" &&
        after=$((after + 1))
done
[ "$after" -eq 50 ] && ok "50 later requests all answered" || fail "$after of 50 later requests answered"
check=$("$PHP" -n -d extension="$MODULE" -r '
    $t = ShmTable\Table::attach($argv[1]);
    $s = $t->stats();
    echo $t->check() ? "passed" : "failed", ", rows ", count($t), ", lock recoveries ",
        $s["lock_recoveries"], ", after ", $t->get("after", "hits"), "\n";' "$NAME" 2>&1)
echo "check(): $check"
case "$check" in passed*", after 50") ok "check() passes, nothing stuck" ;; *) fail "check: $check" ;; esac

# ---- the example ---------------------------------------------------------------

codes=""
for _ in $(seq 8); do
    codes+="$("$PHP" -n -r '
        $ctx = stream_context_create(["http" => ["ignore_errors" => true]]);
        @file_get_contents($argv[1], false, $ctx);
        echo explode(" ", $http_response_header[0] ?? "x 0")[1];' "$url/ratelimit.php?client=rl") "
done
echo "ratelimit.php, limit 5, 8 requests: $codes"
[ "$codes" = "200 200 200 200 200 429 429 429 " ] && ok "the rate limiter lets exactly 5 through" ||
    fail "rate limiter answers: $codes"

tally
