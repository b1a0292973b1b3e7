// When and how long to wait before trying a call again. Pure: the client feeds it status codes, headers and
// the attempt number, and it answers with a delay or "do not retry".
import { clockOffsetMs } from "./serverClock";

export interface RetryPolicy {
    /** Retries after the first attempt. */
    maxRetries: number;
    /** No single wait is longer than this. */
    maxDelayMs: number;
    /** First backoff step for 5xx and transport failures (doubles each attempt). */
    baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, maxDelayMs: 60_000, baseDelayMs: 500 };

export type HeaderGetter = (name: string) => string | null | undefined;

/**
 * Okta's SDKs wait `X-Rate-Limit-Reset - Date + 1 s` after a 429. Privileged Access says when instead with
 * `X-RateLimit-Retry-At`. Without either, back off exponentially. Reset is a hint (other clients share the
 * bucket), so the cap still applies. `askedMs` is what the server asked for (undefined when it said nothing):
 * the client refuses to wait when that is beyond its bound, rather than retry early into the same 429.
 */
export function rateLimitWait(get: HeaderGetter, attempt: number, policy: RetryPolicy, nowMs = Date.now()): { delayMs: number; askedMs?: number } {
    const serverNow = nowMs - clockOffsetMs(nowMs, parseDate(get("date")));
    const resetAt = epochSeconds(get("x-rate-limit-reset")) ?? epochSeconds(get("x-ratelimit-retry-at"));
    if (resetAt === undefined) return { delayMs: Math.min(backoffMs(attempt, policy), policy.maxDelayMs) };
    const askedMs = Math.max(0, resetAt * 1000 - serverNow);
    return { delayMs: Math.min(askedMs + RATE_LIMIT_MARGIN_MS, policy.maxDelayMs), askedMs };
}

/** Added to the wait a server asks for, as Okta's SDKs do: its reset is a whole second, rounded. */
export const RATE_LIMIT_MARGIN_MS = 1000;

export function rateLimitDelayMs(get: HeaderGetter, attempt: number, policy: RetryPolicy, nowMs = Date.now()): number {
    return rateLimitWait(get, attempt, policy, nowMs).delayMs;
}

/** Exponential backoff with full jitter on the upper half, so parallel resources do not retry in lockstep. */
export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Server faults worth another try when the call is idempotent. */
export function isRetryableStatus(status: number): boolean {
    return status === 500 || status === 502 || status === 503 || status === 504;
}

function epochSeconds(v: string | null | undefined): number | undefined {
    if (!v) return undefined;
    const n = Number(v);
    return Number.isFinite(n) && n > 0 ? n : undefined;
}

function parseDate(v: string | null | undefined): number | undefined {
    if (!v) return undefined;
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
}
