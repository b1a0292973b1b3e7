// Okta's windows are one minute, and its X-Rate-Limit-Reset is rounded up to a whole second, read on a clock that
// may be up to 2 s from ours without the Date header showing it: a spent window can reset 61 to 63 s ahead. That
// is Okta's ordinary pace and must be waited out (with a wait bound of 60 s, `npm run bench` refused 3 of 50
// creates at 15 per minute); only a reset no window explains is refused. Every wait here is on a virtual clock.
import * as assert from "assert";
import { startEmulator, Emulator } from "../emulator";
import { OktaClient, staticAuth, tokenRequest } from "../provider/okta/client";
import { OrgLimiter } from "../provider/okta/limiter";
import { DEFAULT_BOUNDS, ONE_WINDOW_MS, rateLimitWaitBoundMs } from "../provider/okta/bounds";
import { DEFAULT_RETRY } from "../provider/okta/retry";
import { hostileServer, HostileServer, json, spent, within } from "./support/hostileServer";
import { VirtualClock } from "./support/virtualClock";
import { minimal } from "./fixtures";

const TOKEN = "window-token";
const CREATE = "POST /governance/api/v1/request-types";
const auth = staticAuth({ kind: "apiToken", token: TOKEN });
const wholeSecond = () => Math.floor(Date.now() / 1000) * 1000;

describe("Okta's one-minute rate-limit window is waited out, not refused", function () {
    this.timeout(20_000);
    let emu: Emulator | undefined;
    let s: HostileServer | undefined;
    afterEach(async () => {
        await emu?.stop();
        await s?.close();
        emu = s = undefined;
    });

    for (const c of [
        { label: "the server's clock on ours: each reset up to 61 s ahead", skewMs: 0, startMs: 1 },
        { label: "the server's clock 1.999 s ahead, under Date's rounding so not corrected: the first reset 62.998 s ahead", skewMs: 1999, startMs: 2 },
    ]) {
        it(`50 creates at 15 per 60 s through one client with the default bounds all succeed, without a 429 (${c.label})`, async () => {
            const clock = new VirtualClock(wholeSecond() + c.startMs);
            emu = await startEmulator({ tokens: [TOKEN], rateLimits: { [CREATE]: { limit: 15, windowSeconds: 60 } }, clock: () => clock.now() + c.skewMs });
            const client = new OktaClient({ baseUrl: emu.url, auth, limiter: new OrgLimiter(undefined, clock.now), sleep: clock.sleep });
            const ownerId = emu.teams[0].id;
            const results = await Promise.allSettled(
                Array.from({ length: 50 }, (_, i) => clock.run(() => client.request("POST", "/governance/api/v1/request-types", { body: minimal({ ownerId, name: `minute-${i}` }) }))),
            );
            const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
            assert.deepStrictEqual(failed.map((r) => String(r.reason?.message ?? r.reason)), [], "every create went through");
            assert.strictEqual(emu.requestTypes.size, 50);
            assert.strictEqual(emu.log.filter((l) => l.status === 429).length, 0, "the limiter ran into the limit");
            // The case the old bound refused: a single wait past the nominal minute.
            const longest = Math.max(...clock.slept);
            assert.ok(longest > 60_000 && longest <= ONE_WINDOW_MS + 100, `longest wait ${longest} ms`);
            // Three further windows (ceil(50 / 15) - 1), each at most one window long.
            assert.ok(clock.elapsed() >= 3 * 60_000 && clock.elapsed() <= 3 * (ONE_WINDOW_MS + 100), `took ${clock.elapsed()} virtual ms`);
        });
    }

    it("a 429 asking for 62 s (one window, rounded, and skew) is waited out even under a 60 s bound", async () => {
        const clock = new VirtualClock(wholeSecond());
        const resetS = clock.now() / 1000 + 62;
        s = await hostileServer((_q, res, n) =>
            n === 1
                ? json(res, 429, { errorCode: "E0000047" }, spent(resetS, new Date(clock.now()).toUTCString()))
                : json(res, 200, { ok: true }, { "X-Rate-Limit-Limit": "10", "X-Rate-Limit-Remaining": "9", "X-Rate-Limit-Reset": String(resetS + 60), Date: new Date(clock.now()).toUTCString() }),
        );
        const c = new OktaClient({ baseUrl: s.url, auth, limiter: new OrgLimiter(undefined, clock.now), sleep: clock.sleep, bounds: { maxWaitMs: 60_000 } });
        const r = await within(5000, c.get("/api/v1/x"));
        assert.ifError(r.error);
        assert.deepStrictEqual(r.value?.body, { ok: true });
        assert.strictEqual(s.seen.length, 2, "sent again once, after the reset");
        assert.ok(clock.elapsed() >= 61_000, `retried after ${clock.elapsed()} virtual ms, before the reset`);
    });

    it("a token endpoint's 429 asking for 62 s is waited out even under a 60 s bound", async () => {
        const asked: number[] = [];
        s = await hostileServer((_q, res, n) => (n === 1 ? json(res, 429, {}, { "X-RateLimit-Retry-At": String(Math.floor(Date.now() / 1000) + 62) }) : json(res, 200, { access_token: "x" })));
        const wire = { timeoutMs: 5000, retry: DEFAULT_RETRY, maxWaitMs: 60_000, sleep: async (ms: number) => void asked.push(ms) };
        const res = await tokenRequest(wire, `${s.url}/oauth2/v1/token`, async () => ({ headers: {}, body: "" }), () => undefined);
        assert.strictEqual(res.status, 200);
        assert.strictEqual(asked.length, 1);
    });

    describe("the limiter's bound on a spent window (a virtual clock on a whole second)", () => {
        const spentFor = async (aheadS: number, maxWaitMs: number) => {
            const clock = new VirtualClock(wholeSecond());
            const limiter = new OrgLimiter(undefined, clock.now);
            limiter.observe("b", 10, 0, clock.now() / 1000 + aheadS);
            (await limiter.acquire("b", clock.sleep, { maxWaitMs }))();
            return clock.elapsed();
        };

        it("by default, waits up to 300 s (terraform-provider-okta's max_wait_seconds) and refuses beyond, naming the bound", async () => {
            assert.strictEqual(DEFAULT_BOUNDS.maxWaitMs, 300_000);
            assert.ok((await spentFor(300, DEFAULT_BOUNDS.maxWaitMs)) >= 300_000);
            await assert.rejects(spentFor(301, DEFAULT_BOUNDS.maxWaitMs), /resets in 301 s \(X-Rate-Limit-Reset\), beyond the longest wait allowed, 300 s; not sent.*OKTA_DYNAMIC_MAX_WAIT_MS/);
            await assert.rejects(spentFor(3600, DEFAULT_BOUNDS.maxWaitMs), /resets in 3600 s/);
        });

        it("a bound set below one window still waits out a window (63 s) and refuses just past it", async () => {
            assert.strictEqual(ONE_WINDOW_MS, 63_000);
            assert.strictEqual(rateLimitWaitBoundMs(2000), 63_000);
            assert.strictEqual(rateLimitWaitBoundMs(120_000), 120_000);
            assert.ok((await spentFor(63, 2000)) >= 63_000);
            await assert.rejects(spentFor(64, 2000), /resets in 64 s .*longest wait allowed, 63 s/);
        });
    });
});
