#!/usr/bin/env bash
# Prints the path of an actionlint binary (GitHub Actions workflow linter), built once from Go modules and
# cached outside the repo like the Pulumi CLI; one that is on PATH is used as it is.
set -euo pipefail
VERSION="${ACTIONLINT_VERSION:-v1.7.12}"
CACHE="${PULUMI_OKTA_DYNAMIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-okta-dynamic}/actionlint/$VERSION"
if command -v actionlint >/dev/null 2>&1; then command -v actionlint; exit 0; fi
if [ -x "$CACHE/actionlint" ]; then echo "$CACHE/actionlint"; exit 0; fi
command -v go >/dev/null 2>&1 || { echo "actionlint: not on PATH and no Go toolchain to build it" >&2; exit 1; }
mkdir -p "$CACHE"
echo "actionlint: building $VERSION from Go modules (log: $CACHE/build.log)" >&2
if ! GOBIN="$CACHE" GOFLAGS=-mod=mod GOSUMDB="${GOSUMDB:-off}" go install "github.com/rhysd/actionlint/cmd/actionlint@$VERSION" >"$CACHE/build.log" 2>&1; then
  echo "actionlint: the build failed; the last lines of $CACHE/build.log:" >&2
  tail -n 30 "$CACHE/build.log" >&2
  exit 1
fi
echo "$CACHE/actionlint"
