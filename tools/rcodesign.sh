#!/usr/bin/env bash
# Prints, as its last line, the path of `rcodesign` (crates.io crate apple-codesign, APPLE_CODESIGN_VERSION in
# tools/versions.env), the Mach-O signer that signs the darwin executables ad hoc on Linux. Built once with
# `cargo install --locked` (the crate's own Cargo.lock; cargo checks each crate against crates.io's checksum) and
# cached in ~/.cache/pulumi-okta-dynamic/rcodesign/<version>-no-notarize/; needs cargo (rustup) for that first build.
# Without the default feature `notarize` (Apple's notary service through the AWS SDK, which ad-hoc signing does not
# use): the cold build took 2 min 54 s on 2 quiet cores instead of 31 min 50 s on busy ones (5.2 CPU-minutes
# against 10.2), and signs the same bytes.
set -euo pipefail
# shellcheck source=versions.env
. "$(dirname "$0")/versions.env"
CACHE="${PULUMI_OKTA_DYNAMIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-okta-dynamic}/rcodesign/$APPLE_CODESIGN_VERSION-no-notarize"
bin="$CACHE/bin/rcodesign"
log() { echo "rcodesign: $*" >&2; }
if [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then echo "$bin"; exit 0; fi
command -v cargo >/dev/null 2>&1 || { log "cargo is needed to build rcodesign once (https://rustup.rs), or put a built one at $bin"; exit 1; }
mkdir -p "$CACHE"
# Two builds at once (a release and a test) build once: the second waits for the first's binary.
exec 9>"$CACHE/.build.lock"
flock 9
if [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then echo "$bin"; exit 0; fi
log "building apple-codesign $APPLE_CODESIGN_VERSION with cargo (once, several minutes; log: $CACHE/build.log)"
target="$(mktemp -d)"
trap 'rm -rf "$target"' EXIT
start=$SECONDS
cargo install --locked --no-default-features --version "$APPLE_CODESIGN_VERSION" apple-codesign --root "$CACHE.tmp" --target-dir "$target" >"$CACHE/build.log" 2>&1 ||
  { log "cargo install failed:"; tail -n 30 "$CACHE/build.log" >&2; exit 1; }
mkdir -p "$CACHE/bin"
mv "$CACHE.tmp/bin/rcodesign" "$bin"
rm -rf "$CACHE.tmp"
log "built in $((SECONDS - start)) s"
echo "$bin"
