#!/usr/bin/env bash
# scripts/ci-package.sh - the packaging checks: what a user who installs
# shmtable from the PECL tarball, with PIE or from an IDE stub gets.
#
#   bash scripts/ci-package.sh
#
# Each check prints "ok: NAME" or "FAIL: NAME" with the reason; the last line
# is the tally `N passed, N failed`, and the exit status is non-zero if any
# check failed. Installs what is missing on Debian/Ubuntu (php-pear for pecl,
# php-parser for gen_stub.php, composer; the build tools through
# scripts/build.sh). Needs a git checkout (the manifest check compares with
# `git ls-files`). About 1-2 minutes on 2 cores.
#
# The checks:
#   package.xml validates        pecl package-validate: 0 errors
#   manifest complete            every tracked file, but the exclusions below,
#                                is listed in package.xml, and every file
#                                listed there exists and is tracked
#   tarball builds and tests     pecl package, then in an empty directory:
#                                phpize && ./configure && make && make test
#   arginfo stub hash            shmtable_arginfo.h names the sha1 of
#                                shmtable.stub.php
#   arginfo regenerated          gen_stub.php run offline on the stub gives
#                                the committed shmtable_arginfo.h byte for byte
#   IDE stub current             stubs/ShmTable.php is what
#                                scripts/gen-ide-stub.php makes from the module,
#                                and it loads in a PHP without the extension
#   composer.json (PIE)          type php-ext, php-ext.extension-name, a
#                                configure option that config.m4 knows;
#                                `composer validate` when composer is there
#   one license, one version     LICENSE, package.xml, composer.json, README
#                                and file headers say MIT; php_shmtable.h,
#                                src/shmt.h, package.xml and CHANGELOG.md the
#                                same version
#   config.w32 = config.m4       same sources, same AC_DEFINE, same switch
#                                (SHMTABLE_BUILD_CFLAGS, AC_DEFINE_UNQUOTED in
#                                config.m4, only feeds phpinfo() and has a
#                                fallback in shmtable.c)
#   OS layer isolated            no OS header or call in src/ outside
#                                src/shmt_os*.[ch]
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# Tracked files that the PECL tarball deliberately does not ship, with why.
# A path ending in / excludes everything under it; * and ? are globs.
NOT_SHIPPED=(
    .ci/            # this repository's CI driver; a user's build never runs it
    .git*           # git's own files (.gitignore, .gitattributes)
    */.git*         # the same in subdirectories (tests/unit/.gitignore)
    .editorconfig   # an editor setting for contributors
    package.xml     # pecl writes it into the tarball itself; it cannot list itself
    bench/          # the benchmark needs APCu and Yac and reports one machine's figures
)

# shellcheck source=scripts/results.sh
. "$ROOT/scripts/results.sh"
# shellcheck source=scripts/apt.sh
. "$ROOT/scripts/apt.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/shmtable-package.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ---- prerequisites ----------------------------------------------------------

section "prerequisites"
bash scripts/build.sh >/dev/null || { fail "build (scripts/build.sh)"; }
want=()
command -v pecl >/dev/null 2>&1 || want+=(php-pear)
[ -d /usr/share/php/PhpParser ] || want+=(php-parser)
command -v composer >/dev/null 2>&1 || want+=(composer)
command -v git >/dev/null 2>&1 || want+=(git)
if [ "${#want[@]}" -gt 0 ] && ! apt_install "${want[@]}"; then
    echo "the checks that need ${want[*]} will fail"
fi
PHP_CONFIG=$(command -v "${PHP_CONFIG:-php-config}")
PHP=$("$PHP_CONFIG" --php-binary 2>/dev/null || true)
[ -x "$PHP" ] || PHP=$(command -v php)
MODULE="$ROOT/modules/shmtable.so"

# ---- package.xml ------------------------------------------------------------

section "package.xml"
if out=$(pecl package-validate package.xml 2>&1) && grep -q 'Validation: 0 error(s)' <<<"$out"; then
    ok "package.xml validates ($(grep -o 'Validation: .*' <<<"$out"))"
else
    echo "$out" | tail -n 20
    fail "package.xml validates" "pecl package-validate reported errors"
fi

# The files package.xml lists, as paths from the root (<dir> may nest).
"$PHP" -r '
    $x = simplexml_load_file("package.xml");
    if (!$x) { fwrite(STDERR, "package.xml is not XML\n"); exit(1); }
    $walk = function (SimpleXMLElement $dir, string $base) use (&$walk): void {
        foreach ($dir->children() as $k => $c) {
            $n = (string) $c["name"];
            $p = ltrim(($base === "" ? "" : "$base/") . $n, "/");
            if ($k === "dir") { $walk($c, $n === "/" ? "" : $p); }
            elseif ($k === "file") { echo $p, "\n"; }
        }
    };
    $walk($x->contents, "");' | sort >"$work/listed"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files | sort >"$work/tracked"
    : >"$work/expected"
    while IFS= read -r f; do
        skip=0
        for x in "${NOT_SHIPPED[@]}"; do
            case "$x" in
                */) [[ $f == "$x"* ]] && skip=1 ;;
                # shellcheck disable=SC2053 # $x is a glob on purpose
                *) [[ $f == $x ]] && skip=1 ;;
            esac
        done
        [ "$skip" -eq 1 ] || echo "$f" >>"$work/expected"
    done <"$work/tracked"
    missing=$(comm -23 "$work/expected" "$work/listed")
    extra=$(comm -13 "$work/expected" "$work/listed")
    if [ -z "$missing" ]; then
        ok "manifest: every tracked file is in package.xml ($(wc -l <"$work/expected") files, ${#NOT_SHIPPED[@]} exclusions)"
    else
        printf '  not in package.xml: %s\n' $missing
        fail "manifest: every tracked file is in package.xml" "$(wc -w <<<"$missing") missing; add them to <contents> or to NOT_SHIPPED with a reason"
    fi
    if [ -z "$extra" ]; then
        ok "manifest: every file in package.xml exists and is tracked"
    else
        for f in $extra; do
            if [ -e "$f" ]; then echo "  listed but excluded or untracked: $f"; else echo "  listed but missing: $f"; fi
        done
        fail "manifest: every file in package.xml exists and is tracked" "$(wc -w <<<"$extra") listed file(s) that are not shipped"
    fi
else
    fail "manifest" "not a git checkout: cannot compare with git ls-files"
fi

# ---- the PECL tarball builds and passes its tests in an empty directory ------

section "pecl package, then phpize && ./configure && make && make test"
mkdir -p "$work/pkg" "$work/build"
# pecl package reads the files relative to package.xml; give it a clean copy
# of the tracked files so nothing an earlier build left here can sneak in.
git ls-files -z | xargs -0 tar -cf - | tar -C "$work/pkg" -xf -
version=$(sed -n 's:.*<release>\(.*\)</release>.*:\1:p' package.xml | head -n 1)
tgz="$work/pkg/shmtable-$version.tgz"
if (cd "$work/pkg" && pecl package package.xml) >"$work/pecl.log" 2>&1 && [ -f "$tgz" ]; then
    ok "pecl package: shmtable-$version.tgz ($(du -k "$tgz" | cut -f1) KiB, $(tar -tzf "$tgz" | grep -vc '/$') files)"
    tar -C "$work/build" -xzf "$tgz"
    src="$work/build/shmtable-$version"
    # The stress tests (tests/stress/, 8 workers for about a minute) run
    # in scripts/test.sh already; here the rest of the suite proves that the
    # shipped tests pass against the shipped sources. `make test` runs PHP
    # with -n, so a shared posix extension is not loaded and the one phpt
    # that needs posix_kill() skips, saying so.
    if (cd "$src" && phpize && ./configure && make -j"$(nproc 2>/dev/null || echo 2)") >"$work/tarball-build.log" 2>&1; then
        ok "tarball: phpize && ./configure && make (no option given: --enable-shmtable is the phpize default)"
        (cd "$src" && NO_INTERACTION=1 REPORT_EXIT_STATUS=1 TEST_PHP_ARGS="-j2 -q" \
            make test TESTS="tests/*.phpt tests/matrix") >"$work/tarball-test.log" 2>&1
        rc=$?
        sed 's/\x1b\[[0-9;]*m//g' "$work/tarball-test.log" |
            grep -E '^(Tests (passed|failed|skipped)|Number of tests)|SKIP.*reason:' | sed 's/.* SKIP /SKIP /; s/^/  /'
        npass=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$work/tarball-test.log")
        nfail=$(sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p' "$work/tarball-test.log")
        if [ "$rc" -eq 0 ] && [ "${nfail:-1}" -eq 0 ] && [ "${npass:-0}" -gt 0 ]; then
            ok "tarball: NO_INTERACTION=1 make test ($npass passed)"
        else
            grep -E '^(FAIL|BORK|LEAK)' "$work/tarball-test.log" | head -n 20
            fail "tarball: make test" "exit status $rc, ${nfail:-?} failed, ${npass:-0} passed"
        fi
    else
        tail -n 30 "$work/tarball-build.log"
        fail "tarball: phpize && ./configure && make"
    fi
else
    tail -n 20 "$work/pecl.log"
    fail "pecl package"
fi

# ---- stubs --------------------------------------------------------------------

section "stubs"
stub_sha=$(sha1sum shmtable.stub.php | cut -d' ' -f1)
arg_sha=$(sed -n 's/.*Stub hash: \([0-9a-f]*\).*/\1/p' shmtable_arginfo.h | head -n 1)
if [ -n "$arg_sha" ] && [ "$arg_sha" = "$stub_sha" ]; then
    ok "arginfo stub hash: shmtable_arginfo.h was generated from this shmtable.stub.php ($stub_sha)"
else
    fail "arginfo stub hash" "shmtable.stub.php is $stub_sha, shmtable_arginfo.h names ${arg_sha:-none}: run bash scripts/gen-arginfo.sh"
fi
if bash scripts/gen-arginfo.sh --check >"$work/genstub.log" 2>&1; then
    ok "arginfo regenerated offline with gen_stub.php is identical to the committed one"
else
    head -n 40 "$work/genstub.log"
    fail "arginfo regenerated" "see the diff above; run bash scripts/gen-arginfo.sh"
fi
if "$PHP" -n -d extension="$MODULE" scripts/gen-ide-stub.php --check >"$work/idestub.log" 2>&1; then
    ok "IDE stub stubs/ShmTable.php matches Reflection of the built module"
else
    head -n 40 "$work/idestub.log"
    fail "IDE stub current" "run bash scripts/gen-ide-stub.sh and commit stubs/ShmTable.php"
fi
if out=$("$PHP" -n -r '
        require "stubs/ShmTable.php";
        $t = new ShmTable\Table(8);
        echo ($t instanceof ArrayAccess && $t instanceof Iterator && $t instanceof Countable
            && is_subclass_of(ShmTable\FullException::class, ShmTable\Exception::class)
            && is_subclass_of(ShmTable\Exception::class, RuntimeException::class)) ? "yes" : "no";' 2>&1) && [ "$out" = yes ]; then
    ok "IDE stub loads in a PHP without the extension, with the same class hierarchy"
else
    echo "$out" | head -n 10
    fail "IDE stub loads without the extension"
fi

# ---- composer.json (PIE) ------------------------------------------------------

section "composer.json"
if out=$("$PHP" -r '
    $j = json_decode(file_get_contents("composer.json"), true, 64, JSON_THROW_ON_ERROR);
    $m4 = file_get_contents("config.m4");
    $err = [];
    if (!preg_match("#^[a-z0-9_.-]+/[a-z0-9_.-]+$#", $j["name"] ?? "")) $err[] = "name must be vendor/package";
    if (($j["type"] ?? null) !== "php-ext") $err[] = "type must be php-ext";
    $ext = $j["php-ext"]["extension-name"] ?? null;
    if (!preg_match("/PHP_NEW_EXTENSION\(\[?" . preg_quote((string) $ext, "/") . "\]?,/", $m4)) $err[] = "php-ext.extension-name \"$ext\" is not the name config.m4 builds";
    foreach ($j["php-ext"]["configure-options"] ?? [] as $o) {
        $n = $o["name"] ?? "";
        if (!preg_match("/^(enable|with)-[a-z0-9-]+$/", $n)) $err[] = "configure option \"$n\" is not enable-X or with-X";
        if (!str_contains($m4, "--$n")) $err[] = "config.m4 has no --$n";
        if (!is_bool($o["needs-value"] ?? false)) $err[] = "needs-value of $n must be a boolean";
    }
    if (!isset($j["require"]["php"])) $err[] = "require.php is missing";
    if (!isset($j["license"])) $err[] = "license is missing";
    echo $err ? implode("; ", $err) : "ok";' 2>&1) && [ "$out" = ok ]; then
    ok "composer.json: type php-ext, php-ext.extension-name and configure-options match config.m4"
else
    fail "composer.json shape" "$out"
fi
if command -v composer >/dev/null 2>&1; then
    # composer 2.5 (Debian 12) predates the php-ext schema and so refuses it
    # for publishing only; --no-check-publish keeps every other rule.
    if COMPOSER_DISABLE_NETWORK=1 COMPOSER_ALLOW_SUPERUSER=1 composer validate --no-check-publish --no-check-lock --no-interaction >"$work/composer.log" 2>&1; then
        ok "composer validate ($(composer --version 2>/dev/null | head -n 1 | cut -d' ' -f1-3))"
    else
        cat "$work/composer.log"
        fail "composer validate"
    fi
else
    fail "composer validate" "composer is not installed (apt-get install composer)"
fi

# ---- one license, one version -------------------------------------------------

section "license and version"
problems=()
head -n 1 LICENSE | grep -qx 'MIT License' || problems+=("LICENSE is not the MIT License")
grep -q '<license uri="https://opensource.org/licenses/MIT">MIT</license>' package.xml || problems+=("package.xml <license> is not MIT")
[ "$("$PHP" -r 'echo json_decode(file_get_contents("composer.json"))->license ?? "";')" = MIT ] || problems+=("composer.json license is not MIT")
awk '/^## License/{f=1; next} f && NF {print; exit}' README.md | grep -q '^MIT\b' || problems+=("README's License section does not say MIT")
# No file of ours may state another license (a copied header would).
other=$(git grep -lIiE 'PHP License|GNU (Lesser |Library )?General Public|Apache License|BSD[- ][0-9]-Clause|Mozilla Public|SPDX-License-Identifier: *[^M ]' -- . ':!scripts/ci-package.sh' || true)
[ -z "$other" ] || problems+=("another license is named in: $(echo $other)")
if [ "${#problems[@]}" -eq 0 ]; then
    ok "license: MIT in LICENSE, package.xml, composer.json and README; no file names another"
else
    fail "license stated alike" "$(IFS=';'; echo "${problems[*]}")"
fi
h_version=$(sed -n 's/^#define PHP_SHMTABLE_VERSION "\(.*\)"/\1/p' php_shmtable.h)
e_version=$(sed -n 's/^#define SHMT_VERSION "\(.*\)"/\1/p' src/shmt.h)
c_version=$(sed -n 's/^## \[\([^]]*\)\].*/\1/p' CHANGELOG.md | head -n 1)
if [ -n "$h_version" ] && [ "$h_version" = "$version" ] && [ "$e_version" = "$version" ] &&
    [ "$c_version" = "$version" ] && grep -q "<api>$version</api>" package.xml; then
    ok "version $version in php_shmtable.h, src/shmt.h, package.xml and CHANGELOG.md"
else
    fail "one version" "php_shmtable.h $h_version, src/shmt.h ${e_version:-none}, package.xml $version, CHANGELOG.md ${c_version:-none}"
fi

# ---- Windows: config.w32 says what config.m4 says ------------------------------

section "config.w32 and the OS layer"
m4_src=$(sed -n '/PHP_NEW_EXTENSION(\[shmtable\]/,/)/p' config.m4 | grep -oE '[A-Za-z0-9_/]+\.c' | sort | tr '\n' ' ')
w32_src=$( { grep -oE 'EXTENSION\("shmtable", *"[^"]*"' config.w32 | sed 's/.*, *"//; s/"$//' | tr ' ' '\n'
             grep -oE 'ADD_SOURCES\([^,]*"\\\\src", *"[^"]*"' config.w32 | sed 's/.*, *"//; s/"$//' | tr ' ' '\n' | sed 's:^:src/:'; } |
           grep . | sort | tr '\n' ' ')
m4_def=$(grep -oE 'AC_DEFINE\(\[[A-Z_]+\]' config.m4 | sed 's/AC_DEFINE(\[//; s/\]//' | sort | tr '\n' ' ')
w32_def=$(grep -oE 'AC_DEFINE\("[A-Z_]+"' config.w32 | sed 's/AC_DEFINE("//; s/"//' | sort | tr '\n' ' ')
w32_problems=()
[ -n "$m4_src" ] && [ "$m4_src" = "$w32_src" ] || w32_problems+=("sources: config.m4 [$m4_src] config.w32 [$w32_src]")
[ -n "$m4_def" ] && [ "$m4_def" = "$w32_def" ] || w32_problems+=("defines: config.m4 [$m4_def] config.w32 [$w32_def]")
grep -q 'ARG_ENABLE("shmtable"' config.w32 || w32_problems+=("config.w32 has no ARG_ENABLE(\"shmtable\")")
grep -q 'ZEND_ENABLE_STATIC_TSRMLS_CACHE=1' config.w32 || w32_problems+=("config.w32 lacks ZEND_ENABLE_STATIC_TSRMLS_CACHE=1")
if [ "${#w32_problems[@]}" -eq 0 ]; then
    ok "config.w32 builds the same sources ($m4_src) with the same defines as config.m4"
else
    fail "config.w32 consistent with config.m4" "$(IFS=';'; echo "${w32_problems[*]}")"
fi
# Headers and calls that only an operating system provides.
leaks=$(grep -nE '#include *<(pthread|unistd|fcntl|signal|sched|windows|io|process)\.h>|#include *<sys/|\b(pthread_[a-z_]+|mmap|munmap|getrandom|getpid|fork|kill|CreateFileMapping|VirtualAlloc)[[:space:]]*\(' \
    $(ls src/*.c src/*.h | grep -vE '^src/shmt_os(_[a-z]+)?\.[ch]$') || true)
if [ -z "$leaks" ]; then
    ok "OS layer isolated: no OS header or call in src/ outside shmt_os*.c and shmt_os.h"
else
    echo "$leaks" | head -n 20 | sed 's/^/  /'
    fail "OS layer isolated" "OS-specific code outside src/shmt_os*.[ch] (above)"
fi

# ---- tally ----------------------------------------------------------------------

tally
