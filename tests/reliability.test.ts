// Every injected fault against every operation: the first run succeeds or fails clearly, a rerun
// converges, nothing is duplicated, orphaned or leaked (the table in docs/reliability.md comes from here).
import * as assert from "assert";
import { FAULTS, OPERATIONS, runFaultMatrix, FaultResult } from "../scripts/faultMatrix";

describe("reliability under injected faults", function () {
    this.timeout(600_000);
    let results: FaultResult[] = [];
    before(async () => {
        results = await runFaultMatrix();
    });

    it(`covers ${OPERATIONS.length} operations × ${FAULTS.length} faults`, () => {
        assert.strictEqual(results.length, OPERATIONS.length * FAULTS.length);
    });

    it("converges with no duplicates, orphans or leaked credentials", () => {
        const bad = results.filter((r) => !r.converged || r.duplicates || r.orphans || r.leaks);
        assert.deepStrictEqual(bad, []);
    });

    it("a first run that fails says what failed and carries Okta's request id or the transport reason", () => {
        for (const r of results.filter((x) => x.firstRun !== "ok")) {
            assert.match(r.firstRun, /(X-Okta-Request-Id|ECONNRESET|no answer within|not understood)/, `${r.operation} / ${r.fault}: ${r.firstRun}`);
        }
    });

    it("a lost create is adopted by name rather than repeated (no second POST succeeds)", () => {
        for (const op of ["create request type", "create hook key", "create sudo bundle (ApiObject)"]) {
            const lost = results.find((r) => r.operation === op && r.fault === "lost-response")!;
            assert.strictEqual(lost.firstRun, "ok");
            assert.strictEqual(lost.duplicates, 0);
        }
    });
});
