// The benchmark states the growth curve from its own figures: these check the statement follows the numbers.
import * as assert from "assert";
import { describeGrowth, fitGrowth } from "../bench/growth";

describe("benchmark growth curve", () => {
    it("calls evenly spaced costs linear and recovers the fixed and per-resource parts", () => {
        const f = fitGrowth([10, 50, 200].map((n) => ({ n, seconds: 2.5 + 0.06 * n })));
        assert.strictEqual(f.shape, "linear");
        assert.ok(Math.abs(f.fixedSeconds - 2.5) < 1e-9, String(f.fixedSeconds));
        assert.ok(Math.abs(f.msPerResource - 60) < 1e-9, String(f.msPerResource));
        assert.ok(f.worstResidual < 1e-9);
        assert.match(describeGrowth("ours", f), /^ours grows linearly: 2\.5 s \+ 60 ms per resource .*10→50: 60 ms, 50→200: 60 ms\.$/);
    });

    it("calls a rising marginal cost superlinear, and a falling one sublinear", () => {
        const quad = fitGrowth([10, 50, 200].map((n) => ({ n, seconds: 2 + 0.02 * n + 0.0002 * n * n })));
        assert.strictEqual(quad.shape, "superlinear");
        assert.ok(quad.marginalMs[1].ms > quad.marginalMs[0].ms * 1.25);
        assert.match(describeGrowth("no-op", quad), /faster than linearly/);
        const sqrt = fitGrowth([10, 50, 200].map((n) => ({ n, seconds: Math.sqrt(n) })));
        assert.strictEqual(sqrt.shape, "sublinear");
    });

    it("refuses a single point", () => {
        assert.throws(() => fitGrowth([{ n: 10, seconds: 1 }]), /at least two sizes/);
    });
});
