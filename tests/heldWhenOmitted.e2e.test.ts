// The new-user case through the real engine: a request type made in the admin UI whose manager
// approval carries an admin's own wording is adopted with `{ import }` by a declaration that leaves the
// approval description out. Before, the preview failed with "the program declares 'Approval from the
// requester's manager'", text the program never wrote.
import * as assert from "assert";
import { startEmulator, Emulator } from "../emulator";
import { RequestType } from "../sdk";
import { inlineStack, EngineStack } from "../harness/engine";
import { minimal } from "./fixtures";

const TOKEN = "held-e2e-token";
const ADMIN_WORDING = "Your manager confirms you need VPN access";

describe("adopting a type with an admin's wording through the real engine", function () {
    this.timeout(300_000);
    let emu: Emulator;
    let es: EngineStack;
    let declaredWording: string | undefined;

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        const made = emu.seedRequestType({
            ...minimal({ ownerId: emu.teams[0].id, name: "vpn-from-admin-ui" }),
            approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER", description: ADMIN_WORDING }] },
        } as any);
        es = await inlineStack({
            projectName: "okta-held",
            program: async () => {
                const approval = declaredWording === undefined ? { approverType: "MANAGER" as const } : { approverType: "MANAGER" as const, description: declaredWording };
                new RequestType("vpn", { ...minimal({ ownerId: emu.teams[0].id, name: "vpn-from-admin-ui" }), approvalSettings: { type: "SERIAL", approvals: [approval] } }, { import: made.id });
            },
            env: { OKTA_ORG_URL: emu.url, OKTA_API_TOKEN: TOKEN },
        });
    });
    after(async () => {
        await es?.cleanup();
        await emu?.stop();
    });

    it("preview passes, up adopts with no write, refresh and the next preview show no change", async () => {
        await es.stack.preview();
        emu.clearLog();
        await es.stack.up();
        assert.deepStrictEqual(emu.log.filter((l) => l.method !== "GET").length, 0, "adopted with reads only");
        await es.stack.refresh({ expectNoChanges: true });
        const p = await es.stack.preview();
        assert.deepStrictEqual(p.changeSummary, { same: 2 });
    });

    it("a declared wording still counts: a different one is a replacement, refused while import names the type", async () => {
        declaredWording = "Approval from the requester's manager";
        await assert.rejects(es.stack.up(), /this change replaces it \(approvalSettings\)/);
        assert.deepStrictEqual([...emu.requestTypes.values()].map((t) => (t.approvalSettings as any).approvals[0].description), [ADMIN_WORDING]);
    });
});
