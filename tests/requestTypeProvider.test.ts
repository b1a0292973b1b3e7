// The request-type provider's methods against the emulator over real HTTP, counting the calls each costs.
import * as assert from "assert";
import { startEmulator, Emulator } from "../emulator";
import { validateRequestBody } from "../emulator/openapi";
import { setStackConfig } from "../provider/okta/settings";
import { appWithFields, minimal } from "./fixtures";
import { DOORS } from "./support/doors";

const TOKEN = "unit-SECRET-token-93c1";
const GOVERNANCE_SPEC = "governance-production-requests-admin-v1-reference-minimal.yaml";

for (const door of DOORS) describe(`request type provider against the emulator (${door.name} door)`, () => {
    const p = door.provider("RequestType");
    let emu: Emulator;
    let team: string;

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        team = emu.teams.find((t) => t.name === "IT")!.id;
        await door.configure({ orgUrl: emu.url, apiToken: TOKEN });
    });
    after(async () => {
        setStackConfig(undefined);
        await emu?.stop(); // undefined when before() failed (a missing spec file says so there)
    });
    beforeEach(() => emu.clearLog());

    async function checked(x: object): Promise<Record<string, any>> {
        const r = await p.check!({}, x);
        assert.deepStrictEqual(r.failures ?? [], []);
        return r.inputs!;
    }

    it("check refuses invalid input with no HTTP call", async () => {
        const r = await p.check!({}, { ...minimal({ ownerId: team }), accessDuration: "P1W", name: "" });
        assert.deepStrictEqual(r.failures!.map((f) => f.property).sort(), ["accessDuration", "name"]);
        assert.strictEqual(emu.log.length, 0);
    });

    it("create DRAFT is one POST and the response is the state (ids, defaults, org)", async () => {
        const inputs = await checked(appWithFields({ ownerId: team, name: "prov-draft" }));
        emu.clearLog();
        const r = await p.create(inputs);
        assert.strictEqual(emu.log.length, 1);
        assert.strictEqual(emu.log[0].method, "POST");
        assert.strictEqual(emu.log[0].status, 201);
        assert.match(r.id, /^[0-9a-f]{24}$/);
        assert.strictEqual(r.outs.status, "DRAFT");
        assert.strictEqual(r.outs.orgUrl, emu.url);
        assert.strictEqual(r.outs.id, undefined);
        assert.match(r.outs.requestSettings.requesterFields[0].id, /^[0-9a-f-]{36}$/);
        assert.strictEqual(r.outs.approvalSettings.approvals[0].description, "Approval from a member of the specified OKTA group");
        const d = await p.diff!(r.id, r.outs, inputs);
        assert.strictEqual(d.changes, false, "no diff right after create");
        await p.delete!(r.id, r.outs);
    });

    it("create ACTIVE publishes in the same single call", async () => {
        const r = await p.create(await checked(minimal({ ownerId: team, name: "prov-active", status: "ACTIVE" })));
        assert.strictEqual(emu.log.length, 1);
        assert.strictEqual(r.outs.status, "ACTIVE");
        assert.strictEqual(emu.requestTypes.get(r.id)!.status, "ACTIVE");
        await p.delete!(r.id, r.outs);
    });

    it("diff costs no call; a status flip is one publish or un-publish call", async () => {
        const inputs = await checked(minimal({ ownerId: team, name: "prov-flip" }));
        const r = await p.create(inputs);
        emu.clearLog();
        const news = { ...inputs, status: "ACTIVE" };
        const d = await p.diff!(r.id, r.outs, news);
        assert.deepStrictEqual([d.changes, d.replaces], [true, []]);
        assert.strictEqual(emu.log.length, 0);
        const up = await p.update!(r.id, r.outs, news);
        assert.deepStrictEqual(emu.log.map((l) => `${l.method} ${l.path.slice(-11)} ${l.status}`), [`POST ${r.id.slice(-3)}/publish 200`]);
        assert.strictEqual(up.outs.status, "ACTIVE");
        emu.clearLog();
        const down = await p.update!(r.id, up.outs, inputs);
        assert.deepStrictEqual(emu.log.map((l) => l.path.endsWith("/un-publish")), [true]);
        assert.strictEqual(down.outs.status, "DRAFT");
        await p.delete!(r.id, down.outs);
    });

    it("read is one GET whose inputs match what check produced; 404 means gone", async () => {
        const inputs = await checked(appWithFields({ ownerId: team, name: "prov-read" }));
        const r = await p.create(inputs);
        emu.clearLog();
        const read = await p.read!(r.id, r.outs);
        assert.strictEqual(emu.log.length, 1);
        assert.strictEqual(read.id, r.id);
        assert.deepStrictEqual(read.inputs, inputs);
        assert.deepStrictEqual(read.props, r.outs);
        emu.requestTypes.delete(r.id);
        emu.clearLog();
        const gone = await p.read!(r.id, r.outs);
        assert.strictEqual(gone.id, undefined);
        assert.strictEqual(emu.log.length, 1);
    });

    it("delete is one DELETE, and an already deleted type is success", async () => {
        const r = await p.create(await checked(minimal({ ownerId: team, name: "prov-delete" })));
        emu.clearLog();
        await p.delete!(r.id, r.outs);
        assert.deepStrictEqual(emu.log.map((l) => [l.method, l.status]), [["DELETE", 204]]);
        await p.delete!(r.id, r.outs);
        assert.deepStrictEqual(emu.log.map((l) => [l.method, l.status]), [["DELETE", 204], ["DELETE", 404]]);
    });

    it("adoption with importId: check and create together cost one GET; a status difference is one publish after it", async () => {
        const made = emu.seedRequestType({ ...minimal({ ownerId: team, name: "prov-adopt" }), status: "DRAFT" });
        emu.clearLog();
        const inputs = await checked({ ...minimal({ ownerId: team, name: "prov-adopt" }), status: "ACTIVE", importId: made.id });
        const r = await p.create(inputs);
        assert.strictEqual(r.id, made.id);
        assert.deepStrictEqual(emu.log.map((l) => `${l.method} ${l.path.replace(made.id, "{id}")}`), ["GET /governance/api/v1/request-types/{id}", "POST /governance/api/v1/request-types/{id}/publish"]);
        const bad = await p.check!({}, { ...minimal({ ownerId: team, name: "prov-adopt", description: "not what Okta holds" }), importId: made.id });
        assert.match(bad.failures![0].reason, /description: Okta has "How users can request access to Admin Group", the program declares "not what Okta holds"/);
        await p.delete!(r.id, r.outs);
    });

    it("publishing a type that is already ACTIVE succeeds whether Okta answers 200 or refuses the no-op (one GET decides)", async () => {
        for (const refuse of [false, true]) {
            const strict = await startEmulator({ tokens: [TOKEN], refuseNoOpStatusChange: refuse });
            await door.configure({ orgUrl: strict.url, apiToken: TOKEN });
            try {
                const r = await p.create(await checked(minimal({ ownerId: strict.teams[0].id, name: "prov-noop" })));
                strict.requestTypes.get(r.id)!.status = "ACTIVE"; // published in the admin UI; state still says DRAFT
                strict.clearLog();
                const u = await p.update!(r.id, r.outs, { ...r.outs, status: "ACTIVE" });
                assert.strictEqual(u.outs!.status, "ACTIVE");
                const wire = strict.log.map((l) => `${l.method} ${l.status}`);
                assert.deepStrictEqual(wire, refuse ? ["POST 400", "GET 200"] : ["POST 200"]);
                // A refusal for another reason is still an error: un-publishing a type Okta disabled.
                strict.disableRequestType(r.id);
                await assert.rejects(p.update!(r.id, u.outs!, { ...u.outs!, status: "DRAFT" }), /E0000195/);
            } finally {
                await door.configure({ orgUrl: emu.url, apiToken: TOKEN });
                await strict.stop();
            }
        }
    });

    it("a DISABLED type's publish fails with Okta's code, the request id and how to repair it", async () => {
        const r = await p.create(await checked(minimal({ ownerId: team, name: "prov-disabled" })));
        emu.disableRequestType(r.id);
        await assert.rejects(p.update!(r.id, r.outs, { ...r.outs, status: "ACTIVE" }), (e: Error) => {
            assert.match(e.message, /DISABLED/);
            assert.match(e.message, /Repair it in the Access Requests admin UI/);
            assert.match(e.message, /E0000195/);
            assert.match(e.message, /X-Okta-Request-Id: \S+/);
            return true;
        });
        const read = await p.read!(r.id, r.outs);
        assert.strictEqual(read.props!.status, "DISABLED");
        await p.delete!(r.id, r.outs);
    });

    it("Okta's refusal surfaces its code, summary, causes and request id", async () => {
        const inputs = await checked(minimal({ ownerId: team, name: "prov-dup" }));
        const r = await p.create(inputs);
        await assert.rejects(p.create(inputs), (e: Error) => {
            assert.match(e.message, /creating request type "prov-dup": Okta answered 400 to POST \/governance\/api\/v1\/request-types \| E0000001/);
            assert.match(e.message, /causes: .*already exists/);
            assert.match(e.message, /X-Okta-Request-Id: \S+/);
            assert.ok(!e.message.includes(TOKEN));
            return true;
        });
        await p.delete!(r.id, r.outs);
    });

    it("refuses to act on another org than the one in state", async () => {
        const r = await p.create(await checked(minimal({ ownerId: team, name: "prov-org" })));
        const foreign = { ...r.outs, orgUrl: "https://other.okta.com" };
        emu.clearLog();
        await assert.rejects(p.diff!(r.id, foreign, r.outs), /created in https:\/\/other.okta.com.*configured for http:\/\/127.0.0.1/);
        await assert.rejects(p.read!(r.id, foreign), /Refusing to act on another org/);
        await assert.rejects(p.delete!(r.id, foreign), /Refusing to act on another org/);
        assert.strictEqual(emu.log.length, 0);
        await p.delete!(r.id, r.outs);
    });

    it("paces creates to the rate limit instead of hitting 429s", async () => {
        emu.setRateLimit("POST /governance/api/v1/request-types", 2, 2);
        try {
            const started = Date.now();
            const made = [];
            for (let i = 0; i < 4; i++) made.push(await p.create(await checked(minimal({ ownerId: team, name: `prov-paced-${i}` }))));
            assert.strictEqual(emu.log.filter((l) => l.status === 429).length, 0);
            assert.ok(Date.now() - started >= 1000, "waited for the window");
            for (const m of made) await p.delete!(m.id, m.outs);
        } finally {
            emu.setRateLimit("POST /governance/api/v1/request-types", 600, 60);
        }
    });

    it("contract: every body the provider sends is valid against Okta's published spec", async () => {
        const bodies = [minimal(), appWithFields(), minimal({ status: "ACTIVE", accessDuration: "P40D", approvalSettings: { type: "NONE" } })];
        for (const [i, b] of bodies.entries()) {
            const r = await p.create(await checked({ ...b, ownerId: team, name: `prov-contract-${i}` }));
            await p.delete!(r.id, r.outs);
        }
        const sent = emu.log.filter((l) => l.method === "POST" && l.path === "/governance/api/v1/request-types");
        assert.strictEqual(sent.length, 3);
        for (const l of sent) {
            const errors = validateRequestBody(GOVERNANCE_SPEC, "POST", l.path, l.body);
            assert.deepStrictEqual(errors, [], JSON.stringify(l.body));
        }
    });
});
