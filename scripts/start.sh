#!/usr/bin/env bash
# `npm start`: install what is missing, build, and serve the app on http://localhost:3000
# (game server on :3001), on the embedded SQLite database under data/.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_pnpm
install_dependencies
log "building"
pnpm turbo run build --filter=@backprop/web --filter=@backprop/server
log "starting: open http://localhost:3000 (the server applies pending migrations first)"
exec pnpm turbo run start --filter=@backprop/web --filter=@backprop/server
