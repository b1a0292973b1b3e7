#!/usr/bin/env bash
# Ensures a working Pulumi CLI for engine runs and prints, as its last line, the folder holding `pulumi`.
# Order: a recent-enough `pulumi` on PATH; else a cached build; else build from Go modules (offline-friendly:
# only the Go module proxy is needed) and cache it by version outside the repo.
set -euo pipefail
# shellcheck source=versions.env
. "$(dirname "$0")/versions.env"
VERSION="${PULUMI_CLI_VERSION:-v$OLDEST_PULUMI}"
# Built from the committed module tools/pulumi-cli/<version> (go.mod and go.sum: every dependency pinned by hash,
# the checksum database left on), so every machine builds the same CLI from the same sources; the cache is keyed by
# the pins. Another version (PULUMI_CLI_VERSION) is resolved afresh, still with the checksum database on.
pinned="$(cd "$(dirname "$0")/.." && pwd)/tools/pulumi-cli/$VERSION"
pins=unpinned
[ ! -f "$pinned/go.sum" ] || pins="$(cat "$pinned/go.mod" "$pinned/go.sum" | sha256sum | cut -c1-12)"
CACHE="${PULUMI_OKTA_DYNAMIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-okta-dynamic}/pulumi-cli/$VERSION-$pins"
log() { echo "pulumi-cli: $*" >&2; }

want="${VERSION#v}"
if command -v pulumi >/dev/null 2>&1; then
  have="$(pulumi version 2>/dev/null | sed 's/^v//')"
  if [ -n "$have" ] && [ "$(printf '%s\n%s\n' "$want" "$have" | sort -V | head -1)" = "$want" ]; then
    log "using pulumi $have from PATH"
    dirname "$(command -v pulumi)"
    exit 0
  fi
fi

if [ -x "$CACHE/bin/pulumi" ] && "$CACHE/bin/pulumi" version >/dev/null 2>&1; then
  log "using cached $CACHE/bin/pulumi"
  echo "$CACHE/bin"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  log "no pulumi >= $want on PATH and no Go toolchain to build one."
  log "Install Pulumi (https://www.pulumi.com/docs/install/) or Go >= 1.23, then run this again."
  exit 1
fi

mkdir -p "$CACHE/bin"
# Two runs at once (two test suites, a suite and the benchmark) build once: the second waits for the first's CLI.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE/.build.lock"
  flock 9
  if [ -x "$CACHE/bin/pulumi" ] && "$CACHE/bin/pulumi" version >/dev/null 2>&1; then
    log "using $CACHE/bin/pulumi, built meanwhile by another run"
    echo "$CACHE/bin"
    exit 0
  fi
fi
BUILD_LOG="$CACHE/build.log"
: > "$BUILD_LOG"
log "building pulumi $VERSION from Go modules into $CACHE (several minutes, once; log: $BUILD_LOG)"
# Hundreds of `go: downloading` lines say nothing to a user: they go to the log, whose end is shown if the build fails.
failed() {
  log "$1; the last lines of $BUILD_LOG:"
  tail -n 40 "$BUILD_LOG" >&2
  exit 1
}
unset GOFLAGS
export GOFLAGS=-buildvcs=false
export GOPATH="${GOPATH:-$(go env GOPATH)}"
[ "${GOSUMDB:-}" != off ] || { log "GOSUMDB=off: refusing to build without the checksum database"; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(
  if [ -f "$pinned/go.sum" ]; then
    cd "$pinned"
  else
    log "no pinned module tools/pulumi-cli/$VERSION: resolving $VERSION with the checksum database"
    cd "$work"
    go mod init local/pulumicli
    go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
    go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$VERSION" "github.com/pulumi/pulumi/sdk/v3@$VERSION"
  fi
  go build -trimpath -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$VERSION" \
    -o "$CACHE/bin/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  mv "$CACHE/bin/pulumi.tmp" "$CACHE/bin/pulumi"
) >>"$BUILD_LOG" 2>&1 || failed "building the Pulumi CLI failed (install Pulumi >= $want and put it on PATH instead)"

log "built $("$CACHE/bin/pulumi" version)"
echo "$CACHE/bin"
