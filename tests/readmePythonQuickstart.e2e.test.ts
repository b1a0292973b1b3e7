// The README's Python quickstart: its __main__.py, as written, run as an Automation API inline program
// (tests/native/readme_program.py; a `pulumi up` of the project needs the Python language host, which cannot be
// built here) with the generated SDK installed by `pip install dist/plugin/python`, the plugin installed by the
// README's line, the stack config its `config set` lines give (the org URL pointed at this emulator's port), against
// the emulator with its default token: up, a preview with no changes, destroy.
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { startEmulator, Emulator } from "../emulator";
import { REPO_ROOT } from "../harness/engine";
import { nativeWorkspace, NativeWorkspace, pythonWithSdk, buildPlugin } from "./support/nativeWorkspace";
import { NativeQuickstart, readmeNativeQuickstart } from "./support/nativeQuickstart";

describe("the README's Python quickstart, its __main__.py as an Automation API inline program", function () {
    this.timeout(900_000);
    let qs: NativeQuickstart;
    let project: { name: string; runtime: { name: string; options: { virtualenv: string } } };
    let emu: Emulator;
    let ws: NativeWorkspace;
    let python: string;

    before(async () => {
        qs = readmeNativeQuickstart();
        project = yaml.load(qs.pythonProject) as typeof project;
        emu = await startEmulator(); // as `npx okta-emulator` starts it: the token test-token
        python = pythonWithSdk();
        ws = nativeWorkspace("readme-py");
        buildPlugin();
        await ws.pulumi(qs.install);
    });
    after(async () => {
        await emu?.stop();
        ws?.cleanup();
    });

    it("its Pulumi.yaml is a Python project that runs in the virtualenv the SDK is installed into", () => {
        assert.deepStrictEqual(project.runtime, { name: "python", options: { virtualenv: "venv" } });
    });

    it("creates the request type it declares, previews clean, destroys", async () => {
        const main = path.join(ws.work, "__main__.py");
        fs.writeFileSync(main, qs.pythonMain);
        const env = { ...ws.env, WORK_DIR: ws.work, README_MAIN: main, README_PROJECT: project.name, ORG_URL: emu.url, API_TOKEN: qs.apiToken };
        // Asynchronously: the emulator answers from this process.
        const stdout = await new Promise<string>((resolve, reject) =>
            execFile(python, [path.join(REPO_ROOT, "tests", "native", "readme_program.py")], { env, encoding: "utf8", maxBuffer: 64 << 20 }, (err, out, errText) =>
                err ? reject(new Error(`the README's Python program failed:\n${out}\n${errText}`)) : resolve(out),
            ),
        );
        const r = JSON.parse(stdout.trim().split("\n").pop()!);
        assert.deepStrictEqual(r.created, { create: 2 }); // the stack and the request type
        const posts = emu.log.filter((l) => l.method === "POST");
        assert.deepStrictEqual(posts.map((l) => [l.path, l.status]), [["/governance/api/v1/request-types", 201]]);
        const sent = posts[0].body as { name: string; status: string; ownerId: string };
        const declared = [/^\s+name="([^"]+)"/m, /^\s+status="([^"]+)"/m].map((re) => re.exec(qs.pythonMain)?.[1]);
        assert.deepStrictEqual([sent.name, sent.status, sent.ownerId], [...declared, emu.teams.find((t) => t.name === "IT")!.id]);
        assert.deepStrictEqual(r.preview, { same: 2 });
        assert.deepStrictEqual(r.destroyed, { delete: 2 });
        assert.deepStrictEqual(emu.log.filter((l) => l.method === "DELETE").map((l) => l.path), [`/governance/api/v1/request-types/${r.outputs.requestTypeId}`]);
        assert.strictEqual(emu.requestTypes.size, 0);
    });
});
