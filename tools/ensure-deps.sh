#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than the lock file, then builds (TypeScript 7) and
# links the package to itself (the engine's plugin resolves `pulumi-okta-dynamic/provider` from node_modules).
set -euo pipefail
cd "$(dirname "$0")/.."
# @pulumi/pulumi 3.249 and later need Node 22 (the npm scripts run this under tools/with-node.sh): say so plainly
# instead of failing later inside the engine.
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 22 ]; then
  echo "pulumi-okta-dynamic: Node $(node --version) is too old: Node 22 or later is needed (run it through npm: npm test, npm run demo)." >&2
  exit 1
fi
if [ ! -d node_modules/@pulumi/pulumi ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "installing npm dependencies..." >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
node tools/link-self.js
node node_modules/typescript-7/bin/tsc -p tsconfig.json
