// Okta Privileged Access through the library's public paths (the custom call of seeds/000 and ApiObject) against
// the emulator over real HTTP: service-token minting and renewal, a sudo command bundle's whole lifecycle,
// paging, the Privileged Access error shape and its 429s, counting every request the emulator sees.
import * as assert from "assert";
import { randomBytes, randomUUID } from "crypto";
import fetch from "node-fetch";
import { Emulator, PamServiceUser, startEmulator } from "../emulator";
import { apiObjectProvider as p } from "../provider/apiObject";
import { ApiCallArgs, ApiCallResult, executeApiCall } from "../provider/apiCall";
import { currentPam } from "../provider/okta/context";
import { OktaApiError } from "../provider/okta/errors";
import { PamServiceAuth } from "../provider/okta/privilegedAccess";
import { ConfigSource, setStackConfig } from "../provider/okta/settings";

/** The team of the card's example (`https://myorg.pam.okta.com/v1/teams/adminteam/sudo_command_bundles`). */
const TEAM = "adminteam";
const BASE = `/v1/teams/${TEAM}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The spec's create example for a sudo command bundle. */
const CREATE_DIRECTORIES = {
    name: "create_directories",
    description: "can be empty",
    structured_commands: [{ command_type: "executable", command: "/bin/mkdir", args_type: "any" }],
    no_passwd: true,
    no_exec: false,
    set_env: false,
    add_env: null,
    sub_env: null,
};

describe("Okta Privileged Access through callApi and ApiObject against the emulator", () => {
    let emu: Emulator;
    const secrets: string[] = [];
    const thrown: Error[] = [];

    const serviceUser = (name?: string): PamServiceUser => {
        const u = { keyId: randomUUID(), keySecret: randomBytes(48).toString("base64"), name };
        secrets.push(u.keySecret);
        return emu.pam.addServiceUser(u);
    };
    const pamConfig = (u: PamServiceUser): ConfigSource => ({
        get: (k) =>
            (
                ({
                    "pulumi-okta-dynamic:pamUrl": emu.url,
                    "pulumi-okta-dynamic:pamTeam": TEAM,
                    "pulumi-okta-dynamic:pamKeyId": u.keyId,
                    "pulumi-okta-dynamic:pamKeySecret": u.keySecret,
                }) as Record<string, string>
            )[k],
    });
    const caller = (u: PamServiceUser) => (a: Omit<ApiCallArgs, "api">): Promise<ApiCallResult> => executeApiCall({ api: "privileged-access", ...a }, pamConfig(u));
    const rejection = async (pr: Promise<unknown>): Promise<Error> => {
        const e = await pr.then(
            () => assert.fail("expected a rejection"),
            (x: unknown) => x as Error,
        );
        thrown.push(e);
        return e;
    };
    const wire = () => emu.log.map((l) => `${l.method} ${l.path.replace(BASE, "")} ${l.status}`);
    const mints = () => emu.log.filter((l) => l.path === `${BASE}/service_token`).length;
    const bodyOf = <T = Record<string, any>>(r: ApiCallResult) => r.body as T;

    before(async () => {
        emu = await startEmulator({ pam: { team: TEAM }, logSecrets: true }); // these tests read the key secrets sent
    });
    after(async () => {
        setStackConfig(undefined);
        await emu?.stop(); // undefined when before() failed (a missing spec file says so there)
    });
    beforeEach(() => emu.clearLog());

    it("the card's example calls: relative URLs hang from /v1/teams/{team}; GET lists {list}, POST creates 201", async () => {
        const seeded = emu.pam.seedBundle({ name: "remove_directories", structured_commands: [{ command_type: "executable", command: "/bin/rmdir", args_type: "any" }], add_env: ["HOME"] });
        const call = caller(serviceUser("workflows-svc"));
        const list = await call({ method: "GET", relativeUrl: "/sudo_command_bundles" });
        assert.strictEqual(list.statusCode, 200);
        assert.deepStrictEqual(bodyOf(list).list.map((b: { id: string }) => b.id), [seeded.id]);
        assert.strictEqual(bodyOf(list).list[0].structured_commands[0].rendered_command, "/bin/rmdir *");

        const created = await call({ method: "POST", relativeUrl: "/sudo_command_bundles", body: CREATE_DIRECTORIES });
        assert.strictEqual(created.statusCode, 201);
        const b = bodyOf(created);
        assert.match(b.id, UUID);
        assert.deepStrictEqual([b.created_by, b.updated_by, b.run_as, b.structured_commands[0].args, b.structured_commands[0].rendered_command], ["workflows-svc", "workflows-svc", "", null, "/bin/mkdir *"]);
        const filtered = await call({ method: "GET", relativeUrl: "/sudo_command_bundles?contains=create" });
        assert.deepStrictEqual(bodyOf(filtered).list.map((x: { name: string }) => x.name), ["create_directories"]);
        const byQuery = await call({ method: "GET", relativeUrl: "/sudo_command_bundles", query: { contains: "remove" } });
        assert.deepStrictEqual(bodyOf(byQuery).list.map((x: { name: string }) => x.name), ["remove_directories"]);
        assert.deepStrictEqual(wire(), [
            "POST /service_token 200",
            "GET /sudo_command_bundles 200",
            "POST /sudo_command_bundles 201",
            "GET /sudo_command_bundles 200",
            "GET /sudo_command_bundles 200",
        ]);
        assert.deepStrictEqual(emu.log.map((l) => l.authScheme), [undefined, "Bearer", "Bearer", "Bearer", "Bearer"], "service_token takes no Authorization; the rest the bearer token");
        assert.deepStrictEqual(emu.log[0].body, { key_id: emu.pam.serviceUsers.find((u) => u.name === "workflows-svc")!.keyId, key_secret: secrets[secrets.length - 1] });
        for (const x of [...emu.pam.bundles.keys()]) emu.pam.bundles.delete(x);
    });

    it("mints the service token once and reuses it across 12 calls, 6 of them concurrent", async () => {
        const u = serviceUser();
        const call = caller(u);
        const before = emu.pam.tokenMints;
        await Promise.all(Array.from({ length: 6 }, () => call({ method: "GET", relativeUrl: "/sudo_command_bundles", throwOnError: true })));
        for (let i = 0; i < 6; i++) await call({ method: "GET", relativeUrl: "/resource_groups", throwOnError: true });
        assert.strictEqual(emu.pam.tokenMints - before, 1);
        assert.strictEqual(mints(), 1);
        assert.strictEqual(emu.log.length, 13);
        assert.strictEqual(currentPam(pamConfig(u)).auth.tokenRequests, 1, "the library's own count agrees");
    });

    it("renews the token a minute before the emulator's expires_at, on the library's clock, without a call", async () => {
        const u = serviceUser();
        let now = Date.now();
        const auth = new PamServiceAuth({ url: emu.url, team: TEAM, keyId: u.keyId, keySecret: u.keySecret }, () => now);
        const first = (await auth.headers()).Authorization;
        const expiresAt = [...emu.pam.tokens.values()].pop()!.expiresAt; // one hour, the default lifetime
        now = expiresAt - 61_000;
        assert.strictEqual((await auth.headers()).Authorization, first, "reused while more than a minute remains");
        now = expiresAt - 59_000;
        assert.notStrictEqual((await auth.headers()).Authorization, first, "renewed within the last minute");
        assert.deepStrictEqual(wire(), ["POST /service_token 200", "POST /service_token 200"]);
    });

    it("renews a short-lived token early through callApi, while the old one still works (no 401)", async () => {
        const u = serviceUser();
        const call = caller(u);
        // A 4 s token: renewal falls due before it expires (half its lifetime, since a minute is more than it has).
        emu.pam.tokenTtlSeconds = 4;
        try {
            await call({ method: "GET", relativeUrl: "/sudo_command_bundles", throwOnError: true });
            await call({ method: "GET", relativeUrl: "/sudo_command_bundles", throwOnError: true });
            assert.strictEqual(mints(), 1, "a fresh token is reused");
            const [first] = [...emu.pam.tokens.entries()].pop()!;
            await sleep(2100);
            await call({ method: "GET", relativeUrl: "/sudo_command_bundles", throwOnError: true });
            assert.deepStrictEqual(wire(), ["POST /service_token 200", "GET /sudo_command_bundles 200", "GET /sudo_command_bundles 200", "POST /service_token 200", "GET /sudo_command_bundles 200"]);
            assert.ok(emu.pam.tokens.get(first)!.expiresAt > Date.now(), "the first token had not expired: the renewal was early, not forced");
            assert.ok(!emu.log.some((l) => l.status === 401));
        } finally {
            emu.pam.tokenTtlSeconds = 3600;
        }
    });

    it("renews exactly once on a 401: an expired token costs one 401 and one mint; a refused new token is answered, not looped", async () => {
        const u = serviceUser();
        const call = caller(u);
        await call({ method: "GET", relativeUrl: "/sudo_command_bundles", throwOnError: true });
        emu.pam.expireTokens();
        emu.clearLog();
        const r = await call({ method: "GET", relativeUrl: "/sudo_command_bundles", throwOnError: true });
        assert.strictEqual(r.statusCode, 200);
        assert.deepStrictEqual(wire(), ["GET /sudo_command_bundles 401", "POST /service_token 200", "GET /sudo_command_bundles 200"]);

        emu.pam.rejectAllTokens = true; // a revoked service user: every token is refused
        try {
            emu.clearLog();
            const refused = await call({ method: "GET", relativeUrl: "/sudo_command_bundles" });
            assert.strictEqual(refused.statusCode, 401);
            assert.deepStrictEqual(refused.body, { message: "Unauthorized: the bearer token is not valid" }, "Privileged Access's error shape, as it came");
            assert.deepStrictEqual(wire(), ["GET /sudo_command_bundles 401", "POST /service_token 200", "GET /sudo_command_bundles 401"]);
            emu.clearLog();
            const e = await rejection(call({ method: "GET", relativeUrl: "/sudo_command_bundles", throwOnError: true }));
            assert.ok(e instanceof OktaApiError);
            assert.strictEqual(e.status, 401);
            assert.match(e.message, /Okta answered 401 to GET \/sudo_command_bundles \| Unauthorized: the bearer token is not valid \| X-Okta-Request-Id: /);
            assert.strictEqual(mints(), 1, "one renewal per call");
        } finally {
            emu.pam.rejectAllTokens = false;
        }
    });

    it("manages a sudo command bundle with ApiObject: create 1 POST (+1 mint), diff 0 calls, update 1 PUT, read 1 GET, delete 1 DELETE", async () => {
        const u = serviceUser("pulumi-svc");
        await p.configure({ config: pamConfig(u) });
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
        await p.configure({ config: pamConfig(serviceUser()) });
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
        await p.configure({ config: pamConfig(serviceUser()) });
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
        await p.configure({ config: pamConfig(serviceUser()) });
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
        await p.configure({ config: pamConfig(serviceUser()) });
        const args = { api: "privileged-access", path: "/sudo_command_bundles", data: CREATE_DIRECTORIES };
        const r = await p.create((await p.check!({}, args)).inputs);
        const read = await p.read!(r.id, r.outs);
        const d = await p.diff!(r.id, read.props!, (await p.check!(read.props!, args)).inputs);
        assert.strictEqual(d.changes, false);
    });

    it("surfaces Privileged Access errors ({message, errors}) in what ApiObject throws", async () => {
        await p.configure({ config: pamConfig(serviceUser()) });
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

    it("waits out a 429 until X-RateLimit-Retry-At (Privileged Access sends no X-Rate-Limit-Reset)", async () => {
        const u = serviceUser();
        const token = emu.pam.issue(u).bearer_token;
        emu.injectFault({ kind: "429", method: "GET", path: `${BASE}/sudo_command_bundles` });
        const raw = await fetch(`${emu.url}${BASE}/sudo_command_bundles`, { headers: { Authorization: `Bearer ${token}` } });
        assert.strictEqual(raw.status, 429);
        assert.deepStrictEqual(await raw.json(), { message: "Too many requests" });
        const retryAt = Number(raw.headers.get("x-ratelimit-retry-at"));
        assert.ok(retryAt * 1000 > Date.now() - 1000 && retryAt * 1000 < Date.now() + 5000, String(retryAt));
        assert.strictEqual(raw.headers.get("x-rate-limit-reset"), null);

        // Through the library: one request a 3 s window, so Retry-At lies seconds ahead. Waiting for it costs
        // exactly one 429; retrying sooner (a backoff, or the limiter's default second) would meet more 429s.
        const bucket = "GET /v1/teams/{id}/sudo_command_bundles";
        const call = caller(u);
        await call({ method: "GET", relativeUrl: "/resource_groups", throwOnError: true }); // mint first
        emu.setRateLimit(bucket, 1, 3);
        try {
            emu.clearLog();
            await call({ method: "GET", relativeUrl: "/sudo_command_bundles", throwOnError: true });
            const r = await call({ method: "GET", relativeUrl: "/sudo_command_bundles", throwOnError: true });
            assert.strictEqual(r.statusCode, 200);
            assert.deepStrictEqual(wire(), ["GET /sudo_command_bundles 200", "GET /sudo_command_bundles 429", "GET /sudo_command_bundles 200"]);
            const [opened, limited, retried] = emu.log;
            assert.ok(retried.time >= opened.time + 3000, `retried ${retried.time - opened.time} ms after the window opened: not before Retry-At`);
            assert.strictEqual(retried.retryFor, limited.requestId);
            assert.strictEqual(retried.retryCount, "1");
        } finally {
            emu.setRateLimit(bucket, 600, 60);
        }
    });

    it("pages sudo command bundles by offset/count with Link rel=next; allPages gathers them in name order", async () => {
        for (const x of [...emu.pam.bundles.keys()]) emu.pam.bundles.delete(x);
        const names = ["g_bundle", "c_bundle", "a_bundle", "e_bundle", "b_bundle", "f_bundle", "d_bundle"];
        for (const name of names) emu.pam.seedBundle({ name });
        const call = caller(serviceUser());
        const all = await call({ method: "GET", relativeUrl: "/sudo_command_bundles", query: { count: 3 }, allPages: true });
        assert.deepStrictEqual((all.body as { name: string }[]).map((b) => b.name), [...names].sort());
        assert.deepStrictEqual(
            emu.log.filter((l) => l.method === "GET").map((l) => `${l.query.count} ${l.query.offset ?? "-"}`),
            ["3 -", "3 c_bundle", "3 f_bundle"],
            "7 bundles at 3 a page: 3 GETs",
        );
        const first = await call({ method: "GET", relativeUrl: "/sudo_command_bundles?count=3&descending=true" });
        assert.deepStrictEqual(bodyOf(first).list.map((b: { name: string }) => b.name), ["g_bundle", "f_bundle", "e_bundle"]);
        assert.match(first.headers["link"], /^<http:\/\/127\.0\.0\.1:\d+\/v1\/teams\/adminteam\/sudo_command_bundles\?count=3&descending=true&offset=e_bundle>; rel="next"$/);
        const last = await call({ method: "GET", relativeUrl: "/sudo_command_bundles", query: { count: 3, offset: "f_bundle" } });
        assert.deepStrictEqual([bodyOf(last).list.map((b: { name: string }) => b.name), last.headers["link"]], [["g_bundle"], undefined]);
        const badCount = await call({ method: "GET", relativeUrl: "/sudo_command_bundles", query: { count: 0 } });
        assert.deepStrictEqual([badCount.statusCode, bodyOf(badCount).errors], [400, [{ path: "count", message: 'must be a positive integer (got "0")' }]]);
        for (const x of [...emu.pam.bundles.keys()]) emu.pam.bundles.delete(x);
    });

    it("resource groups and their projects: create 201, list, get, update 200, delete 204, unique names, 404s", async () => {
        const call = caller(serviceUser());
        const rg = await call({ method: "POST", relativeUrl: "/resource_groups", body: { name: "OPA_Resource_Group_1", description: "A sensible description" } });
        assert.strictEqual(rg.statusCode, 201);
        const g = bodyOf(rg);
        assert.match(g.id, UUID);
        assert.strictEqual(g.team_id, emu.pam.teamId);
        const dup = await call({ method: "POST", relativeUrl: "/resource_groups", body: { name: "OPA_Resource_Group_1" } });
        assert.deepStrictEqual([dup.statusCode, bodyOf(dup).message], [409, 'Conflict: a resource group named "OPA_Resource_Group_1" already exists']);

        const projects = `/resource_groups/${g.id}/projects`;
        for (const name of ["proj-e", "proj-a", "proj-d", "proj-b", "proj-c"]) {
            const c = await call({ method: "POST", relativeUrl: projects, body: { name, create_server_users: name === "proj-a" } });
            assert.strictEqual(c.statusCode, 201, name);
            assert.deepStrictEqual([bodyOf(c).team, bodyOf(c).resource_group_id], [TEAM, g.id]);
        }
        emu.clearLog();
        const listed = await call({ method: "GET", relativeUrl: `${projects}?count=2`, allPages: true });
        assert.deepStrictEqual((listed.body as { name: string }[]).map((x) => x.name), ["proj-a", "proj-b", "proj-c", "proj-d", "proj-e"]);
        assert.strictEqual(emu.count("GET"), 3, "5 projects at 2 a page: 3 GETs");

        const a = (listed.body as { id: string; name: string; create_server_users: boolean }[])[0];
        assert.strictEqual(a.create_server_users, true);
        const upd = await call({ method: "PUT", relativeUrl: `${projects}/${a.id}`, body: { name: "proj-a", create_server_users: false, gateway_selector: "env=prod" } });
        assert.deepStrictEqual([upd.statusCode, bodyOf(upd).create_server_users, bodyOf(upd).gateway_selector], [200, false, "env=prod"]);
        assert.strictEqual(bodyOf(await call({ method: "GET", relativeUrl: `${projects}/${a.id}` })).gateway_selector, "env=prod");
        const rename = await call({ method: "PUT", relativeUrl: `${projects}/${a.id}`, body: { name: "proj-b" } });
        assert.strictEqual(rename.statusCode, 409);
        const badName = await call({ method: "POST", relativeUrl: projects, body: { name: "has spaces" } });
        assert.deepStrictEqual([badName.statusCode, bodyOf(badName).errors[0].path], [400, "/name"]);

        const rgUpd = await call({ method: "PUT", relativeUrl: `/resource_groups/${g.id}`, body: { name: "OPA_Resource_Group_1", description: "Changed" } });
        assert.deepStrictEqual([rgUpd.statusCode, bodyOf(rgUpd).description], [200, "Changed"]);
        const busy = await call({ method: "DELETE", relativeUrl: `/resource_groups/${g.id}` });
        assert.deepStrictEqual([busy.statusCode, bodyOf(busy).message], [409, 'Conflict: the resource group "OPA_Resource_Group_1" still has 5 project(s); delete them first']);
        for (const x of listed.body as { id: string }[]) assert.strictEqual((await call({ method: "DELETE", relativeUrl: `${projects}/${x.id}` })).statusCode, 204);
        assert.strictEqual((await call({ method: "DELETE", relativeUrl: `/resource_groups/${g.id}` })).statusCode, 204);
        const gone = await call({ method: "GET", relativeUrl: `/resource_groups/${g.id}` });
        assert.deepStrictEqual([gone.statusCode, gone.body], [404, { message: `Not found: no resource group with id ${g.id}` }]);
        assert.strictEqual((await call({ method: "GET", relativeUrl: projects })).statusCode, 404, "projects of a missing group");
    });

    it("refuses a wrong key secret at service_token without echoing it; another team's token is refused", async () => {
        const u = serviceUser();
        const wrong = `wrong-${u.keySecret}`;
        secrets.push(wrong);
        const refusedBefore = emu.pam.refusedMints;
        const e = await rejection(new PamServiceAuth({ url: emu.url, team: TEAM, keyId: u.keyId, keySecret: wrong }).headers());
        assert.match(e.message, /^Okta Privileged Access refused the service user token for team adminteam \(401: Unauthorized: the API key is not valid for this team\) \| X-Okta-Request-Id: \S+$/);
        assert.strictEqual(emu.pam.refusedMints - refusedBefore, 1);
        emu.clearLog();
        const viaCall = await rejection(executeApiCall({ api: "privileged-access", method: "GET", relativeUrl: "/sudo_command_bundles" }, pamConfig({ keyId: u.keyId, keySecret: wrong })));
        const withoutId = (m: string) => m.replace(/ \| X-Okta-Request-Id: \S+$/, "");
        assert.strictEqual(withoutId(viaCall.message), withoutId(e.message));
        assert.deepStrictEqual(wire(), ["POST /service_token 401"], "a refused key is not retried, and no API call goes out without a token");
        const notUuid = await rejection(new PamServiceAuth({ url: emu.url, team: TEAM, keyId: "not-a-uuid", keySecret: u.keySecret }).headers());
        assert.match(notUuid.message, /\(400: Bad request: the body does not match the schema\)( \| causes: .+)? \| X-Okta-Request-Id: \S+$/);
        const otherTeam = await rejection(new PamServiceAuth({ url: emu.url, team: "other-team", keyId: u.keyId, keySecret: u.keySecret }).headers());
        assert.match(otherTeam.message, /team other-team \(401: /);

        const token = emu.pam.issue(u).bearer_token;
        const res = await fetch(`${emu.url}/v1/teams/other-team/sudo_command_bundles`, { headers: { Authorization: `Bearer ${token}` } });
        assert.deepStrictEqual([res.status, await res.json()], [403, { message: "Forbidden: the bearer token was not issued for team other-team" }]);
    });

    it("no key secret or bearer token appears in any error thrown above", () => {
        assert.ok(thrown.length >= 8, `collected ${thrown.length} errors`);
        const tokens = [...emu.pam.tokens.keys()];
        assert.ok(tokens.length >= 10 && secrets.length >= 10);
        for (const e of thrown) {
            const text = `${e.message}\n${e.stack}\n${JSON.stringify(e)}`;
            for (const s of [...secrets, ...tokens]) assert.ok(!text.includes(s), `an error carries a credential: ${e.message}`);
        }
    });
});
