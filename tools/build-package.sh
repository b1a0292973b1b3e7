#!/usr/bin/env bash
# npm's prepare (run before `npm pack`, by `npm install` in a clone, and by npm for a git-URL dependency after
# it installed its dev dependencies): builds what the package ships, with TypeScript 7, so a tarball or a git
# install never has an empty or stale dist/. From a fresh clone it first installs the dev dependencies the build needs.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/typescript-7/bin/tsc ]; then
  echo "pulumi-okta-dynamic: installing build dependencies..." >&2
  npm ci --no-audit --no-fund --loglevel=error --ignore-scripts >&2
fi
# Only the shipped folders are rebuilt; stale files there (maps, removed modules) must not reach the tarball.
rm -rf dist/sdk dist/provider dist/emulator
node node_modules/typescript-7/bin/tsc -p tsconfig.build.json
# The parts of Okta's specs (third_party/okta-openapi) the emulator validates against, so an installed emulator
# validates as a checkout's does; from the checkout's copies, whatever OKTA_OPENAPI_DIR says.
env -u OKTA_OPENAPI_DIR node dist/tools/packSpecs.js
for f in dist/sdk/index.js dist/provider/index.js dist/emulator/index.js dist/emulator/cli.js dist/sdk/codegen/cli.js \
  dist/emulator/okta-openapi/management-minimal.yaml dist/emulator/okta-openapi/LICENSE; do
  [ -f "$f" ] || { echo "pulumi-okta-dynamic: build did not produce $f" >&2; exit 1; }
done
