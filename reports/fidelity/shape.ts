// Compares two JSON answers the way the issue asks: the set of keys at every level, the JSON type of every
// value, and the format (length and prefix) of ids. Values themselves may differ (other org, other time).
export type JsonType = "null" | "boolean" | "number" | "string" | "array" | "object" | "absent";

export interface ShapeDifference {
    /** `$.a.b[0].c` */
    path: string;
    kind: "status" | "missing key" | "extra key" | "type" | "id format" | "value";
    recorded: string;
    actual: string;
}

export function jsonType(v: unknown): JsonType {
    if (v === undefined) return "absent";
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    return typeof v as JsonType;
}

export function deepEqualJson(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (jsonType(a) !== jsonType(b)) return false;
    if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => deepEqualJson(x, (b as unknown[])[i]));
    if (jsonType(a) === "object") {
        const ka = Object.keys(a as object).sort();
        const kb = Object.keys(b as object).sort();
        return ka.length === kb.length && ka.every((k, i) => k === kb[i] && deepEqualJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
    }
    return false;
}

/** Keys whose string values are ids: `id`, `*Id` (ownerId, keyId, errorId...), `kid`. */
const isIdKey = (key: string) => key === "id" || key === "kid" || /[a-z]Id$/.test(key);

/** The format of an id: a UUID, 24 hex digits, or its first 3 characters and its length. */
export function idFormat(s: string): string {
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)) return "uuid";
    if (/^[0-9a-f]{24}$/i.test(s)) return "24 hex";
    return `${s.slice(0, 3)}... (${s.length} chars)`;
}

/** Which part of an id format is compared: the length always, the prefix for Okta's 20-character ids. */
function sameIdFormat(a: string, b: string): boolean {
    const fa = idFormat(a);
    const fb = idFormat(b);
    return fa === fb || (!/^(uuid|24 hex)$/.test(fa) && !/^(uuid|24 hex)$/.test(fb) && a.length === b.length && a.slice(0, 3) === b.slice(0, 3));
}

/** Keys whose values are constants of Okta's vocabulary: their values are compared too, not only their types. */
const CONSTANT_KEYS = new Set(["kty", "alg", "use", "errorCode", "resourceType", "status", "type"]);

/** Every shape difference between a recorded JSON answer and an actual one. */
export function shapeDifferences(recorded: unknown, actual: unknown, path = "$", key = ""): ShapeDifference[] {
    const tr = jsonType(recorded);
    const ta = jsonType(actual);
    if (tr !== ta) return [{ path, kind: "type", recorded: describe(recorded), actual: describe(actual) }];
    if (tr === "string" && isIdKey(key) && !sameIdFormat(recorded as string, actual as string)) {
        return [{ path, kind: "id format", recorded: idFormat(recorded as string), actual: idFormat(actual as string) }];
    }
    if ((tr === "string" || tr === "null") && CONSTANT_KEYS.has(key) && recorded !== actual) {
        return [{ path, kind: "value", recorded: describe(recorded), actual: describe(actual) }];
    }
    if (tr === "array") {
        const r = recorded as unknown[];
        const a = actual as unknown[];
        const out: ShapeDifference[] = [];
        for (let i = 0; i < Math.min(r.length, a.length); i++) out.push(...shapeDifferences(r[i], a[i], `${path}[${i}]`, key));
        return out;
    }
    if (tr === "object") {
        const r = recorded as Record<string, unknown>;
        const a = actual as Record<string, unknown>;
        const out: ShapeDifference[] = [];
        for (const k of Object.keys(r)) {
            if (!(k in a)) out.push({ path: `${path}.${k}`, kind: "missing key", recorded: describe(r[k]), actual: "absent" });
            else out.push(...shapeDifferences(r[k], a[k], `${path}.${k}`, k));
        }
        for (const k of Object.keys(a)) if (!(k in r)) out.push({ path: `${path}.${k}`, kind: "extra key", recorded: "absent", actual: describe(a[k]) });
        return out;
    }
    return [];
}

/** A value's JSON type, with short strings and scalars shown (so "null" the string reads apart from null). */
export function describe(v: unknown): string {
    const t = jsonType(v);
    if (t === "string") return (v as string).length <= 24 ? `string ${JSON.stringify(v)}` : "string";
    if (t === "boolean" || t === "number") return `${t} ${String(v)}`;
    return t;
}
