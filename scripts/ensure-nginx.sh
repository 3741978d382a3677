#!/usr/bin/env bash
# Installs nginx where it is missing (pnpm bench:cluster runs its own instance of it).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_nginx
