#!/usr/bin/env bash
# Ensures the YAML language host (pulumi-language-yaml) for plain `pulumi up` on `runtime: yaml` programs, which
# the native door's end-to-end test runs. Prints, as its last line, the folder holding it. Like pulumi-cli.sh:
# on PATH if present, else a cached build, else built once from the Go module github.com/pulumi/pulumi-yaml.
set -euo pipefail
VERSION="${PULUMI_YAML_VERSION:-v1.25.0}"
CACHE="${PULUMI_OKTA_DYNAMIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-okta-dynamic}/pulumi-language-yaml/$VERSION"
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
  log "no pulumi-language-yaml on PATH and no Go toolchain to build one (install Go >= 1.23)"
  exit 1
fi
mkdir -p "$CACHE/bin"
BUILD_LOG="$CACHE/build.log"
: > "$BUILD_LOG"
log "building pulumi-language-yaml $VERSION into $CACHE (minutes, once; log: $BUILD_LOG)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GOFLAGS=-mod=mod
export GOSUMDB="${GOSUMDB:-off}"
(
  cd "$work"
  go mod init local/pulumiyaml
  go get "github.com/pulumi/pulumi-yaml@$VERSION"
  go build -trimpath -o "$CACHE/bin/pulumi-language-yaml.tmp" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
  mv "$CACHE/bin/pulumi-language-yaml.tmp" "$CACHE/bin/pulumi-language-yaml"
) >>"$BUILD_LOG" 2>&1 || { log "building pulumi-language-yaml failed; the last lines of $BUILD_LOG:"; tail -n 40 "$BUILD_LOG" >&2; exit 1; }
echo "$CACHE/bin"
