// The HTTP client against small real servers on 127.0.0.1: what it sends on retries, what it refuses.
import * as assert from "assert";
import { OktaClient, AuthStrategy } from "../provider/okta/client";
import { startEmulator } from "../emulator";
import { hostileServer } from "./support/hostileServer";

const auth = (token: string): AuthStrategy => ({ headers: async () => ({ Authorization: `SSWS ${token}` }) });
const noSleep = async () => {};

describe("the Okta client on the wire", () => {
    it("sends X-Okta-Retry-For and X-Okta-Retry-Count when it retries a 429", async () => {
        const srv = await hostileServer((_req, res, n) => {
            res.setHeader("X-Okta-Request-Id", `req-${n}`);
            if (n === 1) {
                res.writeHead(429, { "X-Rate-Limit-Reset": String(Math.floor(Date.now() / 1000)), "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Limit": "1" });
                return res.end("{}");
            }
            res.writeHead(200, { "Content-Type": "application/json" });
            res.end('{"ok":true}');
        });
        const c = new OktaClient({ baseUrl: srv.url, auth: auth("t"), sleep: noSleep });
        const r = await c.get("/api/v1/x");
        assert.deepStrictEqual(r.body, { ok: true });
        assert.strictEqual(srv.seen[0].headers["x-okta-retry-for"], undefined);
        assert.strictEqual(srv.seen[1].headers["x-okta-retry-for"], "req-1");
        assert.strictEqual(srv.seen[1].headers["x-okta-retry-count"], "1");
        await srv.close();
    });

    it("does not follow a redirect, so credentials never reach another host", async () => {
        const other = await hostileServer((_req, res) => res.end("{}"));
        const srv = await hostileServer((_req, res) => {
            res.writeHead(302, { Location: `${other.url}/steal` });
            res.end();
        });
        const c = new OktaClient({ baseUrl: srv.url, auth: auth("redirect-SECRET"), sleep: noSleep });
        await assert.rejects(c.get("/api/v1/x"), (e: Error) => /302.*redirects are not followed/.test(e.message) && !e.message.includes("redirect-SECRET"));
        assert.strictEqual(other.seen.length, 0);
        await srv.close();
        await other.close();
    });

    it("repeats a 5xx for idempotent calls only, and never echoes a body that holds a token", async () => {
        let posts = 0;
        const srv = await hostileServer((req, res) => {
            if (req.method === "POST") posts++;
            res.writeHead(503, { "Content-Type": "application/json" });
            res.end(JSON.stringify({ token: "echoed-SECRET", errorSummary: "Service Unavailable", errorCode: "E0000009" }));
        });
        const c = new OktaClient({ baseUrl: srv.url, auth: auth("t"), sleep: noSleep, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1 } });
        await assert.rejects(c.get("/a"), (e: Error) => /503/.test(e.message) && !e.message.includes("echoed-SECRET"));
        assert.strictEqual(srv.seen.length, 3, "GET tried three times");
        await assert.rejects(c.request("POST", "/a", { body: {} }), /503/);
        assert.strictEqual(posts, 1, "a create is not blindly repeated");
        await srv.close();
    });

    it("renews credentials once on a 401, then surfaces Okta's error", async () => {
        let renewals = 0;
        const strategy: AuthStrategy = { headers: async () => ({ Authorization: `Bearer t${renewals}` }), renew: async () => (renewals++, true) };
        const emu = await startEmulator({ tokens: ["t1"] });
        const c = new OktaClient({ baseUrl: emu.url, auth: strategy, sleep: noSleep });
        const r = await c.get("/governance/api/v1/teams");
        assert.strictEqual(r.status, 200);
        assert.strictEqual(renewals, 1);
        const bad = new OktaClient({ baseUrl: emu.url, auth: { headers: async () => ({ Authorization: "SSWS wrong" }), renew: async () => (renewals++, true) }, sleep: noSleep });
        await assert.rejects(bad.get("/governance/api/v1/teams"), /401.*E0000004: Authentication failed/);
        assert.strictEqual(renewals, 2, "one renewal per call, not a loop");
        await emu.stop();
    });

    it("paginates with Link rel=next across pages", async () => {
        const emu = await startEmulator({ tokens: ["t"], teams: Array.from({ length: 45 }, (_, i) => ({ name: `team-${i}` })) });
        const c = new OktaClient({ baseUrl: emu.url, auth: auth("t"), sleep: noSleep });
        const teams = await c.listAll<{ name: string }>("/governance/api/v1/teams", { limit: 20 });
        assert.strictEqual(teams.length, 46);
        assert.strictEqual(emu.count("GET"), 3);
        assert.ok(emu.log[1].query.after, "the second page was asked for with the cursor");
        await emu.stop();
    });
});
