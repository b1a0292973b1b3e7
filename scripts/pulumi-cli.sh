#!/usr/bin/env bash
# Ensures a working Pulumi CLI for engine runs and prints, as its last line, the folder holding `pulumi`.
# Order: a recent-enough `pulumi` on PATH; else a cached build; else build from Go modules (offline-friendly:
# only the Go module proxy is needed) and cache it by version outside the repo.
set -euo pipefail
# shellcheck source=versions.env
. "$(dirname "$0")/versions.env"
VERSION="${PULUMI_CLI_VERSION:-v$OLDEST_PULUMI}"
# The Node language host has no tags; a pseudo-version of the same release commit.
LANGHOST_VERSION="${PULUMI_LANGHOST_VERSION:-}"
CACHE="${PULUMI_OKTA_DYNAMIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-okta-dynamic}/pulumi-cli/$VERSION"
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
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GOFLAGS=-mod=mod
# The checksum database is not reachable through every module proxy mirror; go.sum still pins what we fetched.
export GOSUMDB="${GOSUMDB:-off}"
export GOPATH="${GOPATH:-$(go env GOPATH)}"
(
  cd "$work"
  go mod init local/pulumicli
  go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
  go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$VERSION" "github.com/pulumi/pulumi/sdk/v3@$VERSION"
  go build -trimpath -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$VERSION" \
    -o "$CACHE/bin/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  mv "$CACHE/bin/pulumi.tmp" "$CACHE/bin/pulumi"
) >>"$BUILD_LOG" 2>&1 || failed "building the Pulumi CLI failed (install Pulumi >= $want and put it on PATH instead)"

# The Node language host lets plain `pulumi up` run Pulumi.yaml programs. Optional: Automation API inline
# programs do not need it, so a failure here is reported, not fatal.
if [ ! -x "$CACHE/bin/pulumi-language-nodejs" ]; then
  lh="$(mktemp -d)"
  (
    cd "$lh"
    go mod init local/langhost
    mod=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
    if [ -n "$LANGHOST_VERSION" ]; then go get "$mod@$LANGHOST_VERSION"; else
      # No tags exist for this module: take the newest pseudo-version whose sdk requirement matches ours.
      go get "$mod@latest"
    fi
    go get "github.com/pulumi/pulumi/sdk/v3@$VERSION" || true
    go build -trimpath -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$VERSION" \
      -o "$CACHE/bin/pulumi-language-nodejs" "$mod"
  ) >>"$BUILD_LOG" 2>&1 || log "no pulumi-language-nodejs (only 'pulumi up' on Pulumi.yaml programs needs it; Automation API programs do not)"
  rm -rf "$lh"
fi
log "built $("$CACHE/bin/pulumi" version)"
echo "$CACHE/bin"
