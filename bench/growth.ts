// How `up` time grows with the number of resources, stated from the measured points rather than written in
// prose beforehand (one noisy run bends the curve, the next straightens it). Pure, so it is tested alone.

export interface GrowthPoint {
    n: number;
    seconds: number;
}

export interface GrowthFit {
    /** Least-squares line: seconds ≈ fixedSeconds + msPerResource × n / 1000. */
    fixedSeconds: number;
    msPerResource: number;
    /** The cost of each further resource between consecutive sizes, in ms. */
    marginalMs: { from: number; to: number; ms: number }[];
    /** Largest distance of a point from the line, as a share of the point's time. */
    worstResidual: number;
    shape: "linear" | "superlinear" | "sublinear";
}

/** A marginal cost that rises (or falls) by more than this share between the first and last step is a bend. */
const BEND = 0.25;

export function fitGrowth(points: GrowthPoint[]): GrowthFit {
    if (points.length < 2) throw new Error("fitGrowth needs at least two sizes");
    const k = points.length;
    const mn = points.reduce((a, p) => a + p.n, 0) / k;
    const ms = points.reduce((a, p) => a + p.seconds, 0) / k;
    const sxx = points.reduce((a, p) => a + (p.n - mn) ** 2, 0);
    const sxy = points.reduce((a, p) => a + (p.n - mn) * (p.seconds - ms), 0);
    const slope = sxx === 0 ? 0 : sxy / sxx;
    const fixed = ms - slope * mn;
    const marginalMs = points.slice(1).map((p, i) => ({ from: points[i].n, to: p.n, ms: ((p.seconds - points[i].seconds) / (p.n - points[i].n)) * 1000 }));
    const worstResidual = Math.max(...points.map((p) => Math.abs(p.seconds - (fixed + slope * p.n)) / p.seconds));
    const first = marginalMs[0].ms;
    const last = marginalMs[marginalMs.length - 1].ms;
    let shape: GrowthFit["shape"] = "linear";
    if (marginalMs.length > 1 && first > 0 && last > first * (1 + BEND)) shape = "superlinear";
    else if (marginalMs.length > 1 && first > 0 && last < first * (1 - BEND)) shape = "sublinear";
    return { fixedSeconds: fixed, msPerResource: slope * 1000, marginalMs, worstResidual, shape };
}

/** One sentence a reader can check against the table, e.g. "linear: 2.4 s fixed + 61 ms per resource (...)". */
export function describeGrowth(label: string, f: GrowthFit): string {
    const steps = f.marginalMs.map((m) => `${m.from}→${m.to}: ${m.ms.toFixed(0)} ms`).join(", ");
    const line = `${f.fixedSeconds.toFixed(1)} s + ${f.msPerResource.toFixed(0)} ms per resource (the line is within ${(f.worstResidual * 100).toFixed(0)} % of every point)`;
    const shape =
        f.shape === "linear"
            ? "grows linearly"
            : f.shape === "superlinear"
              ? "grows faster than linearly, each further resource costing more than the last"
              : "grows slower than linearly, each further resource costing less than the last";
    return `${label} ${shape}: ${line}; each further resource ${steps}.`;
}
