import * as assert from "assert";
import { renewAt } from "../provider/okta/renewal";
import * as sinon from "sinon";
import { resolveOrgSettings, normalizeOrgUrl } from "../provider/okta/settings";
import { rateLimitDelayMs, backoffMs, DEFAULT_RETRY } from "../provider/okta/retry";
import { OrgLimiter, bucketKeyFor } from "../provider/okta/limiter";
import { nextLink, parseLinkHeader } from "../provider/okta/paging";
import { OktaApiError, parseErrorBody } from "../provider/okta/errors";

const cfg = (m: Record<string, string>) => ({ get: (k: string) => m[k] });

describe("org settings", () => {
    it("accepts @pulumi/okta's config keys and builds the org URL", () => {
        const s = resolveOrgSettings(cfg({ "okta:orgName": "dev-123", "okta:baseUrl": "oktapreview.com", "okta:apiToken": "t0k" }), {});
        assert.strictEqual(s.orgUrl, "https://dev-123.oktapreview.com");
        assert.deepStrictEqual(s.credentials, { kind: "apiToken", token: "t0k" });
        assert.strictEqual(resolveOrgSettings(cfg({ "okta:orgName": "acme" }), {}).orgUrl, "https://acme.okta.com");
    });

    it("accepts terraform-provider-okta's environment names", () => {
        const s = resolveOrgSettings(cfg({}), { OKTA_ORG_NAME: "acme", OKTA_BASE_URL: "okta-emea.com", OKTA_ACCESS_TOKEN: "at" });
        assert.strictEqual(s.orgUrl, "https://acme.okta-emea.com");
        assert.deepStrictEqual(s.credentials, { kind: "accessToken", token: "at" });
        assert.strictEqual(s.sources.credentials, "environment OKTA_ACCESS_TOKEN");
    });

    it("prefers a full org URL, and config over environment", () => {
        const s = resolveOrgSettings(
            cfg({ "pulumi-okta-dynamic:orgUrl": "https://login.acme.com/", "okta:orgName": "acme", "okta:apiToken": "from-config" }),
            { OKTA_ORG_URL: "https://other.okta.com", OKTA_API_TOKEN: "from-env" },
        );
        assert.strictEqual(s.orgUrl, "https://login.acme.com");
        assert.deepStrictEqual(s.credentials, { kind: "apiToken", token: "from-config" });
        assert.strictEqual(resolveOrgSettings(cfg({}), { OKTA_ORG_URL: "https://x.okta.com" }).orgUrl, "https://x.okta.com");
    });

    it("refuses plain http except for loopback, and says what to set when nothing is set", () => {
        assert.throws(() => normalizeOrgUrl("http://acme.okta.com"), /plain http is refused for acme.okta.com/);
        assert.throws(() => normalizeOrgUrl("http://10.0.0.1:8080"), /plain http is refused/);
        assert.strictEqual(normalizeOrgUrl("http://127.0.0.1:4010/x"), "http://127.0.0.1:4010");
        assert.strictEqual(normalizeOrgUrl("http://localhost:4010"), "http://localhost:4010");
        assert.throws(() => normalizeOrgUrl("https://user:pw@acme.okta.com"), /must not carry credentials/);
        assert.throws(() => resolveOrgSettings(cfg({}), {}), /okta:orgName.*OKTA_ORG_URL/s);
    });
});

describe("retry timing", () => {
    const headers = (h: Record<string, string>) => (n: string) => h[n];
    it("waits Reset - Date + 1 s on a 429, as Okta's SDKs do", () => {
        const date = "Sun, 22 Nov 2026 10:00:00 GMT";
        const reset = String(Date.parse(date) / 1000 + 7);
        // Our clock 30 s off Okta's: the wait still counts from Okta's Date (a Date days off is ignored, see hostileServer).
        assert.strictEqual(rateLimitDelayMs(headers({ date, "x-rate-limit-reset": reset }), 0, DEFAULT_RETRY, Date.parse(date) + 30_000), 8000);
    });
    it("reads Privileged Access's X-RateLimit-Retry-At and caps every wait", () => {
        const now = Date.parse("Sun, 22 Nov 2026 10:00:00 GMT");
        assert.strictEqual(rateLimitDelayMs(headers({ "x-ratelimit-retry-at": String(now / 1000 + 2) }), 0, DEFAULT_RETRY, now), 3000);
        assert.strictEqual(rateLimitDelayMs(headers({ "x-rate-limit-reset": String(now / 1000 + 3600) }), 0, DEFAULT_RETRY, now), DEFAULT_RETRY.maxDelayMs);
    });
    it("backs off exponentially with jitter when no header says when", () => {
        assert.strictEqual(backoffMs(0, DEFAULT_RETRY, () => 0), 250);
        assert.strictEqual(backoffMs(3, DEFAULT_RETRY, () => 1), 4000);
        assert.strictEqual(backoffMs(30, DEFAULT_RETRY, () => 1), DEFAULT_RETRY.maxDelayMs);
    });
});

describe("token renewal", () => {
    it("renews a minute early, but never before half a short token's lifetime", () => {
        assert.strictEqual(renewAt(0, 3600_000), 3540_000);
        assert.strictEqual(renewAt(0, 60_000), 30_000, "a 60 s token is reused for 30 s, not minted per call");
        assert.strictEqual(renewAt(1000, 500), 500, "an already expired token is renewed at once");
    });
});

describe("org limiter", () => {
    it("puts ids of one endpoint in one bucket", () => {
        assert.strictEqual(bucketKeyFor("post", "/governance/api/v1/request-types/0123456789abcdef01234567/publish"), "POST /governance/api/v1/request-types/{id}/publish");
        assert.strictEqual(bucketKeyFor("GET", "/api/v1/hook-keys/HKY1234567890abcdefg?x=1"), "GET /api/v1/hook-keys/{id}");
    });

    it("waits for the window to reset instead of sending into an empty bucket", async () => {
        let now = 1_000_000;
        const limiter = new OrgLimiter({ maxInFlight: 10 }, () => now);
        const sleep = sinon.spy(async (ms: number) => void (now += ms));
        limiter.observe("b", 15, 1, now / 1000 + 5);
        (await limiter.acquire("b", sleep))();
        assert.strictEqual(sleep.callCount, 0, "one request was left in the window");
        (await limiter.acquire("b", sleep))();
        assert.strictEqual(sleep.callCount, 1);
        assert.ok(sleep.firstCall.args[0] >= 5000 && sleep.firstCall.args[0] <= 5200, String(sleep.firstCall.args[0]));
    });

    it("sends one request into a bucket it knows nothing of, and holds the rest for its answer", async () => {
        let now = 1_000_000;
        const limiter = new OrgLimiter({ maxInFlight: 10 }, () => now);
        const sleep = sinon.spy(async (ms: number) => void (now += ms));
        const order: string[] = [];
        const first = await limiter.acquire("b", sleep);
        const others = [1, 2, 3].map((i) => limiter.acquire("b", sleep).then((r) => (order.push(`req${i}`), r)));
        await new Promise((r) => setImmediate(r));
        assert.deepStrictEqual(order, [], "nothing else goes out before the first answer");
        // Another client has left 2 of 15 in this window.
        limiter.observe("b", 15, 2, now / 1000 + 5);
        first();
        const releases = await Promise.all(others);
        assert.deepStrictEqual(order.slice(0, 2), ["req1", "req2"]);
        assert.strictEqual(sleep.callCount, 1, "the third waited for the window to reset");
        assert.ok(sleep.firstCall.args[0] >= 5000, String(sleep.firstCall.args[0]));
        releases.forEach((r) => r());
    });

    it("does not hold back a bucket whose answers carry no rate-limit figures", async () => {
        const limiter = new OrgLimiter({ maxInFlight: 10 });
        const noSleep = sinon.spy(async () => {});
        const first = await limiter.acquire("pam", noSleep);
        let started = 0;
        const others = [1, 2].map(() => limiter.acquire("pam", noSleep).then((r) => (started++, r)));
        limiter.observe("pam", undefined, undefined, undefined);
        first();
        await Promise.all(others);
        assert.strictEqual(started, 2);
        const more = await Promise.all([1, 2, 3].map(() => limiter.acquire("pam", noSleep)));
        assert.strictEqual(more.length, 3);
        assert.strictEqual(noSleep.callCount, 0);
    });

    it("a request waiting out its bucket's window holds no concurrency slot: another endpoint's goes ahead", async () => {
        const limiter = new OrgLimiter({ maxInFlight: 1 });
        limiter.observe("creates", 15, 0, Date.now() / 1000 + 60);
        limiter.observe("reads", 600, 600, Date.now() / 1000 + 60);
        let wake!: () => void;
        const waiting = limiter.acquire("creates", () => new Promise<void>((r) => (wake = r)));
        const read = await Promise.race([limiter.acquire("reads", async () => {}), new Promise<"blocked">((r) => setTimeout(() => r("blocked"), 200))]);
        assert.notStrictEqual(read, "blocked", "the read waited behind a create that waits for its window");
        (read as () => void)();
        limiter.observe("creates", 15, 15, Date.now() / 1000 + 120); // the next window
        wake();
        (await waiting)();
    });

    it("keeps in-flight requests under the cap", async () => {
        const limiter = new OrgLimiter({ maxInFlight: 2 });
        const noSleep = async () => {};
        limiter.observe("x", 600, 600, Date.now() / 1000 + 60);
        const r1 = await limiter.acquire("x", noSleep);
        await limiter.acquire("x", noSleep);
        let third = false;
        const p = limiter.acquire("x", noSleep).then((r) => ((third = true), r));
        await new Promise((r) => setImmediate(r));
        assert.strictEqual(third, false);
        r1();
        await p;
        assert.strictEqual(third, true);
    });
});

describe("paging and errors", () => {
    it("follows Link rel=next, then body links, and never another host", () => {
        assert.deepStrictEqual(parseLinkHeader('<https://a.okta.com/x?after=1>; rel="next", <https://a.okta.com/x>; rel="self"'), { next: "https://a.okta.com/x?after=1", self: "https://a.okta.com/x" });
        const base = "https://a.okta.com";
        assert.strictEqual(nextLink({ link: '<https://a.okta.com/x?after=1>; rel="next"' }, {}, base), "https://a.okta.com/x?after=1");
        assert.strictEqual(nextLink({ link: '<https://a.okta.com/x>; rel="self"' }, { links: { next: { href: "https://a.okta.com/x?after=2" } } }, base), "https://a.okta.com/x?after=2");
        assert.strictEqual(nextLink({}, { links: { self: { href: "x" }, next: {} } }, base), undefined);
        assert.throws(() => nextLink({ link: '<https://evil.example/x>; rel="next"' }, {}, base), /another host/);
    });

    it("puts Okta's code, summary, causes and request id in the message", () => {
        const e = new OktaApiError({
            status: 400,
            method: "POST",
            path: "/governance/api/v1/request-types",
            body: { errorCode: "E0000001", errorSummary: "Api validation failed: name", errorCauses: [{ errorSummary: "A request type with this name already exists." }] },
            requestId: "reqid-1",
        });
        assert.strictEqual(e.message, "Okta answered 400 to POST /governance/api/v1/request-types | E0000001: Api validation failed: name | causes: A request type with this name already exists. | X-Okta-Request-Id: reqid-1");
        assert.deepStrictEqual(parseErrorBody({ message: "bad", errors: [{ path: "name", message: "taken" }] }), { errorCode: undefined, errorSummary: "bad", errorCauses: [{ errorSummary: "taken", reason: undefined, location: "name" }] });
        assert.deepStrictEqual(parseErrorBody("<html>"), { errorCauses: [] });
    });
});
