// Okta's published specs and examples as a judge of the emulator. Each case opens with a one-line
// reproduction against a running emulator (`npx okta-emulator`, token test-token); the answers must be those
// of the examples in Okta's specs (third_party/okta-openapi; errorId aside), or of recorded real traffic where they say more.
import * as assert from "assert";
import fetch from "node-fetch";
import { Emulator, startEmulator } from "../emulator";
import { loadSpec } from "../emulator/openapi";
import { GOVERNANCE_SPEC } from "../emulator/requestTypes";
import { loadRecording } from "../reports/fidelity/recordings";
import { shapeDifferences } from "../reports/fidelity/shape";
import { minimal } from "./fixtures";

const TOKEN = "spec-token";
const RT = "/governance/api/v1/request-types";

/** An error example of the Access Requests spec, by name. */
function example(name: string): Record<string, any> {
    return loadSpec(GOVERNANCE_SPEC).components!.examples[name].value;
}

/** The example and the answer agree on everything but errorId (a fresh one per error). */
function assertLikeExample(answer: any, name: string): void {
    const { errorId, ...rest } = answer;
    const { errorId: _e, ...want } = example(name);
    assert.match(errorId, /^oae[A-Za-z0-9_-]{22}$/, "errorIds are 25 characters, as Okta's");
    assert.deepStrictEqual(rest, want);
}

describe("the emulator against Okta's published examples", () => {
    let emu: Emulator;
    const call = async (method: string, p: string, body?: unknown, auth = `SSWS ${TOKEN}`) => {
        const res = await fetch(`${emu.url}${p}`, { method, headers: { Authorization: auth, Accept: "application/json", ...(body ? { "Content-Type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
        const text = await res.text();
        return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    };
    const team = () => emu.teams[0].id;

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
    });
    after(() => emu?.stop()); // undefined when before() failed (a missing spec file says so there)

    describe("paging: E0000029 with a cause naming the parameter", () => {
        it('unknown after: curl "$EMU/governance/api/v1/request-types?after=08ab2db568c7c300079fefd0" -> 400 IDENTIFIER_NOT_FOUND (was 200 [])', async () => {
            const r = await call("GET", `${RT}?after=08ab2db568c7c300079fefd0`);
            assert.strictEqual(r.status, 400);
            assertLikeExample(r.body, "request-types-list-bad-request-not-exist-after");
        });
        it('unknown after on teams: curl "$EMU/governance/api/v1/teams?after=08ab2db568c7c300079fefd0" -> 400 (was 200 [])', async () => {
            const r = await call("GET", `/governance/api/v1/teams?after=08ab2db568c7c300079fefd0`);
            assert.strictEqual(r.status, 400);
            assert.deepStrictEqual(r.body.errorCauses, example("request-types-list-bad-request-not-exist-after").errorCauses);
        });
        it('after in a bad format: curl "$EMU/governance/api/v1/request-types?after=1"', async () => {
            const r = await call("GET", `${RT}?after=1`);
            const want = example("request-types-list-bad-request-invalid-after");
            // Okta's third cause ("must be a request type id") repeats the second: the emulator gives the first two.
            assert.deepStrictEqual({ ...r.body, errorId: undefined, errorCauses: r.body.errorCauses.map((c: any) => ({ ...c })) }, { ...want, errorId: undefined, errorCauses: want.errorCauses.slice(0, 2).map((c: any) => ({ ...c })) });
        });
        it('empty after: curl "$EMU/governance/api/v1/request-types?after="', async () => assertLikeExample((await call("GET", `${RT}?after=`)).body, "empty-after"));
        it('bad limit: curl "$EMU/governance/api/v1/request-types?limit=0" -> E0000029 (was E0000001)', async () => {
            for (const limit of ["0", "201", "abc", "1.5"]) assertLikeExample((await call("GET", `${RT}?limit=${limit}`)).body, "invalid-limit");
        });
        it('bad orderBy: curl "$EMU/governance/api/v1/request-types?orderBy=color" -> E0000029 (was E0000001)', async () => {
            assertLikeExample((await call("GET", `${RT}?orderBy=color`)).body, "invalid-sort");
        });
    });

    describe("governance 400s: causes with reason, locationType, location, domain, and Okta's one-line summaries", () => {
        const body = (over: Record<string, unknown>) => ({ ...minimal({ ownerId: team() }), ...over });
        it("curl -X POST $EMU/governance/api/v1/request-types -d '{...\"ownerId\":\"<not a team>\"}' -> ownerId must be a Team in your organization.", async () => {
            assertLikeExample((await call("POST", RT, body({ ownerId: "0123456789abcdef01234567" }))).body, "ownerId-invalid");
        });
        it("no ownerId: the schema's failure as Okta words it, not validator-library text", async () => {
            const b: any = body({});
            delete b.ownerId;
            assertLikeExample((await call("POST", RT, b)).body, "ownerId-missing");
        });
        it("no approvals", async () => {
            assertLikeExample((await call("POST", RT, body({ approvalSettings: { type: "SERIAL", approvals: [] } }))).body, "no-approvals");
        });
        it("two groups in approverMemberOf", async () => {
            const r = await call("POST", RT, body({ approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MEMBER_OF", approverMemberOf: ["00g1emaKYZTWRYYRRTSK", "00garwpuyxHaWOkdV0g4"] }] } }));
            assert.strictEqual(r.status, 400);
            const c = r.body.errorCauses[0];
            // Okta's example points at .../approverMemberOf/0; the array is what is too long, so the emulator points at it.
            assert.deepStrictEqual([c.errorSummary, c.reason, c.locationType, c.domain], ["must NOT have more than 1 items", "INVALID_ARRAY_LENGTH_OVER_MAX", "body", "governance"]);
            assert.strictEqual(c.location, "/approvalSettings/approvals/0/approverMemberOf");
        });
        it("a requester field of an unknown type names the allowed values", async () => {
            const r = await call("POST", RT, body({ requestSettings: { type: "EVERYONE", requesterFields: [{ prompt: "Why?", type: "NUMBER" }] } }));
            const c = r.body.errorCauses.find((x: any) => x.reason === "INVALID_ENUM_VALUE");
            assert.ok(c, JSON.stringify(r.body));
            assert.deepStrictEqual([c.errorSummary, c.location], ["must be equal to one of the allowed values: SELECT, TEXT, DATE-TIME", "/requestSettings/requesterFields/0/type"]);
            for (const x of r.body.errorCauses) assert.deepStrictEqual(Object.keys(x).sort(), ["domain", "errorSummary", "location", "locationType", "reason"]);
        });
    });

    it("every governance 400 carries reason, locationType, location and domain in each cause (filters, duplicates, rules)", async () => {
        await call("POST", RT, minimal({ ownerId: team(), name: "taken" }));
        const answers = [
            await call("GET", `${RT}?filter=${encodeURIComponent('name eq "x"')}`),
            await call("GET", `/governance/api/v1/teams?filter=${encodeURIComponent('id eq "x"')}`),
            await call("POST", RT, minimal({ ownerId: team(), name: "taken" })),
            await call("POST", RT, minimal({ ownerId: team(), name: "rules", accessDuration: "P1DT2H" })),
        ];
        for (const a of answers) {
            assert.strictEqual(a.status, 400, JSON.stringify(a.body));
            assert.ok(a.body.errorCauses.length > 0);
            for (const c of a.body.errorCauses) assert.deepStrictEqual(Object.keys(c).sort(), ["domain", "errorSummary", "location", "locationType", "reason"], JSON.stringify(a.body));
        }
    });

    it("a request type created without description answers description in the full and the sparse form (both schemas require it)", async () => {
        const b: any = minimal({ ownerId: team(), name: "no-description" });
        delete b.description;
        const created = await call("POST", RT, b);
        assert.strictEqual(created.status, 201);
        assert.strictEqual(created.body.description, "");
        assert.strictEqual((await call("GET", `${RT}/${created.body.id}`)).body.description, "");
        const listed = (await call("GET", RT)).body.data.find((x: any) => x.id === created.body.id);
        assert.ok("description" in listed);
    });

    it("resourceName is the resource's name where the emulator knows it (Okta's examples), never made up", async () => {
        const known = await call("POST", RT, minimal({ ownerId: team(), name: "named" }));
        assert.deepStrictEqual(known.body.resourceSettings.targetResources, [{ resourceId: "00g1emaKYZTWRYYRRTSK", resourceName: "Low privilege Group 01" }]);
        const unknown = await call("POST", RT, minimal({ ownerId: team(), name: "unnamed", resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: "00gUnknownGroup12345" }] } }));
        assert.deepStrictEqual(unknown.body.resourceSettings.targetResources, [{ resourceId: "00gUnknownGroup12345" }], 'was "Group 00gUnknownGroup12345"');
    });

    it("curl -i -X DELETE $EMU/api/v1/hook-keys -> 405 with an Allow header", async () => {
        const r = await call("DELETE", "/api/v1/hook-keys");
        assert.strictEqual(r.status, 405);
        assert.strictEqual(r.headers.get("allow"), "GET, POST");
        assert.match(r.body.errorId, /^oae[A-Za-z0-9_-]{22}$/);
    });

    it("errorIds are 25 characters like the recorded ones (oae + 22), not 15; Management 404 and 400 bodies shaped as recorded", async () => {
        const recorded = loadRecording("idaas/TestAccResourceOktaGroupOwners_alreadyAssignedOwner400/oie-00.yaml").interactions[19].responseBody as any;
        const mine = (await call("DELETE", "/api/v1/hook-keys/HKYdoesnotexist12345")).body;
        assert.deepStrictEqual(shapeDifferences(recorded, mine), [], "a 404 as recorded: same keys, types, errorId format");
        // A Management 400 as recorded: causes hold only errorSummary.
        const recorded400 = loadRecording("idaas/TestAccResourceOktaUser_invalidCustomProfileAttribute/oie-00.yaml").interactions[0].responseBody as any;
        await call("POST", "/api/v1/hook-keys", { name: "twice" });
        const mine400 = (await call("POST", "/api/v1/hook-keys", { name: "twice" })).body;
        assert.deepStrictEqual(shapeDifferences(recorded400, mine400), [], "a 400 as recorded");
    });

    it("a governance 429 says it as the governance spec does; a Management one as Management does", async () => {
        emu.injectFault({ path: RT, kind: "429" });
        const gov = await call("GET", RT);
        assert.strictEqual(gov.body.errorSummary, "The API call exceeded the rate limit due to too many requests.");
        emu.injectFault({ path: "/api/v1/hook-keys", kind: "429" });
        assert.strictEqual((await call("GET", "/api/v1/hook-keys")).body.errorSummary, "API call exceeded rate limit due to too many requests.");
    });

    describe("GET /api/v1/users/me, the configuration check of the Terraform and Pulumi Okta providers", () => {
        it("curl -H 'Authorization: SSWS test-token' $EMU/api/v1/users/me -> the token's user (was 404)", async () => {
            const r = await call("GET", "/api/v1/users/me");
            assert.strictEqual(r.status, 200);
            // Shaped as a recorded user (same keys and types; a user who has logged in has dates, not nulls).
            const recorded = loadRecording("idaas/TestAccResourceOktaGroupOwners_alreadyAssignedOwner400/oie-00.yaml").interactions[4].responseBody as any;
            const diffs = shapeDifferences(recorded, r.body).filter((d) => !d.path.startsWith("$._links.") && !/^\$\.(lastLogin|passwordChanged|status|credentials\.password)$/.test(d.path));
            assert.deepStrictEqual(diffs, []);
            assert.strictEqual(r.body.status, "ACTIVE");
        });
        it("a service app's token has no user: 404 E0000007, as Okta answers", async () => {
            emu.oauth.tokens.set("svc-token", { clientId: "0oa1serviceApp000001", scopes: ["okta.users.read"], expiresAt: Date.now() + 60_000 });
            const r = await call("GET", "/api/v1/users/me", undefined, "Bearer svc-token");
            assert.deepStrictEqual([r.status, r.body.errorCode, r.body.errorSummary], [404, "E0000007", "Not found: Resource not found: me (User)"]);
        });
    });
});
