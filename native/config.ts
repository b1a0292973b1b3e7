// The native plugin's configuration: the engine's Configure request turned into the ConfigSource that provider/
// resolves the org from. The plugin reads only its own namespace (a native provider never sees `okta:` keys), so
// its messages name `oktadynamic:apiToken` and friends, and the environment variables work as on the dynamic door.
import { ConfigKeys, ConfigSource } from "../provider/okta/settings";
import { NATIVE_PACKAGE } from "../provider/nativePackage";
import { unwrap } from "./secrets";

export const PACKAGE = NATIVE_PACKAGE;

export const NATIVE_KEYS: ConfigKeys = { okta: PACKAGE, own: PACKAGE };

/**
 * The stack config from a Configure request. `variables` come as `oktadynamic:config:apiToken` (older engines)
 * or `oktadynamic:apiToken`; `args` (an explicit provider's inputs, or the stack config) come by bare name, secrets
 * wrapped. Values that are not strings (a JSON list of scopes) are kept as JSON text, as config files hold them.
 */
export function configFromConfigure(variables: Record<string, string>, args: Record<string, unknown> | undefined): ConfigSource {
    const values = new Map<string, string>();
    for (const [k, v] of Object.entries(variables)) {
        const m = /^([^:]+):(?:config:)?(.+)$/.exec(k);
        if (m && m[1] === PACKAGE) values.set(`${PACKAGE}:${m[2]}`, v);
    }
    for (const [k, raw] of Object.entries(args ?? {})) {
        const v = unwrap(raw);
        if (v === undefined || v === null || k.startsWith("__") || k === "version") continue;
        if (typeof v === "string" && v === "04da6b54-80e4-46f7-96ec-b56ff0331ba9") continue; // unknown in a preview
        values.set(`${PACKAGE}:${k}`, typeof v === "string" ? v : JSON.stringify(v));
    }
    return { get: (key) => values.get(key), keys: NATIVE_KEYS };
}

/**
 * The provider's configuration: stack config `oktadynamic:<key>` (set secrets with `--secret`), or the inputs of an
 * explicit `oktadynamic:index:Provider` resource, one per org. Config wins over the environment variables named.
 */
export interface NativeConfig {
    /** The org's full URL, e.g. `https://example.okta.com` or a custom domain (environment: OKTA_ORG_URL). Wins over orgName + baseUrl. */
    orgUrl?: string;
    /** The org's name, the `example` of `example.okta.com` (environment: OKTA_ORG_NAME). */
    orgName?: string;
    /** The org's domain after its name, `okta.com` by default (environment: OKTA_BASE_URL). */
    baseUrl?: string;
    /** An Okta API token (SSWS) (environment: OKTA_API_TOKEN). @secret */
    apiToken?: string;
    /** An OAuth 2.0 access token (Bearer) (environment: OKTA_ACCESS_TOKEN). @secret */
    accessToken?: string;
    /** The client id of an OAuth 2.0 service app that signs in with a private-key JWT (environment: OKTA_API_CLIENT_ID). */
    clientId?: string;
    /** The service app's private key, PEM or JWK (environment: OKTA_API_PRIVATE_KEY). @secret */
    privateKey?: string;
    /** The key id (`kid`) of the service app's key (environment: OKTA_API_PRIVATE_KEY_ID). */
    privateKeyId?: string;
    /** The OAuth scopes granted to the service app (environment: OKTA_API_SCOPES, separated by commas or spaces). */
    scopes?: string[];
    /** Whether the service app uses DPoP-bound tokens; by default it is tried when Okta asks for it (environment: OKTA_API_DPOP). */
    dpop?: boolean;
    /** Okta Privileged Access: the URL of the team's tenant (environment: OKTA_PAM_URL). */
    pamUrl?: string;
    /** Okta Privileged Access: the team's name (environment: OKTA_PAM_TEAM). */
    pamTeam?: string;
    /** Okta Privileged Access: the service user's key id (environment: OKTA_PAM_KEY_ID). */
    pamKeyId?: string;
    /** Okta Privileged Access: the service user's key secret (environment: OKTA_PAM_KEY_SECRET). @secret */
    pamKeySecret?: string;
}

/**
 * The oldest Pulumi CLI the native door is tested with and supports (docs/native.md): `pulumi import` on older CLIs
 * sends Read with the id alone, which native/engineHooks.ts makes work down to this version.
 */
export const MIN_PULUMI_CLI = "3.248.0";
