#!/usr/bin/env bash
# The end-to-end tests on the newest combination users start with today: Node $NEWEST_NODE (tools/node.sh),
# @pulumi/pulumi $NEWEST_PULUMI and a CLI of the same version; the package test compiles a user's program with
# TypeScript $NEWEST_TYPESCRIPT. Runs in a copy of the tree so the repo's own node_modules (at $OLDEST_PULUMI) stay
# as they are. Node, the dependencies and the CLI are cached outside the repo and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/versions.env
ROOT="${PULUMI_OKTA_DYNAMIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-okta-dynamic}"
log() { echo "test-newest: $*" >&2; }

node_bin="$(bash tools/node.sh "$NEWEST_NODE" | tail -n 1)"

cli_bin="$(PULUMI_CLI_VERSION="v$NEWEST_PULUMI" bash tools/pulumi-cli.sh | tail -n 1)"

# Dependencies as the lock file has them, with @pulumi/pulumi moved to the newest version; keyed by the lock file.
lock_key="$(sha256sum package-lock.json | cut -c1-12)"
deps="$ROOT/deps/node-$NEWEST_NODE-pulumi-$NEWEST_PULUMI-$lock_key"
if [ ! -f "$deps/.complete" ]; then
  log "installing dependencies with @pulumi/pulumi $NEWEST_PULUMI into $deps"
  rm -rf "$deps" && mkdir -p "$deps"
  cp package.json package-lock.json "$deps/"
  (
    cd "$deps"
    export PATH="$node_bin:$PATH"
    npm ci --no-audit --no-fund --loglevel=error --ignore-scripts >&2
    npm install --no-save --no-audit --no-fund --loglevel=error --ignore-scripts "@pulumi/pulumi@$NEWEST_PULUMI" >&2
  )
  touch "$deps/.complete"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git ls-files -co --exclude-standard -z | while IFS= read -r -d '' f; do
  [ -f "$f" ] && [ ! -L "$f" ] && mkdir -p "$work/$(dirname "$f")" && cp "$f" "$work/$f"
done
# A folder of links, not a link to the folder: the package's link to itself must live in this copy's node_modules.
mkdir "$work/node_modules"
for d in "$deps/node_modules"/* "$deps/node_modules"/.bin; do ln -s "$d" "$work/node_modules/$(basename "$d")"; done
# The release the tests install is this checkout's (tests/support/release.ts builds it here when stale).
export OKTA_DYNAMIC_RELEASE_ROOT="$PWD"
cd "$work"
export PATH="$node_bin:$cli_bin:$PATH"
export PULUMI_CLI_VERSION="v$NEWEST_PULUMI" CONSUMER_TYPESCRIPT="$NEWEST_TYPESCRIPT"
have_node="$(node --version)"; have_pulumi="$(node -p 'require("@pulumi/pulumi/package.json").version')"
log "Node $have_node, @pulumi/pulumi $have_pulumi, $(pulumi version)"
[ "$have_pulumi" = "$NEWEST_PULUMI" ] || { log "expected @pulumi/pulumi $NEWEST_PULUMI, got $have_pulumi"; exit 1; }
node tools/link-self.js
node node_modules/typescript-7/bin/tsc -p tsconfig.json
# With arguments, the test files given (as compiled paths, e.g. dist/tests/engine.e2e.test.js).
[ "$#" -gt 0 ] || set -- 'dist/tests/**/*.e2e.test.js'
exec node node_modules/mocha/bin/mocha.js "$@"
