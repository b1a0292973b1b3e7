// The Go SDK generated from native/schema.json (scripts/gen-sdks.sh; a module under dist/plugin/go/oktadynamic whose
// go.mod asks for Pulumi's Go SDK of the generator's version, whose code it calls: `ctx.ExistsResource` is not in
// 3.248's) as a Go user takes it: it builds and vets, and a small Go program (tests/native/go_program) requiring it with
// a replace, as docs/native.md says, runs through Go's Automation API with the installed plugin against the emulator.
// (Go's build cache makes reruns quick.)
import * as assert from "assert";
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { REPO_ROOT } from "../scripts/engine";
import { GROUP } from "./fixtures";
import { releasedPlugin, nativeWorkspace, NativeWorkspace } from "./support/nativeWorkspace";
import { writesTo } from "./support/nativeCli";

const TOKEN = "native-go-SECRET-token-77d2";
const SDK = path.join(REPO_ROOT, "dist", "plugin", "go", "oktadynamic");

function go(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
    const goEnv = { ...env, GOFLAGS: "-mod=mod", GOSUMDB: process.env.GOSUMDB ?? "off" };
    return new Promise((resolve, reject) =>
        execFile("go", args, { cwd, env: goEnv, encoding: "utf8", maxBuffer: 64 << 20 }, (err, out, errText) => (err ? reject(new Error(`go ${args.join(" ")}:\n${out}${errText}`)) : resolve(out))),
    );
}

describe("native plugin: the generated Go SDK", function () {
    this.timeout(900_000);
    let dir: string;

    before(() => {
        execFileSync("bash", [path.join(REPO_ROOT, "scripts", "gen-sdks.sh"), "go"], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "okta-native-go-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("is a module of its own that builds and vets (go build, go vet), as generated", async () => {
        const sdk = path.join(dir, "sdk");
        fs.cpSync(SDK, sdk, { recursive: true });
        const sdkVersion = fs.readFileSync(path.join(REPO_ROOT, "dist", "plugin", "codegen-version"), "utf8").trim();
        assert.match(fs.readFileSync(path.join(sdk, "go.mod"), "utf8"), new RegExp(`github.com/pulumi/pulumi/sdk/v3 ${sdkVersion.replace(/\./g, "\\.")}\\b`));
        await go(["build", "./..."], sdk);
        await go(["vet", "./..."], sdk);
    });

    describe("a Go program on it, through Go's Automation API", () => {
        let emu: Emulator;
        let ws: NativeWorkspace;
        before(async () => {
            emu = await startEmulator({ tokens: [TOKEN] });
            ws = nativeWorkspace("native-go");
            await ws.installPlugin(releasedPlugin());
        });
        after(async () => {
            await emu?.stop();
            ws?.cleanup();
        });

        it("creates a request type owned by the team getTeam found, previews with no changes, destroys; no token in state", async () => {
            const prog = path.join(dir, "program");
            fs.mkdirSync(prog);
            fs.copyFileSync(path.join(REPO_ROOT, "tests", "native", "go_program", "main.go"), path.join(prog, "main.go"));
            const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "native", "schema.json"), "utf8"));
            const base: string = schema.language.go.importBasePath;
            fs.writeFileSync(path.join(prog, "go.mod"), `module example.com/okta-native-go\n\ngo 1.23\n`);
            // What docs/native.md tells Go users: require the SDK's module path, replaced by the folder npm run plugin wrote.
            await go(["mod", "edit", `-require=${base}@v0.0.0`, `-replace=${base}=${SDK}`], prog);
            await go(["mod", "tidy"], prog);
            await go(["build", "-o", "okta-program", "."], prog);
            const name = "native-go-access";
            const out = await new Promise<string>((resolve, reject) =>
                execFile(path.join(prog, "okta-program"), [], {
                    cwd: prog,
                    env: { ...ws.env, WORK_DIR: ws.work, ORG_URL: emu.url, TOKEN, REQUEST_TYPE_NAME: name, GROUP_ID: GROUP, PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true" },
                    encoding: "utf8",
                    timeout: 600_000,
                    maxBuffer: 64 << 20,
                }, (err, stdout, stderr) => (err ? reject(new Error(`the Go program failed:\n${stdout}\n${stderr}`)) : resolve(stdout))),
            );
            const r = JSON.parse(out.trim().split("\n").pop()!);
            assert.deepStrictEqual(r.up, { create: 2 }, out); // the stack and the request type
            assert.deepStrictEqual(r.preview, { same: 2 }, out);
            assert.deepStrictEqual(r.destroy, { delete: 2 }, out);
            assert.match(r.requestTypeId, /^[0-9a-f]{24}$/);
            const post = emu.log.find((l) => l.method === "POST" && l.path === "/governance/api/v1/request-types")!;
            const body = post.body as { ownerId?: string; status?: string };
            assert.deepStrictEqual({ ownerId: body.ownerId, status: body.status }, { ownerId: emu.teams.find((t) => t.name === "IT")!.id, status: "ACTIVE" });
            // One create (status ACTIVE goes in its body) and one delete: nothing more reached the org.
            assert.deepStrictEqual(writesTo(emu), ["POST /governance/api/v1/request-types", "DELETE /governance/api/v1/request-types/{id}"]);
            assert.strictEqual([...emu.requestTypes.values()].filter((t) => t.name === name).length, 0, "destroy left it in the org");
            const backend = path.join(path.dirname(ws.work), "backend");
            for (const f of fs.readdirSync(backend, { recursive: true }).map(String).filter((f) => f.endsWith(".json"))) {
                assert.ok(!fs.readFileSync(path.join(backend, f), "utf8").includes(TOKEN), `the token is in ${f}`);
            }
        });
    });
});
