#!/usr/bin/env bash
# Quiets this machine for a benchmark and puts it back afterwards (the idea of `pyperf system tune`).
#
#   bash bench/system.sh show              what on this machine can disturb a benchmark
#   bash bench/system.sh tune              quiet it (needs root); remembers what it changed
#   bash bench/system.sh reset             undo exactly what `tune` changed
#   bash bench/system.sh run -- CMD ARGS   tune, run CMD, reset (also when CMD fails or is interrupted)
#
# What it touches, and why (docs/benchmarks.md, "The machine under the benchmark"):
# - DAMON monitors (kdamond threads). On the session machines the kernel runs one over physical memory
#   that samples every 0.5 s to page cold file pages out. Each pass holds a CPU for several ms without
#   being preempted (the kernel is PREEMPT_NONE): every ~540 ms one of the two CPUs stalls, and the
#   gateway's or the load generator's requests queue behind it. `tune` sets each running monitor's state
#   to off and `reset` back to on, with the configuration untouched.
# - Services this machine starts that OneWindow does not use (RabbitMQ, MariaDB, NATS, Mosquitto).
#   RabbitMQ's Erlang VM wakes every 60 s and takes both CPUs for ~0.4 s. `tune` pauses their
#   processes (SIGSTOP) and `reset` resumes them (SIGCONT); nothing is stopped or restarted.
# PostgreSQL, Redis and Kafka, which the benchmarks use, are never touched.
set -euo pipefail

STATE_FILE="${BENCH_SYSTEM_STATE:-/tmp/onewindow-bench-system.state}"
DAMON_DIR=/sys/kernel/mm/damon/admin/kdamonds
# Process names of the services OneWindow does not use (ARCHITECTURE.md: PostgreSQL, Redis, Kafka only).
FOREIGN_SERVICES=(beam.smp epmd mariadbd nats-server mosquitto)

say() { printf '[bench-system] %s\n' "$*"; }

kdamond_states() {
  local dir
  for dir in "$DAMON_DIR"/*/; do
    [[ -r "$dir/state" ]] || continue
    printf '%s %s\n' "${dir%/}" "$(cat "$dir/state")"
  done
}

foreign_pids() {
  local name
  for name in "${FOREIGN_SERVICES[@]}"; do
    pgrep -x "$name" | sed "s/\$/ $name/" || true
  done
}

# Fields of /proc/<pid>/stat after the command name: 1 is the state (R, S, T...), 12 and 13 the CPU ticks.
proc_stat() {
  sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null
}

# State and CPU seconds of one process.
proc_cpu() {
  proc_stat "$1" | awk -v hz="$(getconf CLK_TCK)" '{ printf "%s %.1f s CPU", $1, ($12 + $13) / hz }' | grep . || echo "gone"
}

show() {
  local line dir state pid name
  say "DAMON monitors (kdamond):"
  if [[ -z "$(kdamond_states)" ]]; then
    say "  none"
  fi
  while read -r dir state; do
    [[ -n "${dir:-}" ]] || continue
    local ctx="$dir/contexts/0"
    local sample_us ops action
    sample_us=$(cat "$ctx/monitoring_attrs/intervals/sample_us" 2>/dev/null || echo '?')
    ops=$(cat "$ctx/operations" 2>/dev/null || echo '?')
    action=$(cat "$ctx/schemes/0/action" 2>/dev/null || echo 'none')
    say "  $(basename "$dir"): $state (operations $ops, sample every ${sample_us} us, scheme $action)"
  done < <(kdamond_states)
  say "services OneWindow does not use:"
  while read -r pid name; do
    [[ -n "${pid:-}" ]] || continue
    say "  $name (pid $pid): $(proc_cpu "$pid")"
  done < <(foreign_pids)
  if [[ -f "$STATE_FILE" ]]; then
    say "tuned: $STATE_FILE records what to undo (bash bench/system.sh reset)"
  fi
  if [[ -r /proc/loadavg ]]; then
    say "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  fi
}

tune() {
  local dir state pid name
  if [[ -f "$STATE_FILE" ]]; then
    say "already tuned ($STATE_FILE); run reset first"
    return 0
  fi
  : > "$STATE_FILE"
  while read -r dir state; do
    [[ -n "${dir:-}" && "$state" == "on" ]] || continue
    if echo off > "$dir/state" 2>/dev/null; then
      echo "damon $dir" >> "$STATE_FILE"
      say "DAMON monitor $(basename "$dir") off"
    else
      say "DAMON monitor $(basename "$dir") left on: $dir/state is not writable (not root?)"
    fi
  done < <(kdamond_states)
  while read -r pid name; do
    [[ -n "${pid:-}" ]] || continue
    # Already paused by someone else: leave it, and leave it to them.
    [[ "$(proc_stat "$pid" | cut -d' ' -f1)" == "T" ]] && continue
    if kill -STOP "$pid" 2>/dev/null; then
      echo "paused $pid $name" >> "$STATE_FILE"
      say "paused $name (pid $pid)"
    else
      say "could not pause $name (pid $pid)"
    fi
  done < <(foreign_pids)
}

reset() {
  local kind target name
  if [[ ! -f "$STATE_FILE" ]]; then
    say "nothing to reset"
    return 0
  fi
  while read -r kind target name; do
    case "$kind" in
      damon)
        if echo on > "$target/state" 2>/dev/null; then say "DAMON monitor $(basename "$target") on"; else say "could not turn DAMON monitor $(basename "$target") back on"; fi
        ;;
      paused)
        if kill -CONT "$target" 2>/dev/null; then say "resumed $name (pid $target)"; else say "$name (pid $target) is gone"; fi
        ;;
    esac
  done < "$STATE_FILE"
  rm -f "$STATE_FILE"
}

case "${1:-show}" in
  show) show ;;
  tune) tune ;;
  reset) reset ;;
  run)
    shift
    [[ "${1:-}" == "--" ]] && shift
    if [[ $# -eq 0 ]]; then
      say "usage: bash bench/system.sh run -- CMD [ARGS...]"
      exit 2
    fi
    # Tuned already (by hand): leave the reset to whoever tuned.
    if [[ ! -f "$STATE_FILE" ]]; then
      tune
      trap reset EXIT
    fi
    trap 'exit 130' INT TERM
    "$@"
    ;;
  *)
    say "usage: bash bench/system.sh show|tune|reset|run -- CMD [ARGS...]"
    exit 2
    ;;
esac
