#!/usr/bin/env bash
# The whole test suite: unit tests, the emulator over HTTP, and the real Pulumi engine end to end.
# The Pulumi CLI is built once from Go modules and cached outside the repo (scripts/pulumi-cli.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/pulumi-cli.sh >/dev/null
# With no arguments, every test; otherwise the files (or globs) given, e.g. dist/tests/hookKey.test.js.
[ "$#" -gt 0 ] || set -- 'dist/tests/**/*.test.js'
exec npx --no-install mocha "$@"
