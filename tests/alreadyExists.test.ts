// "Already exists" after a create whose outcome was unknown: the create was slower than the client's timeout,
// the lookup by name ran before Okta had made it, and the retry found the name taken. The object is ours and
// is adopted; a taken name this create cannot show to be its own is named, with the exact `{ import }` to add.
// Through both doors (tests/support/doors.ts).
import * as assert from "assert";
import { randomUUID } from "crypto";
import { Emulator, startEmulator } from "../emulator";
import { setStackConfig } from "../provider/okta/settings";
import { minimal } from "./fixtures";
import { DOORS } from "./support/doors";

const TOKEN = "already-exists-token";
const RT_PATH = "/governance/api/v1/request-types";

for (const door of DOORS) describe(`a create that finds its name taken (${door.name} door)`, function () {
    this.timeout(10_000);
    const rt = door.provider("RequestType");
    const ao = door.provider("ApiObject");
    let emu: Emulator;
    before(() => (process.env.OKTA_DYNAMIC_TIMEOUT_MS = "600"));
    after(() => delete process.env.OKTA_DYNAMIC_TIMEOUT_MS);
    beforeEach(async () => {
        emu = await startEmulator({ tokens: [TOKEN], pam: { team: "t1" } });
        const user = emu.pam.addServiceUser({ keyId: randomUUID(), keySecret: "ksecret" });
        await door.configure({ orgUrl: emu.url, apiToken: TOKEN, pam: { url: emu.url, team: "t1", keyId: user.keyId, keySecret: user.keySecret } });
    });
    afterEach(async () => {
        setStackConfig(undefined);
        await emu.stop();
    });

    /**
     * The first POST is acted on at 800 ms, after the client gave up (600 ms) and its lookup found nothing; the
     * retry arrives at once but is acted on at ~1000 ms, when the name is taken.
     */
    const slowCreateThenTaken = (path: string) => {
        emu.injectFault({ method: "POST", path, exact: true, kind: "timeout", delayMs: 800 });
        emu.injectFault({ method: "POST", path, exact: true, kind: "timeout", delayMs: 400 });
    };

    it("request type: adopts the object its own slow create made (no error, no duplicate)", async () => {
        const inputs = (await rt.check!({}, minimal({ ownerId: emu.teams[0].id, name: "slow-create" }))).inputs!;
        slowCreateThenTaken(RT_PATH);
        const r = await rt.create(inputs);
        assert.deepStrictEqual([...emu.requestTypes.values()].map((t) => [t.id, t.name]), [[r.id, "slow-create"]]);
        assert.deepStrictEqual(
            emu.log.filter((l) => l.method === "POST").map((l) => l.status),
            [201, 400],
            "the first POST made it; the retry was refused as a duplicate",
        );
    });

    it("request type: a name taken by an object that differs is not adopted; the error names its id and the exact { import }", async () => {
        const inputs = (await rt.check!({}, minimal({ ownerId: emu.teams[0].id, name: "taken" }))).inputs!;
        const other = emu.seedRequestType({ ...minimal({ ownerId: emu.teams[0].id, name: "taken", description: "made by hand" }), lastUpdateSource: "WEB" } as never);
        await assert.rejects(rt.create(inputs), (e: Error) => {
            assert.match(e.message, /creating request type "taken": Okta answered 400 .*already exists/);
            assert.ok(e.message.includes(`id ${other.id}`) && e.message.includes(`{ import: "${other.id}" }`), e.message);
            return true;
        });
        assert.strictEqual(emu.requestTypes.size, 1);
    });

    it("ApiObject with uniqueKey (Privileged Access 409): adopts the bundle its own slow create made", async () => {
        const inputs = (await ao.check!({}, { api: "privileged-access", path: "/sudo_command_bundles", data: { name: "slow_bundle", description: "d" }, uniqueKey: "name" })).inputs!;
        slowCreateThenTaken("/v1/teams/t1/sudo_command_bundles");
        const r = await ao.create(inputs);
        assert.deepStrictEqual([...emu.pam.bundles.values()].map((b: { id: string; name: string }) => [b.id, b.name]), [[r.id, "slow_bundle"]]);
    });

    it("ApiObject: a 409 for a bundle no attempt of this create made names its id and the exact { import }", async () => {
        const inputs = (await ao.check!({}, { api: "privileged-access", path: "/sudo_command_bundles", data: { name: "left_behind", description: "d" }, uniqueKey: "name" })).inputs!;
        const first = await ao.create(inputs); // as if an interrupted run had made it and its state was lost
        await assert.rejects(ao.create(inputs), (e: Error) => {
            assert.match(e.message, /409/);
            assert.ok(e.message.includes(`{ import: "${first.id}" }`), e.message);
            return true;
        });
    });
});
