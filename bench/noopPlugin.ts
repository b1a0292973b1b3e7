// The native door's floor for the benchmark (bench/native.ts): a plugin of pulumi-resource-oktadynamic's shape (the
// same @pulumi/pulumi/provider server through native/serve.ts, bundle, launcher and schema, built by
// tools/build-plugin.js and installed as `oktadynamic`) whose resources answer at once, without HTTP: check takes
// the inputs as they are, create and update echo them, read returns the state, delete forgets. What the real plugin
// takes beyond it is its own: loading provider/, validation, the calls to Okta and their answers.
import type { Provider } from "@pulumi/pulumi/provider";
import { pluginSchema, pluginVersion } from "../native/pluginSchema";
import { servePlugin } from "../native/serve";
import { diffProviderConfig } from "../native/configDiff";

type Props = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export const noopProvider: Provider = {
    get version(): string {
        return pluginVersion();
    },
    getSchema: async () => pluginSchema(),
    check: async (_urn, _olds, news) => ({ inputs: news }),
    async diff(_id, _urn, olds: Props, news: Props) {
        const diffs = Object.keys(news).filter((k) => !same(olds[k], news[k]));
        return { changes: diffs.length > 0, diffs };
    },
    create: async (_urn, inputs: Props) => ({ id: String(inputs.name), outs: inputs }),
    read: async (id, _urn, props) => ({ id, props, inputs: props }),
    update: async (_id, _urn, _olds, news) => ({ outs: news }),
    delete: async () => undefined,
};

/** The bundle's entry (bench/native.ts packs it). */
export function serve(argv: string[]): Promise<void> {
    return servePlugin(noopProvider, () => undefined, argv, diffProviderConfig, (news) => ({ inputs: news, failures: [] }));
}
