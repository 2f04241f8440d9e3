# Finding processes from /proc alone (sourced by incus-dev and incus-cluster).
# A minimal Debian has no procps (pgrep, pkill, ps): these read /proc, which
# every Linux machine has.

# pids_named NAME: the pids whose command name (comm) is exactly NAME.
pids_named() {
    local d comm
    for d in /proc/[0-9]*; do
        comm=$(cat "$d/comm" 2>/dev/null) || continue
        [ "$comm" = "$1" ] && echo "${d#/proc/}"
    done
    return 0
}

# pids_with_arg TEXT: the pids whose command line contains TEXT (not this shell's).
pids_with_arg() {
    local d cmdline
    for d in /proc/[0-9]*; do
        [ "${d#/proc/}" = "$$" ] && continue
        cmdline=$(tr '\0' ' ' 2>/dev/null <"$d/cmdline") || continue
        case $cmdline in *"$1"*) echo "${d#/proc/}" ;; esac
    done
    return 0
}

