// The two front doors onto provider/: the dynamic resources' ResourceProviders as the dynamic-provider plugin calls
// them, and the native plugin's Provider (native/provider.ts) as its gRPC server calls it, with the config
// the engine's Configure request carries. Provider-level tests run through both, so both doors are held to the
// same calls, diffs, replace rules and errors.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { requestTypeProvider } from "../../provider/requestType";
import { hookKeyProvider } from "../../provider/hookKey";
import { apiObjectProvider } from "../../provider/apiObject";
import { setStackConfig } from "../../provider/okta/settings";
import { verifyAccess } from "../../provider/verifyAccess";
import { nativeProvider } from "../../native/provider";
import { configFromConfigure } from "../../native/config";
import { secret, unwrap } from "../../native/secrets";

export type Kind = "RequestType" | "HookKey" | "ApiObject";

export interface Door {
    name: "dynamic" | "native";
    /** Points the door at an org with an API token, as each door's users configure it. */
    configure(orgUrl: string, apiToken: string): Promise<void>;
    provider(kind: Kind): dynamic.ResourceProvider;
}

const DYNAMIC: Record<Kind, dynamic.ResourceProvider> = { RequestType: requestTypeProvider, HookKey: hookKeyProvider, ApiObject: apiObjectProvider };

export const dynamicDoor: Door = {
    name: "dynamic",
    async configure(orgUrl, apiToken) {
        setStackConfig({ get: (k) => ({ "pulumi-okta-dynamic:orgUrl": orgUrl, "okta:apiToken": apiToken } as Record<string, string>)[k] });
    },
    provider: (kind) => DYNAMIC[kind],
};

type Props = Record<string, unknown>;
const out = <T>(v: T): T => unwrap(v) as T; // the engine keeps secret outputs encrypted; tests compare plain values

export const nativeDoor: Door = {
    name: "native",
    async configure(orgUrl, apiToken) {
        // As the engine sends stack config: `oktadynamic:config:*` variables and the same keys in args, secrets wrapped.
        setStackConfig(configFromConfigure({ "oktadynamic:config:orgUrl": orgUrl }, { orgUrl, apiToken: secret(apiToken) }));
        // The engine's first Check of a run verifies the credentials (once per plugin run); warm it here, so a
        // test's call count does not depend on which test ran first.
        await verifyAccess("management");
    },
    provider(kind) {
        const urn = `urn:pulumi:test::doors::oktadynamic:index:${kind}::r`;
        const p = nativeProvider;
        return {
            check: async (olds: Props, news: Props) => out(await p.check!(urn, olds, news)),
            diff: async (id: string, olds: Props, news: Props) => p.diff!(id, urn, olds, news),
            create: async (inputs: Props) => out(await p.create!(urn, inputs)),
            read: async (id: string, props?: Props) => out(await p.read!(id, urn, props ?? {})),
            update: async (id: string, olds: Props, news: Props) => out(await p.update!(id, urn, olds, news)),
            delete: async (id: string, props: Props) => p.delete!(id, urn, props),
        };
    },
};

export const DOORS: Door[] = [dynamicDoor, nativeDoor];
