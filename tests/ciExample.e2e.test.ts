// examples/ci: the GitHub Actions workflow passes actionlint (which also knows pulumi/actions' inputs), and the
// project it runs does what the workflow's emulator job does: up, a preview with no changes, destroy.
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { inlineStack, REPO_ROOT } from "../scripts/engine";

const WORKFLOW = path.join(REPO_ROOT, "examples", "ci", ".github", "workflows", "okta-access.yml");
const TOKEN = "ci-example-SECRET-token";

describe("examples/ci", function () {
    this.timeout(300_000);
    let actionlint: string;

    before(() => {
        actionlint = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "actionlint.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!;
    });

    const lint = (file: string) => spawnSync(actionlint, ["-color=false", "-no-color", file], { encoding: "utf8" });

    it("the workflow passes actionlint", () => {
        const r = lint(WORKFLOW);
        assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    });

    it("actionlint catches a mistyped pulumi/actions input and a misspelled job key (the check can fail)", () => {
        const broken = fs.readFileSync(WORKFLOW, "utf8").replace("stack-name:", "stack-nme:").replace("timeout-minutes: 15", "timeout-minute: 15");
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ci-lint-")), "broken.yml");
        fs.writeFileSync(file, broken);
        const r = lint(file);
        assert.strictEqual(r.status, 1);
        assert.match(r.stdout, /input "stack-nme" is not defined in action "pulumi\/actions@v6"/);
        assert.match(r.stdout, /unexpected key "timeout-minute"/);
    });

    it("its project, as the emulator job runs it: up, preview with no changes, destroy", async () => {
        const emu: Emulator = await startEmulator({ tokens: [TOKEN] });
        const entry = path.join(REPO_ROOT, "dist", "examples", "ci", "infra", "index.js");
        const program = async () => {
            delete require.cache[entry];
            const m = require(entry) as Record<string, unknown>;
            return { requestTypeId: m.requestTypeId };
        };
        // An inline program runs in this process: its lookups read this process's environment.
        const saved = { ...process.env };
        Object.assign(process.env, { OKTA_ORG_URL: emu.url, OKTA_API_TOKEN: TOKEN });
        const es = await inlineStack({ projectName: "okta-access", stackName: "emulator", program, env: { OKTA_ORG_URL: emu.url, OKTA_API_TOKEN: TOKEN } });
        try {
            const up = await es.stack.up();
            assert.deepStrictEqual(up.summary.resourceChanges, { create: 2 });
            const made = emu.requestTypes.get(String(up.outputs.requestTypeId.value));
            assert.strictEqual(made?.name, "vpn-access");
            assert.strictEqual(made?.status, "ACTIVE");
            assert.deepStrictEqual((await es.stack.preview({ expectNoChanges: true })).changeSummary, { same: 2 });
            await es.stack.destroy();
            assert.strictEqual(emu.requestTypes.size, 0);
        } finally {
            await es.cleanup();
            process.env = saved;
            await emu.stop();
        }
    });
});
