// The README's "Tested with" line, the pinned dev dependency, the peer range's floor and the versions the suite
// runs (scripts/versions.env) are one fact: this fails when any of them moves alone.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../scripts/engine";

function versionsEnv(): Record<string, string> {
    const text = fs.readFileSync(path.join(REPO_ROOT, "scripts", "versions.env"), "utf8");
    return Object.fromEntries([...text.matchAll(/^([A-Z_]+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
}

describe("tested versions", () => {
    const v = versionsEnv();
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));

    it("the README states exactly the combinations the suite runs", () => {
        const line =
            `**Tested with:** Node ${v.PINNED_NODE_MAJOR} + \`@pulumi/pulumi\` ${v.PINNED_PULUMI} + Pulumi CLI v${v.PINNED_PULUMI} (pinned), ` +
            `and Node ${v.NEWEST_NODE.split(".")[0]} + \`@pulumi/pulumi\` ${v.NEWEST_PULUMI} + Pulumi CLI v${v.NEWEST_PULUMI} (newest).`;
        assert.ok(fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8").includes(line), `README lacks: ${line}`);
    });

    it("the pinned version is the dev dependency, the installed one, and the peer range's floor", () => {
        assert.strictEqual(pkg.devDependencies["@pulumi/pulumi"], v.PINNED_PULUMI);
        assert.strictEqual(pkg.peerDependencies["@pulumi/pulumi"], `>=${v.PINNED_PULUMI} <4`);
        assert.ok(semverAtLeast(v.NEWEST_PULUMI, v.PINNED_PULUMI));
    });

    it("the engines field admits both Node versions", () => {
        assert.strictEqual(pkg.engines.node, `>=${v.PINNED_NODE_MAJOR}`);
        assert.ok(Number(v.NEWEST_NODE.split(".")[0]) >= Number(v.PINNED_NODE_MAJOR));
    });
});

function semverAtLeast(a: string, b: string): boolean {
    const [x, y] = [a, b].map((s) => s.split(".").map(Number));
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
    return true;
}
