// The programs in examples/ as users run them: through the real engine, against the emulator, org and token in
// stack config. Each example's own claims (one publish call, a PEM that matches the lookup) are checked here.
import * as assert from "assert";
import { startEmulator, Emulator } from "../emulator";
import { inlineStack, EngineStack } from "../scripts/engine";
import { requestTypes } from "../examples/request-types/program";
import { hookKeys } from "../examples/hook-keys/program";
import { APP, GROUP, GROUP2 } from "./fixtures";

const TOKEN = "examples-SECRET-token-31c2";

describe("the examples through the real engine", function () {
    this.timeout(300_000);
    let emu: Emulator;
    const stacks: EngineStack[] = [];

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
    });
    after(async () => {
        for (const s of stacks) await s.cleanup();
        await emu.stop();
    });

    const stackFor = async (projectName: string, program: () => Promise<Record<string, unknown>>) => {
        const es = await inlineStack({
            projectName,
            program,
            config: { "pulumi-okta-dynamic:orgUrl": { value: emu.url }, "okta:apiToken": { value: TOKEN, secret: true } },
        });
        stacks.push(es);
        return es;
    };

    it("request-types: three types up; moving on-call-elevation to ACTIVE is one publish call; destroy empties the org", async () => {
        let onCall: "DRAFT" | "ACTIVE" = "DRAFT";
        const es = await stackFor("example-request-types", async () => requestTypes({ adminGroupId: GROUP, salesforceAppId: APP, approversGroupId: GROUP2 }, onCall));
        const up = await es.stack.up();
        assert.deepStrictEqual([...emu.requestTypes.values()].map((t) => t.name).sort(), ["admin-group-01", "on-call-elevation", "salesforce-01"]);
        assert.strictEqual(up.outputs.onCallStatus.value, "DRAFT");
        const fieldIds = up.outputs.approverFieldIds.value as string[][];
        assert.match(fieldIds[0][0], /^[0-9a-f-]{36}$/, "server-made field ids are outputs");
        assert.deepStrictEqual((await es.stack.preview()).changeSummary, { same: 4 });

        onCall = "ACTIVE";
        emu.clearLog();
        const second = await es.stack.up();
        assert.deepStrictEqual(second.summary.resourceChanges, { same: 3, update: 1 });
        const writes = emu.log.filter((l) => l.method !== "GET").map((l) => `${l.method} ${l.path.replace(/[0-9a-f]{24}/, "{id}")}`);
        assert.deepStrictEqual(writes, ["POST /governance/api/v1/request-types/{id}/publish"]);
        assert.strictEqual(second.outputs.onCallStatus.value, "ACTIVE");

        await es.stack.destroy();
        assert.strictEqual(emu.requestTypes.size, 0);
    });

    it("hook-keys: one create call; the key's PEM equals the public-key lookup's; destroy deletes it", async () => {
        const es = await stackFor("example-hook-keys", async () => hookKeys());
        emu.clearLog();
        const up = await es.stack.up();
        assert.strictEqual(emu.count("POST", "/api/v1/hook-keys"), 1);
        const pem = up.outputs.publicKeyPem.value as string;
        assert.match(pem, /^-----BEGIN PUBLIC KEY-----/);
        assert.strictEqual(up.outputs.samePem.value, pem);
        assert.strictEqual(up.outputs.inUse.value, false);
        assert.strictEqual([...emu.hookKeys.values()][0].name, "inline-hook-signing-prod");
        await es.stack.destroy();
        assert.strictEqual(emu.hookKeys.size, 0);
    });
});
