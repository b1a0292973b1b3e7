// What `pulumi preview` checks before it can pass. CI previews every pull request, and a preview of resources
// with no lookups makes no Okta call, so a stack with no org, a refused token or `http://` to a remote host
// previewed clean and failed first at `up`.
//
// The program knows whether it runs a preview (the plugin does not), so in a preview the SDK adds the input
// PREVIEW_CHECK; check() verifies and drops it, so it never reaches diff or state. The check runs here, in the
// plugin, because only the plugin sees the engine's environment (an Automation API program runs in its host).
//
// Configuration is judged without a call. Credentials cost one call per org per run, the cheapest that proves
// them: for an API or access token `GET /api/v1/users/me` (any answer but 401 means Okta took the credential; a
// 403 or 404 only says that this token may not read users, which no resource here needs); for a service app the
// token request itself; for Privileged Access the service_token exchange.
import { currentOrg, currentPam } from "./okta/context";
import { OktaClient } from "./okta/client";
import { ConfigNotKnown, resolveOrgSettings } from "./okta/settings";
import { PREVIEW_CHECK } from "./resourceArgs";
import { Failure } from "./schema/validate";

export { PREVIEW_CHECK };

export type VerifiedApi = "management" | "privileged-access";

// Keyed by the client: context.ts keeps one per org and credential for the plugin's life, which is the run.
let verified = new WeakMap<OktaClient, Promise<void>>();

/** No failures unless this check belongs to a preview and the API's org or credentials are unusable. */
export async function previewFailures(news: Record<string, unknown>, api: VerifiedApi): Promise<Failure[]> {
    if (news[PREVIEW_CHECK] !== true) return [];
    try {
        await verifyAccess(api);
        return [];
    } catch (e) {
        // An org or credential not known yet (a preview) cannot be verified, and nothing was sent: as the engine,
        // which checks nothing through a provider whose configuration is not known, the check waits until it is.
        if (e instanceof ConfigNotKnown) return [];
        const why = e instanceof Error ? e.message : String(e);
        return [{ property: "", reason: `this stack cannot reach Okta as configured, so \`up\` would fail: ${why}` }];
    }
}

/** Resolves when the API's org and credentials are usable. Memoized per org and credential, for the run. */
export function verifyAccess(api: VerifiedApi): Promise<void> {
    try {
        if (api === "privileged-access") {
            const pam = currentPam();
            return once(pam.client, async () => {
                await pam.auth.headers();
            });
        }
        const settings = resolveOrgSettings();
        const { client } = currentOrg(settings);
        return once(client, async () => {
            if (settings.credentials?.kind === "oauth") return client.authenticate();
            await client.get("/api/v1/users/me", { expect: [403, 404] });
        });
    } catch (e) {
        return Promise.reject(e);
    }
}

function once(client: OktaClient, check: () => Promise<void>): Promise<void> {
    let p = verified.get(client);
    if (!p) verified.set(client, (p = check()));
    return p;
}

/** For tests: forget what was verified. */
export function resetVerified(): void {
    verified = new WeakMap();
}
