#!/usr/bin/env bash
# examples/swoole-migration/compare.sh - run this directory's programs under
# one or more Swoole builds and under shmtable, and compare what they print.
#
#   bash examples/swoole-migration/compare.sh /path/to/swoole.so [/path/to/other/swoole.so ...]
#
# Environment: PHP (default: php), SHMTABLE_SO (default: modules/shmtable.so
# of this checkout). Swoole is not packaged for Debian: build it from its
# source (TESTING.md, "Building Swoole for comparison").
#
# 1. sessions_swoole.php under each Swoole, sessions_shmtable.php under
#    shmtable, and sessions_swoole.php unedited under shmtable with
#    shmtable.swoole_compat=1: the report part (everything before the edge
#    cases) must be the same, byte for byte, for all of them.
# 2. differences.php under each: the outputs are written to OUT (printed)
#    and shown side by side with diff; they differ by design.
# Exit status: 0 if the reports of step 1 are all the same.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
php=${PHP:-php}
shmtable=${SHMTABLE_SO:-$root/modules/shmtable.so}
[ $# -ge 1 ] || { echo "usage: bash $0 /path/to/swoole.so [...]" >&2; exit 2; }
[ -f "$shmtable" ] || { echo "compare: no $shmtable (bash scripts/build.sh)" >&2; exit 2; }
out=$(mktemp -d /tmp/swoole-migration.XXXXXX)

run() { # name, then the php arguments
	local name=$1; shift
	"$php" -n "$@" > "$out/$name.txt" 2>&1
	echo "exit status $?" >> "$out/$name.txt"
}
names=()
for so in "$@"; do
	v=$("$php" -n -d extension="$so" -r 'echo SWOOLE_VERSION;' 2>/dev/null) || { echo "compare: cannot load $so" >&2; exit 2; }
	# Named after the directory of the .so (a master build may still say
	# the version of the last release).
	n="swoole-$(basename "$(dirname "$so")")"
	[ -e "$out/sessions.$n.txt" ] && n="$n-$(echo "$so" | md5sum | cut -c1-6)"
	echo "$n: $so, SWOOLE_VERSION $v"
	names+=("$n")
	run "sessions.$n" -d extension="$so" "$here/sessions_swoole.php"
	run "differences.$n" -d extension="$so" "$here/differences.php"
done
run sessions.shmtable -d extension="$shmtable" "$here/sessions_shmtable.php"
run sessions.shmtable-compat -d extension="$shmtable" -d shmtable.swoole_compat=1 "$here/sessions_swoole.php"
run differences.shmtable -d extension="$shmtable" -d shmtable.swoole_compat=1 "$here/differences.php"

# The report: the lines up to "first open session:".
report() { sed -n '1,/^first open session:/p' "$1"; }
status=0
ref=$(report "$out/sessions.shmtable.txt")
[ -n "$ref" ] || { echo "compare: sessions_shmtable.php printed no report" >&2; status=1; }
for n in "${names[@]}" shmtable-compat; do
	if [ "$(report "$out/sessions.$n.txt")" = "$ref" ]; then
		echo "same report: sessions ($n) = sessions (shmtable)"
	else
		echo "DIFFERENT report: sessions ($n) vs sessions (shmtable):"
		diff <(report "$out/sessions.$n.txt") <(echo "$ref")
		status=1
	fi
done
for n in "${names[@]}" shmtable shmtable-compat; do
	echo "--- the edge cases, $n:"
	sed -n '/^first open session:/,$p' "$out/sessions.$n.txt" | sed 1d | sed "s/^\[[0-9-]* [0-9:]* [^]]*\]/[log]/"
done
echo "--- differences.php: ${names[*]} and shmtable, outputs in $out"
prev=
for n in "${names[@]}" shmtable; do
	if [ -n "$prev" ]; then
		echo "--- diff differences.$prev differences.$n"
		diff "$out/differences.$prev.txt" "$out/differences.$n.txt" | grep -v '^[<>] \[20[0-9][0-9]-' 
	fi
	prev=$n
done
exit $status
