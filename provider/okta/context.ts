// The client for the org the stack is configured for, made once per plugin process and shared by every
// resource (so they share one rate-limit limiter), plus the guard that stops an operation on the wrong org.
import { createHash } from "crypto";
import { AuthStrategy, OktaClient, staticAuth } from "./client";
import { ServiceAppAuth } from "./oauth";
import { PamServiceAuth } from "./privilegedAccess";
import { OrgLimiter } from "./limiter";
import { ConfigSource, ConfigurationError, DYNAMIC_KEYS, keysOf, OrgSettings, resolveOrgSettings, resolvePamSettings } from "./settings";
import type { Credentials } from "./credentials";

export interface OrgContext {
    orgUrl: string;
    client: OktaClient;
}

const clients = new Map<string, OktaClient>();
const limiters = new Map<string, OrgLimiter>();

export function limiterFor(orgUrl: string): OrgLimiter {
    let l = limiters.get(orgUrl);
    if (!l) limiters.set(orgUrl, (l = new OrgLimiter({ maxInFlight: maxInFlight() })));
    return l;
}

function maxInFlight(): number {
    const n = Number(process.env.OKTA_DYNAMIC_MAX_IN_FLIGHT);
    return Number.isInteger(n) && n > 0 ? n : 16;
}

/** The configured org's client. Throws a ConfigurationError naming what to set when nothing is configured. */
export function currentOrg(settings: OrgSettings = resolveOrgSettings()): OrgContext {
    const creds = settings.credentials;
    if (!creds) {
        const { okta } = settings.keys ?? DYNAMIC_KEYS;
        throw new ConfigurationError(
            `no Okta credentials for ${settings.orgUrl}: set \`pulumi config set --secret ${okta}:apiToken <token>\` ` +
                `(or ${okta}:accessToken), or the environment variable OKTA_API_TOKEN (or OKTA_ACCESS_TOKEN)`,
        );
    }
    // Keyed by a digest, so the secret itself is never a map key that a heap dump or debugger would show.
    const key = `${settings.orgUrl} ${creds.kind} ${createHash("sha256").update(JSON.stringify(creds)).digest("hex")}`;
    let client = clients.get(key);
    if (!client) {
        const auth = authFor(settings.orgUrl, creds);
        auth.source = settings.sources.credentials;
        client = new OktaClient({ baseUrl: settings.orgUrl, auth, limiter: limiterFor(settings.orgUrl), timeoutMs: timeoutMs() });
        clients.set(key, client);
    }
    return { orgUrl: settings.orgUrl, client };
}

function authFor(orgUrl: string, creds: Credentials): AuthStrategy {
    return creds.kind === "oauth" ? new ServiceAppAuth(orgUrl, creds) : staticAuth(creds);
}

/** The Privileged Access client (base `{pamUrl}/v1/teams/{team}`), one per team and service user. */
export function currentPam(config?: ConfigSource): { baseUrl: string; client: OktaClient; auth: PamServiceAuth } {
    const s = config ? resolvePamSettings(config) : resolvePamSettings();
    if (!s) {
        throw new ConfigurationError(
            `no Okta Privileged Access configured: set OKTA_PAM_URL, OKTA_PAM_TEAM, OKTA_PAM_KEY_ID and OKTA_PAM_KEY_SECRET (or the ${keysOf(config).own}:pam* config keys)`,
        );
    }
    const key = `pam ${s.url} ${s.team} ${createHash("sha256").update(s.keyId + "\0" + s.keySecret).digest("hex")}`;
    let entry = pamClients.get(key);
    if (!entry) {
        const auth = new PamServiceAuth(s);
        entry = { baseUrl: auth.baseUrl, auth, client: new OktaClient({ baseUrl: auth.baseUrl, auth, limiter: limiterFor(s.url), timeoutMs: timeoutMs() }) };
        pamClients.set(key, entry);
    }
    return entry;
}

const pamClients = new Map<string, { baseUrl: string; client: OktaClient; auth: PamServiceAuth }>();

function timeoutMs(): number | undefined {
    const n = Number(process.env.OKTA_DYNAMIC_TIMEOUT_MS);
    return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Refuses to act when the stack now points at another org than the one the object was created in. */
export function assertSameOrg(stateOrgUrl: unknown, ctx: OrgContext, what: string): void {
    if (typeof stateOrgUrl === "string" && stateOrgUrl !== "" && stateOrgUrl !== ctx.orgUrl) {
        throw new ConfigurationError(
            `${what} was created in ${stateOrgUrl}, but its provider is now configured for ${ctx.orgUrl}. ` +
                `Refusing to act on another org, which would leave it behind in ${stateOrgUrl}: restore the org settings (stack config, or the explicit provider's inputs); ` +
                "to move it, delete it with the old settings first, or leave it there deliberately with `pulumi state delete`.",
        );
    }
}
