// The ApiObject provider against the emulator over real HTTP, through both doors (tests/support/doors.ts): a
// Privileged Access sudo command bundle's whole lifecycle, adoption with importId, a lost create answer, refresh,
// and the Privileged Access error shape, counting every request the emulator sees.
import * as assert from "assert";
import { randomBytes, randomUUID } from "crypto";
import { Emulator, PamServiceUser, startEmulator } from "../emulator";
import { OktaApiError } from "../provider/okta/errors";
import type { PamSettings } from "../provider/okta/credentials";
import { setStackConfig } from "../provider/okta/settings";
import { DOORS } from "./support/doors";
import { CREATE_DIRECTORIES, PAM_BASE as BASE, PAM_TEAM as TEAM, UUID } from "./fixtures";
import { rejectionInto } from "./support/rejection";

for (const door of DOORS) {
    describe(`ApiObject provider on Privileged Access against the emulator (${door.name} door)`, () => {
        const p = door.provider("ApiObject");
        let emu: Emulator;
        const secrets: string[] = [];
        const thrown: Error[] = [];

        const serviceUser = (name?: string): PamServiceUser => {
            const u = { keyId: randomUUID(), keySecret: randomBytes(48).toString("base64"), name };
            secrets.push(u.keySecret);
            return emu.pam.addServiceUser(u);
        };
        const pamSettings = (u: PamServiceUser): PamSettings => ({ url: emu.url, team: TEAM, keyId: u.keyId, keySecret: u.keySecret });
        const rejection = (pr: Promise<unknown>) => rejectionInto(thrown, pr);
        const wire = () => emu.log.map((l) => `${l.method} ${l.path.replace(BASE, "")} ${l.status}`);
        const mints = () => emu.log.filter((l) => l.path === `${BASE}/service_token`).length;

        before(async () => {
            emu = await startEmulator({ pam: { team: TEAM } });
        });
        after(async () => {
            setStackConfig(undefined);
            await emu?.stop();
        });
        beforeEach(() => emu.clearLog());

        it("manages a sudo command bundle with ApiObject: create 1 POST (+1 mint), diff 0 calls, update 1 PUT, read 1 GET, delete 1 DELETE", async () => {
            const u = serviceUser("pulumi-svc");
            await door.configure({ pam: pamSettings(u) });
            const data = { name: "pulumi_create_directories", description: "Managed by Pulumi", structured_commands: [{ command_type: "executable", command: "/bin/mkdir", args_type: "any" }], no_passwd: true };
            const args = { api: "privileged-access", path: "/sudo_command_bundles", data };
            const checked = await p.check!({}, args);
            assert.deepStrictEqual(checked.failures ?? [], []);

            const r = await p.create(checked.inputs);
            assert.deepStrictEqual(wire(), ["POST /service_token 200", "POST /sudo_command_bundles 201"]);
            assert.match(r.id, UUID);
            assert.strictEqual(r.outs.objectId, r.id);
            assert.strictEqual(r.outs.baseUrl, `${emu.url}${BASE}`);
            assert.deepStrictEqual([r.outs.object.created_by, r.outs.object.no_exec], ["pulumi-svc", false]);
            assert.strictEqual(emu.pam.bundles.get(r.id)!.description, "Managed by Pulumi");

            emu.clearLog();
            const same = await p.diff!(r.id, r.outs, (await p.check!(r.outs, args)).inputs);
            assert.deepStrictEqual([same.changes, same.replaces], [false, []], "fields the server added (id, created_at, args, rendered_command...) are not compared");
            assert.strictEqual(emu.log.length, 0);

            const newsArgs = { ...args, data: { ...data, description: "Managed by Pulumi, v2" } };
            const news = (await p.check!(r.outs, newsArgs)).inputs;
            const d = await p.diff!(r.id, r.outs, news);
            assert.deepStrictEqual([d.changes, d.replaces], [true, []], "an update in place");
            const u2 = await p.update!(r.id, r.outs, news);
            assert.deepStrictEqual(wire(), ["PUT /sudo_command_bundles/" + r.id + " 204"], "the cached token: no mint");
            assert.strictEqual(emu.pam.bundles.get(r.id)!.description, "Managed by Pulumi, v2");
            assert.strictEqual(u2.outs.object.description, "Managed by Pulumi, v2");
            assert.strictEqual(u2.outs.object.created_at, r.outs.object.created_at, "a 204 keeps what the server said before");

            emu.clearLog();
            const read = await p.read!(r.id, u2.outs);
            assert.deepStrictEqual(wire(), ["GET /sudo_command_bundles/" + r.id + " 200"]);
            assert.strictEqual(read.id, r.id);
            assert.deepStrictEqual(Object.keys(read.inputs!.data).sort(), Object.keys(data).sort(), "only declared fields come back as inputs");
            assert.strictEqual(read.inputs!.data.description, "Managed by Pulumi, v2");
            assert.strictEqual(read.props!.object.updated_by, "pulumi-svc");

            const forced = await p.diff!(r.id, u2.outs, (await p.check!(u2.outs, { ...newsArgs, data: { ...newsArgs.data, name: "renamed" }, replaceOnChanges: ["name"] })).inputs);
            assert.deepStrictEqual(forced.replaces, ["data"]);

            emu.clearLog();
            await p.delete!(r.id, u2.outs);
            assert.deepStrictEqual(wire(), ["DELETE /sudo_command_bundles/" + r.id + " 204"]);
            assert.strictEqual(emu.pam.bundles.has(r.id), false);
            emu.clearLog();
            await p.delete!(r.id, u2.outs);
            assert.deepStrictEqual(wire(), ["DELETE /sudo_command_bundles/" + r.id + " 404"], "already gone counts as deleted");
            assert.strictEqual(mints(), 0);
        });

        it("a lost create answer: with uniqueKey the bundle is found and adopted (one POST, one list); without it, a clear error and no second POST", async () => {
            await door.configure({ pam: pamSettings(serviceUser()) });
            const make = async (name: string, uniqueKey?: string) =>
                (await p.check!({}, { api: "privileged-access", path: "/sudo_command_bundles", data: { name, description: "lost answer" }, uniqueKey })).inputs;
            const keyed = await make("lost_answer_keyed", "name");
            await p.create(await make("lost_answer_zz_other")); // another bundle in the collection
            emu.injectFault({ kind: "lost-response", method: "POST", path: `${BASE}/sudo_command_bundles`, exact: true });
            emu.clearLog();
            const r = await p.create(keyed);
            assert.deepStrictEqual(wire(), ["POST /sudo_command_bundles 201", "GET /sudo_command_bundles 200"]);
            assert.strictEqual(emu.pam.bundles.get(r.id)!.name, "lost_answer_keyed");
            assert.strictEqual([...emu.pam.bundles.values()].filter((b) => b.name === "lost_answer_keyed").length, 1);

            const unkeyed = await make("lost_answer_unkeyed");
            emu.injectFault({ kind: "lost-response", method: "POST", path: `${BASE}/sudo_command_bundles`, exact: true });
            emu.clearLog();
            const e = await rejection(p.create(unkeyed));
            assert.match(e.message, /the answer was lost and the object may exist now.*set uniqueKey/);
            assert.deepStrictEqual(wire(), ["POST /sudo_command_bundles 201"], "not sent twice");
            const bad = await p.check!({}, { api: "privileged-access", path: "/sudo_command_bundles", data: { name: "x" }, uniqueKey: "title" });
            assert.match(bad.failures![0].reason, /must name a key of data \(data has no "title"\)/);
        });

        it("adopts an existing bundle with importId: one GET; declared fields that differ cost one PUT; settings-only changes cost nothing", async () => {
            await door.configure({ pam: pamSettings(serviceUser()) });
            const seeded = emu.pam.seedBundle({ name: "made_in_okta", description: "before Pulumi", structured_commands: [{ command_type: "executable", command: "/bin/ls", args_type: "any" }] });
            const base = { api: "privileged-access", path: "/sudo_command_bundles" };
            const calls = () => wire().filter((w) => !w.includes("/service_token")); // a new service user mints once
            emu.clearLog();
            const same = await p.create((await p.check!({}, { ...base, data: { name: "made_in_okta", description: "before Pulumi" }, importId: seeded.id })).inputs);
            assert.strictEqual(same.id, seeded.id);
            assert.deepStrictEqual(calls(), [`GET /sudo_command_bundles/${seeded.id} 200`]);

            emu.clearLog();
            const changed = await p.create((await p.check!({}, { ...base, data: { name: "made_in_okta", description: "now managed" }, importId: seeded.id })).inputs);
            assert.deepStrictEqual(calls(), [`GET /sudo_command_bundles/${seeded.id} 200`, `PUT /sudo_command_bundles/${seeded.id} 204`]);
            assert.strictEqual(emu.pam.bundles.get(seeded.id)!.description, "now managed");

            emu.clearLog();
            const news = (await p.check!(changed.outs, { ...base, data: { name: "made_in_okta", description: "now managed" }, replaceOnChanges: ["name"], uniqueKey: "name" })).inputs;
            const d = await p.diff!(seeded.id, changed.outs, news);
            assert.deepStrictEqual([d.changes, d.replaces], [true, []]);
            const u = await p.update!(seeded.id, changed.outs, news);
            assert.deepStrictEqual(u.outs.replaceOnChanges, ["name"]);
            assert.strictEqual(emu.log.length, 0, "only the provider's settings changed: no call");

            const missing = await rejection(p.create((await p.check!({}, { ...base, data: { name: "x" }, importId: "00000000-0000-4000-8000-000000000000" })).inputs));
            assert.match(missing.message, /cannot import \/sudo_command_bundles\/00000000-0000-4000-8000-000000000000: it does not exist/);
        });

        it("an ApiObject deleted outside Pulumi reads as gone (one GET, 404)", async () => {
            await door.configure({ pam: pamSettings(serviceUser()) });
            const inputs = (await p.check!({}, { api: "privileged-access", path: "/sudo_command_bundles", data: { name: "deleted_out_of_band" } })).inputs;
            const r = await p.create(inputs);
            emu.pam.bundles.delete(r.id);
            emu.clearLog();
            const read = await p.read!(r.id, r.outs);
            assert.deepStrictEqual(read, {});
            assert.deepStrictEqual(wire(), [`GET /sudo_command_bundles/${r.id} 404`]);
        });

        // Privileged Access adds fields inside structured_commands (args: null, rendered_command): not drift.
        it("after a refresh, fields the server added inside list items are not drift", async () => {
            await door.configure({ pam: pamSettings(serviceUser()) });
            const args = { api: "privileged-access", path: "/sudo_command_bundles", data: CREATE_DIRECTORIES };
            const r = await p.create((await p.check!({}, args)).inputs);
            const read = await p.read!(r.id, r.outs);
            const d = await p.diff!(r.id, read.props!, (await p.check!(read.props!, args)).inputs);
            assert.strictEqual(d.changes, false);
        });

        it("surfaces Privileged Access errors ({message, errors}) in what ApiObject throws", async () => {
            await door.configure({ pam: pamSettings(serviceUser()) });
            const inputs = (await p.check!({}, { api: "privileged-access", path: "/sudo_command_bundles", data: { name: "unique_bundle" } })).inputs;
            const first = await p.create(inputs);
            emu.clearLog();
            const dup = await rejection(p.create(inputs));
            assert.match(dup.message, /^creating an object at \/sudo_command_bundles: Okta answered 409 to POST \/sudo_command_bundles \| Conflict: a sudo command bundle named "unique_bundle" already exists \| causes: name: is already in use \| X-Okta-Request-Id: \S+/);
            assert.deepStrictEqual(wire(), ["POST /sudo_command_bundles 409"], "a 409 is not retried");

            const badInputs = (await p.check!({}, { api: "privileged-access", path: "/sudo_command_bundles", data: { name: "not a valid name!", structured_commands: [{ command_type: "exec", command: "/bin/ls" }] } })).inputs;
            const bad = await rejection(p.create(badInputs));
            assert.match(bad.message, /Okta answered 400 .* \| Bad request: the body does not match the schema \| causes: \/name: must match pattern/);
            assert.match(bad.message, /\/structured_commands\/0\/command_type: must be equal to one of the allowed values/);

            emu.pam.bundles.delete(first.id);
            const gone = await rejection(p.update!(first.id, first.outs, { ...inputs, data: { name: "unique_bundle", description: "x" } }));
            assert.match(gone.message, new RegExp(`^updating /sudo_command_bundles/${first.id}: Okta answered 404 to PUT .* \\| Not found: no sudo command bundle with id ${first.id} \\|`));
            assert.ok(gone instanceof OktaApiError && gone.errorSummary === `Not found: no sudo command bundle with id ${first.id}`);
        });

        it("no key secret or bearer token appears in any error thrown above", () => {
            assert.ok(thrown.length >= 5, `collected ${thrown.length} errors`);
            const tokens = [...emu.pam.tokens.keys()];
            assert.ok(tokens.length >= 6 && secrets.length >= 6);
            for (const e of thrown) {
                const text = `${e.message}\n${e.stack}\n${JSON.stringify(e)}`;
                for (const s of [...secrets, ...tokens]) assert.ok(!text.includes(s), `an error carries a credential: ${e.message}`);
            }
        });
    });
}
