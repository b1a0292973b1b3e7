#!/usr/bin/env bash
# The main job: start the Okta emulator and walk examples/quickstart through the real Pulumi engine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/ensure-deps.sh
# The demo finds (or builds) the Pulumi CLI itself, before it starts, and says which once (harness/engine.ts).
exec node dist/examples/quickstart/demo.js "$@"
