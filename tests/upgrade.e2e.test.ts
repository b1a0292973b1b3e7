// Stacks written before the provider module was hand-written hold a serialized closure as `__provider`
// (pulumi.dynamic.Resource's form). Such a stack must keep working: no change in preview, no API call on
// up, and refresh and destroy (which run the text in state) still reach the installed provider.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, Emulator } from "../emulator";
import { RequestType } from "../sdk";
import { inlineStack, EngineStack } from "../harness/engine";
import { minimal } from "./fixtures";

const TOKEN = "upgrade-SECRET-token-0c3d";

// The stub of 0.1.0 as it was, serialized by pulumi.dynamic.Resource (583 bytes).
const legacyStub = { configure(r: any) { const p = require("pulumi-okta-dynamic/provider").requestTypeProvider; Object.setPrototypeOf(this, p); return p.configure(r); } } as pulumi.dynamic.ResourceProvider;

class LegacyRequestType extends pulumi.dynamic.Resource {
    constructor(name: string, args: object) {
        super(legacyStub, name, { ...args, created: undefined, orgUrl: undefined }, {}, "okta", "RequestType");
    }
}

describe("a stack written with the serialized-closure provider of 0.1.0", function () {
    this.timeout(300_000);
    let emu: Emulator;
    let es: EngineStack;
    let legacy = true;

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        const args = minimal({ ownerId: emu.teams[0].id, name: "upgrade-one" });
        es = await inlineStack({
            projectName: "okta-upgrade",
            program: async () => {
                if (legacy) new LegacyRequestType("one", args);
                else new RequestType("one", args);
            },
            env: { OKTA_ORG_URL: emu.url, OKTA_API_TOKEN: TOKEN },
        });
    });
    after(async () => {
        await es?.cleanup();
        await emu?.stop();
    });

    const providerText = () => es.storedState().json.checkpoint.latest.resources.find((r: any) => r.type.endsWith(":RequestType")).inputs.__provider as string;

    it("previews with no change and updates with no API call under the current SDK; refresh and destroy still work", async () => {
        assert.strictEqual((await es.stack.up()).summary.result, "succeeded");
        assert.strictEqual(emu.requestTypes.size, 1);
        assert.ok(providerText().includes("setPrototypeOf"), "the stack starts with the closure form");

        legacy = false;
        emu.clearLog();
        assert.deepStrictEqual((await es.stack.preview()).changeSummary, { same: 2 });
        await es.stack.up();
        // The preview's credential check is the only call (provider/verifyAccess.ts); the update makes none.
        assert.deepStrictEqual(emu.log.map((l) => `${l.method} ${l.path}`), ["GET /api/v1/users/me"], "no API call but the preview's credential check");
        await es.stack.refresh({ expectNoChanges: true });
        await es.stack.destroy();
        assert.strictEqual(emu.requestTypes.size, 0);
    });
});
