// Adoption through the real engine: a request type brought in with `{ import }` survives `up --replace` with
// the option kept, a change that would replace it is refused while the option names it, and once the option is
// gone the same change replaces it as usual.
import * as assert from "assert";
import { startEmulator, Emulator } from "../emulator";
import { RequestType } from "../sdk";
import { inlineStack, EngineStack } from "../harness/engine";
import { minimal } from "./fixtures";

const TOKEN = "adopt-e2e-token";

describe("adoption through the real engine", function () {
    this.timeout(300_000);
    let emu: Emulator;
    let es: EngineStack;
    let importId: string | undefined;
    let description = "Made in the admin UI before Pulumi";
    const writes = () => emu.log.filter((l) => l.method !== "GET").map((l) => `${l.method} ${l.status}`);

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        const existing = emu.seedRequestType({ ...minimal({ ownerId: emu.teams[0].id, name: "legacy-adopted", description }), status: "DRAFT" });
        importId = existing.id;
        es = await inlineStack({
            projectName: "okta-adoption",
            program: async () => {
                new RequestType("legacy", minimal({ ownerId: emu.teams[0].id, name: "legacy-adopted", description }), importId ? { import: importId } : undefined);
            },
            env: { OKTA_ORG_URL: emu.url, OKTA_API_TOKEN: TOKEN },
        });
    });
    after(async () => {
        await es?.cleanup();
        await emu?.stop();
    });

    it("adopts with no write, and `up --replace` with import kept neither deletes nor duplicates it", async () => {
        const id = importId!;
        emu.clearLog();
        await es.stack.up();
        assert.deepStrictEqual(writes(), []);
        const urn = es.storedState().json.checkpoint.latest.resources.find((r: any) => r.type.endsWith(":RequestType")).urn;
        emu.clearLog();
        const r = await es.stack.up({ replace: [urn] });
        assert.strictEqual(r.summary.result, "succeeded");
        assert.deepStrictEqual(writes(), [], "the replacement adopted the same type again and must not delete it");
        assert.ok(emu.requestTypes.has(id), "the adopted request type is gone");
        const stored = es.storedState().json.checkpoint.latest.resources.find((x: any) => x.type.endsWith(":RequestType"));
        assert.strictEqual(stored.id, id);
        await es.stack.refresh({ expectNoChanges: true });
    });

    it("a change that replaces it is refused while import names it; without import it replaces as usual", async () => {
        description = "Reworded after adoption";
        emu.clearLog();
        await assert.rejects(es.stack.up(), /adopted with \{ import: "[0-9a-f]{24}" \}, and this change replaces it \(description\): remove the `import` option/);
        assert.deepStrictEqual(writes(), []);
        importId = undefined;
        await es.stack.up();
        assert.deepStrictEqual(writes(), ["DELETE 204", "POST 201"]);
        assert.deepStrictEqual([...emu.requestTypes.values()].map((t) => [t.name, t.description]), [["legacy-adopted", description]]);
        await es.stack.destroy();
        assert.strictEqual(emu.requestTypes.size, 0);
    });
});
