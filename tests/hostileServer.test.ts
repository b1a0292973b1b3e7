// A hostile or broken server against the client: rate-limit headers that ask for hours (or overflow Node's
// timer), a Date of 1970, next links that never end, answers larger than anyone should read, and the total
// deadline; the waits and the deadline through both doors' providers, the rest against the client below them. The waits are refused under the default bound (300 s; one Okta window, 63 s, is always waited out:
// tests/rateLimitWindow), the other bounds are set low, so no case waits more than a few seconds; before the
// bounds each of these hung (reported as "still pending") or read the whole answer.
import * as assert from "assert";
import { OktaClient, staticAuth } from "../provider/okta/client";
import { executeApiCall } from "../provider/apiCall";
import { rateLimitWait } from "../provider/okta/retry";
import { PamServiceAuth } from "../provider/okta/privilegedAccess";
import { setStackConfig } from "../provider/okta/settings";
import { REQUEST_TYPES_PATH } from "../provider/schema/requestType";
import { hostileServer, HostileHandler, HostileServer, json, spent, within } from "./support/hostileServer";
import { DOORS } from "./support/doors";
import { minimal } from "./fixtures";

const auth = staticAuth({ kind: "apiToken", token: "t" });
// Retries as in production (waits up to 60 s), so only the bounds can end a long wait.
const retry = { maxRetries: 5, maxDelayMs: 60_000, baseDelayMs: 1 };
const nowS = () => Math.floor(Date.now() / 1000);

describe("a hostile server: waits, pages, sizes and the deadline are bounded", function () {
    this.timeout(10_000);
    let s: HostileServer | undefined;
    afterEach(async () => {
        await s?.close();
        s = undefined;
    });
    const client = (url: string, bounds = {}) => new OktaClient({ baseUrl: url, auth, retry, bounds });

    it("a token endpoint's 429 asking for 10 minutes is reported at once, not slept through", async () => {
        s = await hostileServer((_q, res) => json(res, 429, { message: "Too many requests" }, { "X-RateLimit-Retry-At": String(nowS() + 600) }));
        const pam = new PamServiceAuth({ url: s.url, team: "t1", keyId: "k", keySecret: "secret" });
        const c = new OktaClient({ baseUrl: pam.baseUrl, auth: pam, retry });
        const r = await within(3000, c.get("/sudo_command_bundles"));
        assert.ok(!r.pending, "still waiting");
        assert.match(r.error?.message ?? "", /429/);
        assert.strictEqual(s.seen.length, 1, "one token request");
    });

    it("a Date of 1970 with a reset 1 s ahead waits about 1 s (Date ignored as no clock's skew), not decades", async () => {
        s = await hostileServer((_q, res, n) =>
            n === 1 ? json(res, 429, {}, spent(nowS() + 1, "Thu, 01 Jan 1970 00:00:00 GMT")) : json(res, 200, { ok: n }, { "X-Rate-Limit-Remaining": "5", "X-Rate-Limit-Reset": String(nowS() + 60) }),
        );
        const r = await within(4000, client(s.url).get("/api/v1/x"));
        assert.ok(!r.pending, "still waiting");
        assert.ifError(r.error);
        assert.ok(r.ms < 3500, `took ${r.ms} ms`);
    });

    it("a wait is never longer than what the server asked for plus 1 s, nor than the bound, whatever Date says", () => {
        const now = Date.UTC(2026, 0, 1);
        const get = (date: string) => (n: string) => ({ "x-rate-limit-reset": String(now / 1000 + 5), date })[n];
        assert.deepStrictEqual(rateLimitWait(get(new Date(now).toUTCString()), 0, retry, now), { delayMs: 6000, askedMs: 5000 });
        assert.deepStrictEqual(rateLimitWait(get("Thu, 01 Jan 1970 00:00:00 GMT"), 0, retry, now), { delayMs: 6000, askedMs: 5000 });
        assert.strictEqual(rateLimitWait(get(new Date(now).toUTCString()), 0, { ...retry, maxDelayMs: 2000 }, now).delayMs, 2000);
    });

    describe("paging that never ends: every next link is new", () => {
        // Links from the request's own Host: a late answer must not read `s`, which the next test replaces.
        const endless = () => hostileServer((req, res, n) => json(res, 200, [{ id: n }], { Link: `<http://${req.headers.host}${req.url!.split("?")[0]}?after=${n}>; rel="next"` }));

        it("listAll stops at maxPages with an error saying the list is not complete", async () => {
            s = await endless();
            const r = await within(3000, client(s.url, { maxPages: 50 }).listAll("/api/v1/devices"));
            assert.ok(!r.pending, "still paging");
            assert.match(r.error?.message ?? "", /listing GET \/api\/v1\/devices stopped after 50 pages.*not complete.*OKTA_DYNAMIC_MAX_PAGES/);
            assert.strictEqual(s.seen.length, 50);
        });

        it("callApi with allPages stops the same way", async () => {
            s = await endless();
            process.env.OKTA_DYNAMIC_MAX_PAGES = "40";
            try {
                const config = { get: (k: string) => ({ "pulumi-okta-dynamic:orgUrl": s!.url, "okta:apiToken": "t" })[k] };
                const r = await within(3000, executeApiCall({ method: "GET", relativeUrl: "/api/v1/devices", allPages: true }, config));
                assert.ok(!r.pending, "still paging");
                assert.match(r.error?.message ?? "", /stopped after 40 pages/);
                assert.strictEqual(s.seen.length, 40);
            } finally {
                delete process.env.OKTA_DYNAMIC_MAX_PAGES;
            }
        });

        it("a listing's pages share one deadline", async () => {
            s = await hostileServer((req, res, n) => setTimeout(() => json(res, 200, [{ id: n }], { Link: `<http://${req.headers.host}/api/v1/devices?after=${n}>; rel="next"` }), 50));
            const r = await within(3000, client(s.url, { deadlineMs: 500 }).listAll("/api/v1/devices"));
            assert.ok(!r.pending, "still paging");
            assert.match(r.error?.message ?? "", /listing GET \/api\/v1\/devices did not finish within 1 s|listing GET \/api\/v1\/devices did not finish within 0 s/);
        });
    });

    describe("answers larger than maxBodyBytes", () => {
        const big = "x".repeat(1024 * 1024);
        it("a 429 with a body over the bound is still a 429, waited out and retried", async () => {
            s = await hostileServer((_q, res, n) => (n === 1 ? (res.writeHead(429, { "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Reset": String(nowS()) }), res.end(big)) : json(res, 200, { ok: true })));
            const r = await within(3000, client(s.url, { maxBodyBytes: 64 * 1024 }).get("/api/v1/x"));
            assert.ifError(r.error);
            assert.deepStrictEqual(r.value?.body, { ok: true });
        });

        for (const chunked of [false, true]) {
            it(`are refused after reading at most the bound, once, not retried (${chunked ? "chunked, no length" : "with Content-Length"})`, async () => {
                s = await hostileServer((_q, res) => {
                    res.writeHead(200, { "Content-Type": "application/json", ...(chunked ? {} : { "Content-Length": String(big.length + 9) }) });
                    if (chunked) for (let i = 0; i < 16; i++) res.write(big.slice(0, big.length / 16));
                    res.end(chunked ? "" : `{"a":"${big}"}`);
                });
                const r = await within(3000, client(s.url, { maxBodyBytes: 64 * 1024 }).get("/api/v1/x"));
                assert.ok(!r.pending);
                assert.match(r.error?.message ?? "", /the answer \(200\) to GET \/api\/v1\/x is larger than 65536 bytes and was not read.*OKTA_DYNAMIC_MAX_BODY_BYTES/);
                assert.strictEqual(s.seen.length, 1, "a too-large answer is not asked for again");
            });
        }
    });
});

for (const door of DOORS) describe(`a hostile server behind the ${door.name} door's providers: the waits and the deadline are bounded`, function () {
    this.timeout(10_000);
    const p = door.provider("RequestType");
    const RT_ID = "61eb2db568c7c300079fefd0";
    const held = { ...minimal(), id: RT_ID, status: "DRAFT", requestSettings: { type: "EVERYONE", requesterFields: [] } };
    let s: HostileServer | undefined;
    afterEach(async () => {
        setStackConfig(undefined);
        await s?.close();
        s = undefined;
    });

    /**
     * The door pointed at a server that answers the request type's route with `handler`. The native door's first
     * Check verifies the token once per run (GET /api/v1/users/me, made when the door is configured): answered as
     * Okta would, so what follows is the same on both doors.
     */
    async function behind(handler: HostileHandler): Promise<HostileServer> {
        s = await hostileServer((req, res, n) => (req.url!.startsWith("/api/v1/users/me") ? json(res, 200, { id: "00u1" }) : handler(req, res, n)));
        await door.configure({ orgUrl: s.url, apiToken: "t" });
        return s;
    }
    const read = () => p.read!(RT_ID, { orgUrl: s!.url });
    const sent = () => s!.seen.filter((x) => x.url.startsWith(REQUEST_TYPES_PATH)).length;
    /** The rate-limit bucket a read waits on: Okta's, one per route. */
    const bucket = `GET ${REQUEST_TYPES_PATH}/\\{id\\}`;

    for (const [label, ahead] of [
        ["an hour", 3600],
        ["30 days (past Node's 24.8-day timer limit, which fires at once and spun the limiter)", 30 * 86400],
    ] as const) {
        it(`a 200 saying the bucket is spent for ${label} fails the next call at once, naming the bound, instead of stalling it`, async () => {
            await behind((_q, res) => json(res, 200, held, spent(nowS() + ahead)));
            await read();
            const r = await within(3000, read());
            assert.ok(!r.pending, "the second call is still waiting");
            assert.match(r.error?.message ?? "", new RegExp(`reading request type ${RT_ID}: .*rate limit of ${bucket} is spent and resets in \\d+ s.*longest wait allowed, 300 s.*OKTA_DYNAMIC_MAX_WAIT_MS`));
            assert.ok(r.ms < 1000, `took ${r.ms} ms`);
            assert.strictEqual(sent(), 1, "not sent");
        });
    }

    it("a 429 asking for 10 minutes is refused at once (no wait beyond the bound), with the request id", async () => {
        await behind((_q, res) => json(res, 429, { errorCode: "E0000047" }, { ...spent(nowS() + 600), "X-Okta-Request-Id": "rq-1" }));
        const r = await within(3000, read());
        assert.ok(!r.pending, "still waiting");
        assert.match(r.error?.message ?? "", new RegExp(`429 to GET ${REQUEST_TYPES_PATH}/${RT_ID} and asks for a wait of 60\\d s, beyond the longest wait allowed, 300 s \\| X-Okta-Request-Id: rq-1`));
        assert.strictEqual(sent(), 1);
    });

    it("an operation fails at its deadline, naming what it waited for (429s each asking 30 s, within the wait bound)", async () => {
        // The bounds as a user sets them, in the environment; the client reads them when it is made (configure).
        Object.assign(process.env, { OKTA_DYNAMIC_MAX_WAIT_MS: "60000", OKTA_DYNAMIC_DEADLINE_MS: "800" });
        try {
            await behind((_q, res) => json(res, 429, {}, spent(nowS() + 30)));
            const r = await within(3000, read());
            assert.ok(!r.pending, "still waiting");
            assert.match(r.error?.message ?? "", new RegExp(`reading request type ${RT_ID}: GET ${REQUEST_TYPES_PATH}/${RT_ID} did not finish within 1 s: it was waiting for the rate limit of ${bucket}.*OKTA_DYNAMIC_DEADLINE_MS`));
        } finally {
            delete process.env.OKTA_DYNAMIC_MAX_WAIT_MS;
            delete process.env.OKTA_DYNAMIC_DEADLINE_MS;
        }
    });
});
