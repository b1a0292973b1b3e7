// Every wait, page count, body size and operation has a bound, so a hostile or broken server can stall or
// exhaust nothing: the defaults are far beyond anything real Okta does, and each is configurable (tests set
// them low). Reaching one is an error that names the bound and the setting that moves it.
import { RATE_LIMIT_MARGIN_MS } from "./retry";
import { ROUNDING_MS } from "./serverClock";

export interface Bounds {
    /**
     * The longest single wait, for a rate-limit reset or a backoff. A reset further ahead is refused instead of
     * waited for; one window's wait (ONE_WINDOW_MS) is always allowed, whatever this says.
     */
    maxWaitMs: number;
    /** Pages one listing follows (Okta's lists hold at most 200 items a page). */
    maxPages: number;
    /** Bytes of one answer's body (Okta caps a request type's payload at 100,000 characters). */
    maxBodyBytes: number;
    /** One operation (a call with its retries and waits, or a whole listing) fails after this long. */
    deadlineMs: number;
}

export const DEFAULT_BOUNDS: Bounds = {
    // terraform-provider-okta's max_wait_seconds default: five of Okta's windows, far below the hours a hostile
    // reset asks for and the operation's deadline.
    maxWaitMs: 300_000,
    maxPages: 10_000,
    maxBodyBytes: 32 * 1024 * 1024,
    deadlineMs: 15 * 60_000,
};

/** Okta's rate-limit windows are one minute. */
export const OKTA_WINDOW_MS = 60_000;

/**
 * How far ahead the reset of one Okta window can be, seen from here: the minute, X-Rate-Limit-Reset's rounding up
 * to a whole second, and the clock skew under Date's rounding that serverClock leaves uncorrected (63 s in all).
 * Waiting that long is Okta's ordinary pace, not a server stalling us.
 */
export const ONE_WINDOW_MS = OKTA_WINDOW_MS + RATE_LIMIT_MARGIN_MS + ROUNDING_MS;

/** The longest wait for a rate limit to reset: the bound, but never less than one window. */
export function rateLimitWaitBoundMs(maxWaitMs: number): number {
    return Math.max(maxWaitMs, ONE_WINDOW_MS);
}

/** The environment variable that moves each bound (named in the errors). */
export const BOUND_SETTINGS: Record<keyof Bounds, string> = {
    maxWaitMs: "OKTA_DYNAMIC_MAX_WAIT_MS",
    maxPages: "OKTA_DYNAMIC_MAX_PAGES",
    maxBodyBytes: "OKTA_DYNAMIC_MAX_BODY_BYTES",
    deadlineMs: "OKTA_DYNAMIC_DEADLINE_MS",
};

/** Bounds from the environment, over the defaults; a value that is not a positive integer is ignored. */
export function boundsFromEnv(env: NodeJS.ProcessEnv = process.env): Bounds {
    const out = { ...DEFAULT_BOUNDS };
    for (const key of Object.keys(BOUND_SETTINGS) as (keyof Bounds)[]) {
        const n = Number(env[BOUND_SETTINGS[key]]);
        if (Number.isInteger(n) && n > 0) out[key] = n;
    }
    return out;
}

/** A bound was reached. Not worth repeating: the same server would reach it again. */
export class BoundError extends Error {
    constructor(message: string, readonly bound: keyof Bounds) {
        super(`${message} (the bound is set by ${BOUND_SETTINGS[bound]})`);
        this.name = "BoundError";
    }
}
