// The client for the org the stack is configured for, made once per plugin process and shared by every
// resource (so they share one rate-limit limiter), plus the guard that stops an operation on the wrong org.
import { createHash } from "crypto";
import { OktaClient, staticAuth } from "./client";
import { OrgLimiter } from "./limiter";
import { ConfigurationError, OrgSettings, resolveOrgSettings } from "./settings";

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
        throw new ConfigurationError(
            `no Okta credentials for ${settings.orgUrl}: set \`pulumi config set --secret okta:apiToken <token>\` ` +
                "(or okta:accessToken), or the environment variable OKTA_API_TOKEN (or OKTA_ACCESS_TOKEN)",
        );
    }
    // Keyed by a digest, so the token itself is never a map key that a heap dump or debugger would show.
    const key = `${settings.orgUrl} ${creds.kind} ${createHash("sha256").update(creds.token).digest("hex")}`;
    let client = clients.get(key);
    if (!client) {
        client = new OktaClient({ baseUrl: settings.orgUrl, auth: staticAuth(creds), limiter: limiterFor(settings.orgUrl), timeoutMs: timeoutMs() });
        clients.set(key, client);
    }
    return { orgUrl: settings.orgUrl, client };
}

function timeoutMs(): number | undefined {
    const n = Number(process.env.OKTA_DYNAMIC_TIMEOUT_MS);
    return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Refuses to act when the stack now points at another org than the one the object was created in. */
export function assertSameOrg(stateOrgUrl: unknown, ctx: OrgContext, what: string): void {
    if (typeof stateOrgUrl === "string" && stateOrgUrl !== "" && stateOrgUrl !== ctx.orgUrl) {
        throw new ConfigurationError(
            `${what} was created in ${stateOrgUrl}, but the stack is now configured for ${ctx.orgUrl}. ` +
                "Refusing to act on another org: restore the org settings, or remove it from the stack with `pulumi state delete`.",
        );
    }
}
