// Small helpers for writing validation rules that name the property path and the rule broken.

/** The value the Pulumi engine passes for inputs not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface Failure {
    property: string;
    reason: string;
}

export function isUnknown(v: unknown): boolean {
    return v === UNKNOWN;
}

export function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A property path as users write it: `a.b[0].c`; a key that is not a plain name is quoted (`a[""]`, `a["x y"]`). */
export function join(path: string, key: string | number): string {
    if (typeof key === "number") return `${path}[${key}]`;
    if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
    return path ? `${path}.${key}` : key;
}

/** Collects failures; each helper returns true when the value may be inspected further. */
export class Rules {
    readonly failures: Failure[] = [];

    fail(property: string, reason: string): false {
        this.failures.push({ property, reason });
        return false;
    }

    /** `hint` says where the value comes from (a lookup to call, say). */
    required(obj: Record<string, unknown>, path: string, key: string, hint?: string): boolean {
        const v = obj[key];
        if (v === undefined || v === null) return this.fail(join(path, key), hint ? `is required: ${hint}` : "is required");
        return !isUnknown(v);
    }

    string(v: unknown, path: string, min: number, max: number, pattern?: RegExp, patternText?: string): boolean {
        if (isUnknown(v)) return false;
        if (typeof v !== "string") return this.fail(path, `must be a string (got ${describe(v)})`);
        const n = codePoints(v);
        if (n < min || n > max) {
            // An id has one length: say what kind of id it must be, not "20 to 20 characters".
            const want = min === max ? `exactly ${min} characters` : `${min} to ${max} characters`;
            return this.fail(path, patternText ? `must be ${patternText} (${want}; got ${n})` : `must be ${want} long (got ${n})`);
        }
        if (pattern && !pattern.test(v)) return this.fail(path, `must be ${patternText ?? `like ${pattern}`} (got "${v}")`);
        return true;
    }

    oneOf<T extends string>(v: unknown, path: string, allowed: readonly T[]): v is T {
        if (isUnknown(v)) return false;
        if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
            return this.fail(path, `must be one of ${allowed.join(", ")} (got ${describe(v)})`);
        }
        return true;
    }

    object(v: unknown, path: string): v is Record<string, unknown> {
        if (isUnknown(v)) return false;
        if (!isObject(v)) return this.fail(path, `must be an object (got ${describe(v)})`);
        return true;
    }

    array(v: unknown, path: string, min: number, max: number): v is unknown[] {
        if (isUnknown(v)) return false;
        if (!Array.isArray(v)) return this.fail(path, `must be a list (got ${describe(v)})`);
        if (v.length < min || v.length > max) {
            const want = min === max ? `exactly ${min} item${min === 1 ? "" : "s"}` : `${min} to ${max} items`;
            return this.fail(path, `must have ${want} (got ${v.length})`);
        }
        return true;
    }

    boolean(v: unknown, path: string): v is boolean {
        if (isUnknown(v)) return false;
        if (typeof v !== "boolean") return this.fail(path, `must be true or false (got ${describe(v)})`);
        return true;
    }

    /** Keys the API does not know are refused, so a typo does not silently vanish. */
    knownKeys(obj: Record<string, unknown>, path: string, allowed: readonly string[], why?: string): void {
        for (const k of Object.keys(obj)) {
            if (!allowed.includes(k)) {
                this.fail(join(path, k), why ?? `is not a property Okta accepts here (allowed: ${allowed.join(", ")})`);
            }
        }
    }
}

export function describe(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "a list";
    if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v);
    if (typeof v === "object") return "an object";
    return `${typeof v} ${String(v)}`;
}

/** Characters as Okta counts them (code points), without spreading the string into an array: a name of millions
 * of characters (the emulator takes bodies up to 10 MiB) must not cost a million-element array. Pure. */
export function codePoints(v: string): number {
    let pairs = 0;
    for (let i = 0; i < v.length - 1; i++) {
        const c = v.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff) {
            const d = v.charCodeAt(i + 1);
            if (d >= 0xdc00 && d <= 0xdfff) {
                pairs++;
                i++;
            }
        }
    }
    return v.length - pairs;
}
