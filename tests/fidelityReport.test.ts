// docs/internals/fidelity.md is what a fresh run of the three judges writes: a change that moves a figure or a result
// without `npm run fidelity` leaves the note stale, and this fails.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { collectFidelityRun } from "../reports/fidelity/collect";
import { figures, renderReport } from "../reports/fidelity/report";

describe("docs/internals/fidelity.md", () => {
    it("is what a fresh run writes, with no failing operation, unexplained mismatch or failing SDK call", async function () {
        this.timeout(120_000);
        const run = await collectFidelityRun();
        const f = figures(run);
        assert.deepStrictEqual([f.libraryFailures, f.unexplained, f.sdkFailures], [0, 0, 0]);
        const doc = fs.readFileSync(path.resolve(__dirname, "..", "..", "docs", "internals", "fidelity.md"), "utf8");
        assert.strictEqual(doc, renderReport(run), "docs/internals/fidelity.md is stale: run `npm run fidelity`");
    });
});
