// Every injected fault against every operation: the first run succeeds or fails clearly, a rerun
// converges, nothing is duplicated, orphaned or leaked (the table in docs/internals/reliability.md comes from here), through
// both doors onto the providers.
import * as assert from "assert";
import { FAULTS, OPERATIONS, runFaultMatrix, FaultResult } from "../harness/faultMatrix";
import { DOORS } from "./support/doors";
import type { FaultKind } from "../emulator";

/**
 * Faults whose cost is the client sleeping (a rate limit's reset, a backoff, the client timeout and the late
 * answer): 55 of the matrix's 72 s on the dynamic door. Their handling is the HTTP client's, below both doors, so
 * the native door runs the other faults only, which still fail and rerun every operation through it and adopt a
 * lost create.
 */
const WAITING: FaultKind[] = ["429", "429-no-headers", "timeout"];

for (const door of DOORS) describe(`reliability under injected faults (${door.name} door)`, function () {
    this.timeout(600_000);
    const faults = door.name === "dynamic" ? FAULTS : FAULTS.filter((f) => !WAITING.includes(f));
    let results: FaultResult[] = [];
    before(async () => {
        results = await runFaultMatrix(undefined, door, faults);
    });

    it(`covers ${OPERATIONS.length} operations × ${faults.length} faults`, () => {
        assert.strictEqual(results.length, OPERATIONS.length * faults.length);
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
