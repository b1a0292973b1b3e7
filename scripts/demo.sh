#!/usr/bin/env bash
# The main job: start the Okta emulator and walk examples/quickstart through the real Pulumi engine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/pulumi-cli.sh >/dev/null
exec node dist/examples/quickstart/demo.js "$@"
