// The native plugin's configuration: the engine's Configure request turned into the ConfigSource that provider/
// resolves the org from. The plugin reads only its own namespace (a native provider never sees `okta:` keys), so
// its messages name `oktadynamic:apiToken` and friends, and the environment variables work as on the dynamic door.
import { ConfigKeys, ConfigSource } from "../provider/okta/settings";
import { unwrap } from "./secrets";

export const PACKAGE = "oktadynamic";

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
