#!/bin/bash
# A private one-node SLURM cluster for the end-to-end test (tests/slurm.rs): munged, slurmctld and
# slurmd run as root from Debian's munge and slurm-wlm packages, with every file (key, sockets,
# config, state, logs, pid files) inside DIR and random ports, so nothing of the machine's own
# configuration is used or changed.
#   local_cluster.sh start DIR   # prints nothing; DIR/slurm.conf is the SLURM_CONF to use
#   local_cluster.sh stop DIR    # cancels the cluster's jobs, stops the three daemons
set -euo pipefail
cmd=${1:?usage: local_cluster.sh start|stop DIR}
dir=$(cd "${2:?usage: local_cluster.sh start|stop DIR}" && pwd)
export SLURM_CONF="$dir/slurm.conf"

wait_gone() { # PIDFILE: waits up to 10 s for the process to end, then kills it
    local pidfile=$1 pid
    [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || return 0
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
}

case $cmd in
start)
    for exe in munged mungekey slurmctld slurmd sbatch; do
        command -v "$exe" >/dev/null || { echo "$exe not found: apt-get install slurm-wlm munge" >&2; exit 1; }
    done
    [ "$(id -u)" = 0 ] || { echo "the local SLURM cluster needs root" >&2; exit 1; }
    chmod 711 "$dir"
    mkdir -p "$dir/state" "$dir/spool"
    mungekey --create --keyfile="$dir/munge.key" --bits=1024
    munged --force --socket="$dir/munge.socket" --key-file="$dir/munge.key" \
        --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munged.seed"
    host=$(hostname)
    base=$((20000 + RANDOM % 20000))
    cat >"$SLURM_CONF" <<CONF
ClusterName=gmsbscantest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$base
SlurmdPort=$((base + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
KillWait=5
MinJobAge=600
InactiveLimit=0
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
    slurmctld -i
    slurmd
    for _ in $(seq 300); do
        if sinfo -h -o %t 2>/dev/null | grep -qx idle; then
            exit 0
        fi
        sleep 0.1
    done
    echo "the node did not become idle in 30 s; slurmctld.log:" >&2
    tail -20 "$dir/slurmctld.log" >&2 || true
    tail -20 "$dir/slurmd.log" >&2 || true
    exit 1
    ;;
stop)
    if [ -f "$dir/slurmctld.pid" ]; then
        scancel --user=root 2>/dev/null || true
        for _ in $(seq 100); do
            [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
            sleep 0.1
        done
    fi
    wait_gone "$dir/slurmd.pid"
    wait_gone "$dir/slurmctld.pid"
    wait_gone "$dir/munged.pid"
    ;;
*)
    echo "usage: local_cluster.sh start|stop DIR" >&2
    exit 2
    ;;
esac
