# scripts/apt.sh - sourced by the scripts that install what they need on
# Debian/Ubuntu (.ci/run, scripts/ci-*.sh): one way to do it.
#
# apt_missing PKG...   prints the packages of the list that are not installed
# apt_install PKG...   installs the packages of the list that are missing
#                      (apt-get update once per run, quietly, with sudo when
#                      not root); prints the apt log and returns non-zero if
#                      that failed, returns 0 at once if nothing is missing.

apt_missing() {
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            printf '%s\n' "$p"
    done
}

apt_install() {
    local missing log sudo=()
    mapfile -t missing < <(apt_missing "$@")
    [ "${#missing[@]}" -gt 0 ] || return 0
    command -v apt-get >/dev/null 2>&1 || {
        echo "apt-get not found: install ${missing[*]} by hand" >&2
        return 1
    }
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "apt-get install ${missing[*]}"
    log=$(mktemp "${TMPDIR:-/tmp}/shmtable-apt.XXXXXX")
    if ! {
        if [ -z "${SHMTABLE_APT_UPDATED:-}" ]; then
            DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -qq
        fi &&
            DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
                --no-install-recommends "${missing[@]}"
    } >"$log" 2>&1; then
        tail -n 30 "$log"
        rm -f "$log"
        echo "apt-get install ${missing[*]} failed" >&2
        return 1
    fi
    rm -f "$log"
    export SHMTABLE_APT_UPDATED=1
}
