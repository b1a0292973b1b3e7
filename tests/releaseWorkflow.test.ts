// .github/workflows/release.yml: actionlint clean, every action pinned to a full commit SHA, each job with only the
// permissions it uses (none at the top), and what it promises done by its own steps, run here where they are shell:
// a tag other than package.json's version is refused, the release notes are CHANGELOG.md's entry, every asset of
// dist/release/ is attested and attached, both npm packages go out with provenance, the wheel and sdist by trusted
// publishing, and the Go SDK's tag is the one tools/repositoryHome.ts derives.
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { REPO_ROOT } from "../harness/engine";
import { goModuleTag } from "../tools/repositoryHome";

const WORKFLOW = path.join(REPO_ROOT, ".github", "workflows", "release.yml");
const VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).version;

interface Step {
    id?: string;
    name?: string;
    uses?: string;
    with?: Record<string, unknown>;
    run?: string;
    env?: Record<string, string>;
}
interface Job {
    needs?: string | string[];
    environment?: string;
    permissions?: Record<string, string>;
    outputs?: Record<string, string>;
    steps: Step[];
}
interface Workflow {
    on: Record<string, unknown>;
    permissions?: unknown;
    jobs: Record<string, Job>;
}

/** Each job's permissions, exactly: what it needs and nothing more. */
const PERMISSIONS: Record<string, Record<string, string>> = {
    build: { contents: "read" },
    attest: { "id-token": "write", attestations: "write" },
    "github-release": { contents: "write" },
    npm: { "id-token": "write" },
    pypi: { "id-token": "write" },
    "go-tag": { contents: "write" },
};

/** Runs a step's `run` script in bash with the environment a runner gives it; its exit status and output. */
function runStep(step: Step, env: Record<string, string>, cwd: string): { status: number | null; out: string; outputs: string } {
    const outputFile = path.join(os.tmpdir(), `okta-release-wf-output-${process.pid}`);
    fs.writeFileSync(outputFile, "");
    const r = spawnSync("bash", ["-e", "-c", step.run!], { cwd, env: { PATH: process.env.PATH, GITHUB_OUTPUT: outputFile, ...env }, encoding: "utf8" });
    const outputs = fs.readFileSync(outputFile, "utf8");
    fs.rmSync(outputFile);
    return { status: r.status, out: `${r.stdout}${r.stderr}`, outputs };
}

describe("the release workflow (.github/workflows/release.yml)", function () {
    this.timeout(600_000);
    const text = fs.readFileSync(WORKFLOW, "utf8");
    const wf = yaml.load(text) as Workflow;
    const step = (job: string, pred: (s: Step) => boolean): Step => {
        const found = wf.jobs[job].steps.filter(pred);
        assert.strictEqual(found.length, 1, `${job}: ${found.length} steps match`);
        return found[0];
    };
    let tmp: string;
    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "okta-release-wf-"))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("passes actionlint", () => {
        const actionlint = execFileSync("bash", [path.join(REPO_ROOT, "tools", "actionlint.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!;
        const r = spawnSync(actionlint, ["-no-color", WORKFLOW], { cwd: REPO_ROOT, encoding: "utf8" });
        assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    });

    it("runs on v* tags only, with no permissions at the top and each job's own, least", () => {
        assert.deepStrictEqual(wf.on, { push: { tags: ["v*"] } });
        assert.deepStrictEqual(wf.permissions, {});
        assert.deepStrictEqual(Object.fromEntries(Object.entries(wf.jobs).map(([n, j]) => [n, j.permissions])), PERMISSIONS);
    });

    it("pins every action to a full commit SHA, its version in a comment; no checkout keeps its token", () => {
        const uses = text.split("\n").filter((l) => /^\s*(-\s+)?uses:/.test(l));
        assert.ok(uses.length >= 8);
        assert.deepStrictEqual(uses.filter((l) => !/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/.test(l)), []);
        for (const [name, job] of Object.entries(wf.jobs)) {
            for (const s of job.steps.filter((x) => x.uses?.startsWith("actions/checkout@"))) assert.strictEqual(s.with?.["persist-credentials"], false, name);
        }
    });

    it("refuses a tag that is not package.json's version, before building", () => {
        const check = step("build", (s) => s.id === "version");
        const steps = wf.jobs.build.steps;
        assert.ok(steps.indexOf(check) < steps.findIndex((s) => s.run === "npm run release"), "the version check comes after the build");
        const ok = runStep(check, { GITHUB_REF_NAME: `v${VERSION}` }, REPO_ROOT);
        assert.deepStrictEqual([ok.status, ok.outputs.trim()], [0, `version=${VERSION}`], ok.out);
        const bad = runStep(check, { GITHUB_REF_NAME: "v9.9.9" }, REPO_ROOT);
        assert.strictEqual(bad.status, 1);
        assert.match(bad.out, new RegExp(`the tag v9\\.9\\.9 is not v${VERSION.replace(/\./g, "\\.")}, package.json's version`));
    });

    it("builds with npm run release alone (a thin wrapper) and hands all of dist/release/ on", () => {
        const runs = wf.jobs.build.steps.filter((s) => s.run).map((s) => s.run!.trim());
        assert.ok(runs.includes("npm run release"));
        assert.deepStrictEqual(step("build", (s) => !!s.uses?.startsWith("actions/upload-artifact@")).with, { name: "release", path: "dist/release/", "if-no-files-found": "error" });
        for (const job of ["attest", "github-release", "npm", "pypi"]) {
            assert.deepStrictEqual(step(job, (s) => !!s.uses?.startsWith("actions/download-artifact@")).with, { name: "release", path: "dist/release" }, job);
        }
    });

    it("attests every asset, and attaches every asset to the release with CHANGELOG.md's entry as notes", () => {
        assert.deepStrictEqual(step("attest", (s) => !!s.uses?.startsWith("actions/attest-build-provenance@")).with, { "subject-path": "dist/release/*" });
        const upload = step("github-release", (s) => !!s.run?.includes("gh release create"));
        assert.match(upload.run!, /gh release create "\$GITHUB_REF_NAME" dist\/release\/\* /);
        assert.ok(([] as string[]).concat(wf.jobs["github-release"].needs ?? []).includes("attest"), "released before it is attested");
        // The notes step, run on this CHANGELOG.md: the version's entry, not the next one's.
        const notes = step("github-release", (s) => !!s.run?.includes("CHANGELOG.md"));
        fs.copyFileSync(path.join(REPO_ROOT, "CHANGELOG.md"), path.join(tmp, "CHANGELOG.md"));
        const r = runStep(notes, { VERSION }, tmp);
        assert.strictEqual(r.status, 0, r.out);
        const written = fs.readFileSync(path.join(tmp, "notes.md"), "utf8");
        assert.match(written, /^### Added$/m);
        assert.ok(!written.includes("## ["), written);
        assert.strictEqual(runStep(notes, { VERSION: "9.9.9" }, tmp).status, 1, "a version with no entry passed");
    });

    it("publishes both npm packages with provenance, and the wheel and sdist by PyPI trusted publishing", () => {
        const npm = step("npm", (s) => !!s.run?.includes("npm publish")).run!;
        const published = [...npm.matchAll(/^npm publish --provenance --access public "dist\/release\/(.+)"$/gm)].map((m) => m[1].replace("$VERSION", VERSION));
        assert.deepStrictEqual(published, [`pulumi-okta-dynamic-${VERSION}.tgz`, `pulumi-okta-dynamic-oktadynamic-${VERSION}.tgz`]);
        assert.strictEqual(wf.jobs.npm.environment, "npm");
        const pypi = step("pypi", (s) => !!s.uses?.startsWith("pypa/gh-action-pypi-publish@"));
        assert.deepStrictEqual(pypi.with, { "packages-dir": "dist/pypi/" });
        assert.ok(!JSON.stringify(wf.jobs.pypi).includes("password"), "PyPI by token, not trusted publishing");
        assert.strictEqual(wf.jobs.pypi.environment, "pypi");
        // The step that picks the wheel and sdist, run on files of those names.
        const pick = step("pypi", (s) => !!s.run?.includes("dist/pypi"));
        const rel = path.join(tmp, "dist", "release");
        fs.mkdirSync(rel, { recursive: true });
        for (const f of [`pulumi_oktadynamic-${VERSION}-py3-none-any.whl`, `pulumi_oktadynamic-${VERSION}.tar.gz`, "SHA256SUMS"]) fs.writeFileSync(path.join(rel, f), "");
        const r = runStep(pick, { VERSION }, tmp);
        assert.strictEqual(r.status, 0, r.out);
        assert.deepStrictEqual(fs.readdirSync(path.join(tmp, "dist", "pypi")).sort(), [`pulumi_oktadynamic-${VERSION}-py3-none-any.whl`, `pulumi_oktadynamic-${VERSION}.tar.gz`]);
    });

    it("pushes the Go SDK's tag native/sdk/v<version> (from tools/repositoryHome.ts) on the release's commit", () => {
        const derive = step("build", (s) => s.id === "go-tag");
        const r = runStep(derive, {}, REPO_ROOT);
        assert.deepStrictEqual([r.status, r.outputs.trim()], [0, `go-tag=${goModuleTag(VERSION)}`], r.out);
        assert.strictEqual(goModuleTag(VERSION), `native/sdk/v${VERSION}`);
        assert.strictEqual(wf.jobs.build.outputs?.["go-tag"], "${{ steps.go-tag.outputs.go-tag }}");
        const push = step("go-tag", (s) => !!s.run?.includes("git/refs"));
        assert.strictEqual(push.env?.TAG, "${{ needs.build.outputs.go-tag }}");
        assert.match(push.run!, /-f ref="refs\/tags\/\$TAG" -f sha="\$GITHUB_SHA"/);
    });
});
