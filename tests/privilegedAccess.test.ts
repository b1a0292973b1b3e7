// Okta Privileged Access through the library's custom call (seeds/000) against the emulator over real HTTP:
// service-token minting and renewal, paging, the Privileged Access error shape and its 429s, counting every request
// the emulator sees. ApiObject's sudo command bundles, through both doors, are in tests/apiObjectProvider.test.ts.
import * as assert from "assert";
import { randomBytes, randomUUID } from "crypto";
import fetch from "node-fetch";
import { Emulator, PamServiceUser, startEmulator } from "../emulator";
import { ApiCallArgs, ApiCallResult, executeApiCall } from "../provider/apiCall";
import { currentPam } from "../provider/okta/context";
import { OktaApiError } from "../provider/okta/errors";
import { PamServiceAuth } from "../provider/okta/privilegedAccess";
import { ConfigSource, setStackConfig } from "../provider/okta/settings";
import { CREATE_DIRECTORIES, PAM_BASE as BASE, PAM_TEAM as TEAM, UUID } from "./fixtures";
import { rejectionInto } from "./support/rejection";
import { hostileServer, json } from "./support/hostileServer";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("Okta Privileged Access through callApi against the emulator", () => {
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
    const rejection = (pr: Promise<unknown>) => rejectionInto(thrown, pr);
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

    it("a service_token refusal's message reaches the error escaped: no terminal control sequence acts", async () => {
        secrets.push("hostile-key-secret");
        const server = await hostileServer((_req, res) => json(res, 401, { message: "Unauthorized\u001b[31m\r\nX-Okta-Request-Id: forged\u2028\u202e" }, { "X-Okta-Request-Id": "req-hostile" }));
        try {
            const e = await rejection(new PamServiceAuth({ url: server.url, team: TEAM, keyId: randomUUID(), keySecret: "hostile-key-secret" }).headers());
            assert.strictEqual(e.message, `Okta Privileged Access refused the service user token for team ${TEAM} (401: Unauthorized\\u001b[31m\\u000d\\u000aX-Okta-Request-Id: forged\\u2028\\u202e) | X-Okta-Request-Id: req-hostile`);
        } finally {
            await server.close();
        }
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
        assert.ok(thrown.length >= 5, `collected ${thrown.length} errors`);
        const tokens = [...emu.pam.tokens.keys()];
        assert.ok(tokens.length >= 10 && secrets.length >= 10);
        for (const e of thrown) {
            const text = `${e.message}\n${e.stack}\n${JSON.stringify(e)}`;
            for (const s of [...secrets, ...tokens]) assert.ok(!text.includes(s), `an error carries a credential: ${e.message}`);
        }
    });
});
