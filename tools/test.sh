#!/usr/bin/env bash
# The whole test suite: unit tests, the emulator over HTTP, and the real Pulumi engine end to end, on the oldest
# supported combination; then the end-to-end tests again on the newest one (tools/test-newest.sh; skipped with
# OKTA_DYNAMIC_TEST_MATRIX=oldest). Node versions and the Pulumi CLIs are fetched or built once and cached outside
# the repo. Both legs' counts are added up in TEST_RESULTS_FILE, from which .ci/run prints its closing line.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/versions.env
bash tools/ensure-deps.sh
oldest_node="$(bash tools/node.sh "$OLDEST_NODE" | tail -n 1)"
cli_bin="$(PULUMI_CLI_VERSION="v$OLDEST_PULUMI" bash tools/pulumi-cli.sh | tail -n 1)"
export PATH="$oldest_node:$cli_bin:$PATH"
# With arguments, the files (or globs) given, e.g. dist/tests/hookKey.test.js, on the oldest combination only.
[ "$#" -eq 0 ] || exec node node_modules/mocha/bin/mocha.js "$@"

results="${TEST_RESULTS_FILE:-$PWD/test-results.json}"
legs="$(mktemp -d)"
trap 'rm -rf "$legs"' EXIT
set +e
echo "== the whole suite: Node $(node --version), @pulumi/pulumi $(node -p 'require("@pulumi/pulumi/package.json").version'), $(pulumi version) =="
TEST_RESULTS_FILE="$legs/1-oldest.json" node node_modules/mocha/bin/mocha.js 'dist/tests/**/*.test.js'
code=$?
[ -s "$legs/1-oldest.json" ] || echo '{"passed":0,"failed":1,"skipped":0}' > "$legs/1-oldest.json"
case "${OKTA_DYNAMIC_TEST_MATRIX:-all}" in
  oldest|pinned) ;;
  *)
    echo "== the end-to-end tests on the newest combination =="
    TEST_RESULTS_FILE="$legs/2-newest.json" bash tools/test-newest.sh
    newest=$?
    [ "$newest" -eq 0 ] || code=$newest
    # A leg that could not even start (no Node, no CLI) counts as one failure, not as nothing.
    [ -s "$legs/2-newest.json" ] || echo '{"passed":0,"failed":1,"skipped":0}' > "$legs/2-newest.json"
    ;;
esac
node -e '
const fs = require("fs");
const [out, ...files] = process.argv.slice(1);
const sum = { passed: 0, failed: 0, skipped: 0 };
for (const f of files) {
  const r = JSON.parse(fs.readFileSync(f, "utf8"));
  console.log(`${f.replace(/.*\/\d-/, "").replace(".json", "")}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  for (const k of Object.keys(sum)) sum[k] += r[k] ?? 0;
}
fs.writeFileSync(out, JSON.stringify(sum) + "\n");
' "$results" "$legs"/*.json
exit "$code"
