// Issue 28, item 5: the released executable is Node, and Node runs what NODE_OPTIONS names before the program
// (`--require` a file, `--import=data:...` code with no file on disk). The SEA is built with
// `"execArgvExtension": "none"` (tools/build-plugin-sea.js), so the linux-amd64 executable ignores both: it starts
// as usual and the code named never runs (each would write a marker file).
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startPlugin } from "../bench/pluginStart";
import { pluginTarball, releaseDir } from "./support/release";

describe("the released executable and NODE_OPTIONS", function () {
    this.timeout(1_800_000);
    let tmp: string;
    let exe: string;

    before(() => {
        const dir = releaseDir();
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "okta-node-options-"));
        execFileSync("tar", ["-xzf", path.join(dir, pluginTarball("linux-amd64")), "-C", tmp]);
        exe = path.join(tmp, "pulumi-resource-oktadynamic");
    });
    after(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

    const writer = (marker: string) => `require("fs").writeFileSync(${JSON.stringify(marker)}, "ran")`;

    it("NODE_OPTIONS=--require <file> and --import=data:... run nothing: the plugin starts and neither's code runs", async () => {
        const required = path.join(tmp, "required-ran");
        const imported = path.join(tmp, "imported-ran");
        const script = path.join(tmp, "inject.js");
        fs.writeFileSync(script, writer(required));
        const code = `import { writeFileSync } from "fs"; writeFileSync(${JSON.stringify(imported)}, "ran");`;
        const options = [`--require ${script}`, `--import=data:text/javascript,${encodeURIComponent(code)}`];
        // Under the plain node that runs this test both run: the check can tell.
        for (const [option, marker] of [[options[0], required], [options[1], imported]]) {
            execFileSync(process.execPath, ["-e", "0"], { env: { ...process.env, NODE_OPTIONS: option } });
            assert.ok(fs.existsSync(marker), `${option} did not run under plain node`);
            fs.rmSync(marker);
        }
        // Built with execArgvExtension "env" (tried once), the executable ran the --require script; Node 26.12's SEA
        // did not run the --import then either, so --require is what this test fails on if the setting goes.
        for (const option of options) {
            const s = await startPlugin(exe, { env: { ...process.env, NODE_OPTIONS: option }, graceMs: 300 });
            assert.ok(s.port > 0);
            assert.strictEqual(s.stderr, "");
        }
        assert.ok(!fs.existsSync(required), "NODE_OPTIONS --require ran code in the released executable");
        assert.ok(!fs.existsSync(imported), "NODE_OPTIONS --import ran code in the released executable");
    });
});
