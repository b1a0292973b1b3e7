#!/usr/bin/env bash
# Generates the native plugin's SDKs (python, go, nodejs by default) from native/schema.json: Python and Node.js into
# dist/plugin/<language>/ (beside the plugin tarball, as `npm run plugin` promises; the Node.js one also compiled and
# packed to a tarball by tools/pack-nodejs-sdk.sh), and Go into the committed module native/sdk (its go.mod, go.sum
# and the package go/oktadynamic; `bash tools/gen-sdks.sh go` regenerates it, GO_SDK_OUT=<dir> writes it elsewhere:
# tests/goSdkCommitted.test.ts compares the two),
# with tools/gen-sdks/main.go built once against Pulumi's codegen (Go module github.com/pulumi/pulumi/pkg/v3, pinned
# with every dependency by the committed go.mod and go.sum beside it; the checksum database stays on) and cached in
# ~/.cache/pulumi-okta-dynamic/gen-sdks/<version>-<digest of main.go, go.mod and go.sum>.
set -euo pipefail
cd "$(dirname "$0")/.."
PKG_VERSION="$(grep -o "github.com/pulumi/pulumi/pkg/v3 v[^ ]*" tools/gen-sdks/go.mod | head -n 1 | cut -d" " -f2)"
digest="$(cat tools/gen-sdks/main.go tools/gen-sdks/go.mod tools/gen-sdks/go.sum | sha256sum | cut -c1-12)"
[ "${GOSUMDB:-}" != off ] || { echo "gen-sdks: GOSUMDB=off: refusing to build without the checksum database" >&2; exit 1; }
CACHE="${PULUMI_OKTA_DYNAMIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-okta-dynamic}/gen-sdks/$PKG_VERSION-$digest"
bin="$CACHE/gen-sdks"
if [ ! -x "$bin" ]; then
  command -v go >/dev/null 2>&1 || { echo "gen-sdks: Go is needed to build the SDK generator once" >&2; exit 1; }
  mkdir -p "$CACHE"
  echo "gen-sdks: building the generator against pulumi/pkg $PKG_VERSION (once; log: $CACHE/build.log)" >&2
  (
    cd tools/gen-sdks
    GOFLAGS=-buildvcs=false go build -trimpath -o "$bin.tmp" .
    mv "$bin.tmp" "$bin"
  ) >"$CACHE/build.log" 2>&1 || { echo "gen-sdks: building the generator failed:" >&2; tail -n 30 "$CACHE/build.log" >&2; exit 1; }
fi
# `gen-sdks.sh import-code <schema.json> <stack export.json> <urn>...`: the TypeScript `pulumi import` writes (main.go).
[ "${1:-}" != import-code ] || exec "$bin" "$@"
out="dist/plugin"
langs="${*:-python go nodejs}"
others="$(printf '%s\n' $langs | grep -vx go | tr '\n' ' ' || true)"
for lang in $others; do rm -rf "${out:?}/$lang"; done
mkdir -p "$out"
# shellcheck disable=SC2086 # one word per language
[ -z "${others// }" ] || "$bin" native/schema.json "$out" $others
# The Python SDK asks the engine for the plugin version of its installed distribution: give it the schema's.
version="$(node -p 'require("./native/schema.json").version')"
[ ! -f "$out/python/setup.py" ] || sed -i "s/^VERSION = \"0.0.0\"/VERSION = \"$version\"/" "$out/python/setup.py"
# The generated code calls the Pulumi SDKs of the generator's version (the Go SDK needs at least it).
echo "$PKG_VERSION" > "$out/codegen-version"
# The Go SDK, committed at its module path (github.com/<owner>/<repo>/native/sdk, from package.json's repository): go.mod
# asks for Pulumi's Go SDK of the generator's version, whose code it calls (`ctx.ExistsResource` is not in 3.248's);
# go.sum comes from the module proxy checked against the checksum database, as `go get` of the SDK would check it.
case " $langs " in *" go "*)
  sdk="${GO_SDK_OUT:-native/sdk}"
  module="$(node -p 'require("./dist/tools/repositoryHome").repositoryHome().goModule' 2>/dev/null)" \
    || { echo "gen-sdks: dist/tools/repositoryHome.js is missing: run npm run build first" >&2; exit 1; }
  rm -rf "${sdk:?}/go" "$sdk/go.mod" "$sdk/go.sum"
  mkdir -p "$sdk"
  "$bin" native/schema.json "$sdk" go
  (
    cd "$sdk"
    printf 'module %s\n\ngo 1.23\n' "$module" > go.mod
    export GOFLAGS=-mod=mod
    go get "github.com/pulumi/pulumi/sdk/v3@$PKG_VERSION" >/dev/null 2>&1 && go mod tidy >/dev/null 2>&1
  ) || { echo "gen-sdks: the Go SDK's go.mod could not be completed (go get github.com/pulumi/pulumi/sdk/v3@$PKG_VERSION in $sdk)" >&2; exit 1; }
  ;;
esac
# The Node.js SDK as TypeScript programs install it: compiled and packed (dist/plugin/<name>-<version>.tgz).
case " $langs " in *" nodejs "*) bash tools/pack-nodejs-sdk.sh ;; esac
