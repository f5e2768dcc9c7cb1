#!/usr/bin/env bash
# Local infrastructure without Docker: PostgreSQL, Redis and a single-node
# Kafka 3.9 (KRaft, broker+controller) run from Maven Central jars.
#
#   infra.sh up             start whatever is not running, create databases
#   infra.sh down           stop the Kafka this script started (Postgres/Redis stay up)
#   infra.sh status         exit 0 if postgres, redis and kafka are all up, 1 otherwise
#   infra.sh restart-kafka  stop + start our Kafka only (data kept)
#   infra.sh reset-kafka    stop Kafka, wipe its data, start it fresh
#
# Env overrides: PGHOST PGPORT PGUSER, REDIS_HOST REDIS_PORT, KAFKA_PORT
# KAFKA_CONTROLLER_PORT KAFKA_START_TIMEOUT KAFKA_HEAP_OPTS, JAVA_HOME.
set -euo pipefail

DATABASES=(
  onewindow_identity
  onewindow_catalog
  onewindow_workflow
  onewindow_licence
  onewindow_payments
  onewindow_logistics
  onewindow_data_sharing
  onewindow_platform_test
)

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA_DIR="$SCRIPT_DIR/.data"
CACHE_DIR="$SCRIPT_DIR/.cache"
KAFKA_POM="$SCRIPT_DIR/kafka/pom.xml"
KAFKA_LIBS="$CACHE_DIR/kafka-libs"
KAFKA_LIBS_STAMP="$CACHE_DIR/kafka-libs.pom.sha256"
KAFKA_DATA="$DATA_DIR/kafka"
KAFKA_LOG_DIR="$KAFKA_DATA/logs"
KAFKA_PID_FILE="$KAFKA_DATA/kafka.pid"
KAFKA_SERVER_LOG="$KAFKA_DATA/server.log"
TOOLS_DIR="$DATA_DIR/kafka-tools" # client-side config; survives reset-kafka

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${REDIS_PORT:-6379}"
KAFKA_HOST=127.0.0.1
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_BOOTSTRAP="$KAFKA_HOST:$KAFKA_PORT"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"

if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

log() { printf '[infra] %s\n' "$*"; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# ---------------------------------------------------------------- PostgreSQL

pg_up() { pg_isready -h "$PGHOST" -p "$PGPORT" -q 2>/dev/null; }

postgres_up() {
  command -v pg_isready >/dev/null || die "pg_isready not found (apt-get install postgresql-client)"
  if pg_up; then
    log "postgres: already running on $PGHOST:$PGPORT"
  else
    command -v pg_ctlcluster >/dev/null ||
      die "postgres: not reachable on $PGHOST:$PGPORT and pg_ctlcluster is not installed; start it yourself"
    local version
    version="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n1)"
    log "postgres: starting cluster $version/main"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    local i
    for ((i = 0; i < 30; i++)); do pg_up && break; sleep 1; done
    pg_up || die "postgres: still not ready on $PGHOST:$PGPORT after 30 s"
  fi

  local db exists
  for db in "${DATABASES[@]}"; do
    exists="$(psql -v ON_ERROR_STOP=1 -tAc "SELECT 1 FROM pg_database WHERE datname='$db'")"
    if [[ "$exists" != 1 ]]; then
      createdb "$db"
      log "postgres: created database $db"
    fi
  done
  log "postgres: ${#DATABASES[@]} databases present"
}

# --------------------------------------------------------------------- Redis

redis_ping() {
  if command -v redis-cli >/dev/null; then
    [[ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
  else
    port_open "$REDIS_HOST" "$REDIS_PORT"
  fi
}

redis_up() {
  if redis_ping; then
    log "redis: already running on $REDIS_HOST:$REDIS_PORT"
    return
  fi
  command -v redis-server >/dev/null ||
    die "redis: not reachable on $REDIS_HOST:$REDIS_PORT and redis-server is not installed"
  log "redis: starting on port $REDIS_PORT"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" \
    --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  local i
  for ((i = 0; i < 20; i++)); do redis_ping && break; sleep 0.5; done
  redis_ping || die "redis: no PONG after 10 s (see /var/log/redis/ci.log)"
}

# --------------------------------------------------------------------- Kafka

kafka_libs() {
  [[ -f "$KAFKA_POM" ]] || die "kafka: $KAFKA_POM is missing"
  "$JAVA" -version >/dev/null 2>&1 || die "java not found (set JAVA_HOME or put java on PATH)"
  local want
  want="$(sha256sum "$KAFKA_POM" | cut -d' ' -f1)"
  if [[ -f "$KAFKA_LIBS_STAMP" && "$(cat "$KAFKA_LIBS_STAMP")" == "$want" ]] &&
    compgen -G "$KAFKA_LIBS/kafka_2.13-*.jar" >/dev/null; then
    return
  fi
  command -v mvn >/dev/null || die "mvn not found; it is needed once to fetch the Kafka jars"
  log "kafka: fetching jars with Maven (first run or pom changed)"
  mkdir -p "$CACHE_DIR"
  # Fill a fresh directory and swap it in, so a version bump leaves no stale jars.
  local tmp="$KAFKA_LIBS.tmp"
  rm -rf "$tmp"
  # Output is kept back on success (Maven 3.8 -q still prints ANSI resets) and shown on failure.
  local out
  if ! out="$(mvn -q -B -f "$KAFKA_POM" dependency:copy-dependencies -Dkafka.libs.dir="$tmp" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "kafka: mvn dependency:copy-dependencies failed"
  fi
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  echo "$want" >"$KAFKA_LIBS_STAMP"
  log "kafka: $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars in $KAFKA_LIBS"
  if kafka_pid >/dev/null; then
    log "kafka: a broker started from the old jars is still running; use 'restart-kafka' to switch"
  fi
}

kafka_tools_config() {
  mkdir -p "$TOOLS_DIR"
  cat >"$TOOLS_DIR/log4j.properties" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
  # Fail fast instead of the admin client's default 60 s per attempt.
  cat >"$TOOLS_DIR/admin.properties" <<'EOF'
request.timeout.ms=5000
default.api.timeout.ms=5000
EOF
}

# Short-lived JVM running a Kafka CLI class from the cached jars (tuned for startup time).
kafka_tool() {
  timeout 60 "$JAVA" -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j.configuration="file:$TOOLS_DIR/log4j.properties" \
    -cp "$KAFKA_LIBS/*" "$@"
}

# True when a broker on the bootstrap address answers a metadata request.
kafka_answers() {
  port_open "$KAFKA_HOST" "$KAFKA_PORT" || return 1
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
    --command-config "$TOOLS_DIR/admin.properties" --list >/dev/null 2>&1
}

# PID of the Kafka this script started, if that process is still alive.
kafka_pid() {
  [[ -f "$KAFKA_PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$KAFKA_PID_FILE")"
  # The cmdline check guards against a recycled PID.
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' &&
    echo "$pid"
}

kafka_write_config() {
  mkdir -p "$KAFKA_LOG_DIR"
  cat >"$KAFKA_DATA/server.properties" <<EOF
# Generated by deploy/local/infra.sh on every 'up'; edit the script, not this file.
node.id=1
process.roles=broker,controller
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_LOG_DIR

num.partitions=3
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
delete.topic.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1

# Fast local tests: no rebalance delay, fewer internal partitions to create.
group.initial.rebalance.delay.ms=0
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10

# Sized for a 2-core machine and a 512 MB heap.
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.cleaner.dedupe.buffer.size=33554432
log.retention.hours=24
EOF

  cat >"$KAFKA_DATA/log4j.properties" <<EOF
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=$KAFKA_SERVER_LOG
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=2
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.org.apache.kafka.clients=WARN
EOF
}

kafka_format() {
  if [[ -f "$KAFKA_LOG_DIR/meta.properties" ]]; then
    return
  fi
  local cluster_id_file="$KAFKA_DATA/cluster.id"
  if [[ ! -s "$cluster_id_file" ]]; then
    kafka_tool kafka.tools.StorageTool random-uuid | tr -d '[:space:]' >"$cluster_id_file"
  fi
  log "kafka: formatting storage (cluster id $(cat "$cluster_id_file"))"
  kafka_tool kafka.tools.StorageTool format -t "$(cat "$cluster_id_file")" \
    -c "$KAFKA_DATA/server.properties" >/dev/null ||
    die "kafka: storage format failed"
}

kafka_fail_start() {
  printf '[infra] ERROR: %s\n' "$1" >&2
  if [[ -f "$KAFKA_SERVER_LOG" ]]; then
    echo "----- tail of $KAFKA_SERVER_LOG -----" >&2
    # Skip the indented KafkaConfig dump so the actual error is visible.
    grep -v $'^\t' "$KAFKA_SERVER_LOG" | tail -n 40 >&2
  fi
  if [[ -s "$KAFKA_DATA/kafka.out" ]]; then
    echo "----- tail of $KAFKA_DATA/kafka.out -----" >&2
    tail -n 20 "$KAFKA_DATA/kafka.out" >&2
  fi
  exit 1
}

kafka_wait() {
  local pid="$1" start=$SECONDS
  while ((SECONDS - start < KAFKA_START_TIMEOUT)); do
    kill -0 "$pid" 2>/dev/null || kafka_fail_start "kafka: process $pid exited during startup"
    if kafka_answers; then
      log "kafka: broker answers on $KAFKA_BOOTSTRAP (pid $pid, ready after $((SECONDS - start)) s)"
      return
    fi
    sleep 1
  done
  kafka_fail_start "kafka: no metadata answer on $KAFKA_BOOTSTRAP within $KAFKA_START_TIMEOUT s (pid $pid still running)"
}

kafka_up() {
  kafka_libs
  kafka_tools_config
  local pid
  if pid="$(kafka_pid)"; then
    if kafka_answers; then
      log "kafka: our broker is already running and answers on $KAFKA_BOOTSTRAP (pid $pid)"
    else
      log "kafka: our broker (pid $pid) is running but not answering yet; waiting"
      kafka_wait "$pid"
    fi
    return
  fi
  rm -f "$KAFKA_PID_FILE"
  if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    if kafka_answers; then
      log "kafka: a broker not started by this script already answers on $KAFKA_BOOTSTRAP; keeping it"
      return
    fi
    die "kafka: port $KAFKA_PORT is in use by something that does not answer as Kafka"
  fi

  kafka_write_config
  kafka_format
  log "kafka: starting broker on $KAFKA_BOOTSTRAP (controller $KAFKA_HOST:$KAFKA_CONTROLLER_PORT)"
  # setsid + nohup: the broker must outlive this shell and its process group.
  # 9>&- so the broker does not inherit (and hold) our lock.
  # shellcheck disable=SC2086
  setsid nohup "$JAVA" $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$KAFKA_DATA/log4j.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_DATA/server.properties" \
    >"$KAFKA_DATA/kafka.out" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$KAFKA_PID_FILE"
  kafka_wait "$pid"
}

kafka_down() {
  local pid
  if ! pid="$(kafka_pid)"; then
    rm -f "$KAFKA_PID_FILE"
    if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
      log "kafka: something listens on $KAFKA_BOOTSTRAP but was not started by this script; leaving it"
    else
      log "kafka: not running"
    fi
    return
  fi
  log "kafka: stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "kafka: still running after 30 s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$KAFKA_PID_FILE"
  log "kafka: stopped"
}

kafka_status() {
  local pid owner="not started by this script"
  if pid="$(kafka_pid)"; then owner="pid $pid"; fi
  if [[ -d "$KAFKA_LIBS" ]]; then
    kafka_tools_config
    kafka_answers && { echo "kafka     up    $KAFKA_BOOTSTRAP ($owner)"; return 0; }
  elif port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    # No jars to probe with; an open port is the best we can say.
    echo "kafka     up?   $KAFKA_BOOTSTRAP port open ($owner, not probed)"
    return 0
  fi
  if [[ "$owner" != "not started by this script" ]]; then
    echo "kafka     down  $KAFKA_BOOTSTRAP ($owner is alive but does not answer)"
  else
    echo "kafka     down  $KAFKA_BOOTSTRAP"
  fi
  return 1
}

# -------------------------------------------------------------------- common

status() {
  local rc=0
  if pg_up; then echo "postgres  up    $PGHOST:$PGPORT"; else echo "postgres  down  $PGHOST:$PGPORT"; rc=1; fi
  if redis_ping; then echo "redis     up    $REDIS_HOST:$REDIS_PORT"; else echo "redis     down  $REDIS_HOST:$REDIS_PORT"; rc=1; fi
  kafka_status || rc=1
  return "$rc"
}

lock() {
  mkdir -p "$DATA_DIR"
  exec 9>"$DATA_DIR/infra.lock"
  flock -w 180 9 || die "another infra.sh run holds $DATA_DIR/infra.lock"
}

cmd="${1:-}"
case "$cmd" in
  up)
    lock
    postgres_up
    redis_up
    kafka_up
    echo
    status
    ;;
  down)
    lock
    kafka_down
    log "postgres and redis are shared system services; left running"
    ;;
  status)
    status
    ;;
  restart-kafka)
    lock
    kafka_down
    kafka_up
    ;;
  reset-kafka)
    lock
    kafka_down
    rm -rf "$KAFKA_DATA"
    log "kafka: data wiped"
    kafka_up
    ;;
  *)
    echo "usage: $0 up|down|status|restart-kafka|reset-kafka" >&2
    exit 2
    ;;
esac
