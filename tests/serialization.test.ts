// What Pulumi stores as `__provider` for every resource: taken from a mocked program, loaded the way the
// engine's plugin loads it (requireFromString(text).handler(), then configure()), and run against the emulator.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, Emulator } from "../emulator";
import { RequestType } from "../sdk";
import { minimal } from "./fixtures";

const requireFromString: (code: string) => any = require("require-from-string");
const TOKEN = "mock-SECRET-token-77aa";

describe("the provider text stored in state", () => {
    let emu: Emulator;
    const captured: Record<string, any> = {};

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        process.env.OKTA_API_TOKEN = TOKEN; // present in the program's process, as in a real run
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    captured[args.name] = args.inputs;
                    return { id: "mock-id", state: args.inputs };
                },
                call: () => ({}),
            },
            "proj",
            "stack",
            false,
        );
    });
    after(async () => {
        delete process.env.OKTA_API_TOKEN;
        await emu.stop();
    });

    it("is one small line, holds no credential, and runs the installed provider against Okta", async () => {
        const team = emu.teams[0].id;
        const rt = new RequestType("serialized", minimal({ ownerId: team, name: "serialized-one" }));
        await new Promise<void>((resolve) => rt.urn.apply(() => resolve()));
        const text: string = captured["serialized"].__provider;
        assert.strictEqual(typeof text, "string");
        const size = Buffer.byteLength(text, "utf8");
        console.log(`      provider text: ${size} bytes`);
        assert.ok(size <= 1024, `${size} bytes`);
        assert.ok(!text.includes(TOKEN) && !/okta_api_token|apiToken|127\.0\.0\.1/i.test(text), text);

        // The engine's plugin: requireFromString(text).handler(), then configure() with the stack config.
        const provider = requireFromString(text).handler();
        await provider.configure({ config: { get: (k: string) => ({ "pulumi-okta-dynamic:orgUrl": emu.url, "okta:apiToken": TOKEN } as Record<string, string>)[k] } });
        const checked = await provider.check({}, { ...captured["serialized"], __provider: undefined });
        assert.deepStrictEqual(checked.failures ?? [], []);
        emu.clearLog();
        const created = await provider.create(checked.inputs);
        assert.strictEqual(emu.count("POST"), 1);
        assert.strictEqual(emu.requestTypes.get(created.id)!.name, "serialized-one");
        assert.ok(!JSON.stringify(created).includes(TOKEN));
        await provider.delete(created.id, created.outs);
        assert.strictEqual(emu.requestTypes.size, 0);
    });
});
