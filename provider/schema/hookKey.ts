// Okta's hook keys (Management API, /api/v1/hook-keys), shared by the SDK, the provider and the emulator.
import { Failure, isObject, Rules } from "./validate";

export const HOOK_KEYS_PATH = "/api/v1/hook-keys";
export const HOOK_KEY_LIMITS = { name: { min: 1, max: 255 }, perOrg: 50 } as const;

/** The public half of a hook key, as a JWK (RSA). */
export interface HookKeyJwk {
    /** The key type, `RSA`. */
    kty: string;
    /** The signing algorithm, `RS256`. */
    alg: string;
    /** The RSA public exponent (base64url). */
    e: string;
    /** The RSA modulus (base64url). */
    n: string;
    /** The key's alias, the hook key's `keyId`. */
    kid: string;
    /** Okta sends null, or the string "null", or "sig". */
    use: string | null;
}

/** A hook key as Okta answers it. `isUsed` arrives as a boolean or as "true"/"false". */
export interface HookKeyObject {
    id: string;
    keyId: string;
    name: string;
    isUsed: boolean | "true" | "false";
    created: string | null;
    lastUpdated: string | null;
    _embedded?: Partial<HookKeyJwk> | { publicKey?: Partial<HookKeyJwk> };
}

export interface HookKeyCreatable {
    /** 1..255 characters, unique in the org. */
    name: string;
}

export function validateHookKey(input: unknown, extraKeys: readonly string[] = []): Failure[] {
    const r = new Rules();
    if (!isObject(input)) return [{ property: "", reason: "a hook key must be an object" }];
    r.knownKeys(input, "", ["name", ...extraKeys]);
    if (r.required(input, "", "name")) r.string(input.name, "name", HOOK_KEY_LIMITS.name.min, HOOK_KEY_LIMITS.name.max);
    return r.failures;
}

export function parseIsUsed(v: unknown): boolean {
    return v === true || v === "true";
}

/** The JWK from a create/get answer (`_embedded`) or the public-key endpoint, flat or wrapped: accept both. */
export function extractJwk(body: unknown): HookKeyJwk | undefined {
    if (!isObject(body)) return undefined;
    const candidates = [body, body._embedded, isObject(body._embedded) ? body._embedded.publicKey : undefined];
    for (const c of candidates) {
        if (isObject(c) && typeof c.n === "string" && typeof c.e === "string") {
            const use = c.use === null || c.use === undefined || c.use === "null" ? null : String(c.use);
            return { kty: String(c.kty ?? "RSA"), alg: String(c.alg ?? "RS256"), e: c.e, n: c.n, kid: String(c.kid ?? ""), use };
        }
    }
    return undefined;
}
