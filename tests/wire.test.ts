// The client on the wire, for the faults a review reproduced: credentials in header errors, a final 429's body,
// 429s handed back by callApi, stalled bodies, paging loops and other hosts, the limiter's hand-over, retry
// counts after a renewal, and the token endpoints' timeout, 429 and errors.
import * as assert from "assert";
import * as http from "http";
import { generateKeyPairSync } from "crypto";
import { AddressInfo } from "net";
import { AuthStrategy, OktaClient, staticAuth } from "../provider/okta/client";
import { OrgLimiter } from "../provider/okta/limiter";
import { ServiceAppAuth } from "../provider/okta/oauth";
import { PamServiceAuth } from "../provider/okta/privilegedAccess";
import { executeApiCall } from "../provider/apiCall";
import { startEmulator } from "../emulator";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, n: number, body: string) => void;

async function server(handler: Handler) {
    const seen: { method: string; url: string; headers: http.IncomingHttpHeaders }[] = [];
    const s = http.createServer((req, res) => {
        seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
        const n = seen.length;
        let body = "";
        req.on("data", (c) => (body += c));
        req.on("end", () => handler(req, res, n, body));
    });
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
    const port = (s.address() as AddressInfo).port;
    return {
        url: `http://127.0.0.1:${port}`,
        port,
        seen,
        close: () => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r()))),
    };
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
};
const sleeps: number[] = [];
const recordSleep = async (ms: number) => void sleeps.push(ms);
const fast = { maxRetries: 2, maxDelayMs: 5000, baseDelayMs: 1 };
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The call fails with the client's 300 ms timeout well before 2 s, rather than hanging (given up on at 3 s). */
async function assertTimesOut(call: Promise<unknown>): Promise<void> {
    const t0 = Date.now();
    const outcome = await Promise.race([
        call.then(
            () => "resolved",
            (e: Error) => e.message,
        ),
        new Promise<string>((r) => setTimeout(() => r("still pending"), 3000)),
    ]);
    assert.match(outcome, /no answer within 300 ms/);
    assert.ok(Date.now() - t0 < 2000);
}

describe("the client on the wire: edge cases", () => {
    beforeEach(() => sleeps.splice(0));

    describe("a header value node-fetch refuses", () => {
        for (const token of ["00SuperSecretToken\nPart2", "00SuperSecret\u2615Token"]) {
            it(`names the Authorization header, never its value, and neither sends nor retries (${JSON.stringify(token)})`, async () => {
                const em = await startEmulator({ tokens: ["t"] });
                try {
                    const c = new OktaClient({ baseUrl: em.url, auth: staticAuth({ kind: "apiToken", token }), retry: fast, sleep: recordSleep });
                    const e = await c.get("/api/v1/devices").then(() => assert.fail("expected a rejection"), (x: Error) => x);
                    const text = `${e.message}\n${JSON.stringify(e)}\n${e.stack}`;
                    for (const part of ["SuperSecret", "Part2", "Token"]) assert.ok(!text.includes(part), `the token leaked: ${text}`);
                    assert.match(e.message, /Authorization header/);
                    assert.notStrictEqual((e as { maybeApplied?: boolean }).maybeApplied, true);
                    assert.strictEqual(em.log.length, 0);
                    assert.deepStrictEqual(sleeps, [], "not retried");
                } finally {
                    await em.stop();
                }
            });
        }

        it("a callApi header with a non-Latin-1 value: named, not echoed, not retried", async () => {
            const em = await startEmulator({ tokens: ["t"] });
            try {
                const cfg = { get: (k: string) => ({ "pulumi-okta-dynamic:orgUrl": em.url, "okta:apiToken": "t" } as Record<string, string>)[k] };
                const t0 = Date.now();
                const e = await executeApiCall({ method: "GET", relativeUrl: "/api/v1/devices", headers: { "X-Note": "caf\u00e9 \u2615 note-value" } }, cfg).then(
                    () => assert.fail("expected a rejection"),
                    (x: Error) => x,
                );
                assert.ok(Date.now() - t0 < 400, `retried: took ${Date.now() - t0} ms`);
                assert.match(e.message, /X-Note header/);
                assert.ok(!`${e.message}${JSON.stringify(e)}`.includes("note-value"), e.message);
                assert.strictEqual(em.log.length, 0);
            } finally {
                await em.stop();
            }
        });
    });

    describe("429s", () => {
        const tooMany = (res: http.ServerResponse, n: number) =>
            json(res, 429, { errorCode: "E0000047", errorSummary: "API call exceeded rate limit due to too many requests.", errorLink: "E0000047", errorCauses: [] }, {
                "X-Okta-Request-Id": `req-${n}`,
                "X-Rate-Limit-Limit": "10",
                "X-Rate-Limit-Remaining": "0",
                "X-Rate-Limit-Reset": String(nowSeconds() - 5),
                Date: new Date().toUTCString(),
            });

        it("the final 429's error carries E0000047, its summary and the request id", async () => {
            const srv = await server((_req, res, n) => tooMany(res, n));
            try {
                const c = new OktaClient({ baseUrl: srv.url, auth: staticAuth({ kind: "apiToken", token: "t" }), retry: { maxRetries: 1, maxDelayMs: 1, baseDelayMs: 1 }, sleep: recordSleep });
                const e = await c.get("/api/v1/devices").then(() => assert.fail("expected a rejection"), (x: Error & { errorCode?: string; requestId?: string }) => x);
                assert.strictEqual(e.errorCode, "E0000047");
                assert.match(e.message, /E0000047: API call exceeded rate limit due to too many requests\./);
                assert.strictEqual(e.requestId, "req-2");
                assert.strictEqual(srv.seen.length, 2);
            } finally {
                await srv.close();
            }
        });

        it("returns the final 429 to a caller that takes any status (callApi without throwOnError), after the same retries", async () => {
            const srv = await server((_req, res, n) => tooMany(res, n));
            try {
                const c = new OktaClient({ baseUrl: srv.url, auth: staticAuth({ kind: "apiToken", token: "t" }), retry: { maxRetries: 2, maxDelayMs: 1, baseDelayMs: 1 }, sleep: recordSleep });
                const r = await c.request("GET", "/api/v1/devices", { anyStatus: true });
                assert.strictEqual(r.status, 429);
                assert.strictEqual(r.headers["x-rate-limit-remaining"], "0");
                assert.deepStrictEqual((r.body as { errorCode?: string }).errorCode, "E0000047");
                assert.strictEqual(srv.seen.length, 3, "retried as before");
                assert.strictEqual(sleeps.length, 2);
                await assert.rejects(c.request("GET", "/api/v1/devices", { anyStatus: false }), /429/);
            } finally {
                await srv.close();
            }
        });
    });

    it("times out a body that stalls after the headers", async () => {
        const srv = await server((_req, res) => {
            res.writeHead(200, { "Content-Type": "application/json" });
            res.write("[1,");
        });
        try {
            const c = new OktaClient({ baseUrl: srv.url, auth: staticAuth({ kind: "apiToken", token: "t" }), timeoutMs: 300, retry: { maxRetries: 0, maxDelayMs: 1, baseDelayMs: 1 } });
            await assertTimesOut(c.get("/stall"));
        } finally {
            await srv.close();
        }
    });

    describe("paging", () => {
        it("an absolute next link back to the first page is not followed again (listAll and callApi allPages)", async () => {
            const srv = await server((req, res) => json(res, 200, [1, 2], { link: `<http://127.0.0.1:${(req.socket.localPort)}/self?limit=2>; rel="next"` }));
            try {
                const c = new OktaClient({ baseUrl: srv.url, auth: staticAuth({ kind: "apiToken", token: "t" }), retry: fast, sleep: recordSleep });
                assert.deepStrictEqual(await c.listAll("/self", { limit: 2 }), [1, 2]);
                assert.strictEqual(srv.seen.length, 1);
                const cfg = { get: (k: string) => ({ "pulumi-okta-dynamic:orgUrl": srv.url, "okta:apiToken": "t" } as Record<string, string>)[k] };
                const r = await executeApiCall({ method: "GET", relativeUrl: "/self", query: { limit: 2 }, allPages: true }, cfg);
                assert.deepStrictEqual(r.body, [1, 2]);
                assert.strictEqual(srv.seen.length, 2);
            } finally {
                await srv.close();
            }
        });

        it("a next link to another host is an error, never followed, never a silently short list", async () => {
            const srv = await server((_req, res) => json(res, 200, [1, 2], { link: `<http://localhost:${srv.port}/other?after=2>; rel="next"` }));
            try {
                const c = new OktaClient({ baseUrl: srv.url, auth: staticAuth({ kind: "apiToken", token: "t" }), retry: fast, sleep: recordSleep });
                await assert.rejects(c.listAll("/other"), /next page.*another host/);
                assert.strictEqual(srv.seen.length, 1);
                const cfg = { get: (k: string) => ({ "pulumi-okta-dynamic:orgUrl": srv.url, "okta:apiToken": "t" } as Record<string, string>)[k] };
                await assert.rejects(executeApiCall({ method: "GET", relativeUrl: "/other", allPages: true }, cfg), /next page.*another host/);
                assert.strictEqual(srv.seen.length, 2);
            } finally {
                await srv.close();
            }
        });
    });

    it("the limiter hands a released slot to a waiter, so an acquire in the same tick cannot exceed the cap", async () => {
        const l = new OrgLimiter({ maxInFlight: 1 });
        const sl = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
        l.observe("b", 100, 100, nowSeconds() + 60);
        const r1 = await l.acquire("b", sl);
        let held = 1;
        let max = 1;
        const take = () => l.acquire("b", sl).then((rel) => ((max = Math.max(max, ++held)), () => (held--, rel())));
        const w = take();
        await sl(5);
        r1();
        held--;
        const third = take();
        const rel2 = await w;
        await new Promise((r) => setImmediate(r));
        assert.strictEqual(max, 1);
        rel2();
        (await third)();
        assert.strictEqual(max, 1);
    });

    describe("X-Okta-Retry-Count", () => {
        it("is at least 1 on the repeat after a 401 renewal and after a nonce challenge", async () => {
            for (const kind of ["renew", "inspect"] as const) {
                const srv = await server((_req, res, n) => json(res, n === 1 ? 401 : 200, {}, { "X-Okta-Request-Id": `req-${n}` }));
                try {
                    let first = true;
                    const a: AuthStrategy = {
                        headers: async () => ({ Authorization: "Bearer t" }),
                        renew: kind === "renew" ? async () => true : undefined,
                        inspect: kind === "inspect" ? () => (first ? ((first = false), true) : false) : undefined,
                    };
                    const c = new OktaClient({ baseUrl: srv.url, auth: a, retry: fast, sleep: recordSleep });
                    assert.strictEqual((await c.get("/api/v1/x")).status, 200);
                    assert.strictEqual(srv.seen[1].headers["x-okta-retry-for"], "req-1", kind);
                    assert.strictEqual(srv.seen[1].headers["x-okta-retry-count"], "1", kind);
                } finally {
                    await srv.close();
                }
            }
        });
    });

    describe("token endpoints", () => {
        const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
        const pem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
        const oauth = (url: string) => new ServiceAppAuth(url, { kind: "oauth", clientId: "app1", privateKey: pem, scopes: ["okta.devices.read"] });
        const pam = (url: string, keySecret = "KEY-SECRET-abc123") => new PamServiceAuth({ url, team: "t1", keyId: "kid", keySecret });

        it("OAuth: a 429 at the token endpoint is waited out (Reset - Date + 1 s) and retried", async () => {
            const srv = await server((req, res, n) => {
                if (req.url === "/oauth2/v1/token") {
                    if (n === 1) return json(res, 429, { errorCode: "E0000047" }, { "X-Rate-Limit-Reset": String(nowSeconds() + 2), Date: new Date().toUTCString() });
                    return json(res, 200, { access_token: "at-1", token_type: "Bearer", expires_in: 3600 });
                }
                json(res, 200, []);
            });
            try {
                const auth = oauth(srv.url);
                const c = new OktaClient({ baseUrl: srv.url, auth, retry: fast, sleep: recordSleep });
                assert.strictEqual((await c.get("/api/v1/devices")).status, 200);
                assert.strictEqual(auth.tokenRequests, 2);
                assert.strictEqual(sleeps.length, 1);
                assert.ok(sleeps[0] >= 1500 && sleeps[0] <= 3000, String(sleeps[0]));
            } finally {
                await srv.close();
            }
        });

        it("Privileged Access: a 429 at service_token is waited out (X-RateLimit-Retry-At) and retried", async () => {
            const srv = await server((req, res, n) => {
                if (req.url === "/v1/teams/t1/service_token") {
                    if (n === 1) return json(res, 429, { message: "Too many requests" }, { "X-RateLimit-Retry-At": String(nowSeconds() + 2), Date: new Date().toUTCString() });
                    return json(res, 200, { bearer_token: "bt-1", expires_at: new Date(Date.now() + 3600_000).toISOString(), team_name: "t1" });
                }
                json(res, 200, { list: [] });
            });
            try {
                const auth = pam(srv.url);
                const c = new OktaClient({ baseUrl: auth.baseUrl, auth, retry: fast, sleep: recordSleep });
                assert.strictEqual((await c.get("/sudo_command_bundles")).status, 200);
                assert.strictEqual(auth.tokenRequests, 2);
                assert.ok(sleeps.length === 1 && sleeps[0] >= 1500 && sleeps[0] <= 3000, String(sleeps));
            } finally {
                await srv.close();
            }
        });

        for (const which of ["OAuth", "Privileged Access"] as const) {
            it(`${which}: the token request is bound by the client's timeout, body included`, async () => {
                const srv = await server((_req, res) => {
                    res.writeHead(200, { "Content-Type": "application/json" });
                    res.write("{");
                });
                try {
                    const auth = which === "OAuth" ? oauth(srv.url) : pam(srv.url);
                    const base = which === "OAuth" ? srv.url : (auth as PamServiceAuth).baseUrl;
                    const c = new OktaClient({ baseUrl: base, auth, timeoutMs: 300, retry: { maxRetries: 0, maxDelayMs: 1, baseDelayMs: 1 } });
                    await assertTimesOut(c.get("/x"));
                } finally {
                    await srv.close();
                }
            });
        }

        it("Privileged Access: a refused service_token carries the request id and Okta's causes, never the secret", async () => {
            const srv = await server((_req, res) =>
                json(res, 400, { message: "Bad request", errors: [{ path: "key_secret", message: "is too short" }] }, { "X-Okta-Request-Id": "pam-req-1" }),
            );
            try {
                const e = await pam(srv.url).headers().then(
                    () => assert.fail("expected a rejection"),
                    (x: Error & { requestId?: string; errorCauses?: { errorSummary: string; location?: string }[] }) => x,
                );
                assert.strictEqual(e.requestId, "pam-req-1");
                assert.deepStrictEqual(e.errorCauses?.map((c) => [c.location, c.errorSummary]), [["key_secret", "is too short"]]);
                assert.ok(!`${e.message}${JSON.stringify(e)}${e.stack}`.includes("KEY-SECRET"));
            } finally {
                await srv.close();
            }
        });
    });

    describe("renewal and nonces under concurrency", () => {
        const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
        const pem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;

        /**
         * Two API calls sent together; the first is answered once both are out, the second only after the first's
         * repeat has been answered (a late answer to the same credential).
         */
        function pairServer(api: (req: http.IncomingMessage, res: http.ServerResponse) => void, token: (n: number) => unknown) {
            let mints = 0;
            const calls: (() => void)[] = [];
            return server((req, res) => {
                if (req.url === "/oauth2/v1/token" || req.url === "/v1/teams/t1/service_token") return json(res, 200, token(++mints));
                calls.push(() => api(req, res));
                if (calls.length === 2) calls[0]();
                else if (calls.length === 3) (calls[2](), setTimeout(calls[1], 20));
                else if (calls.length > 3) calls[calls.length - 1]();
            });
        }

        it("OAuth: a late 401 for a token already replaced does not mint another", async () => {
            const srv = await pairServer(
                (req, res) => json(res, req.headers.authorization === "Bearer at-1" ? 401 : 200, {}),
                (n) => ({ access_token: `at-${n}`, token_type: "Bearer", expires_in: 3600 }),
            );
            try {
                const auth = new ServiceAppAuth(srv.url, { kind: "oauth", clientId: "app1", privateKey: pem, scopes: ["s"] });
                const limiter = new OrgLimiter({ maxInFlight: 10 });
                limiter.observe("GET /api/v1/x", 100, 100, nowSeconds() + 60);
                const c = new OktaClient({ baseUrl: srv.url, auth, limiter, retry: fast, sleep: recordSleep });
                const rs = await Promise.all([c.get("/api/v1/x"), c.get("/api/v1/x")]);
                assert.deepStrictEqual(rs.map((r) => r.status), [200, 200]);
                assert.strictEqual(auth.tokenRequests, 2);
            } finally {
                await srv.close();
            }
        });

        it("Privileged Access: a late 401 for a token already replaced does not mint another", async () => {
            const srv = await pairServer(
                (req, res) => json(res, req.headers.authorization === "Bearer bt-1" ? 401 : 200, { list: [] }),
                (n) => ({ bearer_token: `bt-${n}`, expires_at: new Date(Date.now() + 3600_000).toISOString() }),
            );
            try {
                const auth = new PamServiceAuth({ url: srv.url, team: "t1", keyId: "kid", keySecret: "s" });
                const limiter = new OrgLimiter({ maxInFlight: 10 });
                limiter.observe("GET /x", 100, 100, nowSeconds() + 60);
                const c = new OktaClient({ baseUrl: auth.baseUrl, auth, limiter, retry: fast, sleep: recordSleep });
                const rs = await Promise.all([c.get("/x"), c.get("/x")]);
                assert.deepStrictEqual(rs.map((r) => r.status), [200, 200]);
                assert.strictEqual(auth.tokenRequests, 2);
            } finally {
                await srv.close();
            }
        });

        it("DPoP: a nonce challenge to a proof that carried an older nonce is repeated with the new one, not renewed", async () => {
            const nonceOf = (proof: unknown) => (typeof proof === "string" ? (JSON.parse(Buffer.from(proof.split(".")[1], "base64url").toString()) as { nonce?: string }).nonce : undefined);
            const srv = await pairServer(
                (req, res) => {
                    if (nonceOf(req.headers.dpop) === "n1") return json(res, 200, {});
                    json(res, 401, {}, { "DPoP-Nonce": "n1", "WWW-Authenticate": 'DPoP error="use_dpop_nonce"' });
                },
                (n) => ({ access_token: `at-${n}`, token_type: "DPoP", expires_in: 3600 }),
            );
            try {
                const auth = new ServiceAppAuth(srv.url, { kind: "oauth", clientId: "app1", privateKey: pem, scopes: ["s"], dpop: true });
                const limiter = new OrgLimiter({ maxInFlight: 10 });
                limiter.observe("GET /api/v1/x", 100, 100, nowSeconds() + 60);
                const c = new OktaClient({ baseUrl: srv.url, auth, limiter, retry: fast, sleep: recordSleep });
                const rs = await Promise.all([c.get("/api/v1/x"), c.get("/api/v1/x")]);
                assert.deepStrictEqual(rs.map((r) => r.status), [200, 200]);
                assert.strictEqual(auth.tokenRequests, 1, "no renewal");
            } finally {
                await srv.close();
            }
        });
    });
});
