// Where the org and its credentials come from. Read at run time inside the plugin process, from the stack
// config handed to `configure()` and from the environment, so nothing of it is ever captured in the
// serialized provider or written to state.
import type { Credentials, PamSettings, ServiceAppCredentials } from "./credentials";

/** The stack config as a provider's `configure()` receives it (keys as `namespace:key`). */
export interface ConfigSource {
    get(key: string): string | undefined;
    /** The key names of the door this config came through (default: the dynamic door's, DYNAMIC_KEYS). */
    keys?: ConfigKeys;
    /** Whether the key is set to a value not known yet (a preview of a provider whose inputs are other resources' outputs). */
    unknown?(key: string): boolean;
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

/** Neither the config nor the environment names an org (a provider used only for Privileged Access needs none). */
export class NoOrgConfigured extends ConfigurationError {}

/** A config key is set to a value not known yet: nothing can be resolved, and nothing falls back to the environment. */
export class ConfigNotKnown extends ConfigurationError {}

function refuseUnknown(config: ConfigSource | undefined, keys: string[], what: string): void {
    const key = keys.find((k) => config?.unknown?.(k));
    if (key) {
        throw new ConfigNotKnown(
            `${key} is not known yet (it comes from another resource's output): ${what} is resolved once it is, and is not taken from the environment meanwhile`,
        );
    }
}

type Lookup = (key: string) => string | undefined;

function lookups(config: ConfigSource | undefined, env: NodeJS.ProcessEnv): { cfg: Lookup; env: Lookup } {
    const clean = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());
    return { cfg: (k) => clean(config?.get(k)), env: (k) => clean(env[k]) };
}

/**
 * Resolves the org URL and credentials (docs/native.md, "Configuration"). The org comes from config when config
 * names one (a full org URL over `orgName` + `baseUrl`), else from the environment; the credential likewise. A key
 * set in config but not known yet (a preview) is never replaced by the environment's value. A credential from the
 * environment goes only to the environment's org: when the environment names an org and the config names another,
 * the config (which a pull request can change) would send the runner's credential elsewhere, so that is refused.
 */
export function resolveOrgSettings(config: ConfigSource | undefined = stackConfig, env: NodeJS.ProcessEnv = process.env): OrgSettings {
    const { cfg, env: e } = lookups(config, env);
    const keys = keysOf(config);
    const { okta, own } = keys;
    refuseUnknown(config, [`${own}:orgUrl`, `${okta}:orgName`, `${okta}:baseUrl`], "the org");
    const first = (c: [string | undefined, string][]) => c.find(([v]) => v !== undefined) as [string, string] | undefined;
    const fromConfig = first([
        [cfg(`${own}:orgUrl`), `config ${own}:orgUrl`],
        [fromName(cfg(`${okta}:orgName`), cfg(`${okta}:baseUrl`)), `config ${okta}:orgName/${okta}:baseUrl`],
    ]);
    const fromEnv = first([
        [e("OKTA_ORG_URL"), "environment OKTA_ORG_URL"],
        [fromName(e("OKTA_ORG_NAME"), e("OKTA_BASE_URL")), "environment OKTA_ORG_NAME/OKTA_BASE_URL"],
    ]);
    const found = fromConfig ?? fromEnv;
    if (!found) {
        throw new NoOrgConfigured(
            `no Okta org configured: set \`pulumi config set ${okta}:orgName <org>\` (and ${okta}:baseUrl if not okta.com), ` +
                `or \`pulumi config set ${own}:orgUrl https://<your-domain>\`, or the environment variable OKTA_ORG_URL ` +
                "(or OKTA_ORG_NAME and OKTA_BASE_URL)",
        );
    }
    const orgUrl = normalizeOrgUrl(found[0], found[1]);

    refuseUnknown(
        config,
        [`${own}:apiToken`, `${own}:accessToken`, ...["apiToken", "accessToken", "clientId", "privateKey", "privateKeyId", "scopes"].map((k) => `${okta}:${k}`), `${own}:dpop`],
        "the credential",
    );
    const appNames = (k: (n: string) => string) => ({ id: k("clientId"), key: k("privateKey"), kid: k("privateKeyId"), scopes: k("scopes") });
    const dpop = cfg(`${own}:dpop`);
    // Within each source, a token wins over a service app; the config's credential wins over the environment's.
    const creds: [Credentials | undefined, string, "config" | "environment"][] = [
        [token("apiToken", cfg(`${own}:apiToken`)), `config ${own}:apiToken`, "config"],
        [token("accessToken", cfg(`${own}:accessToken`)), `config ${own}:accessToken`, "config"],
        [token("apiToken", cfg(`${okta}:apiToken`)), `config ${okta}:apiToken`, "config"],
        [token("accessToken", cfg(`${okta}:accessToken`)), `config ${okta}:accessToken`, "config"],
        [serviceApp(cfg, appNames((n) => `${okta}:${n}`), dpop), `config ${okta}:clientId/privateKey (OAuth service app)`, "config"],
        [token("apiToken", e("OKTA_API_TOKEN")), "environment OKTA_API_TOKEN", "environment"],
        [token("accessToken", e("OKTA_ACCESS_TOKEN")), "environment OKTA_ACCESS_TOKEN", "environment"],
        [
            serviceApp(e, { id: "OKTA_API_CLIENT_ID", key: "OKTA_API_PRIVATE_KEY", kid: "OKTA_API_PRIVATE_KEY_ID", scopes: "OKTA_API_SCOPES" }, e("OKTA_API_DPOP") ?? dpop),
            "environment OKTA_API_clientId/privateKey (OAuth service app)",
            "environment",
        ],
    ];
    const cred = creds.find(([c]) => c !== undefined);
    if (cred?.[2] === "environment" && fromConfig && fromEnv) {
        const envOrg = normalizeOrgUrl(fromEnv[0], fromEnv[1]);
        if (envOrg !== orgUrl) {
            throw new ConfigurationError(
                `the credential from ${cred[1]} belongs with the environment's org (${fromEnv[1]}: ${envOrg}), but ${fromConfig[1]} names ${orgUrl}: ` +
                    `refusing to send it to another org. Set the credential in config too (\`pulumi config set --secret ${okta}:apiToken <token>\`), ` +
                    `or make ${fromEnv[1].replace("environment ", "")} name the same org`,
            );
        }
    }
    return { orgUrl, credentials: cred?.[0], sources: { orgUrl: found[1], credentials: cred?.[1] }, keys };
}

/** A service app's credentials from one source, or undefined when that source names no client id. */
function serviceApp(get: Lookup, names: { id: string; key: string; kid: string; scopes: string }, dpop: string | undefined): ServiceAppCredentials | undefined {
    const clientId = get(names.id);
    if (!clientId) return undefined;
    const privateKey = get(names.key);
    if (!privateKey) throw new ConfigurationError(`${names.id} is set but ${names.key} is not: a service app needs its private key (PEM or JWK)`);
    const scopes = parseScopes(get(names.scopes));
    if (!scopes.length) throw new ConfigurationError(`${names.id} is set but ${names.scopes} is not: list the OAuth scopes the service app was granted`);
    return { kind: "oauth", clientId, privateKey, privateKeyId: get(names.kid), scopes, dpop: dpop === undefined ? undefined : dpop === "true" };
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

/**
 * Privileged Access service-user settings, or undefined when none are configured. Each key comes from config, else
 * from the environment; as for the org, a key secret from the environment goes only to the environment's
 * OKTA_PAM_URL when that is set, and a key set in config but not known yet is not taken from the environment.
 */
export function resolvePamSettings(config: ConfigSource | undefined = stackConfig, env: NodeJS.ProcessEnv = process.env): PamSettings | undefined {
    const { cfg, env: e } = lookups(config, env);
    const { own } = keysOf(config);
    refuseUnknown(config, ["pamUrl", "pamTeam", "pamKeyId", "pamKeySecret"].map((k) => `${own}:${k}`), "Privileged Access");
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
    const source = cfg(`${own}:pamUrl`) ? `config ${own}:pamUrl` : "environment OKTA_PAM_URL";
    const pamUrl = normalizeOrgUrl(url!, source);
    const envUrl = e("OKTA_PAM_URL");
    if (!cfg(`${own}:pamKeySecret`) && cfg(`${own}:pamUrl`) && envUrl && normalizeOrgUrl(envUrl, "environment OKTA_PAM_URL") !== pamUrl) {
        throw new ConfigurationError(
            `the key secret from environment OKTA_PAM_KEY_SECRET belongs with environment OKTA_PAM_URL (${normalizeOrgUrl(envUrl)}), but config ${own}:pamUrl names ${pamUrl}: ` +
                `refusing to send it to another tenant. Set ${own}:pamKeySecret in config too (--secret), or make OKTA_PAM_URL name the same tenant`,
        );
    }
    return { url: pamUrl, team: team!, keyId: keyId!, keySecret: keySecret! };
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
