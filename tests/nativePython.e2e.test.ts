// The native plugin from Python: the SDK generated from native/schema.json (tools/gen-sdks.sh) installed in a venv
// with the `pulumi` package, an Automation API inline program (tests/native/automation_program.py, no language host
// needed) against the emulator: create, preview with no changes, a status change as one update and one call, destroy.
import * as assert from "assert";
import { execFile } from "child_process";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { REPO_ROOT } from "../harness/engine";
import { GROUP } from "./fixtures";
import { releasedPlugin, nativeWorkspace, NativeWorkspace, pythonWithSdk } from "./support/nativeWorkspace";

const TOKEN = "native-py-SECRET-token-0b7e";

describe("native plugin: a Python Automation API program on the generated SDK", function () {
    this.timeout(900_000);
    let emu: Emulator;
    let ws: NativeWorkspace;
    let python: string;
    let env: NodeJS.ProcessEnv;

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        python = pythonWithSdk();
        ws = nativeWorkspace("native-py");
        env = { ...ws.env, WORK_DIR: ws.work, ORG_URL: emu.url, API_TOKEN: TOKEN, GROUP_ID: GROUP };
        await ws.installPlugin(releasedPlugin());
    });
    after(async () => {
        await emu?.stop();
        ws?.cleanup();
    });

    it("creates, previews clean, publishes with one call, destroys", async () => {
        // Asynchronously: the emulator answers from this process.
        const stdout = await new Promise<string>((resolve, reject) =>
            execFile(python, [path.join(REPO_ROOT, "tests", "native", "automation_program.py")], { env, encoding: "utf8", maxBuffer: 64 << 20 }, (err, out, errText) =>
                err ? reject(new Error(`the Python program failed:\n${out}\n${errText}`)) : resolve(out),
            ),
        );
        const r = JSON.parse(stdout.trim().split("\n").pop()!);
        assert.deepStrictEqual(r.created, { create: 2 }); // the stack and the request type
        assert.strictEqual(r.status, "DRAFT");
        assert.deepStrictEqual(r.preview, { same: 2 });
        assert.deepStrictEqual(r.changed, { same: 1, update: 1 });
        assert.strictEqual(r.status2, "ACTIVE");
        const writes = emu.log.filter((l) => l.method !== "GET").map((l) => `${l.method} ${l.path.replace(/[0-9a-f]{24}/g, "{id}")}`);
        assert.deepStrictEqual(writes, ["POST /governance/api/v1/request-types", "POST /governance/api/v1/request-types/{id}/publish", "DELETE /governance/api/v1/request-types/{id}"]);
    });
});
