// The Automation API sample of docs/automation-api.md, as written, run as a user runs it: compiled into a project folder whose
// node_modules holds the package and @pulumi/pulumi, `node index.js` with the `pulumi` CLI on PATH, the org in the
// environment, against the emulator. It must create what it declares (with the team it looked up), and a failure
// must end in the message and a non-zero exit, not an unhandled rejection with its stack.
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { startEmulator, Emulator } from "../emulator";
import { pulumiCliRoot, REPO_ROOT } from "../harness/engine";
import { tsBlockWith } from "./support/readme";

const TOKEN = "readme-SECRET-token-9a3b";

describe("docs/automation-api.md's sample, run as written", function () {
    this.timeout(300_000);
    let emu: Emulator;
    let root: string;
    let project: string;

    /** `node index.js` in the project; asynchronous, since the emulator answers from this process. */
    const run = (env: Record<string, string>) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
            const proc = spawn(process.execPath, ["index.js"], {
                cwd: project,
                stdio: ["ignore", "pipe", "pipe"],
                env: {
                    PATH: [path.join(pulumiCliRoot(), "bin"), process.env.PATH].join(path.delimiter),
                    HOME: process.env.HOME ?? os.homedir(),
                    PULUMI_BACKEND_URL: `file://${path.join(root, "backend")}`,
                    PULUMI_CONFIG_PASSPHRASE: "readme",
                    PULUMI_HOME: path.join(root, "home"),
                    PULUMI_SKIP_UPDATE_CHECK: "true",
                    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
                    OKTA_ORG_URL: emu.url,
                    ...env,
                },
            });
            let stdout = "";
            let stderr = "";
            proc.stdout.on("data", (d) => (stdout += d));
            proc.stderr.on("data", (d) => (stderr += d));
            proc.on("error", reject);
            proc.on("close", (status) => resolve({ status, stdout, stderr }));
        });

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        root = fs.mkdtempSync(path.join(os.tmpdir(), "okta-readme-automation-"));
        project = path.join(root, "project");
        for (const d of [project, path.join(root, "backend"), path.join(root, "home")]) fs.mkdirSync(d);
        fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
        const sample = tsBlockWith(path.join(REPO_ROOT, "docs", "automation-api.md"), "LocalWorkspace");
        fs.writeFileSync(path.join(project, "index.ts"), sample);
        const js = ts.transpileModule(sample, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: false } });
        fs.writeFileSync(path.join(project, "index.js"), js.outputText);
    });

    after(async () => {
        await emu.stop();
        if (root) fs.rmSync(root, { recursive: true, force: true });
    });

    it("creates the request type, owned by the team it looked up", async () => {
        const r = await run({ OKTA_API_TOKEN: TOKEN });
        assert.strictEqual(r.status, 0, `${r.stdout}\n${r.stderr}`);
        const types = [...emu.requestTypes.values()];
        assert.deepStrictEqual(
            types.map((t) => [t.name, t.ownerId]),
            [["vpn-access", emu.teams.find((t) => t.name === "IT")!.id]],
        );
    });

    it("a refused token ends in the message and exit code 1, with no unhandled rejection or stack trace", async () => {
        const r = await run({ OKTA_API_TOKEN: "not-the-SECRET-token" });
        assert.strictEqual(r.status, 1, `${r.stdout}\n${r.stderr}`);
        assert.match(r.stderr, /the credential from environment OKTA_API_TOKEN was refused/);
        assert.doesNotMatch(r.stderr, /Unhandled|UnhandledPromiseRejection|^\s+at .*:\d+:\d+\)?$/m, r.stderr);
        assert.ok(!`${r.stdout}${r.stderr}`.includes("not-the-SECRET-token"), "the token is never printed");
        assert.strictEqual(emu.requestTypes.size, 1, "nothing was deleted");
    });
});
