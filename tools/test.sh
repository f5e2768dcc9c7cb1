#!/usr/bin/env bash
# npm test: starts the infrastructure the tests need, then lint, typecheck and unit tests of every
# project, then the integration suites one at a time (one restarts the local Kafka broker).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_DAEMON=false NX_NO_CLOUD=true
bash deploy/local/infra.sh up
npx nx run-many -t lint typecheck test --output-style=static
npx nx run-many -t integration --parallel=1 --output-style=static
