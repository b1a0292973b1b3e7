// A provider configuration judged before anything is sent: each value's type and shape (URLs: https, or http to a
// loopback address), keys the provider does not take, then the resolution itself (provider/okta/settings.ts), whose
// rules (a service app's key and scopes, Privileged Access set whole, a credential kept to its org) are checked by
// running it, not restated. Pure: the environment is an argument. Every message names the key, never a value.
import {
    ConfigKeys,
    ConfigSource,
    ConfigurationError,
    NoOrgConfigured,
    normalizeOrgUrl,
    resolveOrgSettings,
    resolvePamSettings,
} from "./settings";

/** A config key's type, as the schema declares it. */
export type ConfigValueKind = "string" | "boolean" | "array";

/** The keys that live in ConfigKeys.okta (the names @pulumi/okta uses); the others live in ConfigKeys.own. */
const OKTA_KEYS = new Set(["orgName", "baseUrl", "apiToken", "accessToken", "clientId", "privateKey", "privateKeyId", "scopes"]);

/** A bare key's full name (`oktadynamic:orgUrl`). */
export function configKeyName(key: string, keys: ConfigKeys): string {
    return `${OKTA_KEYS.has(key) ? keys.okta : keys.own}:${key}`;
}

/** The keys whose value is a URL a credential is sent to. */
const URL_KEYS = new Set(["orgUrl", "pamUrl"]);

/**
 * A value as stack config holds it (text), or the reason it is not of its kind. Stack config gives every value as
 * text (`true`, a JSON list); an explicit provider's inputs come typed.
 */
function asText(v: unknown, kind: ConfigValueKind): string | { reason: string } {
    if (kind === "string") return typeof v === "string" ? v : { reason: `must be a string, not ${describe(v)}` };
    if (kind === "boolean") {
        if (typeof v === "boolean") return String(v);
        return v === "true" || v === "false" ? v : { reason: `must be true or false, not ${describe(v)}` };
    }
    if (Array.isArray(v)) return v.every((x) => typeof x === "string") ? JSON.stringify(v) : { reason: "must be a list of strings" };
    return typeof v === "string" ? v : { reason: `must be a list of strings, not ${describe(v)}` };
}

/** What a wrong value is, without quoting it (it may be a credential set in the wrong key). */
function describe(v: unknown): string {
    return Array.isArray(v) ? "a list" : v === null ? "null" : `a ${typeof v}`;
}

/**
 * The failures of a provider configuration given by bare key (`orgUrl`), each a message naming its key in full.
 * `kinds` lists the keys the provider takes. A configuration naming no org passes: the org may come from the
 * environment at run time, and a provider used only for Privileged Access needs none (its resources say so). Values
 * not known yet are left out by the caller and judged when they are known.
 */
export function configFailures(values: Record<string, unknown>, kinds: Record<string, ConfigValueKind>, keys: ConfigKeys, env: NodeJS.ProcessEnv): string[] {
    const failures: string[] = [];
    const text = new Map<string, string>();
    for (const [key, v] of Object.entries(values)) {
        const name = configKeyName(key, keys);
        const kind = kinds[key];
        if (!kind) {
            failures.push(`${name}: not a setting of this provider (it takes ${Object.keys(kinds).join(", ")})`);
            continue;
        }
        const t = asText(v, kind);
        if (typeof t !== "string") {
            failures.push(`${name}: ${t.reason}`);
            continue;
        }
        if (URL_KEYS.has(key) && t.trim() !== "") {
            try {
                normalizeOrgUrl(t.trim(), name);
            } catch (e) {
                failures.push(messageOf(e));
                continue;
            }
        }
        text.set(name, t);
    }
    if (failures.length) return failures;
    const config: ConfigSource = { get: (k) => text.get(k), keys };
    for (const resolve of [() => resolveOrgSettings(config, env), () => resolvePamSettings(config, env)]) {
        try {
            resolve();
        } catch (e) {
            if (!(e instanceof NoOrgConfigured)) failures.push(messageOf(e));
        }
    }
    return failures;
}

function messageOf(e: unknown): string {
    if (e instanceof ConfigurationError) return e.message;
    throw e;
}
