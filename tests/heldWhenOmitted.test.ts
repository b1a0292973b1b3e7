// "Whatever Okta holds": an optional field Okta fills in, left out of the program, never shows as a mismatch on
// adoption, a diff after refresh, or a replacement because Okta's wording differs from a string in our code.
// A declared value still counts, and its drift still shows. Pure parts first, then the provider through both doors
// against the emulator over HTTP, adopting a type made "in the admin UI" with an admin's own wording.
import * as assert from "assert";
import { startEmulator, Emulator } from "../emulator";
import { describeMismatch, diffRequestType, HELD_WHEN_OMITTED, minimalRequestType, withHeldValues } from "../provider/requestTypeDiff";
import { setStackConfig } from "../provider/okta/settings";
import { appWithFields, minimal } from "./fixtures";
import { DOORS } from "./support/doors";

const ADMIN_WORDING = "Your manager confirms you need this";

/** A type as an admin made it: every optional field Okta fills in carries wording none of our code knows. */
function heldByOkta(): any {
    return {
        ...minimal({ description: "Made in the admin UI", accessDuration: "P7D" }),
        id: "0123456789abcdef01234567",
        status: "DRAFT",
        requestSettings: { type: "EVERYONE", requesterFields: [{ id: "f1", prompt: "Why?", type: "TEXT", required: true }] },
        approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER", description: ADMIN_WORDING, approverFields: [{ id: "f2", prompt: "Sure?", type: "TEXT", required: true }] }] },
    };
}

/** The same type declared with every such field left out. */
const leftOut = () => {
    const d: any = minimal({ approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] } });
    delete d.description;
    return d;
};

describe("optional fields Okta fills in mean whatever Okta holds when left out", () => {
    it("lists the fields it covers", () => {
        assert.deepStrictEqual([...HELD_WHEN_OMITTED], ["description", "requestSettings", "accessDuration", "approvalSettings.approvals[].description", "approvalSettings.approvals[].approverFields"]);
    });

    it("left out: no mismatch on adoption and no diff", () => {
        assert.deepStrictEqual(describeMismatch(heldByOkta(), leftOut()), []);
        assert.deepStrictEqual(diffRequestType(heldByOkta(), leftOut()).changed, []);
    });

    it("declared: the value counts, and a different one shows, field by field", () => {
        const declared = appWithFields({ name: "salesforce-01", ownerId: heldByOkta().ownerId, resourceSettings: heldByOkta().resourceSettings });
        (declared.approvalSettings as any).approvals = [{ approverType: "MANAGER", description: "Approval from the requester's manager" }];
        const lines = describeMismatch(heldByOkta(), declared as any);
        assert.deepStrictEqual(
            lines.map((l) => l.split(":")[0]),
            ["description", "requestSettings", "approvalSettings", "accessDuration"],
        );
        assert.match(lines[2], new RegExp(`Okta has .*${ADMIN_WORDING}.*the program declares .*Approval from the requester's manager`));
        const d = diffRequestType(heldByOkta(), { ...leftOut(), approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER", description: "Other words" }] } });
        assert.deepStrictEqual(d.replaces, ["approvalSettings"]);
    });

    it("a declared wording that happens to be Okta's usual one still counts (check keeps it; found through the engine)", async () => {
        const declared: any = leftOut();
        declared.approvalSettings.approvals[0].description = "Approval from the requester's manager";
        const inputs = minimalRequestType(declared);
        assert.strictEqual((inputs.approvalSettings as any).approvals[0].description, "Approval from the requester's manager");
        assert.deepStrictEqual(diffRequestType(heldByOkta(), inputs).replaces, ["approvalSettings"]);
    });

    it("declared in their default value, requestSettings, accessDuration and approverFields count too", () => {
        const d: any = leftOut();
        d.requestSettings = { type: "EVERYONE", requesterFields: [] };
        d.accessDuration = null;
        d.approvalSettings.approvals[0].approverFields = [];
        assert.deepStrictEqual(diffRequestType(heldByOkta(), minimalRequestType(d)).replaces, ["requestSettings", "approvalSettings", "accessDuration"]);
        assert.deepStrictEqual(diffRequestType(heldByOkta(), minimalRequestType(leftOut())).replaces, [], "left out, they are Okta's");
    });

    it("an approval of another kind inherits nothing", () => {
        const other = withHeldValues({ ...leftOut(), approvalSettings: { type: "SERIAL", approvals: [{ approverType: "RESOURCE_OWNER" }] } }, heldByOkta());
        assert.deepStrictEqual((other.approvalSettings as any).approvals[0], { approverType: "RESOURCE_OWNER" });
    });
});

for (const door of DOORS) describe(`optional fields Okta fills in, through the ${door.name} door against the emulator`, () => {
    const p = door.provider("RequestType");
    let emu: Emulator;
    before(async () => {
        emu = await startEmulator({ tokens: ["held-token"] });
        await door.configure({ orgUrl: emu.url, apiToken: "held-token" });
    });
    after(async () => {
        setStackConfig(undefined);
        await emu.stop();
    });

    /**
     * Adoption as each door does it: the dynamic door's create adopts the object its `import` option names; the
     * native door has no such option, and the engine imports (Read with the id alone, Check against what Read
     * returned, then a Diff that must show no change or the import fails).
     */
    async function adopt(id: string, declaration: Record<string, unknown>): Promise<{ id: string; outs: Record<string, any> }> {
        if (door.name === "dynamic") {
            const c = await p.check!({}, { ...declaration, importId: id });
            assert.deepStrictEqual(c.failures ?? [], [], "the preview does not say the program declares a wording it never wrote");
            const made = await p.create(c.inputs);
            return { id: made.id, outs: made.outs };
        }
        const read = await p.read!(id, {});
        const c = await p.check!(read.inputs!, declaration);
        assert.deepStrictEqual(c.failures ?? [], [], "the import does not say the program declares a wording it never wrote");
        const d = await p.diff!(id, read.props!, c.inputs);
        assert.deepStrictEqual([d.changes, d.replaces], [false, []], "the import finds the inputs matching the object");
        return { id: read.id!, outs: read.props! };
    }

    it("adopts a type whose manager approval carries an admin's wording; refresh and the next preview show nothing", async () => {
        const held = emu.seedRequestType({
            name: "vpn-access",
            description: "Made in the admin UI",
            resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: "00g1emaKYZTWRYYRRTSK" }] },
            requestSettings: { type: "EVERYONE", requesterFields: [] },
            approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER", description: ADMIN_WORDING }] },
        } as any);
        const declaration = { name: "vpn-access", ownerId: emu.teams[0].id, resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: "00g1emaKYZTWRYYRRTSK" }] }, approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] } };
        const r = await adopt(held.id, declaration);
        assert.strictEqual(r.id, held.id);
        assert.strictEqual((r.outs.approvalSettings as any).approvals[0].description, ADMIN_WORDING);
        const read = await p.read!(r.id, r.outs);
        const again = await p.check!(read.inputs!, declaration);
        const d = await p.diff!(r.id, read.props!, again.inputs);
        assert.deepStrictEqual([d.changes, d.replaces], [false, []]);
    });

    it("a created type leaves the wording to Okta, and drift of a declared description still shows", async () => {
        const declared = { ...minimal({ name: "held-declared", ownerId: emu.teams[0].id }), approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER", description: "Ask the manager" }] } };
        const omitted = { ...minimal({ name: "held-omitted", ownerId: emu.teams[0].id }) };
        emu.clearLog();
        const a = await p.create((await p.check!({}, omitted)).inputs);
        assert.strictEqual((emu.log[0].body as any).approvalSettings.approvals[0].description, undefined, "no description of ours is sent");
        const b = await p.create((await p.check!({}, declared)).inputs);
        emu.requestTypes.get(b.id)!.approvalSettings = { type: "SERIAL", approvals: [{ approverType: "MANAGER", description: "Changed in the admin UI", approverFields: [] }] } as any;
        const read = await p.read!(b.id, b.outs);
        const d = await p.diff!(b.id, read.props!, (await p.check!(read.inputs!, declared)).inputs);
        assert.deepStrictEqual(d.replaces, ["approvalSettings"], "the declared wording's drift shows");
        const readA = await p.read!(a.id, a.outs);
        const dA = await p.diff!(a.id, readA.props!, (await p.check!(readA.inputs!, omitted)).inputs);
        assert.strictEqual(dA.changes, false);
    });
});
