// Faults and secrets through the real engine: `pulumi up` converges through injected faults, and the
// token appears nowhere in the engine's and plugin's verbose output, in errors, or in the stored state.
import * as assert from "assert";
import { startEmulator, Emulator } from "../emulator";
import { RequestType, RequestTypeArgs, HookKey } from "../sdk";
import { inlineStack, EngineStack } from "../harness/engine";
import { GROUP } from "./fixtures";

const TOKEN = "rel-SECRET-api-token-c0ffee";

describe("reliability and secrets through the real engine", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let es: EngineStack;
    let names: string[] = [];
    let duplicateOf: string | undefined;
    const captured: string[] = [];
    const capture = { onOutput: (s: string) => captured.push(s), onError: (s: string) => captured.push(s) };

    const args = (name: string, status: "DRAFT" | "ACTIVE" = "ACTIVE"): RequestTypeArgs => ({
        name,
        description: `Converges: ${name}`,
        ownerId: emu.teams[0].id,
        resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP }] },
        approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
        status,
    });

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        es = await inlineStack({
            projectName: "okta-reliability",
            program: async () => {
                for (const n of names) new RequestType(n, args(n));
                if (duplicateOf) new RequestType("clash", args(duplicateOf));
                new HookKey("signing", { name: "rel-signing" });
            },
            // The token from the environment: the engine never holds it, so even its -v=9 logs cannot show it.
            // (A config secret is decrypted into Pulumi's own -v>=7 engine logs, for every provider.)
            env: { OKTA_ORG_URL: emu.url, OKTA_API_TOKEN: TOKEN, OKTA_DYNAMIC_TIMEOUT_MS: "1500" },
        });
    });
    after(async () => {
        await es?.cleanup();
        await emu?.stop();
    });

    it("up converges through a lost create answer, a connection reset, 503s and a 429 burst", async () => {
        names = ["rel-a", "rel-b", "rel-c", "rel-d", "rel-e"];
        emu.injectFault({ method: "POST", path: "/governance/api/v1/request-types", exact: true, kind: "lost-response" });
        emu.injectFault({ method: "POST", path: "/governance/api/v1/request-types", exact: true, kind: "reset-before" });
        emu.injectFault({ method: "POST", path: "/governance/api/v1/request-types", exact: true, kind: "503", times: 2 });
        emu.injectFault({ method: "POST", path: "/api/v1/hook-keys", kind: "429", times: 3 });
        const up = await es.stack.up({ ...capture, logVerbosity: 9, debug: true, logToStdErr: true });
        assert.strictEqual(up.summary.result, "succeeded");
        assert.deepStrictEqual([...emu.requestTypes.values()].map((t) => t.name).sort(), names);
        assert.strictEqual(emu.hookKeys.size, 1);
        assert.ok(emu.log.some((l) => l.fault === "lost-response") && emu.log.some((l) => l.fault === "503"), "the faults were hit");
        await es.stack.refresh({ expectNoChanges: true, ...capture });
    });

    it("a refused create fails with Okta's error, and the rerun after fixing the program converges", async () => {
        duplicateOf = "rel-a"; // names are unique: Okta refuses the second one
        await assert.rejects(es.stack.up({ ...capture, logVerbosity: 9, debug: true, logToStdErr: true }), (e: Error) => {
            captured.push(e.message);
            // CLI 3.259 and later log JSON at this verbosity, where the message's quotes arrive escaped.
            assert.match(e.message.replace(/\\+"/g, '"'), /creating request type "rel-a": Okta answered 400 .*E0000001.*already exists.*X-Okta-Request-Id/s);
            return true;
        });
        duplicateOf = undefined;
        await es.stack.up(capture);
        assert.strictEqual(emu.requestTypes.size, 5);
        await es.stack.refresh({ expectNoChanges: true, ...capture });
    });

    it("the token is nowhere: engine and plugin output at verbosity 9, errors, stored state", async () => {
        const text = captured.join("\n");
        assert.ok(text.length > 10_000, `captured ${text.length} characters of output`);
        assert.ok(text.includes("pulumi-resource-pulumi-nodejs") || text.includes("dynamic"), "the plugin's logs were captured");
        assert.ok(!text.includes(TOKEN), "the token leaked into output or errors");
        assert.ok(!es.storedState().text.includes(TOKEN), "the token is in the stored state");
    });

    it("destroy converges through a lost delete answer", async () => {
        emu.injectFault({ method: "DELETE", path: "/governance/api/v1/request-types/", kind: "lost-response" });
        await es.stack.destroy(capture);
        assert.strictEqual(emu.requestTypes.size, 0);
        assert.strictEqual(emu.hookKeys.size, 0);
        assert.ok(!captured.join("\n").includes(TOKEN));
    });
});
