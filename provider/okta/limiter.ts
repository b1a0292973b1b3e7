// One limiter per org inside the plugin process, shared by every resource: it keeps in-flight requests under
// Okta's concurrency limit and paces each rate-limit bucket from X-Rate-Limit-Remaining/Reset, so a bulk
// `pulumi up` waits for the window instead of learning about it from 429s.
import { BoundError, rateLimitWaitBoundMs } from "./bounds";
import { Deadline } from "./deadline";
import { clockOffsetMs } from "./serverClock";

export interface LimiterOptions {
    /** Okta answers 429 past 75 concurrent requests per org; other clients share it, so stay well under. */
    maxInFlight: number;
}

interface Bucket {
    limit?: number;
    /** Requests we believe are left in the current window, counting those we have sent but not heard back. */
    remaining?: number;
    /** Epoch ms when the window resets. */
    resetAt?: number;
    /**
     * Set while the first request of a bucket whose figures we do not know is out: the others wait for its
     * answer, so a burst (the engine runs 4 x CPUs steps at once) cannot overrun a low limit such as the 15
     * creates per minute seen on request types, or one that other clients have already spent.
     */
    probe?: Promise<void>;
    /** Answers for this bucket carry no rate-limit headers (Privileged Access): there is nothing to pace. */
    unmetered?: boolean;
}

export class OrgLimiter {
    private inFlight = 0;
    private readonly queue: (() => void)[] = [];
    private readonly buckets = new Map<string, Bucket>();

    constructor(private readonly opts: LimiterOptions = { maxInFlight: 16 }, private readonly now = () => Date.now()) {}

    /**
     * Waits for the bucket's window to have room and reserves one request in it, then waits for a concurrency
     * slot. In that order: a request waiting out one endpoint's window (a minute, for a low create limit) must
     * not hold a slot that another endpoint's request could use. A window that resets further ahead than
     * `maxWaitMs` (and than one Okta window, which is always waited out) is refused, not waited for: a reset an
     * hour (or, overflowing Node's timer, decades) ahead would stall every later call in the bucket.
     */
    async acquire(bucketKey: string, sleep: (ms: number) => Promise<void>, bound?: { maxWaitMs: number; deadline?: Deadline }): Promise<() => void> {
        let endProbe: (() => void) | undefined;
        for (;;) {
            const b = this.bucket(bucketKey);
            const t = this.now();
            if (b.resetAt !== undefined && t >= b.resetAt) {
                // The window rolled over; the next response will tell us the new figures.
                b.remaining = b.limit;
                b.resetAt = undefined;
            }
            if (b.remaining === undefined && !b.unmetered) {
                if (b.probe) {
                    await b.probe;
                    continue;
                }
                let resolve!: () => void;
                b.probe = new Promise<void>((r) => (resolve = r));
                endProbe = () => {
                    b.probe = undefined;
                    resolve();
                };
                break;
            }
            if (b.remaining === undefined || b.remaining > 0) {
                if (b.remaining !== undefined) b.remaining--;
                break;
            }
            const resetIn = (b.resetAt ?? t + 1000) - t;
            const longest = bound && rateLimitWaitBoundMs(bound.maxWaitMs);
            if (longest !== undefined && resetIn > longest) {
                throw new BoundError(
                    `the rate limit of ${bucketKey} is spent and resets in ${Math.ceil(resetIn / 1000)} s (X-Rate-Limit-Reset), beyond the longest wait allowed, ${Math.round(longest / 1000)} s; not sent`,
                    "maxWaitMs",
                );
            }
            const wait = Math.max(50, resetIn + 100);
            bound?.deadline?.allow(wait, `the rate limit of ${bucketKey} to reset`);
            await sleep(wait);
        }
        // A waiter is woken with the releaser's slot already counted as its own (see the release below).
        if (this.inFlight >= this.opts.maxInFlight) await new Promise<void>((res) => this.queue.push(res));
        else this.inFlight++;
        let released = false;
        return () => {
            if (released) return;
            released = true;
            // Hand the slot straight to a waiter: freeing it first would let an acquire in this tick take it too.
            const next = this.queue.shift();
            if (next) next();
            else this.inFlight--;
            // The client observes the answer in the same tick, before the waiters run.
            endProbe?.();
        };
    }

    /** Learns the bucket's figures from a response's rate-limit headers. */
    observe(bucketKey: string, limit: number | undefined, remaining: number | undefined, resetEpochSeconds: number | undefined, serverNowMs?: number): void {
        const b = this.bucket(bucketKey);
        if (remaining === undefined || resetEpochSeconds === undefined) {
            // A bucket we have never seen figures for has none to give; one we have is only missing them here.
            if (b.remaining === undefined) b.unmetered = true;
            return;
        }
        b.unmetered = false;
        const resetAt = resetEpochSeconds * 1000 + this.skew(serverNowMs);
        if (limit !== undefined) b.limit = limit;
        // A reset time that differs from ours means another window (a new one, or limits changed under us).
        if (b.resetAt === undefined || Math.abs(resetAt - b.resetAt) > 1500) {
            b.resetAt = resetAt;
            b.remaining = remaining;
        } else {
            // Same window: answers arrive out of order, and our own reservations are not in theirs yet.
            b.remaining = Math.min(b.remaining ?? remaining, remaining);
        }
    }

    /** After a 429 the window is spent whatever we believed. */
    exhausted(bucketKey: string, resetEpochSeconds: number | undefined, serverNowMs?: number): void {
        const b = this.bucket(bucketKey);
        b.unmetered = false;
        b.remaining = 0;
        if (resetEpochSeconds !== undefined) {
            b.resetAt = resetEpochSeconds * 1000 + this.skew(serverNowMs);
        } else if (b.resetAt === undefined) {
            b.resetAt = this.now() + 1000;
        }
    }

    /** Our clock minus Okta's (0 for rounding, or for a Date too far off to be skew). */
    private skew(serverNowMs: number | undefined): number {
        return clockOffsetMs(this.now(), serverNowMs);
    }

    private bucket(key: string): Bucket {
        let b = this.buckets.get(key);
        if (!b) this.buckets.set(key, (b = {}));
        return b;
    }
}

/** Okta's limits are per endpoint: collapse ids so `/request-types/abc` and `/request-types/def` share a bucket. */
export function bucketKeyFor(method: string, path: string): string {
    const p = path
        .split("?")[0]
        .split("/")
        .map((seg) => (/^[0-9a-f]{24}$/i.test(seg) || /^[0-9a-zA-Z]{20}$/.test(seg) || /^[0-9a-f-]{36}$/i.test(seg) ? "{id}" : seg))
        .join("/");
    return `${method.toUpperCase()} ${p}`;
}
