// Helpers every provider shares: separating the user's arguments from bookkeeping and outputs, and giving
// errors the context of the operation that failed.

/** The input the SDK adds in previews only, asking check() to verify the org (verifyAccess.ts). */
export const PREVIEW_CHECK = "__previewCheck";

/** Inputs the providers keep for themselves beside Okta's writable attributes. */
export const BOOKKEEPING = ["__provider", "importId", PREVIEW_CHECK] as const;

/** The user's declared arguments: no bookkeeping, no output-only names, no undefined values. */
export function userArgs(news: Record<string, unknown>, outputOnly: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(news)) {
        if ((BOOKKEEPING as readonly string[]).includes(k) || outputOnly.includes(k)) continue;
        if (v !== undefined) out[k] = v;
    }
    return out;
}

/** Prefixes an error with what was being done, keeping its type (and Okta's details) intact. */
export function withContext(e: unknown, what: string, hint?: string): Error {
    const err = e instanceof Error ? e : new Error(String(e));
    err.message = `${what}: ${err.message}${hint ? `. ${hint}` : ""}`;
    return err;
}
