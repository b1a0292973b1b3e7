// What the request log keeps of a body or query: secrets replaced, so a CI job that prints the log when a test
// fails (a PAM key secret, a client assertion, a password) prints no credential. Pure.

/** Field names that carry a credential in Okta's APIs and the OAuth and Privileged Access token requests. */
const SECRET_NAME = /secret|password|passwd|assertion|token|private|credential|^key$|^k$|^d$|^p$|^q$|^dp$|^dq$|^qi$/i;

export const REDACTED = "[redacted]";

export function redactSecrets(v: unknown, depth = 0): unknown {
    if (depth > 32) return REDACTED; // a body nested this deep is not worth keeping, and recursion is bounded
    if (Array.isArray(v)) return v.map((x) => redactSecrets(x, depth + 1));
    if (v !== null && typeof v === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) out[k] = SECRET_NAME.test(k) && x !== undefined && x !== null && x !== "" ? REDACTED : redactSecrets(x, depth + 1);
        return out;
    }
    return v;
}
