// Where the org and its credentials come from. Read at run time inside the plugin process, from the stack
// config handed to `configure()` and from the environment, so nothing of it is ever captured in the
// serialized provider or written to state.
import type { Credentials, PamSettings } from "./credentials";

/** The stack config as a provider's `configure()` receives it (keys as `namespace:key`). */
export interface ConfigSource {
    get(key: string): string | undefined;
    /** The key names of the door this config came through (default: the dynamic door's, DYNAMIC_KEYS). */
    keys?: ConfigKeys;
}

/** Our own config namespace, beside the `okta:` keys that @pulumi/okta stacks already have. */
export const NAMESPACE = "pulumi-okta-dynamic";

/**
 * The config namespaces a door reads, which are also the names its messages tell users to set. The dynamic door
 * reads the `okta:` keys @pulumi/okta stacks already have plus our own; a native provider plugin sees only its
 * own namespace, so there both are the plugin's name (NATIVE_KEYS in native/config.ts).
 */
export interface ConfigKeys {
    /** Where orgName, baseUrl, apiToken, accessToken, clientId, privateKey, privateKeyId and scopes live. */
    okta: string;
    /** Where orgUrl, dpop and the Privileged Access keys (pamUrl, ...) live. */
    own: string;
}

export const DYNAMIC_KEYS: ConfigKeys = { okta: "okta", own: NAMESPACE };

/** The key names of the door a config came from (the current stack config's by default). */
export function keysOf(config: ConfigSource | undefined = stackConfig): ConfigKeys {
    return config?.keys ?? DYNAMIC_KEYS;
}

export interface OrgSettings {
    /** `https://example.okta.com`, no trailing slash. */
    orgUrl: string;
    credentials?: Credentials;
    /** Where each value came from, for messages (never the values themselves). */
    sources: { orgUrl: string; credentials?: string };
    /** The config key names of the door in use, for messages (DYNAMIC_KEYS when absent). */
    keys?: ConfigKeys;
}

let stackConfig: ConfigSource | undefined;

/** Called by each provider's `configure()`; the last stack config seen wins (one stack per plugin process). */
export function setStackConfig(config: ConfigSource | undefined): void {
    stackConfig = config;
}

export class ConfigurationError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ConfigurationError";
    }
}

type Lookup = (key: string) => string | undefined;

function lookups(config: ConfigSource | undefined, env: NodeJS.ProcessEnv): { cfg: Lookup; env: Lookup } {
    const clean = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());
    return { cfg: (k) => clean(config?.get(k)), env: (k) => clean(env[k]) };
}

/**
 * Resolves the org URL and credentials. Config wins over environment; within each, a full org URL wins over
 * `orgName` + `baseUrl` (the names @pulumi/okta and terraform-provider-okta use).
 */
export function resolveOrgSettings(config: ConfigSource | undefined = stackConfig, env: NodeJS.ProcessEnv = process.env): OrgSettings {
    const { cfg, env: e } = lookups(config, env);
    const keys = keysOf(config);
    const { okta, own } = keys;
    const candidates: [string | undefined, string][] = [
        [cfg(`${own}:orgUrl`), `config ${own}:orgUrl`],
        [fromName(cfg(`${okta}:orgName`), cfg(`${okta}:baseUrl`)), `config ${okta}:orgName/${okta}:baseUrl`],
        [e("OKTA_ORG_URL"), "environment OKTA_ORG_URL"],
        [fromName(e("OKTA_ORG_NAME"), e("OKTA_BASE_URL")), "environment OKTA_ORG_NAME/OKTA_BASE_URL"],
    ];
    const found = candidates.find(([v]) => v !== undefined);
    if (!found) {
        throw new ConfigurationError(
            `no Okta org configured: set \`pulumi config set ${okta}:orgName <org>\` (and ${okta}:baseUrl if not okta.com), ` +
                `or \`pulumi config set ${own}:orgUrl https://<your-domain>\`, or the environment variable OKTA_ORG_URL ` +
                "(or OKTA_ORG_NAME and OKTA_BASE_URL)",
        );
    }
    const orgUrl = normalizeOrgUrl(found[0]!, found[1]);

    const creds: [Credentials | undefined, string][] = [
        [token("apiToken", cfg(`${own}:apiToken`)), `config ${own}:apiToken`],
        [token("accessToken", cfg(`${own}:accessToken`)), `config ${own}:accessToken`],
        [token("apiToken", cfg(`${okta}:apiToken`)), `config ${okta}:apiToken`],
        [token("accessToken", cfg(`${okta}:accessToken`)), `config ${okta}:accessToken`],
        [token("apiToken", e("OKTA_API_TOKEN")), "environment OKTA_API_TOKEN"],
        [token("accessToken", e("OKTA_ACCESS_TOKEN")), "environment OKTA_ACCESS_TOKEN"],
    ];
    for (const [get, where] of [[cfg, `config ${okta}:`], [e, "environment OKTA_API_"]] as const) {
        const names = where.startsWith("config")
            ? { id: `${okta}:clientId`, key: `${okta}:privateKey`, kid: `${okta}:privateKeyId`, scopes: `${okta}:scopes` }
            : { id: "OKTA_API_CLIENT_ID", key: "OKTA_API_PRIVATE_KEY", kid: "OKTA_API_PRIVATE_KEY_ID", scopes: "OKTA_API_SCOPES" };
        const clientId = get(names.id);
        if (!clientId) continue;
        const privateKey = get(names.key);
        if (!privateKey) throw new ConfigurationError(`${names.id} is set but ${names.key} is not: a service app needs its private key (PEM or JWK)`);
        const scopes = parseScopes(get(names.scopes));
        if (!scopes.length) throw new ConfigurationError(`${names.id} is set but ${names.scopes} is not: list the OAuth scopes the service app was granted`);
        const dpop = get("OKTA_API_DPOP") ?? cfg(`${own}:dpop`);
        creds.push([
            { kind: "oauth", clientId, privateKey, privateKeyId: get(names.kid), scopes, dpop: dpop === undefined ? undefined : dpop === "true" },
            `${where}clientId/privateKey (OAuth service app)`,
        ]);
    }
    const cred = creds.find(([c]) => c !== undefined);
    return { orgUrl, credentials: cred?.[0], sources: { orgUrl: found[1], credentials: cred?.[1] }, keys };
}

/** Scopes as a JSON list (as @pulumi/okta stores them) or separated by commas or spaces. */
export function parseScopes(v: string | undefined): string[] {
    if (!v) return [];
    if (v.startsWith("[")) {
        try {
            return (JSON.parse(v) as unknown[]).map(String).filter(Boolean);
        } catch {
            /* fall through */
        }
    }
    return v.split(/[\s,]+/).filter(Boolean);
}

/** Privileged Access service-user settings, or undefined when none are configured. */
export function resolvePamSettings(config: ConfigSource | undefined = stackConfig, env: NodeJS.ProcessEnv = process.env): PamSettings | undefined {
    const { cfg, env: e } = lookups(config, env);
    const { own } = keysOf(config);
    const pick = (key: string, envName: string) => cfg(`${own}:${key}`) ?? e(envName);
    const url = pick("pamUrl", "OKTA_PAM_URL");
    const team = pick("pamTeam", "OKTA_PAM_TEAM");
    const keyId = pick("pamKeyId", "OKTA_PAM_KEY_ID");
    const keySecret = pick("pamKeySecret", "OKTA_PAM_KEY_SECRET");
    if (!url && !team && !keyId && !keySecret) return undefined;
    const missing = [["OKTA_PAM_URL", url], ["OKTA_PAM_TEAM", team], ["OKTA_PAM_KEY_ID", keyId], ["OKTA_PAM_KEY_SECRET", keySecret]].filter(([, v]) => !v).map(([n]) => n);
    if (missing.length) {
        throw new ConfigurationError(`Privileged Access is partly configured: set ${missing.join(", ")} (or the ${own}:pamUrl/pamTeam/pamKeyId/pamKeySecret config keys)`);
    }
    return { url: normalizeOrgUrl(url!, "OKTA_PAM_URL"), team: team!, keyId: keyId!, keySecret: keySecret! };
}

function token(kind: "apiToken" | "accessToken", v: string | undefined): Credentials | undefined {
    return v === undefined ? undefined : { kind, token: v };
}

function fromName(orgName: string | undefined, baseUrl: string | undefined): string | undefined {
    if (orgName === undefined) return undefined;
    return `https://${orgName}.${baseUrl ?? "okta.com"}`;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Checks the scheme (http only for loopback) and strips the path and trailing slash. */
export function normalizeOrgUrl(raw: string, source = "org URL"): string {
    let u: URL;
    try {
        u = new URL(raw);
    } catch {
        // Not quoted back: a URL that fails to parse may still carry `user:password@`.
        throw new ConfigurationError(`${source} is not a URL (expected https://<your-org>.okta.com)`);
    }
    if (u.username || u.password) throw new ConfigurationError(`${source}: the org URL must not carry credentials`);
    if (u.protocol === "http:") {
        if (!LOOPBACK.test(u.hostname)) {
            throw new ConfigurationError(`${source}: plain http is refused for ${u.hostname}; use https (http is allowed only for loopback addresses)`);
        }
    } else if (u.protocol !== "https:") {
        throw new ConfigurationError(`${source}: unsupported scheme ${u.protocol} (use https)`);
    }
    return `${u.protocol}//${u.host}`;
}

export function isLoopback(hostname: string): boolean {
    return LOOPBACK.test(hostname);
}
