// A custom call that writes must not change the org during `pulumi preview` (CI previews every change before
// review): through the real engine, preview sends only GETs; `up` sends the write once.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, Emulator } from "../emulator";
import { callApi, callApiOutput } from "../sdk";
import { inlineStack, EngineStack } from "../harness/engine";

const TOKEN = "preview-call-token";

describe("custom calls in preview, through the real engine", function () {
    this.timeout(300_000);
    let emu: Emulator;
    let es: EngineStack;
    let deviceId: string;
    let otherId: string;

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        deviceId = emu.seedDevice({ status: "ACTIVE" }).id;
        otherId = emu.seedDevice({ status: "ACTIVE" }).id;
        es = await inlineStack({
            projectName: "okta-call-preview",
            program: async () => {
                const suspend = callApiOutput({ method: "POST", relativeUrl: `/api/v1/devices/${deviceId}/lifecycle/suspend` });
                const listed = callApiOutput({ method: "GET", relativeUrl: "/api/v1/devices" });
                const direct = await callApi({ method: "POST", relativeUrl: `/api/v1/devices/${otherId}/lifecycle/suspend` });
                return {
                    suspendStatus: suspend.statusCode,
                    listedStatus: listed.statusCode,
                    directStatus: direct.statusCode,
                    directSkipped: direct.skippedInPreview ?? false,
                    dryRun: pulumi.runtime.isDryRun(),
                };
            },
            // The calls run in the program, which reads the org from the stack config.
            config: { "pulumi-okta-dynamic:orgUrl": { value: emu.url }, "okta:apiToken": { value: TOKEN, secret: true } },
        });
    });
    after(async () => {
        await es?.cleanup();
        await emu?.stop();
    });

    it("preview sends the GET and holds both writes; up sends each write once", async () => {
        emu.clearLog();
        const pv = await es.stack.preview();
        assert.ok(pv.stdout.length > 0);
        assert.deepStrictEqual(emu.log.map((l) => `${l.method} ${l.path}`), ["GET /api/v1/devices"]);
        assert.deepStrictEqual([emu.devices.get(deviceId)!.status, emu.devices.get(otherId)!.status], ["ACTIVE", "ACTIVE"]);

        emu.clearLog();
        const up = await es.stack.up();
        const writes = emu.log.filter((l) => l.method === "POST").map((l) => `${l.path} ${l.status}`);
        assert.deepStrictEqual(writes.sort(), [`/api/v1/devices/${deviceId}/lifecycle/suspend 204`, `/api/v1/devices/${otherId}/lifecycle/suspend 204`].sort());
        assert.strictEqual(up.outputs.suspendStatus.value, 204);
        assert.strictEqual(up.outputs.listedStatus.value, 200);
        assert.strictEqual(up.outputs.directSkipped.value, false);
    });
});
