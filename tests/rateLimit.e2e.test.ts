// Okta's governance writes have low limits (one org saw 15 creates per window) and other clients spend the same
// bucket. Through the real engine at high parallelism, the plugin's shared limiter must pace the creates from
// Okta's headers so that none is refused with a 429, rather than learning the limit from refusals.
import * as assert from "assert";
import fetch from "node-fetch";
import { startEmulator, Emulator } from "../emulator";
import { RequestType } from "../sdk";
import { inlineStack, EngineStack } from "../harness/engine";
import { minimal } from "./fixtures";

const TOKEN = "ratelimit-token";
const CREATE = "POST /governance/api/v1/request-types";

describe("rate limits through the real engine", function () {
    this.timeout(300_000);
    let emu: Emulator;
    let es: EngineStack;
    const N = 12;

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN], rateLimits: { [CREATE]: { limit: 5, windowSeconds: 3 } } });
        es = await inlineStack({
            projectName: "okta-ratelimit",
            program: async () => {
                for (let i = 0; i < N; i++) new RequestType(`burst-${i}`, minimal({ ownerId: emu.teams[0].id, name: `burst-${i}` }));
            },
            env: { OKTA_ORG_URL: emu.url, OKTA_API_TOKEN: TOKEN },
        });
    });
    after(async () => {
        await es?.cleanup();
        await emu?.stop();
    });

    it("a burst of creates into a low limit that another client has half spent meets no 429", async () => {
        // Another client takes 3 of the window's 5 creates just before the up.
        for (let i = 0; i < 3; i++) {
            const r = await fetch(`${emu.url}/governance/api/v1/request-types`, {
                method: "POST",
                headers: { Authorization: `SSWS ${TOKEN}`, "Content-Type": "application/json", Accept: "application/json" },
                body: JSON.stringify(minimal({ ownerId: emu.teams[0].id, name: `other-${i}`, requestSettings: { type: "EVERYONE", requesterFields: [] } })),
            });
            assert.strictEqual(r.status, 201, await r.text());
        }
        emu.clearLog();
        const up = await es.stack.up({ parallel: 32 });
        assert.strictEqual(up.summary.result, "succeeded");
        const creates = emu.log.filter((l) => l.method === "POST" && l.path === "/governance/api/v1/request-types");
        assert.strictEqual(creates.filter((l) => l.status === 201).length, N, "every declared type was created once");
        assert.deepStrictEqual(creates.filter((l) => l.status === 429).length, 0, "the limiter ran into the limit");
        await es.stack.destroy();
    });
});
