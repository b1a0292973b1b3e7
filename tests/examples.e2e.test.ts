// The programs in examples/ as users run them: through the real engine, against the emulator, org and token in
// stack config. Each example's own claims (one publish call, a PEM that matches the lookup) are checked here.
import * as assert from "assert";
import { startEmulator, Emulator } from "../emulator";
import { inlineStack, EngineStack } from "../harness/engine";
import { requestTypes } from "../examples/request-types/program";
import { hookKeys } from "../examples/hook-keys/program";
import { privilegedAccess } from "../examples/privileged-access/program";
import { devices } from "../examples/devices/program";
import { APP, GROUP, GROUP2 } from "./fixtures";

const TOKEN = "examples-SECRET-token-31c2";
const PAM_USER = { keyId: "6f3c0d52-8a1b-4c7e-9d2f-0b5a7e1c3d44", keySecret: "examples-PAM-SECRET-9a7f", name: "pulumi-svc" };

describe("the examples through the real engine", function () {
    this.timeout(300_000);
    let emu: Emulator;
    const stacks: EngineStack[] = [];

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN], pam: { team: "platform", serviceUsers: [PAM_USER] } });
    });
    after(async () => {
        for (const s of stacks) await s.cleanup();
        await emu.stop();
    });

    const stackFor = async (projectName: string, program: () => Promise<Record<string, unknown>>) => {
        const es = await inlineStack({
            projectName,
            program,
            config: {
                "pulumi-okta-dynamic:orgUrl": { value: emu.url },
                "okta:apiToken": { value: TOKEN, secret: true },
                "pulumi-okta-dynamic:pamUrl": { value: emu.url },
                "pulumi-okta-dynamic:pamTeam": { value: "platform" },
                "pulumi-okta-dynamic:pamKeyId": { value: PAM_USER.keyId },
                "pulumi-okta-dynamic:pamKeySecret": { value: PAM_USER.keySecret, secret: true },
            },
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

    it("privileged-access: the sudo command bundle through up, refresh with no drift, an in-place change, and destroy", async () => {
        let description = "Lets engineers create directories";
        const es = await stackFor("example-pam", async () => privilegedAccess({ name: "create_directories", description }));
        const pamWrites = () => emu.log.filter((l) => l.path.includes("/sudo_command_bundles") && l.method !== "GET").map((l) => `${l.method} ${l.status}`);
        emu.clearLog();
        const up = await es.stack.up();
        assert.deepStrictEqual(pamWrites(), ["POST 201"]);
        assert.deepStrictEqual(up.outputs.renderedCommands.value, ["/bin/mkdir *"]);
        assert.strictEqual(up.outputs.createdBy.value, "pulumi-svc");
        assert.strictEqual(up.outputs.createdBy.secret, false, "the program unsecrets the fields it exports");
        const stored = es.storedState().json.checkpoint.latest.resources.find((r: any) => r.type.endsWith(":ApiObject"));
        assert.ok(stored.outputs.object.ciphertext, `object is stored in plaintext: ${JSON.stringify(stored.outputs.object)}`);
        // Okta's additions (rendered_command, args, created_by...) are not drift.
        await es.stack.refresh({ expectNoChanges: true });
        assert.deepStrictEqual((await es.stack.preview()).changeSummary, { same: 2 });

        description = "Lets engineers create directories (reviewed)";
        emu.clearLog();
        const changed = await es.stack.up();
        assert.deepStrictEqual(changed.summary.resourceChanges, { same: 1, update: 1 });
        assert.deepStrictEqual(pamWrites(), ["PUT 204"]);
        const bundle = [...emu.pam.bundles.values()][0] as { description?: string };
        assert.strictEqual(bundle.description, description);

        const state = es.storedState().text;
        assert.ok(!state.includes(PAM_USER.keySecret), "the PAM key secret is in the state");
        await es.stack.destroy();
        assert.strictEqual(emu.pam.bundles.size, 0);
    });

    it("devices: the program lists active devices of a platform (all pages) and suspended ones, managing nothing", async () => {
        for (let i = 0; i < 3; i++) emu.seedDevice({ status: "ACTIVE", profile: { displayName: `win-${i}`, platform: "WINDOWS" } });
        emu.seedDevice({ status: "ACTIVE", profile: { displayName: "mac-1", platform: "MACOS" } });
        const suspended = emu.seedDevice({ status: "SUSPENDED", profile: { displayName: "win-old", platform: "WINDOWS" } });
        const es = await stackFor("example-devices", async () => devices("WINDOWS"));
        emu.clearLog();
        const up = await es.stack.up();
        assert.strictEqual(up.outputs.activeDeviceCount.value, 3);
        assert.strictEqual(up.outputs.activeDevices.secret, false, "the program unsecrets the device fields it exports");
        assert.deepStrictEqual((up.outputs.activeDevices.value as { displayName: string }[]).map((d) => d.displayName).sort(), ["win-0", "win-1", "win-2"]);
        assert.deepStrictEqual(up.outputs.suspendedDeviceIds.value, [suspended.id]);
        assert.ok(emu.log.every((l) => l.method === "GET"), "nothing but reads");
    });
});
