// The native plugin's configuration: the engine's Configure request turned into the ConfigSource that provider/
// resolves the org from. The plugin reads only its own namespace (a native provider never sees `okta:` keys), so
// its messages name `oktadynamic:apiToken` and friends, and the environment variables work as on the dynamic door.
import { createHash } from "crypto";
import { ConfigKeys, ConfigSource, ConfigurationError } from "../provider/okta/settings";
import { NATIVE_PACKAGE } from "../provider/nativePackage";
import { unwrap } from "./secrets";

export const PACKAGE = NATIVE_PACKAGE;

export const NATIVE_KEYS: ConfigKeys = { okta: PACKAGE, own: PACKAGE };

/** The value the engine sends for a property not known yet (a preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Keys of a provider resource's inputs that are the engine's, not this provider's configuration. */
export const ENGINE_KEYS = new Set(["version", "pluginDownloadURL", "parameter"]);

/** The configuration keys of a Configure request, by full name (`oktadynamic:orgUrl`), and those not known yet. */
function configValues(variables: Record<string, string>, args: Record<string, unknown> | undefined): { values: Map<string, string>; unknown: Set<string> } {
    const values = new Map<string, string>();
    const unknown = new Set<string>();
    for (const [k, v] of Object.entries(variables)) {
        const m = /^([^:]+):(?:config:)?(.+)$/.exec(k);
        if (m && m[1] === PACKAGE) values.set(`${PACKAGE}:${m[2]}`, v);
    }
    for (const [k, raw] of Object.entries(args ?? {})) {
        const v = unwrap(raw);
        if (v === undefined || v === null || k.startsWith("__") || ENGINE_KEYS.has(k)) continue;
        const text = typeof v === "string" ? v : JSON.stringify(v);
        // Unknown in a preview: kept as such, so the resolution never takes the environment's value instead.
        if (text.includes(UNKNOWN)) {
            values.delete(`${PACKAGE}:${k}`);
            unknown.add(`${PACKAGE}:${k}`);
        } else values.set(`${PACKAGE}:${k}`, text);
    }
    return { values, unknown };
}

/**
 * The stack config from a Configure request. `variables` come as `oktadynamic:config:apiToken` (older engines)
 * or `oktadynamic:apiToken`; `args` (an explicit provider's inputs, or the stack config) come by bare name, secrets
 * wrapped. Values that are not strings (a JSON list of scopes) are kept as JSON text, as config files hold them.
 */
export function configFromConfigure(variables: Record<string, string>, args: Record<string, unknown> | undefined): ConfigSource {
    return sourceOf(configValues(variables, args));
}

function sourceOf({ values, unknown }: { values: Map<string, string>; unknown: Set<string> }): ConfigSource {
    return { get: (key) => values.get(key), keys: NATIVE_KEYS, unknown: (key) => unknown.has(key) };
}

/**
 * The plugin's Configure: the first one sets the configuration for the plugin's life; a later one with the same
 * settings is a no-op, and one with other settings is refused. The engine starts a plugin process per provider, so
 * a second configuration can only be a mistake, and taking it would send the first one's credential, or the
 * environment's, to the second one's org.
 */
export function configureOnce(apply: (config: ConfigSource) => void): (req: { variables: Record<string, string>; args: Record<string, unknown> | undefined }) => void {
    let first: Map<string, string> | undefined;
    return ({ variables, args }) => {
        const config = configValues(variables, args);
        const { values, unknown } = config;
        // Digests, so that the plugin keeps no second copy of a credential.
        const prints = new Map([...values].map(([k, v]) => [k, createHash("sha256").update(v).digest("hex")]));
        for (const k of unknown) prints.set(k, "unknown");
        if (first) {
            const differ = [...new Set([...first.keys(), ...prints.keys()])].filter((k) => first!.get(k) !== prints.get(k)).sort();
            if (differ.length) {
                throw new ConfigurationError(
                    `this ${PACKAGE} plugin is configured already, and a second Configure with other settings (${differ.join(", ")}) is refused: ` +
                        "one plugin process serves one provider configuration",
                );
            }
            return;
        }
        first = prints;
        apply(sourceOf(config));
    };
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
