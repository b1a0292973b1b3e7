#!/usr/bin/env bash
# The whole test suite: unit tests, the emulator over HTTP, and the real Pulumi engine end to end, on the pinned
# combination; then the end-to-end tests again on the newest one (scripts/test-newest.sh; skipped with
# OKTA_DYNAMIC_TEST_MATRIX=pinned). The Pulumi CLIs are built once from Go modules and cached outside the repo.
# Both legs' counts are added up in TEST_RESULTS_FILE, from which .ci/run prints its closing line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/pulumi-cli.sh >/dev/null
# With arguments, the files (or globs) given, e.g. dist/tests/hookKey.test.js, on the pinned combination only.
[ "$#" -eq 0 ] || exec npx --no-install mocha "$@"

results="${TEST_RESULTS_FILE:-$PWD/test-results.json}"
legs="$(mktemp -d)"
trap 'rm -rf "$legs"' EXIT
set +e
echo "== the whole suite: Node $(node --version), @pulumi/pulumi $(node -p 'require("@pulumi/pulumi/package.json").version') =="
TEST_RESULTS_FILE="$legs/pinned.json" npx --no-install mocha 'dist/tests/**/*.test.js'
code=$?
if [ "${OKTA_DYNAMIC_TEST_MATRIX:-all}" != pinned ]; then
  echo "== the end-to-end tests on the newest combination =="
  TEST_RESULTS_FILE="$legs/newest.json" bash scripts/test-newest.sh
  newest=$?
  [ "$newest" -eq 0 ] || code=$newest
  # A leg that could not even start (no Node, no CLI) counts as one failure, not as nothing.
  [ -s "$legs/newest.json" ] || echo '{"passed":0,"failed":1,"skipped":0}' > "$legs/newest.json"
fi
[ -s "$legs/pinned.json" ] || echo '{"passed":0,"failed":1,"skipped":0}' > "$legs/pinned.json"
node -e '
const fs = require("fs");
const [out, ...files] = process.argv.slice(1);
const sum = { passed: 0, failed: 0, skipped: 0 };
for (const f of files) {
  const r = JSON.parse(fs.readFileSync(f, "utf8"));
  console.log(`${f.replace(/.*\//, "").replace(".json", "")}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  for (const k of Object.keys(sum)) sum[k] += r[k] ?? 0;
}
fs.writeFileSync(out, JSON.stringify(sum) + "\n");
' "$results" "$legs"/*.json
exit "$code"
