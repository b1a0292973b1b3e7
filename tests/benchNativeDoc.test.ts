// The native door's section of docs/internals/performance.md says what the figures say: each goal met or missed, and the
// step furthest from the no-op plugin by name.
import * as assert from "assert";
import { describeNative } from "../bench/nativeDoc";
import { NATIVE_GOALS, NativeResults } from "../bench/native";

const results = (startup: number, ratios: number[]): NativeResults => ({
    when: "2026-12-06T08:00:00.000Z",
    n: 10,
    repeats: 5,
    startupRepeats: 21,
    startupMs: { native: startup, nativeNoCache: startup + 40, noop: startup - 10, dynamic: 800 },
    bundleBytes: { native: 1_700_000, noop: 1_450_000 },
    steps: (["create", "preview", "refresh", "delete"] as const).map((step, i) => ({ step, nativeSeconds: ratios[i], dynamicSeconds: 2, noopSeconds: 1, ratioToNoop: ratios[i], ratioToDynamic: ratios[i] / 2 })),
    goals: NATIVE_GOALS,
    startupGoalMet: startup <= NATIVE_GOALS.startupMs,
    stepGoalMet: ratios.every((r) => r <= NATIVE_GOALS.ratioToNoop),
    loadAverage: { start: 2, end: 3, cores: 2 },
});

describe("benchmark: the native door's section", () => {
    it("says both goals are met, and names the step furthest from the no-op", () => {
        const doc = describeNative(results(117, [0.95, 1.08, 0.97, 1.01]));
        assert.match(doc, /start-up at most 250 ms median: met;/);
        assert.match(doc, /at most 1.2x the no-op native plugin: met \(the largest, preview: 1.08x\)/);
        assert.match(doc, /\| native plugin, as installed .* \| 117 \|/);
        assert.match(doc, /\| preview \| 1.08 \| 2 \| 1 \| 1.08 \| 0.54 \|/);
        assert.match(doc, /load average of 2 at the start and 3 at the end/);
    });

    it("says which goal is missed", () => {
        const doc = describeNative(results(278, [1.25, 1.1, 1, 1]));
        assert.match(doc, /start-up at most 250 ms median: \*\*missed\*\*/);
        assert.match(doc, /no-op native plugin: \*\*missed\*\* \(the largest, create: 1.25x\)/);
    });
});
