// The native plugin's Configure as main.ts wires it (native/config.ts configureOnce over setStackConfig), driven
// directly against two emulators: org A, the one configured, and org B, the one the environment names. A second
// Configure naming B, or an org not known yet in a preview, must send nothing to B: before, the second Configure
// replaced the first and sent OKTA_API_TOKEN to B, and an unknown orgUrl fell back to OKTA_ORG_URL with the
// configured token.
import * as assert from "assert";
import { Emulator, startEmulator } from "../emulator";
import { configureOnce, UNKNOWN } from "../native/config";
import { nativeProvider as p } from "../native/provider";
import { secret } from "../native/secrets";
import { setStackConfig } from "../provider/okta/settings";

const TOKEN_A = "configure-A-SECRET-token-90e2";
const TOKEN_ENV = "configure-ENV-SECRET-token-13b7";
const HOOK_KEY = "urn:pulumi:dev::proj::oktadynamic:index:HookKey::k";

describe("native plugin: one Configure, and no org taken from the environment in its place", () => {
    let a: Emulator;
    let b: Emulator;
    const saved = { OKTA_ORG_URL: process.env.OKTA_ORG_URL, OKTA_API_TOKEN: process.env.OKTA_API_TOKEN };
    const reached = (emu: Emulator) => emu.log.map((l) => `${l.method} ${l.path} ${l.status}`);

    before(async () => {
        a = await startEmulator({ tokens: [TOKEN_A] });
        b = await startEmulator({ tokens: [TOKEN_A, TOKEN_ENV] });
    });
    after(async () => {
        setStackConfig(undefined);
        for (const [k, v] of Object.entries(saved)) (v === undefined ? delete process.env[k] : (process.env[k] = v));
        await a?.stop();
        await b?.stop();
    });
    beforeEach(() => {
        a.clearLog();
        b.clearLog();
        process.env.OKTA_ORG_URL = b.url;
        process.env.OKTA_API_TOKEN = TOKEN_ENV;
    });

    it("a second Configure with another org is refused, and the plugin keeps working on the first org only", async () => {
        const configure = configureOnce(setStackConfig);
        configure({ variables: { "oktadynamic:config:orgUrl": a.url }, args: { orgUrl: a.url, apiToken: secret(TOKEN_A) } });
        assert.throws(() => configure({ variables: { "oktadynamic:config:orgUrl": b.url }, args: { orgUrl: b.url } }), /configured already, and a second Configure with other settings \(oktadynamic:apiToken, oktadynamic:orgUrl\) is refused/);
        const c = await p.check!(HOOK_KEY, {}, { name: "configure-once" });
        assert.deepStrictEqual(c.failures ?? [], []);
        const made = await p.create!(HOOK_KEY, c.inputs);
        await p.delete!(made.id!, HOOK_KEY, made.outs);
        assert.deepStrictEqual(reached(a), ["GET /api/v1/users/me 200", "POST /api/v1/hook-keys 200", "DELETE /api/v1/hook-keys/" + made.id + " 204"]);
        assert.deepStrictEqual(reached(b), [], "nothing reaches the second Configure's org");
    });

    it("an orgUrl not known yet (a preview) is not replaced by OKTA_ORG_URL: the configured token goes nowhere", async () => {
        configureOnce(setStackConfig)({ variables: {}, args: { orgUrl: UNKNOWN, apiToken: secret(TOKEN_A) } });
        const c = await p.check!(HOOK_KEY, {}, { name: "unknown-org" });
        assert.deepStrictEqual(c.failures ?? [], [], "verified once the org is known, as the engine does");
        await assert.rejects(p.invoke!("oktadynamic:index:getTeams", {}), /oktadynamic:orgUrl is not known yet \(it comes from another resource's output\)/);
        await assert.rejects(p.create!(HOOK_KEY, c.inputs), /oktadynamic:orgUrl is not known yet/);
        assert.deepStrictEqual([reached(a), reached(b)], [[], []], "no call to any org");
    });
});
