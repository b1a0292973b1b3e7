#!/usr/bin/env bash
# Prints the path of an actionlint binary (GitHub Actions workflow linter), built once from the committed module
# tools/actionlint (go.mod and go.sum pin it by hash; the checksum database stays on) and cached outside the repo
# like the Pulumi CLI; one that is on PATH is used as it is.
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)/tools/actionlint"
VERSION="$(grep -o "github.com/rhysd/actionlint v[^ ]*" "$module/go.mod" | head -n 1 | cut -d" " -f2)"
pins="$(cat "$module/go.mod" "$module/go.sum" | sha256sum | cut -c1-12)"
CACHE="${PULUMI_OKTA_DYNAMIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-okta-dynamic}/actionlint/$VERSION-$pins"
if command -v actionlint >/dev/null 2>&1; then command -v actionlint; exit 0; fi
if [ -x "$CACHE/actionlint" ]; then echo "$CACHE/actionlint"; exit 0; fi
command -v go >/dev/null 2>&1 || { echo "actionlint: not on PATH and no Go toolchain to build it" >&2; exit 1; }
[ "${GOSUMDB:-}" != off ] || { echo "actionlint: GOSUMDB=off: refusing to build without the checksum database" >&2; exit 1; }
mkdir -p "$CACHE"
echo "actionlint: building $VERSION (log: $CACHE/build.log)" >&2
if ! (cd "$module" && GOFLAGS=-buildvcs=false go build -trimpath -o "$CACHE/actionlint.tmp" github.com/rhysd/actionlint/cmd/actionlint && mv "$CACHE/actionlint.tmp" "$CACHE/actionlint") >"$CACHE/build.log" 2>&1; then
  echo "actionlint: the build failed; the last lines of $CACHE/build.log:" >&2
  tail -n 30 "$CACHE/build.log" >&2
  exit 1
fi
echo "$CACHE/actionlint"
