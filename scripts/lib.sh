# Shared by scripts/start.sh and scripts/test.sh: install what is missing, nothing more.
# shellcheck shell=bash

PNPM_VERSION=12.4.2
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { printf '\n==> %s\n' "$*"; }

# pnpm, pinned. Corepack fails its signature check on the project's machines, so npm installs it.
ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version)" = "$PNPM_VERSION" ]; then return; fi
  log "installing pnpm $PNPM_VERSION"
  if ! npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1; then
    # No write access to the global prefix: install for this user instead.
    npm install -g --prefix "$HOME/.local" "pnpm@$PNPM_VERSION" >/dev/null
    export PATH="$HOME/.local/bin:$PATH"
  fi
}

# Dependencies, exactly as locked. better-sqlite3 compiles from source; node-gyp needs Node's
# headers, which Debian's nodejs keeps under /usr (elsewhere node-gyp finds them itself).
install_dependencies() {
  if [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi
  log "installing dependencies"
  (cd "$ROOT" && CI=true pnpm install --frozen-lockfile)
}

APT_UPDATED=
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
    echo "missing: $* — install it (Debian: apt-get install $*) and run again" >&2
    exit 1
  fi
  if [ -z "$APT_UPDATED" ]; then apt-get update -qq; APT_UPDATED=1; fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() {
  for _ in $(seq 1 60); do tcp_open "$1" && return 0; sleep 0.5; done
  echo "nothing answers on 127.0.0.1:$1" >&2
  return 1
}

ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return; fi
  if [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi
  export CHROMIUM_PATH=/usr/bin/chromium
}

# PostgreSQL on 127.0.0.1:5432: used where it runs, installed and started where it does not.
ensure_postgres() {
  export TEST_POSTGRES_URL=${TEST_POSTGRES_URL:-postgresql://postgres:postgres@127.0.0.1:5432/postgres}
  if tcp_open 5432; then return; fi
  local installed_now=
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then apt_install postgresql; installed_now=1; fi
  log "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  wait_for_port 5432
  if [ -n "$installed_now" ]; then
    # A fresh Debian cluster asks for a password over TCP; give postgres the one in our URL.
    su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
  fi
}

# Redis on 127.0.0.1:6379, keeping nothing on disk.
ensure_redis() {
  if tcp_open 6379; then return; fi
  if ! command -v redis-server >/dev/null 2>&1; then apt_install redis-server; fi
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  wait_for_port 6379
}

# nginx from Debian's packages (the load balancer of the several-servers tests and bench); not
# started here: each run starts its own instance with its own configuration.
ensure_nginx() {
  if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then return; fi
  apt_install nginx
}
