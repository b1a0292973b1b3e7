// When to renew a token before it expires: a minute early, so it never lapses mid-request, but never earlier
// than half its lifetime, so a short-lived token (60 s, say) is still reused rather than minted per call.

const EARLY_RENEWAL_MS = 60_000;

export function renewAt(issuedAtMs: number, expiresAtMs: number): number {
    return expiresAtMs - Math.min(EARLY_RENEWAL_MS, Math.max(0, expiresAtMs - issuedAtMs) / 2);
}
