#!/usr/bin/env bash
# Packs the generated Node.js SDK (dist/plugin/nodejs, from tools/gen-sdks.sh) the way Pulumi providers publish
# theirs: compiled with tsc into bin/, package.json beside it, `npm pack` of bin/ into dist/plugin/<name>-<version>.tgz,
# which a TypeScript program installs with `npm install` (docs/native.md). No install scripts run on the user's side.
set -euo pipefail
cd "$(dirname "$0")/.."
sdk=dist/plugin/nodejs
[ -f "$sdk/package.json" ] || { echo "pack-nodejs-sdk: no $sdk/package.json: run tools/gen-sdks.sh nodejs first" >&2; exit 1; }
# The SDK's own dependency, @pulumi/pulumi at the generator's version (the repo's dev dependency is older than the
# SDK's floor), from npm's cache or its registry; typescript and @types/node are the repo's.
pulumi_version="$(sed 's/^v//' dist/plugin/codegen-version)"
log="$(cd "$sdk" && npm install --no-save --no-package-lock --omit=dev --ignore-scripts --no-audit --no-fund \
  --prefer-offline --loglevel=error "@pulumi/pulumi@$pulumi_version" 2>&1)" || { echo "$log" >&2; exit 1; }
rm -rf "$sdk/bin"
node node_modules/typescript/bin/tsc -p "$sdk"
cp "$sdk/package.json" "$sdk/README.md" LICENSE "$sdk/bin/"
rm -f dist/plugin/*-oktadynamic-*.tgz
(cd "$sdk/bin" && npm pack --silent --pack-destination ../..) | tail -n 1 | sed "s|^|dist/plugin/|"
