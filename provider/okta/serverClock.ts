// How far our clock is from the server's, from its Date header. Pure.

/** Date has whole seconds: a difference under this is its rounding, and correcting for it would add up to a second to every wait. */
export const ROUNDING_MS = 2000;
/** Beyond this the Date header is broken (or hostile), not skewed: a clock of 1970 would put every reset decades away. */
export const MAX_SKEW_MS = 60 * 60_000;

/** Our clock minus the server's, or 0 when the difference is rounding or too large to be a clock's skew. */
export function clockOffsetMs(localNowMs: number, serverDateMs: number | undefined): number {
    if (serverDateMs === undefined) return 0;
    const d = localNowMs - serverDateMs;
    return Math.abs(d) < ROUNDING_MS || Math.abs(d) > MAX_SKEW_MS ? 0 : d;
}
