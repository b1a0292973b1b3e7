// The README's "Tested with" line, the oldest dev dependency, the peer range's floor, `engines` and the versions
// the suite runs (tools/versions.env) are one fact: this fails when any of them moves alone.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../harness/engine";

function versionsEnv(): Record<string, string> {
    const text = fs.readFileSync(path.join(REPO_ROOT, "tools", "versions.env"), "utf8");
    return Object.fromEntries([...text.matchAll(/^([A-Z_]+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
}

const major = (v: string) => Number(v.split(".")[0]);

describe("tested versions", () => {
    const v = versionsEnv();
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));

    it("the README states exactly the combinations the suite runs", () => {
        const line =
            `**Tested with:** Node ${major(v.OLDEST_NODE)} + \`@pulumi/pulumi\` ${v.OLDEST_PULUMI} + Pulumi CLI v${v.OLDEST_PULUMI} + TypeScript ${v.OLDEST_TYPESCRIPT} (oldest), ` +
            `and Node ${major(v.NEWEST_NODE)} + \`@pulumi/pulumi\` ${v.NEWEST_PULUMI} + Pulumi CLI v${v.NEWEST_PULUMI} + TypeScript ${v.NEWEST_TYPESCRIPT} (newest).`;
        assert.ok(fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8").includes(line), `README lacks: ${line}`);
    });

    it("the oldest version is the dev dependency, the installed one, and the peer range's floor", () => {
        assert.strictEqual(pkg.devDependencies["@pulumi/pulumi"], v.OLDEST_PULUMI);
        assert.ok([v.OLDEST_PULUMI, v.NEWEST_PULUMI].includes(require("@pulumi/pulumi/package.json").version), "the installed @pulumi/pulumi is neither leg's");
        assert.strictEqual(pkg.peerDependencies["@pulumi/pulumi"], `>=${v.OLDEST_PULUMI} <4`);
        assert.ok(semverAtLeast(v.NEWEST_PULUMI, v.OLDEST_PULUMI));
    });

    it("the engines field is the oldest Node, which the oldest leg runs", () => {
        assert.strictEqual(pkg.engines.node, `>=${major(v.OLDEST_NODE)}`);
        assert.ok(major(v.NEWEST_NODE) >= major(v.OLDEST_NODE));
        // The oldest leg runs under the oldest Node (tools/test.sh puts it first on PATH); the newest leg only
        // runs the end-to-end files, so this file tells which leg it is in by the @pulumi/pulumi it sees.
        if (require("@pulumi/pulumi/package.json").version === v.OLDEST_PULUMI) assert.strictEqual(process.versions.node.split(".")[0], String(major(v.OLDEST_NODE)));
    });

    it("the project builds with the newest TypeScript, and the oldest one is kept for its compiler API", () => {
        assert.strictEqual(pkg.devDependencies["typescript-7"], `npm:typescript@${v.NEWEST_TYPESCRIPT}`);
        assert.strictEqual(require("typescript-7/package.json").version, v.NEWEST_TYPESCRIPT);
        assert.strictEqual(require("typescript/package.json").version, v.OLDEST_TYPESCRIPT);
    });
});

function semverAtLeast(a: string, b: string): boolean {
    const [x, y] = [a, b].map((s) => s.split(".").map(Number));
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
    return true;
}
