#!/usr/bin/env bash
# Ensures the YAML language host (pulumi-language-yaml) for plain `pulumi up` on `runtime: yaml` programs, which
# the native door's end-to-end test runs. Prints, as its last line, the folder holding it. Like pulumi-cli.sh:
# on PATH if present, else a cached build, else built once from the committed module tools/pulumi-yaml (go.mod and
# go.sum pin pulumi-yaml and every dependency by hash; the checksum database stays on).
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)/tools/pulumi-yaml"
VERSION="$(grep -o "github.com/pulumi/pulumi-yaml v[^ ]*" "$module/go.mod" | head -n 1 | cut -d" " -f2)"
pins="$(cat "$module/go.mod" "$module/go.sum" | sha256sum | cut -c1-12)"
CACHE="${PULUMI_OKTA_DYNAMIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-okta-dynamic}/pulumi-language-yaml/$VERSION-$pins"
log() { echo "pulumi-yaml: $*" >&2; }

if command -v pulumi-language-yaml >/dev/null 2>&1; then
  log "using $(command -v pulumi-language-yaml) from PATH"
  dirname "$(command -v pulumi-language-yaml)"
  exit 0
fi
if [ -x "$CACHE/bin/pulumi-language-yaml" ]; then
  echo "$CACHE/bin"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  log "no pulumi-language-yaml on PATH and no Go toolchain to build one (install Go >= 1.24)"
  exit 1
fi
[ "${GOSUMDB:-}" != off ] || { log "GOSUMDB=off: refusing to build without the checksum database"; exit 1; }
mkdir -p "$CACHE/bin"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE/.build.lock"
  flock 9
  if [ -x "$CACHE/bin/pulumi-language-yaml" ]; then echo "$CACHE/bin"; exit 0; fi
fi
BUILD_LOG="$CACHE/build.log"
log "building pulumi-language-yaml $VERSION into $CACHE (minutes, once; log: $BUILD_LOG)"
(
  cd "$module"
  export GOFLAGS=-buildvcs=false
  go build -trimpath -o "$CACHE/bin/pulumi-language-yaml.tmp" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
  mv "$CACHE/bin/pulumi-language-yaml.tmp" "$CACHE/bin/pulumi-language-yaml"
) >"$BUILD_LOG" 2>&1 || { log "building pulumi-language-yaml failed; the last lines of $BUILD_LOG:"; tail -n 40 "$BUILD_LOG" >&2; exit 1; }
echo "$CACHE/bin"
