// An object adopted with `{ import }` is never deleted by the replacement that adopts it again, a replacement
// while `import` still names the object is refused (as Pulumi refuses it for imported resources), and the
// hints around adoption and hook-key errors say what really happened. ApiObject's diff rules run through both doors.
import * as assert from "assert";
import * as ts from "typescript";
import { startEmulator, Emulator } from "../emulator";
import { requestTypeProvider as rt } from "../provider/requestType";
import { hookKeyProvider as hk } from "../provider/hookKey";
import { setStackConfig } from "../provider/okta/settings";
import { generateProgram } from "../sdk/codegen/generate";
import { minimal } from "./fixtures";
import { DOORS } from "./support/doors";

const TOKEN = "guard-SECRET-token-5e6f";

describe("adoption guards against the emulator", () => {
    let emu: Emulator;
    let team: string;

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        team = emu.teams[0].id;
        setStackConfig({ get: (k) => ({ "pulumi-okta-dynamic:orgUrl": emu.url, "okta:apiToken": TOKEN } as Record<string, string>)[k] });
    });
    after(async () => {
        setStackConfig(undefined);
        await emu.stop();
    });
    beforeEach(() => emu.clearLog());

    it("a replacement that adopts the same request type again does not delete it (targeted --replace with import kept)", async () => {
        const existing = emu.seedRequestType({ ...minimal({ ownerId: team, name: "guard-kept" }), status: "DRAFT" });
        const decl = { ...minimal({ ownerId: team, name: "guard-kept" }), importId: existing.id };
        // What the engine does for `up --replace`: check with no olds, create the new one, then delete the old one.
        const adopted = await rt.create((await rt.check!({}, decl)).inputs!);
        assert.strictEqual(adopted.id, existing.id);
        await rt.delete!(existing.id, adopted.outs);
        assert.ok(emu.requestTypes.has(existing.id), "the object the new resource adopted was deleted");
        assert.strictEqual(emu.count("DELETE"), 0);
    });

    it("diff refuses to replace a request type while import still names it, and says to remove import", async () => {
        const existing = emu.seedRequestType({ ...minimal({ ownerId: team, name: "guard-refuse" }), status: "DRAFT" });
        const decl = { ...minimal({ ownerId: team, name: "guard-refuse" }), importId: existing.id };
        const adopted = await rt.create((await rt.check!({}, decl)).inputs!);
        const changed = (await rt.check!(adopted.outs, { ...decl, description: "reworded" })).inputs!;
        await assert.rejects(rt.diff!(existing.id, adopted.outs, changed), /adopted with \{ import: ".*" \}, and this change replaces it \(description\): remove the `import` option/);
        // Without import, the same change is an ordinary replacement that deletes first (same name).
        const { importId: _i, ...plain } = changed;
        const d = await rt.diff!(existing.id, adopted.outs, plain);
        assert.deepStrictEqual([d.replaces, d.deleteBeforeReplace], [["description"], true]);
        // A status change is in place: import may stay.
        const flip = await rt.diff!(existing.id, adopted.outs, { ...(await rt.check!(adopted.outs, { ...decl, status: "ACTIVE" })).inputs! });
        assert.deepStrictEqual(flip.replaces, []);
        assert.strictEqual(emu.count("DELETE"), 0);
    });

    it("an import of an object deleted outside Pulumi says to remove the import option", async () => {
        const r = await rt.check!({}, { ...minimal({ ownerId: team, name: "guard-gone" }), importId: "0123456789abcdef01234567" });
        assert.match(r.failures![0].reason, /no request type with id 0123456789abcdef01234567.*remove the `import` option so that the next `up` creates it anew/);
        const k = await hk.check!({}, { name: "gone-key", importId: "HKYgoneGoneGoneGone1" });
        assert.match(k.failures![0].reason, /remove the `import` option/);
    });

    it("adopting a DISABLED request type fails in preview, with how to repair it, and no write", async () => {
        const disabled = emu.seedRequestType({ ...minimal({ ownerId: team, name: "guard-disabled" }), status: "DISABLED" });
        const r = await rt.check!({}, { ...minimal({ ownerId: team, name: "guard-disabled" }), importId: disabled.id });
        assert.match(r.failures!.map((f) => f.reason).join("\n"), /cannot be adopted as it is: the request type is DISABLED.*Repair it in the Access Requests admin UI/);
        assert.deepStrictEqual(emu.log.map((l) => l.method), ["GET"]);
    });

    it("a hook key adopted under a new resource name survives the delete of the old resource", async () => {
        const first = await hk.create((await hk.check!({}, { name: "moved-key" })).inputs!);
        const adopted = await hk.create((await hk.check!({}, { name: "moved-key", importId: first.id })).inputs!);
        assert.strictEqual(adopted.id, first.id);
        await hk.delete!(first.id, first.outs);
        assert.ok(emu.hookKeys.has(first.id));
        assert.strictEqual(emu.count("DELETE"), 0);
    });

    it("a duplicate hook-key name with 50 in it is reported as a duplicate, not as the 50-key limit", async () => {
        const r = await hk.create((await hk.check!({}, { name: "signing-key-2050" })).inputs!);
        await assert.rejects(hk.create({ name: "signing-key-2050" }), (e: Error) => {
            assert.match(e.message, /a hook key named "signing-key-2050" already exists/);
            assert.doesNotMatch(e.message, /limit of 50/);
            return true;
        });
        await hk.delete!(r.id, r.outs);
    });
});

for (const door of DOORS) describe(`ApiObject diff (${door.name} door)`, () => {
    const ao = door.provider("ApiObject");
    const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const olds = { api: "management", path: "/api/v1/things", idAttribute: "id", updateMethod: "PUT", replaceOnChanges: ["kind"], uniqueKey: "name", data: { name: "a", kind: "x" }, objectId: "t1" };
    let emu: Emulator;
    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        await door.configure({ orgUrl: emu.url, apiToken: TOKEN });
        emu.clearLog();
    });
    after(async () => {
        assert.deepStrictEqual(emu.log, [], "a diff sends nothing");
        setStackConfig(undefined);
        await emu.stop();
    });

    it("a replacement that keeps the unique value deletes first; one that changes it does not", async () => {
        const keep = await ao.diff!("t1", olds, { ...olds, data: { name: "a", kind: "y" } });
        assert.deepStrictEqual([keep.replaces, keep.deleteBeforeReplace], [["data"], true]);
        const rename = await ao.diff!("t1", olds, { ...olds, data: { name: "b", kind: "y" } });
        assert.deepStrictEqual([rename.replaces, rename.deleteBeforeReplace], [["data"], false]);
    });

    it("data unknown in preview is an update unless replaceOnChanges says otherwise", async () => {
        const upd = await ao.diff!("t1", olds, { ...olds, replaceOnChanges: [], data: UNKNOWN });
        assert.deepStrictEqual([upd.changes, upd.replaces], [true, []]);
        const rep = await ao.diff!("t1", olds, { ...olds, data: UNKNOWN });
        assert.deepStrictEqual(rep.replaces, ["data"]);
    });

    it("refuses a replacement while import still names the object", async () => {
        await assert.rejects(ao.diff!("t1", olds, { ...olds, importId: "t1", data: { name: "a", kind: "y" } }), /remove the `import` option/);
        const inPlace = await ao.diff!("t1", olds, { ...olds, importId: "t1", data: { name: "a", kind: "x", extra: 1 } });
        assert.deepStrictEqual(inPlace.replaces, []);
        // In preview, data not known yet may not change at all: up decides.
        const unknown = await ao.diff!("t1", olds, { ...olds, importId: "t1", data: UNKNOWN });
        assert.deepStrictEqual(unknown.replaces, ["data"]);
    });
});

describe("the import generator writes names only as literals", () => {
    it("a name with a newline or U+2028 can neither end a comment nor break a string", () => {
        const evil = 'evil\nprocess.exit(1); //';
        const out = generateProgram({
            orgUrl: "https://example.okta.com\nprocess.exit(2)",
            requestTypes: [
                { ...minimal({ name: evil }), id: "0123456789abcdef01234567", status: "DISABLED" } as any,
                { ...minimal({ name: "line\u2028sep" }), id: "0123456789abcdef01234568", status: "DRAFT" } as any,
            ],
            hookKeys: [{ id: "HKY0123456789abcdefg", keyId: "k", name: "key\u2029two", created: "", lastUpdated: "", isUsed: false } as any],
        });
        const sf = ts.transpileModule(out.source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
        assert.deepStrictEqual(sf.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")), []);
        assert.ok(!/^process\.exit/m.test(out.source), out.source);
        assert.ok(!out.source.includes("\u2028") && !out.source.includes("\u2029"));
        assert.strictEqual(out.skipped.length, 1);
        assert.strictEqual(out.declared.length, 2);
    });
});
