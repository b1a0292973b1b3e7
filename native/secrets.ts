// Secrets on the wire of a provider that accepts them: the engine sends a secret value wrapped in an object with
// Pulumi's signature key, and expects outputs it should keep secret wrapped the same way. provider/ works on
// plain values, so the adapter unwraps what comes in and wraps what goes out.
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

type Props = Record<string, unknown>;

export function isSecret(v: unknown): v is { value: unknown } {
    return typeof v === "object" && v !== null && (v as Props)[SIG] === SECRET_SIG;
}

export function secret(value: unknown): Props {
    return { [SIG]: SECRET_SIG, value };
}

/** The value with every secret wrapper removed, at any depth. */
export function unwrap(v: unknown): unknown {
    if (isSecret(v)) return unwrap(v.value);
    if (Array.isArray(v)) return v.map(unwrap);
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)]));
    return v;
}

function holdsSecret(v: unknown): boolean {
    if (isSecret(v)) return true;
    if (Array.isArray(v)) return v.some(holdsSecret);
    if (typeof v === "object" && v !== null) return Object.values(v).some(holdsSecret);
    return false;
}

/** Top-level properties that hold a secret anywhere inside. */
export function secretKeys(props: Props | undefined): string[] {
    return Object.entries(props ?? {})
        .filter(([, v]) => holdsSecret(v))
        .map(([k]) => k);
}

/**
 * Outputs with the named top-level properties wrapped as secrets: those whose input was secret (as the engine does
 * for the dynamic door) and those the resource always keeps secret.
 */
export function wrapKeys(outs: Props | undefined, keys: Iterable<string>): Props | undefined {
    if (!outs) return outs;
    const out: Props = { ...outs };
    for (const k of keys) if (k in out && out[k] !== undefined && !isSecret(out[k])) out[k] = secret(out[k]);
    return out;
}
