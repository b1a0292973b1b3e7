// The Go SDK committed at native/sdk (its module path from package.json's repository; tests/goSdkCommitted.test.ts
// checks it is what the schema generates) as a Go user takes it: it builds and vets with its committed go.sum, and a
// small Go program (tests/native/go_program, its go.mod requiring the SDK by its module path, a replace onto the
// clone standing in for the module proxy) runs through Go's Automation API with the installed plugin against the
// emulator. (Go's build cache makes reruns quick.)
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { REPO_ROOT } from "../harness/engine";
import { GROUP } from "./fixtures";
import { releasedPlugin, nativeWorkspace, NativeWorkspace, PLUGIN_VERSION } from "./support/nativeWorkspace";
import { writesTo } from "./support/nativeCli";
import { GO_SDK_DIR, repositoryHome } from "../tools/repositoryHome";

const TOKEN = "native-go-SECRET-token-77d2";
const SDK = path.join(REPO_ROOT, GO_SDK_DIR);
const PROGRAM = path.join(REPO_ROOT, "tests", "native", "go_program");

/** `go` with the go.mod and go.sum as committed (-mod=readonly: a missing sum fails instead of being added). */
function go(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
    const goEnv = { ...env, GOFLAGS: "-mod=readonly" };
    return new Promise((resolve, reject) =>
        execFile("go", args, { cwd, env: goEnv, encoding: "utf8", maxBuffer: 64 << 20 }, (err, out, errText) => (err ? reject(new Error(`go ${args.join(" ")}:\n${out}${errText}`)) : resolve(out))),
    );
}

describe("native plugin: the generated Go SDK", function () {
    this.timeout(900_000);
    let dir: string;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "okta-native-go-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("is a module of its own that builds and vets (go build, go vet) with its committed go.sum", async () => {
        await go(["build", "./..."], SDK);
        await go(["vet", "./..."], SDK);
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
            // What a Go user writes (docs/installation-configuration.md): require the SDK by its module path; here a
            // replace onto the clone stands in for the module proxy.
            const mod = fs.readFileSync(path.join(PROGRAM, "go.mod"), "utf8");
            const { goModule } = repositoryHome();
            assert.match(mod, new RegExp(`^\\t${goModule.replace(/\./g, "\\.")} v${PLUGIN_VERSION.replace(/\./g, "\\.")}$`, "m"));
            assert.match(mod, new RegExp(`^replace ${goModule.replace(/\./g, "\\.")} => \\.\\./\\.\\./\\.\\./${GO_SDK_DIR}$`, "m"));
            const prog = path.join(dir, "okta-program");
            await go(["build", "-o", prog, "."], PROGRAM);
            const name = "native-go-access";
            const out = await new Promise<string>((resolve, reject) =>
                execFile(prog, [], {
                    cwd: dir,
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
