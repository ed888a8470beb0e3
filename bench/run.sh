#!/usr/bin/env bash
# bench/run.sh - ShmTable\Table against APCu, Yac and a plain PHP array.
#
#   bash bench/run.sh            full run (3 repeats, about 10 minutes)
#   bash bench/run.sh --quick    smoke run (1 repeat, short runs)
#   bash bench/run.sh expiry [--quick]   expiry and eviction (printed, see README)
#
# Finds or installs what it needs (Debian/Ubuntu):
#   - the extension: modules/shmtable.so, built with scripts/build.sh when it
#     is missing or older than the sources (or set SHMTABLE_SO=/path/to.so);
#   - APCu: the CLI's apcu, else Debian's php8.2-apcu (apt-get install);
#   - Yac: Debian's php8.2-yac conflicts with php8.2-apcu in apt, so it is
#     fetched with `apt-get download` and unpacked (dpkg -x) into a cache
#     directory, then loaded with -d extension=/abs/path/yac.so
#     (or set YAC_SO=/path/to/yac.so; YAC_SO=none runs without Yac);
#   - valgrind for the instruction counts (skipped when it cannot be had);
#   - Swoole\Table: only from a swoole.so you built (SWOOLE_SO=/path/to/swoole.so,
#     see bench/README.md); without it Swoole is skipped, and the run says so.
# Writes bench/RESULTS.md. Extra arguments go to bench.php (e.g.
# --repeats=5 --duration=2 --no-callgrind).
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
BENCH="$ROOT/bench"
CACHE=${SHMTABLE_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/shmtable-bench}
PHP=${PHP:-php}

say() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

command -v "$PHP" >/dev/null 2>&1 || die "no php on PATH"
"$PHP" -r 'exit(PHP_VERSION_ID >= 80200 ? 0 : 1);' || die "PHP 8.2 or later needed"
PHPV=$("$PHP" -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
for ext in pcntl posix; do
    "$PHP" -r "exit(extension_loaded('$ext') ? 0 : 1);" || die "the PHP CLI lacks the $ext extension"
done

# ---- shmtable ---------------------------------------------------------------
if [ -n "${SHMTABLE_SO:-}" ]; then
    SO=$SHMTABLE_SO
else
    SO="$ROOT/modules/shmtable.so"
    stale=
    if [ ! -f "$SO" ]; then
        stale=1
    else
        for f in "$ROOT"/shmtable.c "$ROOT"/*.h "$ROOT"/src/*.c "$ROOT"/src/*.h "$ROOT"/config.m4; do
            if [ -e "$f" ] && [ "$f" -nt "$SO" ]; then stale=1; break; fi
        done
    fi
    if [ -n "$stale" ]; then
        say "building the extension (scripts/build.sh)"
        bash "$ROOT/scripts/build.sh" >/dev/null || die "build failed"
    fi
fi
[ -f "$SO" ] || die "no extension at $SO"
SO=$(cd "$(dirname "$SO")" && pwd)/$(basename "$SO")
"$PHP" -d extension="$SO" -r 'exit(class_exists("ShmTable\\Table") ? 0 : 1);' || die "$SO does not load"

# ---- APCu -------------------------------------------------------------------
APCU_ARG=
if "$PHP" -r 'exit(extension_loaded("apcu") ? 0 : 1);'; then
    :   # enabled in the CLI's ini
elif "$PHP" -d extension=apcu.so -r 'exit(extension_loaded("apcu") ? 0 : 1);' 2>/dev/null; then
    APCU_ARG=apcu.so
else
    say "installing php$PHPV-apcu"
    apt_install "php$PHPV-apcu" || die "cannot install php$PHPV-apcu (run as root, or install it)"
    if ! "$PHP" -r 'exit(extension_loaded("apcu") ? 0 : 1);'; then
        APCU_ARG=apcu.so
    fi
fi

# ---- Yac --------------------------------------------------------------------
yac_loads() { "$PHP" -d extension="$1" -r 'exit(extension_loaded("yac") ? 0 : 1);' >/dev/null 2>&1; }
YAC=${YAC_SO:-}
if [ "$YAC" = none ]; then
    YAC=
elif [ -z "$YAC" ]; then
    EXTDIR=$("$PHP" -r 'echo PHP_EXTENSION_DIR;')
    if yac_loads "$EXTDIR/yac.so"; then
        YAC="$EXTDIR/yac.so"
    else
        YAC=$(find "$CACHE/yac" -name yac.so -path "*${EXTDIR##*/}*" 2>/dev/null | head -n 1 || true)
        if [ -z "$YAC" ] || ! yac_loads "$YAC"; then
            YAC=
            say "fetching php$PHPV-yac (apt-get download; unpacked in $CACHE/yac)"
            rm -rf "$CACHE/yac" && mkdir -p "$CACHE/yac/deb"
            chmod 0777 "$CACHE/yac/deb" 2>/dev/null || true   # apt's download user writes here
            if (cd "$CACHE/yac/deb" && apt-get download "php$PHPV-yac" >/dev/null 2>&1); then
                for deb in "$CACHE"/yac/deb/*.deb; do dpkg -x "$deb" "$CACHE/yac/root"; done
                YAC=$(find "$CACHE/yac/root" -name yac.so -path "*${EXTDIR##*/}*" | head -n 1 || true)
            fi
        fi
    fi
    if [ -n "$YAC" ] && ! yac_loads "$YAC"; then
        # Some builds link a serializer extension (igbinary, msgpack): name what is missing.
        say "yac.so does not load:"
        "$PHP" -d extension="$YAC" -r '' 2>&1 | sed 's/^/bench:   /' | head -n 5
        ldd "$YAC" 2>/dev/null | grep 'not found' | sed 's/^/bench:   /' || true
        YAC=
    fi
    [ -n "$YAC" ] || say "warning: Yac is not available: its columns will be missing (YAC_SO=/path/to/yac.so to point at one)"
fi

# ---- Swoole -----------------------------------------------------------------
SWOOLE=${SWOOLE_SO:-}
if [ -n "$SWOOLE" ]; then
    [ -f "$SWOOLE" ] || die "SWOOLE_SO=$SWOOLE: no such file"
    SWOOLE=$(cd "$(dirname "$SWOOLE")" && pwd)/$(basename "$SWOOLE")
    "$PHP" -d extension="$SWOOLE" -r 'exit(class_exists("Swoole\\Table") ? 0 : 1);' \
        || die "$SWOOLE does not load (or has no Swoole\\Table)"
else
    say "warning: Swoole is skipped: no SWOOLE_SO=/path/to/swoole.so (bench/README.md says how to build one)"
fi

# ---- valgrind ---------------------------------------------------------------
if ! command -v valgrind >/dev/null 2>&1; then
    say "installing valgrind (for instruction counts)"
    apt_install valgrind || say "warning: no valgrind: no instruction counts"
fi

say "shmtable: $SO"
say "apcu: ${APCU_ARG:-enabled in the PHP ini}"
say "yac: ${YAC:-none}"
say "swoole: ${SWOOLE:-none (skipped)}"
say "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# ---- expiry and eviction: `bash bench/run.sh expiry [--quick] ...` ------------
if [ "${1:-}" = expiry ]; then
    shift
    exec "$PHP" "$BENCH/bench.php" expiry --shmtable="$SO" --apcu="$APCU_ARG" --swoole="$SWOOLE" "$@"
fi
exec "$PHP" "$BENCH/bench.php" run --shmtable="$SO" --yac="$YAC" --apcu="$APCU_ARG" --swoole="$SWOOLE" \
    --out="$BENCH/RESULTS.md" "$@"
