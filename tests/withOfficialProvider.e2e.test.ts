// examples/with-official-provider as far as it can run here. Its programs declare the group, the app and the inline
// hook with the official provider (@pulumi/okta, pulumi_okta), whose plugin cannot be fetched on this machine: so
// they are compiled (TypeScript, strict) and type-checked (Python, mypy) against the official SDKs as published,
// and the part that is ours (requestable.ts / requestable.py) runs against the emulator with the official ids
// stubbed: up, a preview with no changes, destroy.
import * as assert from "assert";
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { REPO_ROOT } from "../harness/engine";
import { APP, GROUP } from "./fixtures";
import { writesTo } from "./support/nativeCli";
import { releasedPlugin, CACHE, nativeWorkspace, NativeWorkspace, pythonWithSdk } from "./support/nativeWorkspace";

const TOKEN = "with-official-SECRET-token-9c3e";
const EXAMPLE = path.join(REPO_ROOT, "examples", "with-official-provider");
const DRIVERS = path.join(REPO_ROOT, "tests", "native", "examples");
/** The Python packages the type check needs besides the venv's (cached in a --target folder by these versions). */
const PY_CHECK = ["pulumi-okta==7.0.1", "mypy==2.4.1"];

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
    return new Promise((resolve, reject) =>
        execFile(cmd, args, { cwd, env, encoding: "utf8", timeout: 900_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
            err ? reject(new Error(`${path.basename(cmd)} ${args.join(" ")} failed:\n${stdout}\n${stderr}`)) : resolve(stdout),
        ),
    );
}
type Ran = Record<string, { outputs: Record<string, string>; preview: Record<string, number> }>;
const lastJson = (stdout: string): Ran => JSON.parse(stdout.trim().split("\n").pop()!);

describe("examples/with-official-provider: beside @pulumi/okta", function () {
    this.timeout(1_200_000);
    let emu: Emulator;
    let ws: NativeWorkspace;
    let env: NodeJS.ProcessEnv;
    let scratch: string;

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        execFileSync("bash", [path.join(REPO_ROOT, "tools", "gen-sdks.sh"), "nodejs"], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
        ws = nativeWorkspace("with-official");
        await ws.installPlugin(releasedPlugin());
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "okta-with-official-"));
        const config = { "oktadynamic:orgUrl": { value: emu.url }, "oktadynamic:apiToken": { value: TOKEN, secret: true } };
        env = { ...ws.env, WORK_DIR: ws.work, EXAMPLE_CONFIG: JSON.stringify(config), PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true" };
    });
    after(async () => {
        await emu?.stop();
        ws?.cleanup();
        if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    });

    /** What the part that is ours did with the stubbed ids: the two request types and the key, gone after destroy. */
    function checkOurs(r: Ran, lang: string): void {
        const ran = Object.values(r);
        assert.strictEqual(ran.length, 1);
        const { outputs, preview } = ran[0];
        assert.deepStrictEqual(Object.keys(preview).filter((k) => k !== "same"), [], `${lang}: the preview after up shows changes`);
        const posts = emu.log.filter((l) => l.method === "POST" && l.path === "/governance/api/v1/request-types").map((l) => l.body as { name: string; resourceSettings: { type: string; targetResources: { resourceId: string }[] } });
        assert.deepStrictEqual(
            posts.map((p) => [p.name, p.resourceSettings.type, p.resourceSettings.targetResources[0].resourceId]).sort(),
            [["salesforce-admins", "GROUPS", GROUP], ["salesforce-app", "APPS", APP]],
        );
        assert.match(outputs.adminRequestTypeId, /^[0-9a-f]{24}$/);
        assert.match(outputs.hookKeyId, /\S/);
        assert.deepStrictEqual(writesTo(emu).sort(), ["DELETE /api/v1/hook-keys/{id}", "DELETE /governance/api/v1/request-types/{id}", "DELETE /governance/api/v1/request-types/{id}", "POST /api/v1/hook-keys", "POST /governance/api/v1/request-types", "POST /governance/api/v1/request-types"]);
        assert.strictEqual(emu.requestTypes.size + emu.hookKeys.size, 0, `${lang}: destroy left objects in the org`);
    }

    /** The program the tests run instead of the official parts: ours, given the ids the official provider would. */
    const STUB_TS = `import { requestable } from "./requestable";\n\nconst { adminGroup, app, hookSigning } = requestable({ groupId: "${GROUP}", appId: "${APP}" });\nexport const adminRequestTypeId = adminGroup.id;\nexport const appRequestTypeId = app.id;\nexport const hookKeyId = hookSigning.id;\n`;
    const STUB_PY = `import pulumi\nfrom requestable import requestable\n\nadmin_group, app, hook_signing = requestable(group_id="${GROUP}", app_id="${APP}")\npulumi.export("adminRequestTypeId", admin_group.id)\npulumi.export("appRequestTypeId", app.id)\npulumi.export("hookKeyId", hook_signing.id)\n`;

    describe("TypeScript", () => {
        let app: string;
        it("compiles under strict against @pulumi/okta's published SDK and the generated one, installed as its package.json says", async () => {
            app = path.join(scratch, "ts");
            fs.cpSync(path.join(EXAMPLE, "typescript"), app, { recursive: true });
            // The SDK tarball of its package.json, made absolute: the copy is outside the repository.
            const pkgFile = path.join(app, "package.json");
            const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
            const sdk = "@pulumi-okta-dynamic/oktadynamic";
            pkg.dependencies[sdk] = `file:${path.resolve(EXAMPLE, "typescript", pkg.dependencies[sdk].replace(/^file:/, ""))}`;
            assert.ok(fs.existsSync(pkg.dependencies[sdk].slice(5)), `${pkg.dependencies[sdk]} does not exist: does npm run plugin still write that tarball?`);
            fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
            await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], app, env);
            const okta = JSON.parse(fs.readFileSync(path.join(app, "node_modules", "@pulumi", "okta", "package.json"), "utf8")).version as string;
            assert.strictEqual(okta.split(".")[0], "7");
            fs.writeFileSync(path.join(app, "stub.ts"), STUB_TS);
            const tsconfig = JSON.parse(fs.readFileSync(path.join(app, "tsconfig.json"), "utf8"));
            fs.writeFileSync(path.join(app, "tsconfig.json"), JSON.stringify({ ...tsconfig, files: [...tsconfig.files, "stub.ts"] }));
            await run(process.execPath, [path.join(app, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], app, env);
            console.log(`      (@pulumi/okta ${okta})`);
        });

        it("runs the part that is ours against the emulator, official ids stubbed: up, a preview with no changes, destroy", async () => {
            assert.ok(app, "the compile step failed");
            emu.clearLog();
            fs.copyFileSync(path.join(DRIVERS, "driver.js"), path.join(app, "driver.js"));
            checkOurs(lastJson(await run(process.execPath, ["driver.js"], app, { ...env, EXAMPLES: "stub" })), "TypeScript");
        });
    });

    describe("Python", () => {
        let python: string;
        it("type-checks (mypy) against pulumi_okta as published and the generated SDK", async () => {
            python = pythonWithSdk();
            const target = path.join(CACHE, "python-okta-check", PY_CHECK.join("-"));
            if (!fs.existsSync(path.join(target, ".complete"))) {
                fs.rmSync(target, { recursive: true, force: true });
                await run(python, ["-m", "pip", "install", "-q", "--target", target, ...PY_CHECK], scratch, env);
                fs.writeFileSync(path.join(target, ".complete"), "");
            }
            const dir = path.join(EXAMPLE, "python");
            await run(python, ["-m", "mypy", "--follow-imports=silent", "--cache-dir", path.join(scratch, "mypy-cache"), "__main__.py", "requestable.py"], dir, { ...env, PYTHONPATH: target });
        });

        it("runs the part that is ours against the emulator, official ids stubbed: up, a preview with no changes, destroy", async () => {
            assert.ok(python, "the type check failed");
            emu.clearLog();
            const stub = path.join(scratch, "stub.py");
            fs.writeFileSync(stub, STUB_PY);
            const out = await run(python, [path.join(DRIVERS, "driver.py")], scratch, { ...env, EXAMPLES: `requestable=${stub}`, PYTHONPATH: path.join(EXAMPLE, "python") });
            checkOurs(lastJson(out), "Python");
        });
    });
});
