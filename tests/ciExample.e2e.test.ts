// examples/ci: the GitHub Actions workflow passes actionlint (which also knows pulumi/actions' inputs), gives the
// pull request's code no write credential (issue 20), and the project it runs installs with `npm ci` as shipped
// and does what the workflow's emulator job does: up, a preview with no changes, destroy.
import * as assert from "assert";
import { execFileSync, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { inlineStack, pulumiCliRoot, REPO_ROOT } from "../harness/engine";

const EXAMPLE = path.join(REPO_ROOT, "examples", "ci");
const WORKFLOW = path.join(EXAMPLE, ".github", "workflows", "okta-access.yml");
const TOKEN = "ci-example-SECRET-token";

/** Secrets that can change the org or the stack; only the main-branch `update` job may name them. */
const WRITE_SECRETS = ["OKTA_API_TOKEN", "OKTA_ACCESS_TOKEN", "OKTA_API_PRIVATE_KEY", "OKTA_PAM_KEY_SECRET", "PULUMI_ACCESS_TOKEN"];

interface Step {
    uses?: string;
    with?: Record<string, unknown>;
    run?: string;
    env?: Record<string, unknown>;
}
interface Job {
    if?: string;
    environment?: string | { name: string };
    steps?: Step[];
}
interface Workflow {
    on: Record<string, unknown>;
    permissions?: unknown;
    jobs: Record<string, Job>;
}

const secretsNamed = (o: unknown) => [...JSON.stringify(o ?? null).matchAll(/secrets\.([A-Za-z0-9_]+)/g)].map((m) => m[1]);
const environmentOf = (j: Job) => (typeof j.environment === "string" ? j.environment : j.environment?.name);

/** What the workflow does that issue 20's least-privilege rules forbid, one line each; none for a good one. */
function leastPrivilegeViolations(text: string): string[] {
    const wf = yaml.load(text) as Workflow;
    const out: string[] = [];
    if ("pull_request_target" in wf.on) out.push("on: pull_request_target runs pull-request code with the base repository's secrets");
    if (JSON.stringify(wf.permissions) !== "{}") out.push(`top-level permissions are ${JSON.stringify(wf.permissions)}, not {}`);
    for (const line of text.split("\n").filter((l) => /^\s*(-\s+)?uses:/.test(l))) {
        if (!/@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$/.test(line)) out.push(`not pinned to a 40-hex commit SHA with its version in a comment: ${line.trim()}`);
    }
    for (const [name, job] of Object.entries(wf.jobs)) {
        for (const step of job.steps ?? []) {
            if (step.uses?.startsWith("actions/checkout@") && step.with?.["persist-credentials"] !== false) out.push(`${name}: a checkout keeps its token (persist-credentials is not false)`);
            const said = JSON.stringify([step.with, step.run, step.env]);
            if (/log-verbosity|"debug":\s*(true|"true")|\s-v=?\d|--verbose|--logtostderr|TF_LOG/.test(said)) out.push(`${name}: Pulumi verbose logging prints secrets in plaintext: ${said}`);
        }
        const writes = secretsNamed(job).filter((s) => WRITE_SECRETS.includes(s));
        const prJob = /pull_request/.test(job.if ?? "") || !job.if;
        if (/pull_request/.test(job.if ?? "") && environmentOf(job) !== "okta-preview") out.push(`${name}: a pull-request job outside the read-only environment okta-preview`);
        if (writes.length && (prJob || environmentOf(job) !== "okta-production" || !/github\.event_name == 'push' && github\.ref == 'refs\/heads\/main'/.test(job.if ?? ""))) {
            out.push(`${name}: names the write secret(s) ${writes.join(", ")} outside the main-branch update job in okta-production`);
        }
    }
    return out;
}

describe("examples/ci", function () {
    this.timeout(600_000);
    let actionlint: string;
    const workflow = () => fs.readFileSync(WORKFLOW, "utf8");

    before(() => {
        actionlint = execFileSync("bash", [path.join(REPO_ROOT, "tools", "actionlint.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!;
    });

    const lint = (text: string) => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ci-lint-")), "okta-access.yml");
        fs.writeFileSync(file, text);
        return spawnSync(actionlint, ["-color=false", "-no-color", file], { encoding: "utf8" });
    };
    /** actionlint checks inputs only for `owner/repo@vN`, so the SHA pins are read back as the majors they name. */
    const asTags = (text: string) => text.replace(/@[0-9a-f]{40} # (v\d+)\.\d+\.\d+/g, "@$1");

    it("the workflow passes actionlint as pinned, and with each pin read as the major release its comment names", () => {
        for (const text of [workflow(), asTags(workflow())]) {
            const r = lint(text);
            assert.strictEqual(r.status, 0, r.stdout + r.stderr);
        }
        assert.strictEqual((asTags(workflow()).match(/uses: [\w/-]+@v\d+\n/g) ?? []).length, 9);
    });

    it("actionlint catches a mistyped pulumi/actions input and a misspelled job key (the check can fail)", () => {
        const r = lint(asTags(workflow()).replace("stack-name:", "stack-nme:").replace("timeout-minutes: 15", "timeout-minute: 15"));
        assert.strictEqual(r.status, 1);
        assert.match(r.stdout, /input "stack-nme" is not defined in action "pulumi\/actions@v6"/);
        assert.match(r.stdout, /unexpected key "timeout-minute"/);
    });

    it("least privilege: SHA pins, no persisted checkout token, the preview read-only in okta-preview, the write secret only in main's update", () => {
        assert.deepStrictEqual(leastPrivilegeViolations(workflow()), []);
        const wf = yaml.load(workflow()) as Workflow;
        assert.strictEqual(environmentOf(wf.jobs.preview), "okta-preview");
        assert.deepStrictEqual(secretsNamed(wf.jobs.preview).sort(), ["GITHUB_TOKEN", "OKTA_PREVIEW_PRIVATE_KEY", "PULUMI_PREVIEW_TOKEN"]);
        assert.deepStrictEqual(Object.keys(wf.jobs.preview.steps!.at(-1)!.env!).filter((k) => k.startsWith("OKTA_")).sort(), ["OKTA_API_CLIENT_ID", "OKTA_API_PRIVATE_KEY", "OKTA_API_PRIVATE_KEY_ID", "OKTA_API_SCOPES", "OKTA_ORG_URL"]);
        assert.deepStrictEqual(secretsNamed(wf.jobs.update).sort(), ["OKTA_API_TOKEN", "PULUMI_ACCESS_TOKEN"]);
        assert.strictEqual(environmentOf(wf.jobs.update), "okta-production");
        assert.deepStrictEqual(secretsNamed(wf.jobs.emulator), []);
    });

    it("the least-privilege check fails on each fault issue 20 found in the old workflow", () => {
        const good = workflow();
        const faults: [string, string, RegExp][] = [
            ["a tag pin", good.replace(/actions\/checkout@[0-9a-f]{40} # v6\.1\.0/, "actions/checkout@v4"), /not pinned .*actions\/checkout@v4/],
            ["a checkout keeping its token", good.replace("persist-credentials: false # no later", "persist-credentials: true # no later"), /emulator: a checkout keeps its token/],
            ["the write token in the preview", good.replace("OKTA_API_PRIVATE_KEY: ${{ secrets.OKTA_PREVIEW_PRIVATE_KEY }}", "OKTA_API_TOKEN: ${{ secrets.OKTA_API_TOKEN }}"), /preview: names the write secret\(s\) OKTA_API_TOKEN/],
            ["the preview outside okta-preview", good.replace("environment: okta-preview", "environment: okta-production"), /preview: a pull-request job outside the read-only environment/],
            ["update run from any branch", good.replace("github.event_name == 'push' && github.ref == 'refs/heads/main'", "github.event_name == 'push'"), /update: names the write secret/],
            ["verbose logs", good.replace("diff: true\n        env:\n          PULUMI_ACCESS_TOKEN", "diff: true\n          log-verbosity: 9\n        env:\n          PULUMI_ACCESS_TOKEN"), /update: Pulumi verbose logging/],
            ["pull_request_target", good.replace("on:\n  pull_request:", "on:\n  pull_request_target:"), /pull_request_target/],
        ];
        for (const [what, text, expected] of faults) {
            assert.notStrictEqual(text, good, `${what}: the mutation did not apply`);
            assert.match(leastPrivilegeViolations(text).join("\n"), expected, what);
        }
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

    describe("infra/ as a user copies it: npm ci against its lockfile and the vendored tarball", () => {
        let root: string;
        let infra: string;

        before(() => {
            root = fs.mkdtempSync(path.join(os.tmpdir(), "ci-example-copy-"));
            infra = path.join(root, "infra");
            fs.cpSync(path.join(EXAMPLE, "infra"), infra, { recursive: true, filter: (f) => !/node_modules|[/\\]bin$|\.tgz$/.test(f) });
        });
        after(() => root && fs.rmSync(root, { recursive: true, force: true }));

        const npm = (args: string[]) => spawnSync("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: infra, encoding: "utf8" });

        it("the lockfile matches package.json and records the package's own dependencies (it goes stale visibly)", () => {
            const lock = JSON.parse(fs.readFileSync(path.join(infra, "package-lock.json"), "utf8")) as { packages: Record<string, Record<string, unknown>> };
            const pkg = JSON.parse(fs.readFileSync(path.join(infra, "package.json"), "utf8")) as Record<string, unknown>;
            assert.deepStrictEqual(lock.packages[""].dependencies, pkg.dependencies);
            assert.deepStrictEqual(lock.packages[""].devDependencies, pkg.devDependencies);
            const own = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Record<string, unknown>;
            const entry = lock.packages["node_modules/pulumi-okta-dynamic"];
            assert.strictEqual(entry.version, own.version);
            assert.strictEqual(entry.resolved, `file:vendor/pulumi-okta-dynamic-${own.version}.tgz`);
            assert.deepStrictEqual(entry.dependencies, own.dependencies);
            assert.deepStrictEqual(entry.peerDependencies, own.peerDependencies);
            // No integrity: the tarball is committed beside it (git pins it), and a rebuilt one must still install.
            assert.strictEqual(entry.integrity, undefined);
        });

        it("npm ci fails without the tarball, and installs with it; the project type-checks against what it installed", () => {
            const without = npm(["ci"]);
            assert.notStrictEqual(without.status, 0);
            assert.match(without.stderr, /vendor\/pulumi-okta-dynamic-0\.1\.0\.tgz/);
            // The tarball as `npm pack` in a clone makes it (prepare builds with tsconfig.build.json), built beside
            // the tree so that the dist/ the other tests run from is left alone.
            const pkg = path.join(root, "pkg");
            execFileSync(process.execPath, [path.join(REPO_ROOT, "node_modules", "typescript-7", "bin", "tsc"), "-p", "tsconfig.build.json", "--outDir", path.join(pkg, "dist")], { cwd: REPO_ROOT });
            // As prepare does: the spec subset the installed emulator validates against (it will not start without).
            const { OKTA_OPENAPI_DIR: _ignored, ...env } = process.env;
            execFileSync(process.execPath, [path.join(REPO_ROOT, "dist", "tools", "packSpecs.js"), path.join(pkg, "dist", "emulator", "okta-openapi")], { cwd: REPO_ROOT, env });
            for (const f of ["package.json", "README.md", "LICENSE", "docs"]) fs.cpSync(path.join(REPO_ROOT, f), path.join(pkg, f), { recursive: true });
            fs.mkdirSync(path.join(infra, "vendor"));
            const packed = execFileSync("npm", ["pack", "--ignore-scripts", "--pack-destination", path.join(infra, "vendor"), "--loglevel=error"], { cwd: pkg, encoding: "utf8" }).trim();
            assert.strictEqual(packed, "pulumi-okta-dynamic-0.1.0.tgz");
            const r = npm(["ci"]);
            assert.strictEqual(r.status, 0, r.stdout + r.stderr);
            for (const bin of ["okta-emulator", "tsc"]) assert.ok(fs.existsSync(path.join(infra, "node_modules", ".bin", bin)), `${bin} not installed`);
            const tsc = spawnSync(path.join(infra, "node_modules", ".bin", "tsc"), ["-p", "."], { cwd: infra, encoding: "utf8" });
            assert.strictEqual(tsc.status, 0, tsc.stdout + tsc.stderr);
        });

        it("the emulator job from that install: its okta-emulator bin, then up, preview --expect-no-changes, destroy", async () => {
            const emu = spawn(path.join(infra, "node_modules", ".bin", "okta-emulator"), ["--port", "0", "--token", TOKEN], { cwd: infra, stdio: ["ignore", "pipe", "pipe"] });
            try {
                const url = await new Promise<string>((resolve, reject) => {
                    let out = "";
                    const timer = setTimeout(() => reject(new Error(`okta-emulator did not start: ${out}`)), 30_000);
                    emu.stdout!.on("data", (d) => {
                        out += d;
                        const m = /Okta emulator on (http:\/\/\S+)/.exec(out);
                        if (m) {
                            clearTimeout(timer);
                            resolve(m[1]);
                        }
                    });
                    emu.stderr!.on("data", (d) => (out += d));
                    emu.on("exit", (code) => reject(new Error(`okta-emulator exited ${code}: ${out}`)));
                });
                // The workflow's readiness probe.
                const me = await fetch(`${url}/api/v1/users/me`, { headers: { Authorization: `SSWS ${TOKEN}` } });
                assert.strictEqual(me.status, 200);
                fs.writeFileSync(path.join(infra, "ci-run.js"), RUNNER);
                const state = fs.mkdtempSync(path.join(root, "state-"));
                const env = { ...process.env, OKTA_ORG_URL: url, OKTA_API_TOKEN: TOKEN, CI_STATE: state, PULUMI_CLI_ROOT: pulumiCliRoot() };
                const r = spawnSync(process.execPath, ["ci-run.js"], { cwd: infra, env, encoding: "utf8" });
                assert.strictEqual(r.status, 0, r.stdout + r.stderr);
                const said = JSON.parse(r.stdout.trim().split("\n").pop()!) as Record<string, unknown>;
                assert.deepStrictEqual(said.up, { create: 2 });
                assert.deepStrictEqual(said.preview, { same: 2 });
                assert.deepStrictEqual(said.destroy, { delete: 2 });
                assert.match(String(said.requestTypeId), /^[0-9a-f]{24}$/);
                assert.ok(!r.stdout.includes(TOKEN) && !r.stderr.includes(TOKEN));
            } finally {
                emu.kill();
            }
        });
    });
});

/**
 * The emulator job's `pulumi up / preview --expect-no-changes / destroy`, with the copy's own @pulumi/pulumi and
 * package (Automation API: the CLI built here has no Node language host), the program compiled into bin/.
 */
const RUNNER = `const path = require("path");
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");
const { dynamicProviderEnv } = require("pulumi-okta-dynamic/automation");
(async () => {
    const workDir = __dirname;
    const state = process.env.CI_STATE;
    const entry = require.resolve("./bin/index.js");
    const program = async () => {
        delete require.cache[entry];
        return { requestTypeId: require(entry).requestTypeId };
    };
    const envVars = {
        ...dynamicProviderEnv({ workDir }),
        PULUMI_BACKEND_URL: "file://" + state,
        PULUMI_CONFIG_PASSPHRASE: "emulator",
        PULUMI_HOME: path.join(state, "home"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        OKTA_ORG_URL: process.env.OKTA_ORG_URL,
        OKTA_API_TOKEN: process.env.OKTA_API_TOKEN,
    };
    const pulumiCommand = await PulumiCommand.get({ root: process.env.PULUMI_CLI_ROOT, skipVersionCheck: true });
    const stack = await LocalWorkspace.createStack({ projectName: "okta-access", stackName: "emulator", program }, { workDir, pulumiCommand, envVars });
    const up = await stack.up();
    const preview = await stack.preview({ expectNoChanges: true });
    const destroy = await stack.destroy();
    console.log(JSON.stringify({ up: up.summary.resourceChanges, requestTypeId: up.outputs.requestTypeId.value, preview: preview.changeSummary, destroy: destroy.summary.resourceChanges }));
})().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
});
`;
