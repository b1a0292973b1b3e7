// A refused token (401) through the real engine: the user reads the clear message (which credential, which org,
// Okta's request id) once per resource, with no "Unhandled exception" and no stack trace of our internals, in
// whichever operation meets it: a lookup in the program (up), check (preview), read (refresh), delete (destroy).
import * as assert from "assert";
import { startEmulator, Emulator } from "../emulator";
import { getTeam, HookKey, RequestType } from "../sdk";
import { EngineStack, inlineStack } from "../harness/engine";
import { GROUP } from "./fixtures";

const TOKEN = "refused-SECRET-token-5e1f";
const BAD = "not-the-SECRET-token-0000";
const REFUSED = /the credential from environment OKTA_API_TOKEN was refused/;
const STACK_LINE = /^\s*at .*[(\s]\S+:\d+:\d+\)?$/m;

/** What the engine printed and the error the run failed with, together (as a user's terminal has them). */
async function failedRun(run: (onOutput: (s: string) => void) => Promise<unknown>): Promise<string> {
    let out = "";
    try {
        await run((s) => (out += s));
    } catch (e) {
        return `${out}\n${(e as Error).message}`;
    }
    assert.fail(`the run succeeded:\n${out}`);
}

/** The Diagnostics section of the engine's output: one entry per message, unlike the progress lines above it. */
function diagnostics(out: string): string {
    const start = out.indexOf("Diagnostics:");
    assert.ok(start >= 0, out);
    return out.slice(start + "Diagnostics:\n".length, out.indexOf("Resources:", start));
}

/** No "Unhandled exception", no stack line, and the message once under each resource that met it, nowhere else. */
function assertClear(out: string, resources: number): void {
    assert.doesNotMatch(out, /Unhandled exception/, out);
    assert.doesNotMatch(out, STACK_LINE, out);
    assert.ok(!out.includes(BAD), "the refused token is never printed");
    const sections = diagnostics(out).split(/\n\n/);
    const withMessage = sections.filter((s) => REFUSED.test(s));
    assert.strictEqual(withMessage.length, resources, diagnostics(out));
    for (const s of withMessage) {
        assert.match(s, /^\s*pulumi-nodejs:dynamic\/okta:\w+ \(\w+\):/, `the message is shown under the resource, not echoed under the stack:\n${s}`);
        assert.strictEqual(s.split("\n").filter((l) => REFUSED.test(l)).length, 1, s);
    }
}

describe("a refused token through the real engine: the message once, no stack trace", function () {
    this.timeout(300_000);
    let emu: Emulator;
    const stacks: EngineStack[] = [];

    const declare = (ownerId: string | Promise<string>, withKey = true) => {
        new RequestType("rt", {
            name: "refused-token-type",
            ownerId,
            resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP }] },
            approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
        });
        if (withKey) new HookKey("key", { name: "refused-token-key" });
    };
    const stackWith = async (projectName: string, program: () => Promise<void>, token: string) => {
        const es = await inlineStack({ projectName, program, env: { OKTA_ORG_URL: emu.url, OKTA_API_TOKEN: token } });
        stacks.push(es);
        return es;
    };

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
    });

    after(async () => {
        delete process.env.OKTA_ORG_URL;
        delete process.env.OKTA_API_TOKEN;
        for (const es of stacks) {
            es.stack.workspace.envVars.OKTA_API_TOKEN = TOKEN;
            await es.stack.destroy().catch(() => undefined);
            await es.cleanup();
        }
        await emu.stop();
    });

    describe("in the provider: preview (check), refresh (read), destroy (delete)", () => {
        let es: EngineStack;
        before(async () => {
            es = await stackWith("refused-token", async () => declare(emu.teams[0].id), TOKEN);
            await es.stack.up();
            es.stack.workspace.envVars.OKTA_API_TOKEN = BAD;
        });

        it("preview", async () => {
            // The engine stops at the first resource whose check fails.
            assertClear(await failedRun((onOutput) => es.stack.preview({ onOutput })), 1);
        });

        it("refresh", async () => {
            assertClear(await failedRun((onOutput) => es.stack.refresh({ onOutput })), 2);
        });

        it("destroy", async () => {
            assertClear(await failedRun((onOutput) => es.stack.destroy({ onOutput })), 2);
            assert.strictEqual(emu.requestTypes.size + emu.hookKeys.size, 2, "nothing was deleted");
        });
    });

    it("in the program: a lookup whose result is a resource's input (getTeam(...).then)", async () => {
        // An inline program reads the org from this process's environment (docs/automation-api.md).
        process.env.OKTA_ORG_URL = emu.url;
        process.env.OKTA_API_TOKEN = BAD;
        try {
            const es = await stackWith("refused-token-lookup", async () => declare(getTeam({ name: "IT" }).then((t) => t.id), false), BAD);
            const out = await failedRun((onOutput) => es.stack.up({ onOutput }));
            assert.doesNotMatch(out, /Unhandled exception/, out);
            assert.doesNotMatch(out, STACK_LINE, out);
            assert.ok(!out.includes(BAD));
            // The Automation API adds its own summary of a failed inline program ("One or more errors occurred: ...").
            const lines = diagnostics(out).split("\n").filter((l) => REFUSED.test(l) && !/One or more errors occurred/.test(l));
            // One message. Pulumi's inline-program runner may log it a second time, word for word, from its
            // process-wide unhandledRejection handler, depending on when Node reports the rejection (seen in a
            // long mocha run, not alone): the same line, never a stack or "Unhandled exception".
            assert.ok(lines.length >= 1 && lines.length <= 2, diagnostics(out));
            assert.strictEqual(new Set(lines.map((l) => l.trim())).size, 1, diagnostics(out));
            assert.match(lines[0], /error: error serializing property "ownerId": Okta answered 401 to GET \/governance\/api\/v1\/teams/);
        } finally {
            delete process.env.OKTA_ORG_URL;
            delete process.env.OKTA_API_TOKEN;
        }
    });
});
