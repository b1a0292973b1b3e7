// The Devices API through the custom call (`executeApiCall`, the "Custom API Action" card of seeds/001) against
// the emulator over real HTTP, counting the requests it sees.
import * as assert from "assert";
import { Emulator, specSchemaValidator, startEmulator } from "../emulator";
import { SPEC_EXAMPLE_DEVICES } from "../emulator/devices";
import { MANAGEMENT_SPEC } from "../emulator/hookKeys";
import { ApiCallArgs, ApiCallResult, executeApiCall } from "../provider/apiCall";
import { OktaApiError } from "../provider/okta/errors";
import { ConfigSource } from "../provider/okta/settings";

const TOKEN = "devices-SECRET-token-77aa";
const EXAMPLE_IDS = SPEC_EXAMPLE_DEVICES.map((d) => d.id!);

describe("Devices API through callApi against the emulator", () => {
    let emu: Emulator;
    let config: ConfigSource;
    const call = (a: ApiCallArgs): Promise<ApiCallResult> => executeApiCall(a, config);
    const ids = (r: ApiCallResult) => (r.body as { id: string }[]).map((d) => d.id);
    const bodyOf = <T = Record<string, any>>(r: ApiCallResult) => r.body as T;

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        config = { get: (k) => ({ "pulumi-okta-dynamic:orgUrl": emu.url, "okta:apiToken": TOKEN } as Record<string, string>)[k] };
        for (const d of SPEC_EXAMPLE_DEVICES) emu.seedDevice(d);
    });
    after(async () => {
        await emu?.stop(); // undefined when before() failed (a missing spec file says so there)
    });
    beforeEach(() => emu.clearLog());
    // Each test starts from Okta's three example devices.
    afterEach(() => {
        for (const id of [...emu.devices.keys()]) if (!EXAMPLE_IDS.includes(id)) emu.devices.delete(id);
    });

    it("the card's example call: GET /api/v1/devices with a query the API ignores answers every device in one request", async () => {
        const r = await call({ method: "GET", relativeUrl: "/api/v1/devices", query: { name: "something-urgent" } });
        assert.strictEqual(r.statusCode, 200);
        assert.deepStrictEqual(ids(r), EXAMPLE_IDS);
        assert.match(r.headers["x-okta-request-id"], /\S+/);
        assert.match(r.headers["link"], /rel="self"/);
        assert.doesNotMatch(r.headers["link"], /rel="next"/, "limit defaults to 200: one page");
        assert.deepStrictEqual(emu.log.map((l) => `${l.method} ${l.path} ${l.status} ${l.authScheme}`), ["GET /api/v1/devices 200 SSWS"]);
        assert.deepStrictEqual(emu.log[0].query, { name: "something-urgent" });
    });

    it("answers devices shaped as the spec's Device (bar where Okta's own examples differ from it)", async () => {
        const list = bodyOf<Record<string, any>[]>(await call({ method: "GET", relativeUrl: "/api/v1/devices?expand=user" }));
        const one = bodyOf(await call({ method: "GET", relativeUrl: "/api/v1/devices/guo8jx5vVoxfvJeLb0w4" }));
        const validate = specSchemaValidator(MANAGEMENT_SPEC, "DeviceList");
        assert.ok(validate, "the spec is available");
        // Okta's examples send `resourceAlternateId: null` and PATCH in the self link's hints; the schema allows neither.
        const known = /^\/resourceAlternateId must be string$|^\/_links\/self\/hints\/allow\/\d+ must be equal to one of the allowed values$/;
        for (const d of [...list.filter((x) => x.status !== "CREATED"), one]) {
            assert.deepStrictEqual(validate!(d).filter((m) => !known.test(m)), [], d.id);
        }
        assert.deepStrictEqual(one.profile, SPEC_EXAMPLE_DEVICES[0].profile);
        assert.strictEqual(one.resourceType, "UDDevice");
        assert.deepStrictEqual(one.resourceDisplayName, { value: "DESKTOP-EHAD3IE", sensitive: false });
        assert.strictEqual(one._links.self.href, `${emu.url}/api/v1/devices/guo8jx5vVoxfvJeLb0w4`);
        assert.deepStrictEqual(Object.keys(one._links).sort(), ["deactivate", "self", "suspend", "users"], "an ACTIVE device offers suspend and deactivate");
        // As recorded from a real org: without expand, _embedded names only the authenticator that registered it.
        assert.deepStrictEqual(one._embedded, { originatedFrom: [{ id: "autnkw1sgntSDQThR1d7", name: "Okta Verify", key: "okta_verify" }] });
        for (const d of [...emu.devices.values()]) assert.match(d.id, /^guo[0-9A-Za-z]{17}$/);
    });

    it("the spec's example searches select the example devices", async () => {
        const cases: [string, string[]][] = [
            ['status eq "ACTIVE"', ["guo8jx5vVoxfvJeLb0w4", "guo4a5u7YAHhjXrMK0g5"]],
            ['lastUpdated gt "2019-12-23T00:00:00.000Z"', ["guo8jx5vVoxfvJeLb0w4", "guo4a5u7YAHhjXrMK0g5"]],
            ['lastUpdated gt "2024-12-23T00:00:00.000Z"', []],
            ['id eq "guo4a5u7YAHhjXrMK0g4"', ["guo4a5u7YAHhjXrMK0g4"]],
            ['profile.displayName eq "DESKTOP-EHAD3IE"', ["guo8jx5vVoxfvJeLb0w4"]],
            ['profile.platform eq "WINDOWS"', ["guo8jx5vVoxfvJeLb0w4", "guo4a5u7YAHhjXrMK0g4"]],
            ['profile.sid sw "S-1"', ["guo8jx5vVoxfvJeLb0w4", "guo4a5u7YAHhjXrMK0g4"]],
            ['profile.displayName co "example device"', ["guo4a5u7YAHhjXrMK0g4", "guo4a5u7YAHhjXrMK0g5"]],
            ['PROFILE.PLATFORM EQ "android" OR status eq "CREATED"', ["guo4a5u7YAHhjXrMK0g4", "guo4a5u7YAHhjXrMK0g5"]],
            ['(profile.platform eq "WINDOWS" or profile.platform eq "ANDROID") and status eq "ACTIVE"', ["guo8jx5vVoxfvJeLb0w4", "guo4a5u7YAHhjXrMK0g5"]],
            ['profile.serialNumber pr and status eq "ACTIVE"', ["guo8jx5vVoxfvJeLb0w4"]],
            ['profile.platform eq "IOS"', []],
        ];
        for (const [search, want] of cases) {
            const r = await call({ method: "GET", relativeUrl: "/api/v1/devices", query: { search } });
            assert.strictEqual(r.statusCode, 200, search);
            assert.deepStrictEqual(ids(r), want, search);
        }
        assert.strictEqual(emu.count("GET", "/api/v1/devices"), cases.length);
        // What went on the wire is percent-encoded, as the spec asks (`%20`, never `+`).
        assert.strictEqual(emu.log[0].query.search, cases[0][0]);
    });

    it("a search the API does not take is answered 400 E0000001 (returned, not thrown)", async () => {
        for (const search of ['profile.platform ne "WINDOWS"', 'status co "ACT"', 'profile.model gt "a"', 'color eq "red"', 'status eq "ACTIVE" and', 'not (status eq "ACTIVE")', 'status eq ACTIVE']) {
            const r = await call({ method: "GET", relativeUrl: "/api/v1/devices", query: { search } });
            assert.strictEqual(r.statusCode, 400, search);
            assert.strictEqual(bodyOf(r).errorCode, "E0000001", search);
            assert.match(bodyOf(r).errorCauses[0].errorSummary, /Invalid search criteria/, search);
        }
        assert.strictEqual(emu.log.length, 7, "one request each, no retries of a 400");
    });

    it("lists every page with search and allPages: exactly one GET per page, each keeping the search", async () => {
        for (let i = 0; i < 30; i++) {
            emu.seedDevice({ status: i % 3 === 2 ? "SUSPENDED" : "ACTIVE", profile: { platform: i % 2 ? "MACOS" : "WINDOWS", displayName: `laptop-${i}` } });
        }
        const search = 'profile.platform eq "WINDOWS" and status eq "ACTIVE"';
        const want = [...emu.devices.values()].filter((d) => d.profile.platform === "WINDOWS" && d.status === "ACTIVE").map((d) => d.id);
        assert.strictEqual(want.length, 11, "the example DESKTOP-EHAD3IE and 10 seeded laptops");
        const r = await call({ method: "GET", relativeUrl: "/api/v1/devices?limit=4", query: { search }, allPages: true });
        assert.strictEqual(r.statusCode, 200);
        assert.deepStrictEqual(ids(r), want);
        assert.deepStrictEqual(
            emu.log.map((l) => `${l.method} ${l.status} ${l.query.limit} ${l.query.search} after=${l.query.after !== undefined}`),
            [`GET 200 4 ${search} after=false`, `GET 200 4 ${search} after=true`, `GET 200 4 ${search} after=true`],
            "11 matches at 4 a page: 3 GETs",
        );
        // Without allPages, the first page and its Link header come back as they are.
        emu.clearLog();
        const first = await call({ method: "GET", relativeUrl: "/api/v1/devices", query: { search, limit: 4 } });
        assert.strictEqual(ids(first).length, 4);
        assert.match(first.headers["link"], /<[^>]+after=guo[0-9A-Za-z]{17}[^>]*>; rel="next"/);
        assert.strictEqual(emu.log.length, 1);
    });

    it("limit: 1..200, capped above 200; a foreign cursor is a paging error", async () => {
        assert.strictEqual((await call({ method: "GET", relativeUrl: "/api/v1/devices", query: { limit: 0 } })).statusCode, 400);
        const big = await call({ method: "GET", relativeUrl: "/api/v1/devices", query: { limit: 500 } });
        assert.deepStrictEqual([big.statusCode, ids(big).length], [200, 3]);
        const one = await call({ method: "GET", relativeUrl: "/api/v1/devices", query: { limit: 1 } });
        assert.deepStrictEqual(ids(one), [EXAMPLE_IDS[0]]);
        const bad = await call({ method: "GET", relativeUrl: "/api/v1/devices", query: { after: "200u3des4afA47rYJu1d7" } });
        assert.deepStrictEqual([bad.statusCode, bodyOf(bad).errorCode], [400, "E0000029"]);
    });

    it("expand=user embeds full users, expand=userSummary their summaries; /devices/{id}/users lists them", async () => {
        const full = bodyOf<Record<string, any>[]>(await call({ method: "GET", relativeUrl: "/api/v1/devices", query: { expand: "user", search: 'id eq "guo4a5u7YAHhjXrMK0g5"' } }));
        const fu = full[0]._embedded.users;
        assert.strictEqual(fu.length, 1);
        assert.deepStrictEqual([fu[0].managementStatus, fu[0].screenLockType, fu[0].user.id, fu[0].user.status, fu[0].user.profile.login], ["MANAGED", "BIOMETRIC", "00u17vh0q8ov8IU881d7", "ACTIVE", "email@email.com"]);
        const summary = bodyOf<Record<string, any>[]>(await call({ method: "GET", relativeUrl: "/api/v1/devices?expand=userSummary", query: { search: 'id eq "guo4a5u7YAHhjXrMK0g5"' } }));
        const su = summary[0]._embedded.users[0].user;
        assert.deepStrictEqual(Object.keys(su).sort(), ["_links", "id", "profile"]);
        assert.deepStrictEqual(su.profile, { firstName: "fname", lastName: "lname", login: "email@email.com", email: "email@email.com" });
        const none = bodyOf<Record<string, any>[]>(await call({ method: "GET", relativeUrl: "/api/v1/devices?expand=user", query: { search: 'id eq "guo8jx5vVoxfvJeLb0w4"' } }));
        assert.deepStrictEqual(none[0]._embedded.users, []);
        const users = await call({ method: "GET", relativeUrl: "/api/v1/devices/guo4a5u7YAHhjXrMK0g5/users" });
        assert.deepStrictEqual(bodyOf<any[]>(users).map((u) => u.user.id), ["00u17vh0q8ov8IU881d7"]);
        assert.deepStrictEqual((await call({ method: "GET", relativeUrl: "/api/v1/devices", query: { expand: "groups" } })).statusCode, 400);
        assert.strictEqual(emu.log.length, 5);
    });

    it("a non-2xx answer is returned as statusCode/headers/body, or thrown with Okta's code and X-Okta-Request-Id when throwOnError", async () => {
        const r = await call({ method: "GET", relativeUrl: "/api/v1/devices/guoDoesNotExist123456" });
        assert.strictEqual(r.statusCode, 404);
        assert.strictEqual(bodyOf(r).errorCode, "E0000007");
        assert.strictEqual(r.headers["x-okta-request-id"], emu.log[0].requestId);
        assert.strictEqual(emu.log.length, 1, "a 404 is not retried");

        emu.clearLog();
        const e = await call({ method: "GET", relativeUrl: "/api/v1/devices/guoDoesNotExist123456", throwOnError: true }).then(
            () => assert.fail("should throw"),
            (x: unknown) => x,
        );
        assert.ok(e instanceof OktaApiError, String(e));
        assert.deepStrictEqual([e.status, e.errorCode, e.requestId], [404, "E0000007", emu.log[0].requestId]);
        assert.match(e.message, /Okta answered 404 to GET \/api\/v1\/devices\/guoDoesNotExist123456 \| E0000007: Not found/);
        assert.ok(e.message.includes(`X-Okta-Request-Id: ${emu.log[0].requestId}`), e.message);
        assert.ok(!e.message.includes(TOKEN), "the API token never appears in an error");
        assert.strictEqual(emu.log.length, 1);
    });

    it("deactivate, then delete: delete of an ACTIVE device is refused with Okta's error, and deactivation unlinks users", async () => {
        const d = emu.seedDevice({ profile: { displayName: "retired-laptop", platform: "MACOS", serialNumber: "C02XK1" }, users: [{ login: "jane.doe@example.com", managementStatus: "MANAGED" }] });
        const refused = await call({ method: "DELETE", relativeUrl: `/api/v1/devices/${d.id}` });
        assert.strictEqual(refused.statusCode, 400);
        assert.strictEqual(bodyOf(refused).errorCode, "E0000001");
        assert.match(bodyOf(refused).errorCauses[0].errorSummary, /is ACTIVE: only a DEACTIVATED device can be deleted/);
        assert.ok(emu.devices.has(d.id));
        await assert.rejects(call({ method: "DELETE", relativeUrl: `/api/v1/devices/${d.id}`, throwOnError: true }), (e: OktaApiError) => {
            assert.strictEqual(e.errorCode, "E0000001");
            assert.match(e.message, /causes: The device is ACTIVE: only a DEACTIVATED device can be deleted/);
            return true;
        });

        emu.clearLog();
        const deact = await call({ method: "POST", relativeUrl: `/api/v1/devices/${d.id}/lifecycle/deactivate`, throwOnError: true });
        assert.deepStrictEqual([deact.statusCode, deact.body], [204, undefined]);
        const after = bodyOf(await call({ method: "GET", relativeUrl: `/api/v1/devices/${d.id}` }));
        assert.strictEqual(after.status, "DEACTIVATED");
        assert.deepStrictEqual(Object.keys(after._links).sort(), ["activate", "self"], "as recorded: a DEACTIVATED device offers no users link");
        assert.deepStrictEqual((await call({ method: "GET", relativeUrl: `/api/v1/devices/${d.id}/users` })).body, [], "deactivation drops the device's user links");
        const del = await call({ method: "DELETE", relativeUrl: `/api/v1/devices/${d.id}`, throwOnError: true });
        assert.strictEqual(del.statusCode, 204);
        assert.strictEqual(emu.devices.has(d.id), false);
        assert.strictEqual((await call({ method: "GET", relativeUrl: `/api/v1/devices/${d.id}` })).statusCode, 404);
        assert.deepStrictEqual(
            emu.log.map((l) => `${l.method} ${l.status}`),
            ["POST 204", "GET 200", "GET 200", "DELETE 204", "GET 404"],
        );
    });

    it("lifecycle follows Okta's states: suspend only ACTIVE, unsuspend only SUSPENDED, activate of an ACTIVE device a recorded no-op", async () => {
        const d = emu.seedDevice({ profile: { displayName: "phone", platform: "IOS" } });
        const go = async (action: string) => {
            const r = await call({ method: "POST", relativeUrl: `/api/v1/devices/${d.id}/lifecycle/${action}` });
            return r.statusCode === 204 ? `${action}:204:${emu.devices.get(d.id)!.status}` : `${action}:${r.statusCode}:${bodyOf(r).errorCode}`;
        };
        const steps = [];
        for (const a of ["unsuspend", "activate", "suspend", "suspend", "activate", "unsuspend", "suspend", "deactivate", "suspend", "deactivate", "activate"]) steps.push(await go(a));
        assert.deepStrictEqual(steps, [
            "unsuspend:400:E0000001",
            "activate:204:ACTIVE",
            "suspend:204:SUSPENDED",
            "suspend:400:E0000001",
            "activate:400:E0000001",
            "unsuspend:204:ACTIVE",
            "suspend:204:SUSPENDED",
            "deactivate:204:DEACTIVATED",
            "suspend:400:E0000001",
            "deactivate:400:E0000001",
            "activate:204:ACTIVE",
        ]);
        // Okta's example device that was never activated ("CREATED") can only be activated.
        const created = EXAMPLE_IDS[1];
        const saved = { ...emu.devices.get(created)! };
        assert.strictEqual((await call({ method: "POST", relativeUrl: `/api/v1/devices/${created}/lifecycle/suspend` })).statusCode, 400);
        assert.strictEqual((await call({ method: "POST", relativeUrl: `/api/v1/devices/${created}/lifecycle/activate` })).statusCode, 204);
        assert.strictEqual(emu.devices.get(created)!.status, "ACTIVE");
        emu.devices.set(created, saved);
        assert.strictEqual((await call({ method: "POST", relativeUrl: "/api/v1/devices/guoDoesNotExist123456/lifecycle/activate" })).statusCode, 404);
        assert.strictEqual((await call({ method: "POST", relativeUrl: `/api/v1/devices/${d.id}/lifecycle/reboot` })).statusCode, 404, "no such lifecycle operation");
    });
});
