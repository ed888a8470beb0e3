#!/usr/bin/env bash
# scripts/gen-arginfo.sh - regenerate shmtable_arginfo.h from shmtable.stub.php
# with php-src's build/gen_stub.php, offline.
#
#   bash scripts/gen-arginfo.sh            rewrite shmtable_arginfo.h in place
#   bash scripts/gen-arginfo.sh --check    regenerate into a temporary directory
#                                          and diff against the committed file;
#                                          exit 1 if they differ
#
# gen_stub.php (shipped by php8.2-dev beside phpize) wants PHP-Parser 4.15.1 in
# a PHP-Parser-4.15.1 directory next to itself and downloads it when it is not
# there. This script never lets it download: it copies gen_stub.php into a
# scratch directory and points that directory's PHP-Parser-4.15.1/lib/PhpParser
# at Debian's php-parser package (/usr/share/php/PhpParser, 4.15.x), which it
# installs when missing. gen_stub.php also skips a stub whose hash already
# matches; -f makes it write anyway, so --check really regenerates.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT" || exit 1
mode=${1:-write}

die() { printf 'gen-arginfo: %s\n' "$*" >&2; exit 2; }

find_php || die "php-config or php not found (install php8.2-dev and php8.2-cli)"
GEN_STUB="$("$PHP_CONFIG" --prefix)/lib/php/$("$PHP_CONFIG" --phpapi)/build/gen_stub.php"
[ -f "$GEN_STUB" ] || GEN_STUB=$(ls /usr/lib/php/*/build/gen_stub.php 2>/dev/null | head -n 1)
[ -f "$GEN_STUB" ] || die "gen_stub.php not found (it comes with php8.2-dev)"

PARSER=/usr/share/php/PhpParser
[ -d "$PARSER" ] || apt_install php-parser >&2 || die "PHP-Parser not found and apt-get install php-parser failed"
[ -d "$PARSER" ] || die "$PARSER missing after installing php-parser"

work=$(mktemp -d "${TMPDIR:-/tmp}/shmtable-genstub.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$GEN_STUB" "$work/gen_stub.php"
version=$(sed -n 's/^ *\$version = "\([0-9.]*\)";.*/\1/p' "$GEN_STUB" | head -n 1)
[ -n "$version" ] || die "cannot read the PHP-Parser version gen_stub.php wants"
mkdir -p "$work/PHP-Parser-$version/lib"
ln -s "$PARSER" "$work/PHP-Parser-$version/lib/PhpParser"
cp shmtable.stub.php "$work/"

"$PHP" "$work/gen_stub.php" -f "$work/shmtable.stub.php" >"$work/log" 2>&1 || { cat "$work/log" >&2; die "gen_stub.php failed"; }
[ -f "$work/shmtable_arginfo.h" ] || { cat "$work/log" >&2; die "gen_stub.php wrote no shmtable_arginfo.h"; }

case "$mode" in
    --check)
        if diff -u shmtable_arginfo.h "$work/shmtable_arginfo.h"; then
            echo "gen-arginfo: shmtable_arginfo.h matches shmtable.stub.php"
        else
            echo "gen-arginfo: shmtable_arginfo.h is stale: run bash scripts/gen-arginfo.sh and commit it" >&2
            exit 1
        fi ;;
    write)
        if cmp -s shmtable_arginfo.h "$work/shmtable_arginfo.h"; then
            echo "gen-arginfo: shmtable_arginfo.h already up to date"
        else
            cp "$work/shmtable_arginfo.h" shmtable_arginfo.h
            echo "gen-arginfo: wrote shmtable_arginfo.h"
        fi ;;
    *) die "usage: bash scripts/gen-arginfo.sh [--check]" ;;
esac
