#!/usr/bin/env bash
# npm start: infrastructure up, every app built and migrated, then run in the foreground until Ctrl-C.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=apps.sh
source deploy/local/apps.sh
export NX_DAEMON=false NX_NO_CLOUD=true
LOG_DIR="$ROOT/deploy/local/.data/logs"
mkdir -p "$LOG_DIR"
PGURL="${PGURL:-postgres://postgres@127.0.0.1:5432}"

bash deploy/local/infra.sh up

names=(); for entry in "${ONEWINDOW_APPS[@]}"; do names+=("${entry%%:*}"); done
echo "[start] building ${names[*]}"
npx nx run-many -t build -p "${names[@]}" --output-style=static >"$LOG_DIR/build.log" 2>&1 || {
  tail -40 "$LOG_DIR/build.log"; echo "[start] build failed (full log: $LOG_DIR/build.log)" >&2; exit 1; }

pids=()
stop_all() {
  echo; echo "[start] stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop_all EXIT INT TERM

for entry in "${ONEWINDOW_APPS[@]}"; do
  IFS=: read -r name port database <<<"$entry"
  env_vars=(SERVICE_NAME="$name" PORT="$port" NODE_ENV=development LOG_LEVEL="${LOG_LEVEL:-info}"
    JWKS_URL="http://127.0.0.1:3001/.well-known/jwks.json")
  if [ "$database" != "-" ]; then
    env_vars+=(DATABASE_URL="$PGURL/$database")
    env "${env_vars[@]}" node "dist/apps/$name/migrate.js" >>"$LOG_DIR/$name.log" 2>&1 || {
      tail -5 "$LOG_DIR/$name.log"; echo "[start] migrations of $name failed" >&2; exit 1; }
    # Demo data: an app that ships dist/apps/<app>/seed.js loads it; seeds are idempotent.
    if [ -f "dist/apps/$name/seed.js" ]; then
      env "${env_vars[@]}" node "dist/apps/$name/seed.js" >>"$LOG_DIR/$name.log" 2>&1 || {
        tail -5 "$LOG_DIR/$name.log"; echo "[start] demo data of $name failed" >&2; exit 1; }
    fi
  fi
  # The app's node flags (ADR 0033), as the container's CMD passes them.
  node_flags=()
  if [ -f "dist/apps/$name/node-flags" ]; then read -r -a node_flags <<<"$(grep -v '^#' "dist/apps/$name/node-flags" | tr '\n' ' ')"; fi
  env "${env_vars[@]}" node "${node_flags[@]}" "dist/apps/$name/main.js" >>"$LOG_DIR/$name.log" 2>&1 &
  pids+=($!)
done

for entry in "${ONEWINDOW_APPS[@]}"; do
  IFS=: read -r name port _ <<<"$entry"
  for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 || {
    tail -20 "$LOG_DIR/$name.log"; echo "[start] $name did not become ready" >&2; exit 1; }
done

cat <<MSG

OneWindow is running (logs: deploy/local/.data/logs/<app>.log). Ctrl-C stops the apps; infrastructure keeps running
(npm run infra:down stops Kafka).

  Gateway (the public edge)   http://127.0.0.1:3000
MSG
for entry in "${ONEWINDOW_APPS[@]:1}"; do
  IFS=: read -r name port _ <<<"$entry"
  printf '  %-27s http://127.0.0.1:%s   (/health/ready, /metrics, /openapi.json)\n' "$name" "$port"
done
echo "  Kafka 127.0.0.1:9092 · PostgreSQL 127.0.0.1:5432 · Redis 127.0.0.1:6379"
wait
