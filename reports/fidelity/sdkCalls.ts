// Okta's own Node SDK (@okta/okta-sdk-nodejs 8) as a client of the emulator: the users/me check, its hook-key
// and device APIs, paging with its own Collection. Each call must succeed and its answer fit the SDK's models.
import { Client } from "@okta/okta-sdk-nodejs";
import { Emulator, startEmulator } from "../../emulator";
import { modelProblems } from "./sdkModels";

export interface SdkCall {
    call: string;
    /** The SDK model the answer must fit. */
    model: string;
    problems: string[];
}

const TOKEN = "sdk-token";

/** Runs the calls in order against a fresh emulator; a call that throws is recorded with its error. */
export async function runSdkCalls(): Promise<{ calls: SdkCall[]; requests: string[] }> {
    const emu: Emulator = await startEmulator({ tokens: [TOKEN] });
    // No cache: every call must reach the emulator (the default cache would answer repeated GETs itself).
    const client = new Client({ orgUrl: emu.url, token: TOKEN, cacheMiddleware: null } as ConstructorParameters<typeof Client>[0]);
    const calls: SdkCall[] = [];
    const step = async <T>(call: string, model: string, f: () => Promise<T>, extra: (v: T) => string[] = () => []): Promise<T | undefined> => {
        try {
            const v = await f();
            calls.push({ call, model, problems: [...(model === "void" ? (v === undefined ? [] : ["answered a body"]) : modelProblems(v, model)), ...extra(v)] });
            return v;
        } catch (e) {
            calls.push({ call, model, problems: [`threw: ${(e as Error).message}`] });
            return undefined;
        }
    };
    const all = async <T>(c: AsyncIterable<T | null>) => {
        const out: T[] = [];
        for await (const x of c) if (x) out.push(x);
        return out;
    };
    try {
        // The check other Okta clients make first.
        await step("userApi.getUser (userId me)", "UserGetSingleton", () => client.userApi.getUser({ userId: "me" }), (u) => (u.status === "ACTIVE" ? [] : [`status ${String(u.status)}`]));

        // Hook keys.
        const hk = client.hookKeyApi;
        const created = await step("hookKeyApi.createHookKey", "DetailedHookKeyInstance", () => hk.createHookKey({ keyRequest: { name: "sdk-key" } }), (k) =>
            k.isUsed === false ? [] : [`isUsed is ${JSON.stringify(k.isUsed)}, not false`],
        );
        const id = created?.id ?? "missing";
        const keyId = created?.keyId ?? "missing";
        await step("hookKeyApi.getHookKey", "HookKey", () => hk.getHookKey({ hookKeyId: id }));
        await step("hookKeyApi.listHookKeys", "Array<HookKey>", async () => all(await hk.listHookKeys()), (l) => (l.length === 1 ? [] : [`listed ${l.length} keys, not 1`]));
        await step("hookKeyApi.replaceHookKey", "DetailedHookKeyInstance", () => hk.replaceHookKey({ hookKeyId: id, keyRequest: { name: "sdk-key-renamed" } }), (k) =>
            k.name === "sdk-key-renamed" ? [] : [`name is ${k.name}`],
        );
        await step("hookKeyApi.getPublicKey", "Embedded", () => hk.getPublicKey({ keyId }), (j) => {
            const jwk = j as unknown as Record<string, unknown>;
            return jwk.kid === keyId && typeof jwk.n === "string" ? [] : ["the JWK has no n or another kid"];
        });
        await step("hookKeyApi.deleteHookKey", "void", () => hk.deleteHookKey({ hookKeyId: id }));

        // Devices: 5 enrolled, 4 of them Android; listed 2 per page through the SDK's own paginator.
        for (let i = 0; i < 5; i++) {
            emu.seedDevice({ profile: { displayName: `phone-${i}`, platform: i === 4 ? "IOS" : "ANDROID" }, users: [{ login: `user${i}@example.com` }] });
        }
        const dev = client.deviceApi;
        emu.clearLog();
        const listed = await step(
            'deviceApi.listDevices (search profile.platform eq "ANDROID", expand=user, limit 2, every page)',
            "Array<DeviceList>",
            async () => all(await dev.listDevices({ search: 'profile.platform eq "ANDROID"', expand: "user", limit: 2 })),
            (l) => {
                const p: string[] = [];
                if (l.length !== 4) p.push(`listed ${l.length} devices, not 4`);
                const pages = emu.count("GET", "/api/v1/devices");
                if (pages !== 2) p.push(`fetched ${pages} pages, not 2`);
                if (l.some((d) => !d._embedded?.users?.length)) p.push("a device without its embedded user");
                return p;
            },
        );
        const deviceId = listed?.[0]?.id ?? "missing";
        await step("deviceApi.getDevice", "Device", () => dev.getDevice({ deviceId }));
        await step("deviceApi.suspendDevice", "void", () => dev.suspendDevice({ deviceId }));
        await step("deviceApi.unsuspendDevice", "void", () => dev.unsuspendDevice({ deviceId }));
        await step("deviceApi.deactivateDevice", "void", () => dev.deactivateDevice({ deviceId }));
        await step("deviceApi.activateDevice", "void", () => dev.activateDevice({ deviceId }));
        await step("deviceApi.deactivateDevice (again, before delete)", "void", () => dev.deactivateDevice({ deviceId }));
        await step("deviceApi.deleteDevice", "void", () => dev.deleteDevice({ deviceId }), () => (emu.devices.has(deviceId) ? ["the device is still there"] : []));
        return { calls, requests: emu.log.map((l) => `${l.method} ${l.path} ${l.status}`) };
    } finally {
        await emu.stop();
    }
}
