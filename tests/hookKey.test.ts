// The hook-key provider and the lookups against the emulator over real HTTP, counting calls.
import * as assert from "assert";
import { createVerify, createSign, generateKeyPairSync } from "crypto";
import { startEmulator, Emulator } from "../emulator";
import { setStackConfig } from "../provider/okta/settings";
import { DOORS } from "./support/doors";
import { getHookKey, getHookKeyPublicKey, getRequestType, getRequestTypes, getTeam, getTeams } from "../sdk/lookups";
import { minimal } from "./fixtures";

const TOKEN = "hook-SECRET-token-1d2e";

for (const door of DOORS) describe(`hook keys and lookups against the emulator (${door.name} door)`, () => {
    const p = door.provider("HookKey");
    let emu: Emulator;

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN], teams: [{ name: "Security" }, { name: 'Ops "Blue" \\ Team' }] });
        await door.configure({ orgUrl: emu.url, apiToken: TOKEN });
        // Lookups run in the program's process and read the org like the providers do (here: environment).
        process.env.OKTA_ORG_URL = emu.url;
        process.env.OKTA_API_TOKEN = TOKEN;
    });
    after(async () => {
        setStackConfig(undefined);
        delete process.env.OKTA_ORG_URL;
        delete process.env.OKTA_API_TOKEN;
        await emu.stop();
    });
    beforeEach(() => emu.clearLog());

    it("create is one call and keeps the public key as JWK and PEM", async () => {
        const c = await p.check!({}, { name: "inline-hook-signing" });
        const r = await p.create(c.inputs);
        assert.deepStrictEqual(emu.log.map((l) => `${l.method} ${l.status}`), ["POST 200"]);
        assert.match(r.id, /^HKY/);
        assert.strictEqual(r.outs.isUsed, false, "isUsed is a real boolean even when Okta sends a string");
        assert.strictEqual(r.outs.publicKey.kid, r.outs.keyId);
        assert.strictEqual(r.outs.publicKey.use, null);
        assert.match(r.outs.publicKeyPem, /^-----BEGIN PUBLIC KEY-----/);
        // The PEM is the emulator's real public key: it matches the JWK Okta published.
        const stored = emu.hookKeys.get(r.id)!;
        assert.strictEqual(stored.jwk.n, r.outs.publicKey.n);
        await p.delete!(r.id, r.outs);
    });

    it("rename is one PUT in place; read is one GET that keeps the key; 404 means gone", async () => {
        const r = await p.create((await p.check!({}, { name: "rename-me" })).inputs);
        emu.clearLog();
        const d = await p.diff!(r.id, r.outs, { name: "renamed" });
        assert.deepStrictEqual([d.changes, d.replaces], [true, []]);
        const u = await p.update!(r.id, r.outs, { name: "renamed" });
        assert.deepStrictEqual(emu.log.map((l) => l.method), ["PUT"]);
        assert.strictEqual(u.outs.name, "renamed");
        assert.strictEqual(u.outs.publicKeyPem, r.outs.publicKeyPem);
        emu.clearLog();
        const read = await p.read!(r.id, u.outs);
        assert.strictEqual(emu.log.length, 1);
        assert.deepStrictEqual(read.props, u.outs);
        assert.deepStrictEqual(read.inputs, { name: "renamed" });
        emu.hookKeys.delete(r.id);
        assert.strictEqual((await p.read!(r.id, u.outs)).id, undefined);
    });

    it("refuses to delete a key an inline hook uses, saying to detach it", async () => {
        const r = await p.create((await p.check!({}, { name: "in-use" })).inputs);
        emu.setHookKeyUsed(r.id, true);
        await assert.rejects(p.delete!(r.id, r.outs), /deleting hook key "in-use".*detach it first.*X-Okta-Request-Id|detach it first/s);
        emu.setHookKeyUsed(r.id, false);
        await p.delete!(r.id, r.outs);
        assert.strictEqual(emu.hookKeys.has(r.id), false);
    });

    it("explains a duplicate name and the 50-key limit", async () => {
        const r = await p.create((await p.check!({}, { name: "dup" })).inputs);
        await assert.rejects(p.create({ name: "dup" }), /a hook key named "dup" already exists/);
        const seeded = [];
        while (emu.hookKeys.size < 50) seeded.push(emu.seedHookKey(`filler-${emu.hookKeys.size}`));
        await assert.rejects(p.create({ name: "fifty-first" }), /limit of 50 hook keys/);
        for (const k of seeded) emu.hookKeys.delete(k.id);
        await p.delete!(r.id, r.outs);
    });

    it("check refuses a bad name before any call", async () => {
        const r = await p.check!({}, { name: "" });
        assert.deepStrictEqual(r.failures, [{ property: "name", reason: "must be 1 to 255 characters long (got 0)" }]);
        assert.deepStrictEqual((await p.check!({}, { name: "x".repeat(256) })).failures!.map((f) => f.property), ["name"]);
        assert.deepStrictEqual((await p.check!({}, { name: "ok", alg: "RS256" })).failures!.map((f) => f.property), ["alg"]);
        assert.strictEqual(emu.log.length, 0);
    });

    it("adopts an existing key with { import }: check verifies it exists; check and create together are one GET", async () => {
        const k = emu.seedHookKey("made-in-okta");
        emu.clearLog();
        const c = await p.check!({}, { name: "made-in-okta", importId: k.id });
        assert.deepStrictEqual(c.failures ?? [], []);
        const r = await p.create(c.inputs);
        assert.deepStrictEqual(emu.log.map((l) => l.method), ["GET"]);
        // A create in another process (no check before it in memory) fetches the key itself: still one GET.
        const other = emu.seedHookKey("made-in-okta-2");
        emu.clearLog();
        const r2 = await p.create({ name: "made-in-okta-2", importId: other.id });
        assert.deepStrictEqual(emu.log.map((l) => l.method), ["GET"]);
        await p.delete!(r2.id, r2.outs);
        assert.strictEqual(r.id, k.id);
        assert.strictEqual(r.outs.publicKey.n, k.jwk.n);
        const missing = await p.check!({}, { name: "x", importId: "HKYdoesnotexist12345" });
        assert.match(missing.failures![0].reason, /no hook key with id HKYdoesnotexist12345/);
        await p.delete!(r.id, r.outs);
    });

    it("lookups: teams, request types (all pages, filtered), hook keys and public keys", async () => {
        assert.strictEqual((await getTeam({ name: "Security" })).name, "Security");
        await assert.rejects(getTeam({ name: "Nope" }), /no Access Requests team named "Nope"/);
        assert.deepStrictEqual((await getTeams()).map((t) => t.name).sort(), ["IT", 'Ops "Blue" \\ Team', "Security"]);
        const team = emu.teams[0].id;
        for (let i = 0; i < 25; i++) emu.seedRequestType({ ...minimal({ ownerId: team, name: `lookup-${i}` }), status: i % 5 === 0 ? "ACTIVE" : "DRAFT" });
        emu.clearLog();
        const all = await getRequestTypes();
        assert.strictEqual(all.length, 25);
        assert.strictEqual(emu.count("GET"), 1, "limit 200: one page");
        assert.strictEqual((await getRequestTypes({ status: "ACTIVE" })).length, 5);
        assert.strictEqual((await getRequestTypes({ status: "DRAFT", lastUpdatedAfter: "2000-01-01T00:00:00.000Z" })).length, 20);
        // Filter values of the wrong shape are refused before any call: they would change the filter's meaning.
        emu.clearLog();
        await assert.rejects(getRequestTypes({ status: 'ACTIVE" or status eq "DRAFT' as never }), /^Error: getRequestTypes: status must be one of DRAFT, ACTIVE, DISABLED \(got "ACTIVE\\" or status eq \\"DRAFT"\)$/);
        await assert.rejects(getRequestTypes({ lastUpdatedAfter: '2000-01-01T00:00:00Z" or status eq "DRAFT' }), /^Error: getRequestTypes: lastUpdatedAfter must be an ISO 8601 date-time like 2024-05-01T00:00:00Z/);
        assert.strictEqual(emu.log.length, 0, "no call for refused arguments");
        const newest = await getRequestTypes({ orderBy: "created desc" });
        assert.strictEqual(newest[0].name, "lookup-24");
        const byName = await getRequestType({ name: "lookup-3" });
        assert.strictEqual(byName.ownerId, team, "a full object, not the abbreviated list item");
        assert.strictEqual((await getRequestType({ id: byName.id })).name, "lookup-3");
        await assert.rejects(getRequestType({ name: "missing" }), /no request type named "missing"/);
        for (const t of [...emu.requestTypes.values()]) emu.requestTypes.delete(t.id);

        // The filter escapes a backslash and a quote, as a SCIM string literal must.
        assert.strictEqual((await getTeam({ name: 'Ops "Blue" \\ Team' })).id, emu.teams.find((t) => t.name.startsWith("Ops"))!.id);

        const k = emu.seedHookKey("lookup-key");
        const info = await getHookKey({ name: "lookup-key" });
        assert.deepStrictEqual([info.id, info.isUsed], [k.id, false]);
        assert.strictEqual((await getHookKey({ id: k.id })).name, "lookup-key");
        const pub = await getHookKeyPublicKey({ keyId: k.keyId });
        assert.strictEqual(pub.jwk.n, k.jwk.n);
        assert.match(pub.pem, /BEGIN PUBLIC KEY/);
        await assert.rejects(getHookKey({ name: "nope" }), /no hook key named "nope"/);
        emu.hookKeys.delete(k.id);
    });

    it("the PEM verifies signatures made with the key's private half (real RSA)", () => {
        // The emulator keeps only public keys; prove the JWK→PEM conversion with a pair of our own.
        const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
        const jwk = publicKey.export({ format: "jwk" }) as { kty: string; n: string; e: string };
        const { jwkToPem } = require("../provider/okta/jwk") as typeof import("../provider/okta/jwk");
        const sig = createSign("SHA256").update("inline hook body").sign(privateKey);
        assert.ok(createVerify("SHA256").update("inline hook body").verify(jwkToPem(jwk), sig));
    });
});
