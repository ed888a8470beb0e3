#!/usr/bin/env bash
# scripts/build.sh - build modules/shmtable.so in the source tree.
#
# Installs what is missing on Debian or Ubuntu (php-dev for phpize, the PHP
# CLI, a C compiler and make), then runs phpize, ./configure and make in the
# repository root. Quiet unless something goes wrong; compiler warnings are
# always shown. Reconfigures (with a clean rebuild) only when config.m4, the
# PHP installation or the compiler settings changed since the last build;
# otherwise it is a plain incremental `make`.
#
# Environment:
#   CC, CFLAGS, CPPFLAGS, LDFLAGS   passed to ./configure as usual
#   PHP_CONFIG                      php-config to build against (default: php-config)
#   PHPIZE                          phpize to use (default: the one beside PHP_CONFIG)
#
# Prints the path of the module on success.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT" || exit 1

say() { printf 'build: %s\n' "$*"; }
die() { printf 'build: error: %s\n' "$*" >&2; exit 1; }

[ -f config.m4 ] || die "no config.m4 in $ROOT"

# ---- prerequisites --------------------------------------------------------

missing_tools() {
    local t
    for t in "${PHP_CONFIG:-php-config}" "${PHPIZE:-phpize}" php make autoconf; do
        command -v "$t" >/dev/null 2>&1 || printf '%s\n' "$t"
    done
    if [ -z "${CC:-}" ]; then
        command -v cc >/dev/null 2>&1 || echo cc
    else
        command -v "${CC%% *}" >/dev/null 2>&1 || echo "$CC"
    fi
}

install_prerequisites() {
    local missing
    missing=$(missing_tools)
    [ -z "$missing" ] && return 0

    say "missing: $(echo "$missing" | tr '\n' ' ')"
    command -v apt-get >/dev/null 2>&1 ||
        die "not a Debian/Ubuntu system: install phpize (php-dev), the PHP CLI, a C compiler and make, then run this again"
    apt_update || die "apt-get update failed"
    # PHP 8.2 where the distribution has it by that name (Debian 12), the
    # distribution's default PHP otherwise (shmtable needs 8.2 or later).
    local pkgs=(build-essential)
    if apt-cache show php8.2-dev >/dev/null 2>&1 && apt-cache show php8.2-cli >/dev/null 2>&1; then
        pkgs+=(php8.2-dev php8.2-cli)
    else
        pkgs+=(php-dev php-cli)
    fi
    apt_install "${pkgs[@]}" || die "apt-get install ${pkgs[*]} failed"

    missing=$(missing_tools)
    [ -z "$missing" ] || die "still missing after install: $(echo "$missing" | tr '\n' ' ')"
}

install_prerequisites

PHP_CONFIG=$(command -v "${PHP_CONFIG:-php-config}")
if [ -z "${PHPIZE:-}" ]; then
    # php-config8.2 -> phpize8.2, php-config -> phpize
    PHPIZE=${PHP_CONFIG/php-config/phpize}
    [ -x "$PHPIZE" ] || PHPIZE=$(command -v phpize)
fi
PHP_VERSION=$("$PHP_CONFIG" --version)
case "$PHP_VERSION" in
    [0-7].*|8.[01].*) die "shmtable needs PHP 8.2 or later; $PHP_CONFIG is $PHP_VERSION" ;;
esac

# ---- configure when needed -----------------------------------------------

# Everything that, when it changes, makes the existing objects stale.
want=$(printf '%s\n' \
    "php-config=$PHP_CONFIG $PHP_VERSION $("$PHP_CONFIG" --extension-dir)" \
    "phpize=$PHPIZE" \
    "CC=${CC-}" "CFLAGS=${CFLAGS-}" "CPPFLAGS=${CPPFLAGS-}" "LDFLAGS=${LDFLAGS-}" \
    "config.m4=$(cksum < config.m4)")
stamp=build/shmtable-configured

LOG=$(mktemp "${TMPDIR:-/tmp}/shmtable-build.XXXXXX")
trap 'rm -f "$LOG"' EXIT

run_logged() { # run_logged WHAT CMD...: quiet, log shown on failure
    local what=$1; shift
    if ! "$@" >"$LOG" 2>&1; then
        tail -n 60 "$LOG" >&2
        die "$what failed"
    fi
}

if [ ! -f Makefile ] || [ ! -f configure ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    if [ -f Makefile ]; then
        say "configuration changed: clean rebuild"
        make clean >/dev/null 2>&1 || true
    fi
    say "phpize ($PHP_VERSION)"
    run_logged phpize "$PHPIZE"
    say "configure"
    run_logged configure ./configure --with-php-config="$PHP_CONFIG" --enable-shmtable
    printf '%s\n' "$want" > "$stamp"
fi

# ---- make -----------------------------------------------------------------

jobs=$(nproc 2>/dev/null || echo 2)
say "make -j$jobs"
# Compiler and linker diagnostics only, without the libtool command lines.
diagnostics() {
    grep -E ': (fatal )?(error|warning|note):|: In (function|member)|In file included|^ +from |^ *[0-9]* \| |\*\*\*|undefined reference|collect2|ld: ' "$LOG" |
        grep -v libtool || true
}
if ! make -j"$jobs" >"$LOG" 2>&1; then
    out=$(diagnostics)
    if [ -n "$out" ]; then printf '%s\n' "$out" | head -n 150 >&2; else tail -n 60 "$LOG" >&2; fi
    die "make failed"
fi
if grep -q 'warning:' "$LOG"; then
    diagnostics >&2
    say "built with warnings (above)"
fi

[ -f modules/shmtable.so ] || die "make succeeded but modules/shmtable.so is missing"
say "$ROOT/modules/shmtable.so"
