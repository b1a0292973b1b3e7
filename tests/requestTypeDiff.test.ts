import * as assert from "assert";
import { canonicalRequestType, createPayload, diffRequestType, describeMismatch, minimalHeldRequestType, minimalRequestType } from "../provider/requestTypeDiff";
import { UNKNOWN } from "../provider/schema/validate";
import { appWithFields, GROUP2, minimal } from "./fixtures";

/** What Okta answers for seeds/002's minimal example (server-made ids, defaults, resource names). */
function asOktaHolds(x: any): any {
    const o = JSON.parse(JSON.stringify(x));
    o.id = "08ab2db568c7c300079fefd0";
    o.status ??= "DRAFT";
    o.accessDuration ??= null;
    o.requestSettings ??= { type: "EVERYONE", requesterFields: [] };
    o.requestSettings.requesterFields = (o.requestSettings.requesterFields ?? []).map((f: any) => ({ id: "05c87fe9-11f6-4d40-a033-b155b39dcdbe", required: true, ...f }));
    o.resourceSettings.targetResources[0].resourceName = "Low privilege Group 01";
    if (o.approvalSettings.type === "SERIAL") {
        for (const a of o.approvalSettings.approvals) {
            a.description ??= { MANAGER: "Approval from the requester's manager", MEMBER_OF: "Approval from a member of the specified OKTA group", USER: "Approval from the specified user", RESOURCE_OWNER: "Approval from the resource owner" }[a.approverType as string];
            a.approverFields = (a.approverFields ?? []).map((f: any) => ({ id: "ec9da40d-9c1b-41c6-8016-edfd010b02d2", required: true, ...f }));
        }
    }
    Object.assign(o, { created: "2022-05-24T14:15:22Z", createdBy: "00ub0oNGTSWTBKOLGLNR", lastUpdated: "2022-05-24T14:15:22Z", lastUpdatedBy: "00ub0oNGTSWTBKOLGLNR", lastUpdateSource: "API" });
    return o;
}

describe("request type diff", () => {
    it("reports no change when only server-filled defaults differ (no endless diffs)", () => {
        for (const declared of [minimal(), appWithFields(), minimal({ approvalSettings: { type: "SERIAL", approvals: [{ approverType: "RESOURCE_OWNER" }] } })]) {
            const d = diffRequestType(asOktaHolds(declared), canonicalRequestType(declared as any));
            assert.deepStrictEqual(d.changed, [], JSON.stringify(d));
            assert.deepStrictEqual(diffRequestType(asOktaHolds(declared), declared as any).changed, []);
        }
    });

    it("keeps inputs minimal: Okta's object and the declaration share one minimal form, with the defaults left out", () => {
        for (const declared of [minimal(), appWithFields(), minimal({ approvalSettings: { type: "NONE" }, accessDuration: "P40D" })]) {
            const m = minimalRequestType(declared as any);
            assert.deepStrictEqual(minimalHeldRequestType(asOktaHolds(declared)), m, "what refresh stores equals what check stored");
            assert.deepStrictEqual(canonicalRequestType(m), canonicalRequestType(declared as any), "nothing is lost");
        }
        assert.deepStrictEqual(minimalRequestType(minimal() as any), {
            name: "salesforce-01",
            description: "How users can request access to Admin Group",
            ownerId: minimal().ownerId,
            resourceSettings: minimal().resourceSettings,
            approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
            status: "DRAFT",
        });
        const fields = minimalRequestType(appWithFields() as any) as any;
        assert.deepStrictEqual(fields.requestSettings.requesterFields[0], { prompt: "What is the business justification for access?", type: "TEXT" }, "required: true is the default");
        assert.strictEqual(fields.requestSettings.requesterFields[2].required, false);
    });

    it("treats a status change alone as an in-place update", () => {
        const d = diffRequestType(asOktaHolds(minimal()), minimal({ status: "ACTIVE" }) as any);
        assert.deepStrictEqual(d.changed, ["status"]);
        assert.deepStrictEqual(d.replaces, []);
        assert.strictEqual(d.deleteBeforeReplace, false);
    });

    it("replaces on any other change, deleting first when the name stays", () => {
        const d = diffRequestType(asOktaHolds(minimal()), minimal({ description: "new words" }) as any);
        assert.deepStrictEqual(d.replaces, ["description"]);
        assert.strictEqual(d.deleteBeforeReplace, true);
        const renamed = diffRequestType(asOktaHolds(minimal()), minimal({ name: "salesforce-02" }) as any);
        assert.deepStrictEqual(renamed.replaces, ["name"]);
        assert.strictEqual(renamed.deleteBeforeReplace, false, "a new name may be created before the old one is deleted");
        const both = diffRequestType(asOktaHolds(minimal()), minimal({ accessDuration: "P1D", status: "ACTIVE" }) as any);
        assert.deepStrictEqual(both.changed, ["accessDuration", "status"]);
        assert.deepStrictEqual(both.replaces, ["accessDuration"]);
    });

    it("sees a changed field inside nested settings", () => {
        const changed = appWithFields();
        (changed.requestSettings as any).requesterFields[1].options.push({ value: "Owner" });
        assert.deepStrictEqual(diffRequestType(asOktaHolds(appWithFields()), changed as any).replaces, ["requestSettings"]);
        const approver = appWithFields();
        (approver.approvalSettings as any).approvals[0].approverMemberOf = [GROUP2];
        assert.deepStrictEqual(diffRequestType(asOktaHolds(appWithFields()), approver as any).replaces, ["approvalSettings"]);
        const desc = minimal();
        (desc.approvalSettings as any).approvals[0].description = "Custom words";
        assert.deepStrictEqual(diffRequestType(asOktaHolds(minimal()), desc as any).replaces, ["approvalSettings"]);
    });

    it("treats unknown preview values as changes", () => {
        const d = diffRequestType(asOktaHolds(minimal()), minimal({ ownerId: UNKNOWN }) as any);
        assert.deepStrictEqual(d.replaces, ["ownerId"]);
        const s = diffRequestType(asOktaHolds(minimal()), minimal({ status: UNKNOWN as any }) as any);
        assert.deepStrictEqual(s.changed, ["status"]);
        const n = diffRequestType(asOktaHolds(minimal()), minimal({ name: UNKNOWN }) as any);
        assert.strictEqual(n.deleteBeforeReplace, false);
    });

    it("builds a create payload with exactly the writable attributes", () => {
        const body: any = createPayload(canonicalRequestType({ ...minimal(), importId: "x", __provider: "y" } as any));
        assert.deepStrictEqual(Object.keys(body).sort(), ["accessDuration", "approvalSettings", "description", "name", "ownerId", "requestSettings", "resourceSettings", "status"]);
        assert.deepStrictEqual(body.requestSettings, { type: "EVERYONE", requesterFields: [] });
        // The approval's description is Okta's to word when the program leaves it out: no string of ours is sent.
        assert.deepStrictEqual(body.approvalSettings.approvals[0], { approverType: "MANAGER", approverFields: [] });
    });

    it("an approver field Okta holds with required: false adopts as declared without it (Okta treats it as required)", () => {
        const withField = (required?: boolean) =>
            minimal({ approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER", approverFields: [{ prompt: "Why?", type: "TEXT", ...(required === undefined ? {} : { required }) }] }] } });
        const held = { ...withField(false), id: "0123456789abcdef01234567", status: "DRAFT" } as any;
        assert.deepStrictEqual(describeMismatch(held, withField() as any), []);
        assert.deepStrictEqual(minimalHeldRequestType(held), minimalRequestType(withField() as any), "refresh and the import command write no required: false");
        assert.strictEqual(diffRequestType(minimalRequestType(held), minimalRequestType(withField() as any)).changed.length, 0);
        // A requester field's required: false is real, and stays.
        const req = minimal({ requestSettings: { type: "EVERYONE", requesterFields: [{ prompt: "Why?", type: "TEXT", required: false }] } });
        assert.deepStrictEqual((minimalRequestType(req as any).requestSettings as any).requesterFields[0].required, false);
    });

    it("lists each mismatching field with both values for adoption", () => {
        const lines = describeMismatch(asOktaHolds(minimal()), minimal({ description: "other", accessDuration: "P2D", status: "ACTIVE" }) as any);
        assert.strictEqual(lines.length, 2, lines.join("\n"));
        assert.match(lines[0], /^description: Okta has "How users can request access to Admin Group", the program declares "other"$/);
        assert.match(lines[1], /^accessDuration: Okta has null, the program declares "P2D"$/);
    });
});
