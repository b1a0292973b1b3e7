import * as assert from "assert";
import { validateRequestType } from "../provider/schema/requestTypeRules";
import { UNKNOWN } from "../provider/schema/validate";
import { appWithFields, APP, GROUP, minimal, USER } from "./fixtures";

type Mutator = (x: any) => void;

const fiveFields = (type = "TEXT") => Array.from({ length: 5 }, (_, i) => ({ prompt: `q${i}`, type }));

/** [what, mutation, property that must be named, words the reason must contain] — each from okta-api-notes §1. */
export const INVALID_CASES: [string, Mutator, string, RegExp][] = [
    ["missing name", (x) => delete x.name, "name", /required/],
    ["empty name", (x) => (x.name = ""), "name", /1 to 50/],
    ["51-char name", (x) => (x.name = "n".repeat(51)), "name", /1 to 50/],
    ["name not a string", (x) => (x.name = 42), "name", /string/],
    ["empty description", (x) => (x.description = ""), "description", /1 to 2000/],
    ["2001-char description", (x) => (x.description = "d".repeat(2001)), "description", /1 to 2000/],
    ["missing ownerId", (x) => delete x.ownerId, "ownerId", /required/],
    ["ownerId of 23 chars", (x) => (x.ownerId = "61eb0f06c462d20007f051a"), "ownerId", /24/],
    ["ownerId not hex", (x) => (x.ownerId = "zzeb0f06c462d20007f051ac"), "ownerId", /hexadecimal/],
    ["status DISABLED", (x) => (x.status = "DISABLED"), "status", /only Okta disables/],
    ["status lowercase", (x) => (x.status = "active"), "status", /DRAFT, ACTIVE/],
    ["duration in two units", (x) => (x.accessDuration = "P1DT2H"), "accessDuration", /one unit/],
    ["duration in weeks", (x) => (x.accessDuration = "P1W"), "accessDuration", /one unit/],
    ["duration in months", (x) => (x.accessDuration = "P1M"), "accessDuration", /one unit/],
    ["duration in years", (x) => (x.accessDuration = "P1Y"), "accessDuration", /one unit/],
    ["duration not ISO", (x) => (x.accessDuration = "40 days"), "accessDuration", /ISO 8601/],
    ["missing resourceSettings", (x) => delete x.resourceSettings, "resourceSettings", /required/],
    ["resource type USERS", (x) => (x.resourceSettings.type = "USERS"), "resourceSettings.type", /APPS, GROUPS, ENTITLEMENT_BUNDLES/],
    ["resource type CUSTOM", (x) => (x.resourceSettings = { type: "CUSTOM" }), "resourceSettings.type", /admin UI/],
    ["two target resources", (x) => x.resourceSettings.targetResources.push({ resourceId: GROUP }), "resourceSettings.targetResources", /exactly 1/],
    ["no target resources", (x) => (x.resourceSettings.targetResources = []), "resourceSettings.targetResources", /exactly 1/],
    ["app id for a GROUPS type", (x) => (x.resourceSettings.targetResources = [{ resourceId: APP }]), "resourceSettings.targetResources[0].resourceId", /group id/],
    ["requestSettings type ANYONE", (x) => (x.requestSettings = { type: "ANYONE" }), "requestSettings.type", /EVERYONE, MEMBER_OF/],
    ["MEMBER_OF without groups", (x) => (x.requestSettings = { type: "MEMBER_OF" }), "requestSettings.requesterMemberOf", /required/],
    ["MEMBER_OF with two groups", (x) => (x.requestSettings = { type: "MEMBER_OF", requesterMemberOf: [GROUP, GROUP] }), "requestSettings.requesterMemberOf", /exactly 1/],
    ["requesterMemberOf on EVERYONE", (x) => (x.requestSettings = { type: "EVERYONE", requesterMemberOf: [GROUP] }), "requestSettings.requesterMemberOf", /MEMBER_OF/],
    ["six requester fields", (x) => (x.requestSettings = { type: "EVERYONE", requesterFields: [...fiveFields(), { prompt: "6", type: "TEXT" }] }), "requestSettings.requesterFields", /0 to 5/],
    ["field type DATE (no hyphen)", (x) => (x.requestSettings = { type: "EVERYONE", requesterFields: [{ prompt: "p", type: "DATE" }] }), "requestSettings.requesterFields[0].type", /DATE-TIME/],
    ["empty prompt", (x) => (x.requestSettings = { type: "EVERYONE", requesterFields: [{ prompt: "", type: "TEXT" }] }), "requestSettings.requesterFields[0].prompt", /1 to 100/],
    ["101-char prompt", (x) => (x.requestSettings = { type: "EVERYONE", requesterFields: [{ prompt: "p".repeat(101), type: "TEXT" }] }), "requestSettings.requesterFields[0].prompt", /1 to 100/],
    ["SELECT without options", (x) => (x.requestSettings = { type: "EVERYONE", requesterFields: [{ prompt: "p", type: "SELECT" }] }), "requestSettings.requesterFields[0].options", /required/],
    ["SELECT with no options", (x) => (x.requestSettings = { type: "EVERYONE", requesterFields: [{ prompt: "p", type: "SELECT", options: [] }] }), "requestSettings.requesterFields[0].options", /1 to 25/],
    ["SELECT with 26 options", (x) => (x.requestSettings = { type: "EVERYONE", requesterFields: [{ prompt: "p", type: "SELECT", options: Array.from({ length: 26 }, (_, i) => ({ value: `v${i}` })) }] }), "requestSettings.requesterFields[0].options", /1 to 25/],
    ["281-char option", (x) => (x.requestSettings = { type: "EVERYONE", requesterFields: [{ prompt: "p", type: "SELECT", options: [{ value: "o".repeat(281) }] }] }), "requestSettings.requesterFields[0].options[0].value", /1 to 280/],
    ["options on a TEXT field", (x) => (x.requestSettings = { type: "EVERYONE", requesterFields: [{ prompt: "p", type: "TEXT", options: [{ value: "a" }] }] }), "requestSettings.requesterFields[0].options", /SELECT/],
    ["missing approvalSettings", (x) => delete x.approvalSettings, "approvalSettings", /required/],
    ["approval type PARALLEL", (x) => (x.approvalSettings.type = "PARALLEL"), "approvalSettings.type", /SERIAL, NONE/],
    ["SERIAL with no approvals", (x) => (x.approvalSettings.approvals = []), "approvalSettings.approvals", /1 to 5/],
    ["six approvals", (x) => (x.approvalSettings.approvals = Array.from({ length: 6 }, () => ({ approverType: "MANAGER" }))), "approvalSettings.approvals", /1 to 5/],
    ["approvals with NONE", (x) => (x.approvalSettings = { type: "NONE", approvals: [{ approverType: "MANAGER" }] }), "approvalSettings.approvals", /NONE/],
    ["approverType GROUP", (x) => (x.approvalSettings.approvals[0].approverType = "GROUP"), "approvalSettings.approvals[0].approverType", /MANAGER, MEMBER_OF, USER, RESOURCE_OWNER/],
    ["USER approval without a user", (x) => (x.approvalSettings.approvals[0] = { approverType: "USER" }), "approvalSettings.approvals[0].approverUserId", /required/],
    ["USER approval with a group id", (x) => (x.approvalSettings.approvals[0] = { approverType: "USER", approverUserId: GROUP }), "approvalSettings.approvals[0].approverUserId", /user id/],
    ["MEMBER_OF approval with no group", (x) => (x.approvalSettings.approvals[0] = { approverType: "MEMBER_OF", approverMemberOf: [] }), "approvalSettings.approvals[0].approverMemberOf", /exactly 1/],
    ["RESOURCE_OWNER with approver fields", (x) => (x.approvalSettings.approvals[0] = { approverType: "RESOURCE_OWNER", approverFields: [{ prompt: "p", type: "TEXT" }] }), "approvalSettings.approvals[0].approverFields", /RESOURCE_OWNER/],
    ["six approver fields", (x) => (x.approvalSettings.approvals[0].approverFields = [...fiveFields(), { prompt: "6", type: "TEXT" }]), "approvalSettings.approvals[0].approverFields", /0 to 5/],
    ["optional approver field", (x) => (x.approvalSettings.approvals[0].approverFields = [{ prompt: "p", type: "TEXT", required: false }]), "approvalSettings.approvals[0].approverFields[0].required", /always treats approver fields as required/],
    ["251-char approval description", (x) => (x.approvalSettings.approvals[0].description = "d".repeat(251)), "approvalSettings.approvals[0].description", /1 to 250/],
    ["unknown top-level property", (x) => (x.owner = TEAM_IT_TYPO), "owner", /not a property Okta accepts/],
    ["required not a boolean", (x) => (x.requestSettings = { type: "EVERYONE", requesterFields: [{ prompt: "p", type: "TEXT", required: "yes" }] }), "requestSettings.requesterFields[0].required", /true or false/],
];
const TEAM_IT_TYPO = "61eb0f06c462d20007f051ac";

describe("request type rules (check, before any HTTP call)", () => {
    it("accepts Okta's own examples", () => {
        assert.deepStrictEqual(validateRequestType(minimal()), []);
        assert.deepStrictEqual(validateRequestType(appWithFields()), []);
        assert.deepStrictEqual(validateRequestType(minimal({ approvalSettings: { type: "NONE" }, status: "ACTIVE", accessDuration: "P40D" })), []);
        assert.deepStrictEqual(
            validateRequestType(minimal({ approvalSettings: { type: "SERIAL", approvals: [{ approverType: "USER", approverUserId: USER, description: "Approval from Data Analytics Team Head - Stan Lee" }, { approverType: "RESOURCE_OWNER" }] } })),
            [],
        );
        for (const d of ["P40D", "PT65H", "PT90M", null]) assert.deepStrictEqual(validateRequestType(minimal({ accessDuration: d })), [], String(d));
    });

    it(`rejects ${INVALID_CASES.length} invalid inputs, naming the property and the rule`, () => {
        assert.ok(INVALID_CASES.length >= 25);
        for (const [what, mutate, property, reason] of INVALID_CASES) {
            const x: any = JSON.parse(JSON.stringify(minimal()));
            mutate(x);
            const failures = validateRequestType(x);
            const hit = failures.find((f) => f.property === property);
            assert.ok(hit, `${what}: expected a failure on ${property}, got ${JSON.stringify(failures)}`);
            assert.match(hit!.reason, reason, `${what}: reason "${hit!.reason}"`);
        }
    });

    it("lets unknown preview values through", () => {
        const x: any = minimal({ ownerId: UNKNOWN, name: UNKNOWN });
        x.resourceSettings = UNKNOWN;
        assert.deepStrictEqual(validateRequestType(x), []);
        const y: any = minimal();
        y.resourceSettings.targetResources[0].resourceId = UNKNOWN;
        y.approvalSettings.approvals[0] = { approverType: "USER", approverUserId: UNKNOWN };
        assert.deepStrictEqual(validateRequestType(y), []);
    });

    it("reports every failure at once", () => {
        const x: any = minimal({ name: "", ownerId: "x", accessDuration: "P1W" });
        const props = validateRequestType(x).map((f) => f.property).sort();
        assert.deepStrictEqual(props, ["accessDuration", "name", "ownerId"]);
    });
});
