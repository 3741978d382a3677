#!/usr/bin/env bash
# `npm test`: install what the tests need (pnpm, dependencies, Chromium, PostgreSQL, Redis),
# then lint, build, typecheck, and run the unit, integration and end-to-end tests.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_pnpm
install_dependencies
ensure_chromium
ensure_postgres
ensure_redis
ensure_nginx

log "lint and format (Biome)"
pnpm exec biome ci .
log "build and typecheck"
pnpm turbo run build typecheck
log "student page weight (first-load JavaScript, gzipped, at most 150 kB)"
pnpm web:weight
log "unit and integration tests (SQLite and PostgreSQL)"
pnpm turbo run test --filter='!@backprop/e2e' --concurrency=1
log "end-to-end tests (Chromium)"
pnpm turbo run test --filter=@backprop/e2e
log "all tests passed"
