// The two front doors onto provider/: the dynamic resources' ResourceProviders as the dynamic-provider plugin calls
// them, and the native plugin's Provider (native/provider.ts) as its gRPC server calls it, with the config
// the engine's Configure request carries. Provider-level tests run through both, so both doors are held to the
// same calls, diffs, replace rules and errors.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { requestTypeProvider } from "../../provider/requestType";
import { hookKeyProvider } from "../../provider/hookKey";
import { apiObjectProvider } from "../../provider/apiObject";
import { setStackConfig } from "../../provider/okta/settings";
import type { PamSettings } from "../../provider/okta/credentials";
import { verifyAccess } from "../../provider/verifyAccess";
import { nativeProvider } from "../../native/provider";
import { configFromConfigure } from "../../native/config";
import { secret, unwrap } from "../../native/secrets";

export type Kind = "RequestType" | "HookKey" | "ApiObject";

/** Where a door points: an org with an API token, a Privileged Access team with a service user's key, or both. */
export interface DoorSettings {
    orgUrl?: string;
    apiToken?: string;
    pam?: PamSettings;
}

export interface Door {
    name: "dynamic" | "native";
    /** Points the door at an org and/or a Privileged Access team, as each door's users configure it. */
    configure(settings: DoorSettings): Promise<void>;
    provider(kind: Kind): dynamic.ResourceProvider;
}

const DYNAMIC: Record<Kind, dynamic.ResourceProvider> = { RequestType: requestTypeProvider, HookKey: hookKeyProvider, ApiObject: apiObjectProvider };

/** The settings as `key: value` config, plain values, undefined ones left out. */
function configOf({ orgUrl, apiToken, pam }: DoorSettings): Record<string, string> {
    const all = { orgUrl, apiToken, pamUrl: pam?.url, pamTeam: pam?.team, pamKeyId: pam?.keyId, pamKeySecret: pam?.keySecret };
    return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
}

export const dynamicDoor: Door = {
    name: "dynamic",
    async configure(settings) {
        // The dynamic door's keys: `okta:` for the token, its own namespace for the rest.
        const config = Object.fromEntries(Object.entries(configOf(settings)).map(([k, v]) => [k === "apiToken" ? `okta:${k}` : `pulumi-okta-dynamic:${k}`, v]));
        setStackConfig({ get: (k) => config[k] });
    },
    provider: (kind) => DYNAMIC[kind],
};

type Props = Record<string, unknown>;
/**
 * Results as the engine holds them: secret outputs decrypted (tests compare plain values), and fields the gRPC
 * answer leaves unset (a Read of a deleted object) absent rather than undefined.
 */
const out = <T>(v: T): T => Object.fromEntries(Object.entries(unwrap(v) as Props).filter(([, x]) => x !== undefined)) as T;

const SECRET_KEYS = new Set(["apiToken", "pamKeySecret"]);

export const nativeDoor: Door = {
    name: "native",
    async configure(settings) {
        // As the engine sends stack config: `oktadynamic:config:*` variables (plain strings) and the same keys in
        // args, secrets wrapped.
        const config = configOf(settings);
        const variables = Object.fromEntries(Object.entries(config).map(([k, v]) => [`oktadynamic:config:${k}`, v]));
        setStackConfig(configFromConfigure(variables, Object.fromEntries(Object.entries(config).map(([k, v]) => [k, SECRET_KEYS.has(k) ? secret(v) : v]))));
        // The engine's first Check of a run verifies the credentials (once per plugin run); warm it here, so a
        // test's call count does not depend on which test ran first. (Privileged Access verifies by minting the
        // token its first call mints anyway, so it costs nothing to count.) A missing or refused credential is
        // not this helper's to report: the door's Check finds it again and reports it.
        if (settings.orgUrl) await verifyAccess("management").catch(() => undefined);
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
