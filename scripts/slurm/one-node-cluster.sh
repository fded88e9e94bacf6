#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for running the README's job-array sweep for real
# (scripts/slurm/array-check.sh). Debian/Ubuntu, no systemd needed.
#
#   scripts/slurm/one-node-cluster.sh           install what is missing, configure, start, wait until the node is idle
#   scripts/slurm/one-node-cluster.sh --status  show the daemons and `sinfo`
#   scripts/slurm/one-node-cluster.sh --stop    stop the daemons this script started
#
# Installs Debian's slurm-wlm and munge when missing (apt-get, non-interactive, only what is missing). Everything
# else lives in one directory it owns, $LANGEVIN_SLURM_DIR (default /var/lib/langevin-slurm): slurm.conf, its own
# munge key and munged socket, the controller's state, the slurmd spool, pid files and logs, and `env`, which sets
# SLURM_CONF for the client commands (`. /var/lib/langevin-slurm/env; sinfo`). Apart from the packages nothing is
# written outside it; a system munged, if any, is left alone (ours has its own socket). The Slurm ports are
# $LANGEVIN_SLURM_PORT and the next one (default 6817/6818, Slurm's defaults; pick others next to a system Slurm).
#
# The cluster is a test cluster: the daemons run as root (SlurmUser=root, SlurmdUser=root; munged as the `munge`
# user), processes are tracked through /proc (proctrack/linuxproc, task/none, no cgroups), there is no accounting
# database (so no `sacct`; completed jobs stay visible to `scontrol show job` for MinJobAge = 1 h and are logged
# by jobcomp/filetxt in log/jobcomp.log). Running it again is harmless: running daemons are kept (restarted only
# when slurm.conf changed), missing ones are started. Needs root; re-runs itself under sudo otherwise.
set -euo pipefail

STATE=${LANGEVIN_SLURM_DIR:-/var/lib/langevin-slurm}
PORT=${LANGEVIN_SLURM_PORT:-6817}
WAIT=${LANGEVIN_SLURM_WAIT:-90}   # seconds to wait for the node to become idle
mode=start
case "${1:-}" in
    "") ;;
    --stop) mode=stop ;;
    --status) mode=status ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--stop|--status]" >&2; exit 2 ;;
esac

if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "needs root (or sudo)" >&2; exit 1; }
    echo "not root: re-running under sudo" >&2
    exec sudo env LANGEVIN_SLURM_DIR="$STATE" LANGEVIN_SLURM_PORT="$PORT" LANGEVIN_SLURM_WAIT="$WAIT" "$0" "$@"
fi

say() { echo "[one-node-cluster] $*"; }
case "$STATE" in /*) ;; *) echo "LANGEVIN_SLURM_DIR must be an absolute path, got $STATE" >&2; exit 2 ;; esac

CONF=$STATE/slurm.conf
MUNGE_DIR=$STATE/munge
SOCKET=$MUNGE_DIR/munge.socket.2

# alive: the process exists and is not a zombie (an exited daemon that init has not reaped yet)
alive() { kill -0 "$1" 2>/dev/null && [ "$(sed 's/.*) \([A-Z]\).*/\1/' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

# pid of a daemon from its pid file, if that process is alive and is the named program
running_pid() { # name pidfile
    local pid
    [ -s "$2" ] || return 1
    pid=$(tr -dc '0-9' <"$2")
    [ -n "$pid" ] && alive "$pid" || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ] || return 1
    echo "$pid"
}

stop_daemon() { # name pidfile
    local pid
    if pid=$(running_pid "$1" "$2"); then
        kill "$pid"
        for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
        if alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; say "$1 (pid $pid) killed"
        else say "$1 (pid $pid) stopped"; fi
    else
        say "$1 not running"
    fi
    rm -f "$2"
}

if [ "$mode" = stop ]; then
    [ -d "$STATE" ] || { say "nothing to stop: $STATE does not exist"; exit 0; }
    exec 9>"$STATE/.lock"; flock -w 120 9 || { echo "another one-node-cluster.sh holds $STATE/.lock" >&2; exit 1; }
    stop_daemon slurmd "$STATE/run/slurmd.pid"
    stop_daemon slurmctld "$STATE/run/slurmctld.pid"
    stop_daemon munged "$MUNGE_DIR/munged.pid"
    say "stopped; state kept in $STATE (remove it for a fresh cluster)"
    exit 0
fi

if [ "$mode" = status ]; then
    for d in munged:"$MUNGE_DIR/munged.pid" slurmctld:"$STATE/run/slurmctld.pid" slurmd:"$STATE/run/slurmd.pid"; do
        if pid=$(running_pid "${d%%:*}" "${d#*:}"); then say "${d%%:*} running (pid $pid)"; else say "${d%%:*} not running"; fi
    done
    if [ -f "$CONF" ]; then SLURM_CONF=$CONF sinfo 2>&1 || true; fi
    exit 0
fi

# --- packages --------------------------------------------------------------------------------------------------
needed=()
for pkg in slurm-wlm munge; do
    # installed, not merely known to dpkg (a removed package keeps its configuration files, and `dpkg -s` succeeds)
    [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = "install ok installed" ] || needed+=("$pkg")
done
if [ ${#needed[@]} -gt 0 ]; then
    say "installing: ${needed[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
else
    say "packages present: slurm-wlm $(dpkg-query -W -f='${Version}' slurm-wlm), munge $(dpkg-query -W -f='${Version}' munge)"
fi
id munge >/dev/null 2>&1 || { echo "the munge package did not create the munge user" >&2; exit 1; }

# --- directories and munge key ---------------------------------------------------------------------------------
# munged insists that its directories are not writable by others and that the munge user can reach its socket:
# the state directory is 0755 root, the munge directory 0755 munge (socket reachable by every local user).
install -d -m 0755 "$STATE" "$STATE/run" "$STATE/log" "$STATE/ctld" "$STATE/spool"
install -d -m 0755 -o munge -g munge "$MUNGE_DIR"
exec 9>"$STATE/.lock"; flock -w 120 9 || { echo "another one-node-cluster.sh holds $STATE/.lock" >&2; exit 1; }
if [ -s "$MUNGE_DIR/munge.key" ]; then
    say "munge key present: $MUNGE_DIR/munge.key"
else
    mungekey --create --keyfile="$MUNGE_DIR/munge.key" --force
    say "munge key created: $MUNGE_DIR/munge.key"
fi
chown munge:munge "$MUNGE_DIR/munge.key"
chmod 0400 "$MUNGE_DIR/munge.key"

# --- slurm.conf ------------------------------------------------------------------------------------------------
# The node: the short hostname when it resolves, else localhost; always reached at 127.0.0.1.
node=$(hostname -s 2>/dev/null || true)
if [ -z "$node" ] || ! getent hosts "$node" >/dev/null 2>&1; then node=localhost; fi
# CPUs and memory: what slurmd itself detects (the node is refused if the configuration claims more), with the
# memory rounded down to 90 % so that the node registers even when a little memory is held back.
detected=$(slurmd -C 2>/dev/null | head -1 || true)
cpus=$(sed -n 's/.*\bCPUs=\([0-9]*\).*/\1/p' <<<"$detected")
mem=$(sed -n 's/.*\bRealMemory=\([0-9]*\).*/\1/p' <<<"$detected")
[ -n "$cpus" ] || cpus=$(nproc)
[ "$cpus" -le "$(nproc)" ] || cpus=$(nproc)
[ -n "$mem" ] || mem=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 ))
mem=$(( mem * 9 / 10 ))
# select/cons_tres (Slurm ≥ 20.02) with cores as the consumable resource; cons_res on older Slurm
version=$(slurmctld -V | grep -o '[0-9][0-9]*\.[0-9][0-9]*' | head -1)
select=select/cons_tres
[ "$(printf '%s\n' "$version" 20.02 | sort -V | head -1)" = 20.02 ] || select=select/cons_res

new_conf=$(cat <<EOF
# Written by scripts/slurm/one-node-cluster.sh: a one-node test cluster (daemons as root, no cgroups,
# no accounting database). All state below $STATE.
ClusterName=langevin
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/spool
SlurmctldPidFile=$STATE/run/slurmctld.pid
SlurmdPidFile=$STATE/run/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$STATE/log/jobcomp.log
SchedulerType=sched/backfill
SelectType=$select
SelectTypeParameters=CR_Core
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
MinJobAge=3600
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=main Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
)
conf_changed=no
if [ -f "$CONF" ] && [ "$(cat "$CONF")" = "$new_conf" ]; then
    say "slurm.conf unchanged: $CONF (node $node, $cpus CPUs, RealMemory=$mem MB, $select)"
else
    [ -f "$CONF" ] && conf_changed=yes
    printf '%s\n' "$new_conf" >"$CONF.new" && chmod 0644 "$CONF.new" && mv "$CONF.new" "$CONF"
    say "slurm.conf written: $CONF (node $node, $cpus CPUs, RealMemory=$mem MB, $select)"
fi
printf 'export SLURM_CONF=%s\n' "$CONF" >"$STATE/env"
export SLURM_CONF=$CONF

# --- daemons ---------------------------------------------------------------------------------------------------
if pid=$(running_pid munged "$MUNGE_DIR/munged.pid"); then
    say "munged already running (pid $pid)"
else
    rm -f "$SOCKET" "$SOCKET.lock"
    runuser -u munge -- munged --key-file="$MUNGE_DIR/munge.key" --socket="$SOCKET" \
        --pid-file="$MUNGE_DIR/munged.pid" --log-file="$MUNGE_DIR/munged.log" --seed-file="$MUNGE_DIR/munged.seed" 9>&-
    say "munged started (pid $(cat "$MUNGE_DIR/munged.pid"), socket $SOCKET)"
fi
for _ in $(seq 1 50); do munge -n -S "$SOCKET" 2>/dev/null | unmunge -S "$SOCKET" >/dev/null 2>&1 && break; sleep 0.1; done
munge -n -S "$SOCKET" | unmunge -S "$SOCKET" >/dev/null || { echo "munge does not work; see $MUNGE_DIR/munged.log" >&2; exit 1; }

if [ "$conf_changed" = yes ]; then
    say "slurm.conf changed: restarting the Slurm daemons"
    stop_daemon slurmd "$STATE/run/slurmd.pid"
    stop_daemon slurmctld "$STATE/run/slurmctld.pid"
fi
if pid=$(running_pid slurmctld "$STATE/run/slurmctld.pid"); then
    say "slurmctld already running (pid $pid)"
else
    slurmctld -f "$CONF" 9>&-   # the daemons must not inherit the lock
    for _ in $(seq 1 50); do [ -s "$STATE/run/slurmctld.pid" ] && break; sleep 0.1; done
    say "slurmctld started (pid $(cat "$STATE/run/slurmctld.pid" 2>/dev/null || echo '?'), log $STATE/log/slurmctld.log)"
fi
if pid=$(running_pid slurmd "$STATE/run/slurmd.pid"); then
    say "slurmd already running (pid $pid)"
else
    slurmd -f "$CONF" -N "$node" 9>&-
    for _ in $(seq 1 50); do [ -s "$STATE/run/slurmd.pid" ] && break; sleep 0.1; done
    say "slurmd started (pid $(cat "$STATE/run/slurmd.pid" 2>/dev/null || echo '?'), log $STATE/log/slurmd.log)"
fi

# --- wait until the node is idle -------------------------------------------------------------------------------
deadline=$((SECONDS + WAIT))
resumed=no
while :; do
    state=$(sinfo -h -N -n "$node" -o '%T' 2>/dev/null | head -1 || true)
    case "$state" in
        idle|mixed|allocated|completing) break ;;
        down*|drain*|fail*)
            # a node left down by an earlier run (ReturnToService=2 normally brings it back by itself)
            if [ "$resumed" = no ]; then
                scontrol update NodeName="$node" State=RESUME >/dev/null 2>&1 || true
                resumed=yes
            fi ;;
    esac
    if [ $SECONDS -ge $deadline ]; then
        echo "the node $node is not idle after ${WAIT}s (state: ${state:-no answer from slurmctld})" >&2
        sinfo -R >&2 || true
        echo "logs: $STATE/log/slurmctld.log, $STATE/log/slurmd.log, $MUNGE_DIR/munged.log" >&2
        exit 1
    fi
    sleep 0.5
done
say "node $node is $state after $((SECONDS))s:"
sinfo
say "for the client commands: . $STATE/env   (sets SLURM_CONF=$CONF)"
