// The native plugin from Python: the SDK generated from native/schema.json (scripts/gen-sdks.sh) installed in a venv
// with the `pulumi` package, an Automation API inline program (tests/native/automation_program.py, no language host
// needed) against the emulator: create, preview with no changes, a status change as one update and one call, destroy.
import * as assert from "assert";
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { pulumiCliRoot, REPO_ROOT } from "../scripts/engine";
import { GROUP } from "./fixtures";

const TOKEN = "native-py-SECRET-token-0b7e";
const CACHE = process.env.PULUMI_OKTA_DYNAMIC_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-okta-dynamic");

describe("native plugin: a Python Automation API program on the generated SDK", function () {
    this.timeout(900_000);
    let emu: Emulator;
    let root: string;
    let python: string;
    let env: NodeJS.ProcessEnv;

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        root = fs.mkdtempSync(path.join(os.tmpdir(), "okta-native-py-"));
        for (const d of ["work", "home", "backend"]) fs.mkdirSync(path.join(root, d));
        execFileSync("bash", [path.join(REPO_ROOT, "scripts", "gen-sdks.sh"), "python"], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
        const cliVersion = execFileSync(path.join(pulumiCliRoot(), "bin", "pulumi"), ["version"], { encoding: "utf8" }).trim().replace(/^v/, "");
        // The newest `pulumi` package not newer than the CLI (the package index may lag the CLI), in a venv cached by
        // the CLI's version; the generated SDK is reinstalled each run.
        const venv = path.join(CACHE, "python-venv", cliVersion);
        python = path.join(venv, "bin", "python");
        if (!fs.existsSync(path.join(venv, ".complete"))) {
            execFileSync("python3", ["-m", "venv", venv]);
            execFileSync(python, ["-m", "pip", "install", "-q", `pulumi>=3.248.0,<=${cliVersion}`], { stdio: ["ignore", "ignore", "inherit"] });
            fs.writeFileSync(path.join(venv, ".complete"), "");
        }
        execFileSync(python, ["-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", path.join(REPO_ROOT, "dist", "plugin", "python")], { stdio: ["ignore", "ignore", "inherit"] });
        env = {
            ...process.env,
            PATH: [path.join(pulumiCliRoot(), "bin"), process.env.PATH].join(path.delimiter),
            PULUMI_HOME: path.join(root, "home"),
            PULUMI_BACKEND_URL: `file://${path.join(root, "backend")}`,
            PULUMI_CONFIG_PASSPHRASE: "okta-native-py",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            WORK_DIR: path.join(root, "work"),
            ORG_URL: emu.url,
            API_TOKEN: TOKEN,
            GROUP_ID: GROUP,
        };
        const built = execFileSync("node", [path.join(REPO_ROOT, "scripts", "build-plugin.js")], { cwd: REPO_ROOT, encoding: "utf8" });
        const version = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).version;
        execFileSync("pulumi", ["plugin", "install", "resource", "oktadynamic", version, "--file", path.join(REPO_ROOT, built.trim().split(" ")[0])], { env, stdio: "ignore" });
    });
    after(async () => {
        await emu?.stop();
        if (root) fs.rmSync(root, { recursive: true, force: true });
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
