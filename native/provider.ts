// The native door: a Pulumi provider (`@pulumi/pulumi/provider`'s Provider interface) over provider/'s resource
// providers. It only routes by type token, drops the urn, unwraps secrets on the way in and wraps them on the way
// out; check, diff, the calls and the errors are provider/'s, exactly as on the dynamic door.
import type * as native from "@pulumi/pulumi/provider";
import { PREVIEW_CHECK } from "../provider/resourceArgs";
import { isObject } from "../provider/schema/validate";
import { answerIsSecret, FUNCTIONS, RESOURCES, ResourceRoute, typeOfUrn } from "./routes";
import { InvokeFailures } from "./callApi";
import { secretKeys, unwrap, wrapKeys } from "./secrets";
import { apiObjectImportProps, importedApiObject } from "./apiObjectImport";
import { nativeType } from "../provider/nativePackage";
import { pluginSchema, pluginVersion } from "./pluginSchema";

type Props = Record<string, unknown>;

function route(urn: string): ResourceRoute {
    const type = typeOfUrn(urn);
    const r = RESOURCES[type];
    if (!r) throw new Error(`unknown resource type ${type} (this provider serves ${Object.keys(RESOURCES).join(", ")})`);
    return r;
}

const plain = (v: unknown): Props => (isObject(unwrap(v)) ? (unwrap(v) as Props) : {});

export const nativeProvider: native.Provider = {
    get version(): string {
        return pluginVersion();
    },

    getSchema: async () => pluginSchema(),

    async check(urn, olds, news) {
        // The engine does not tell Check whether it runs in a preview; the credential check that the dynamic door's
        // SDK asks for in previews runs here on every check instead, once per org and credential per plugin run
        // (provider/verifyAccess.ts memoizes it), so a preview of an unusable stack fails as it does there.
        const r = await route(urn).provider.check!(plain(olds), { ...plain(news), [PREVIEW_CHECK]: true });
        return { inputs: wrapKeys(r.inputs, secretKeys(news)), failures: r.failures };
    },

    async diff(id, urn, olds, news) {
        return route(urn).provider.diff!(id, plain(olds), plain(news));
    },

    async create(urn, inputs) {
        const r = route(urn);
        const res = await r.provider.create(plain(inputs));
        return { id: res.id, outs: wrapKeys(res.outs, [...secretKeys(inputs), ...r.alwaysSecret]) };
    },

    async read(id, urn, props) {
        const r = route(urn);
        let state = plain(props);
        let readId = id;
        // `pulumi import` reads with the id alone; an ApiObject's id then says where the object lives.
        const importing = r.provider === RESOURCES[nativeType("ApiObject")].provider && state.path === undefined;
        if (importing) ({ id: readId, props: state } = apiObjectImportProps(id));
        const res = importing ? importedApiObject(await r.provider.read!(readId, state)) : await r.provider.read!(readId, state);
        const secrets = secretKeys(props);
        return { id: res.id, props: wrapKeys(res.props, [...secrets, ...r.alwaysSecret]), inputs: wrapKeys(res.inputs, secrets) };
    },

    async update(id, urn, olds, news) {
        const r = route(urn);
        const res = await r.provider.update!(id, plain(olds), plain(news));
        return { outs: wrapKeys(res.outs, [...secretKeys(news), ...r.alwaysSecret]) };
    },

    async delete(id, urn, props) {
        await route(urn).provider.delete!(id, plain(props));
    },

    async invoke(token, inputs) {
        const fn = FUNCTIONS[token];
        if (!fn) throw new Error(`unknown function ${token} (this provider serves ${Object.keys(FUNCTIONS).join(", ")})`);
        const args = Object.fromEntries(Object.entries(plain(inputs)).filter(([, v]) => v !== undefined && v !== null));
        try {
            const outputs = await fn(args);
            // A result derived from a secret argument stays secret; callApi's is secret by default.
            const secrets = answerIsSecret(token, args, secretKeys(inputs).length > 0) ? Object.keys(outputs as Props) : [];
            return { outputs: wrapKeys(outputs as Props, secrets) };
        } catch (e) {
            if (e instanceof InvokeFailures) return { failures: e.failures };
            throw e;
        }
    },
};
