#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than the lock file, then builds and links the
# package to itself (the engine's plugin resolves `pulumi-okta-dynamic/provider` from node_modules).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules/@pulumi/pulumi ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "installing npm dependencies..." >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
node scripts/link-self.js
npx --no-install tsc -p tsconfig.json
