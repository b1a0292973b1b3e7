// The engine's CheckConfig: the provider's configuration (stack config `oktadynamic:*`, or an explicit provider's
// inputs) judged before any resource's Check or any call to Okta, by provider/okta/configCheck.ts; and the keys the
// schema marks secret returned secret, so a token set without `--secret` is encrypted in the provider's state, as
// bridged providers do. Failures name their key in the reason and carry no property: the engine prints a failed
// property's value, and a value in the wrong key may be a credential.
import { configFailures, ConfigValueKind } from "../provider/okta/configCheck";
import { ENGINE_KEYS, NATIVE_KEYS, UNKNOWN } from "./config";
import { pluginSchema } from "./pluginSchema";
import { unwrap, wrapKeys } from "./secrets";

type Props = Record<string, unknown>;

interface ConfigVariable {
    type: ConfigValueKind;
    secret?: boolean;
}

/** What CheckConfig answers: the inputs to keep (secrets wrapped) and the failures. */
export interface ConfigCheck {
    inputs: Props;
    failures: { property: string; reason: string }[];
}

/** The decision for CheckConfig, from the provider's new inputs (secrets wrapped or not) and the plugin's environment. */
export function checkProviderConfig(news: Props, env: NodeJS.ProcessEnv = process.env): ConfigCheck {
    const variables = (JSON.parse(pluginSchema()) as { config: { variables: Record<string, ConfigVariable> } }).config.variables;
    const values: Props = {};
    for (const [k, v] of Object.entries(news)) {
        const plain = unwrap(v);
        // Not known yet (a preview): judged when it is. An engine key is the engine's.
        if (k.startsWith("__") || ENGINE_KEYS.has(k) || plain === undefined || plain === null || JSON.stringify(plain).includes(UNKNOWN)) continue;
        values[k] = plain;
    }
    const kinds = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, v.type]));
    const failures = configFailures(values, kinds, NATIVE_KEYS, env).map((reason) => ({ property: "", reason }));
    const secrets = Object.keys(variables).filter((k) => variables[k].secret);
    return { inputs: wrapKeys(news, secrets)!, failures };
}
