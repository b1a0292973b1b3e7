// The plugin's start as the engine makes it, from the tarball's launcher: the port on stdout and nothing on stderr
// (a bundled whatwg-url printed a `punycode` deprecation warning at every start), with V8's code cache of the bundle
// made at build time and shipped beside it (tools/plugin-loader.js): taken by V8 where the plugin is installed,
// only for the bundle it was made from and under the V8 it was made for, never written at run time, the same bytes at
// each build, and not read when NODE_DISABLE_COMPILE_CACHE says no.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../harness/engine";
import { startPlugin } from "../bench/pluginStart";

const { buildPlugin, NAME } = require(path.join(REPO_ROOT, "tools", "build-plugin.js")) as {
    buildPlugin(o: { outDir: string }): { launcher: string; tarball: string };
    NAME: string;
};

/** Every file under `dir` (recursively) with its size and modification time. */
function files(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
        const p = path.join(e.parentPath, e.name);
        const st = fs.lstatSync(p);
        out[path.relative(dir, p)] = `${st.size} ${st.mtimeMs}`;
    }
    return out;
}

/**
 * What the loader in `dir` makes of its shipped cache, asked in a `node` from PATH (the launcher's): the cache's size
 * when it would use it (0 when not), whether V8 then refused it, and whether a stack trace from the code compiled
 * with it names the bundle where it is (its first require is made to throw).
 */
function probe(dir: string, opts: { env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {}): { bytes: number; rejected: boolean | null; named: boolean } {
    const code = `const fs = require("fs"); const L = require(${JSON.stringify(path.join(dir, "loader.cjs"))});
const src = fs.readFileSync(L.BUNDLE); const c = L.shippedCache(src); const s = L.compile(src, c);
let stack = ""; try { s.runInThisContext()({}, () => { throw new Error("probe"); }, { exports: {} }, L.BUNDLE, ""); } catch (e) { stack = e.stack; }
console.log(JSON.stringify({ bytes: c ? c.length : 0, rejected: c ? s.cachedDataRejected : null, named: stack.includes(L.BUNDLE + ":") }));`;
    return JSON.parse(execFileSync("node", [...(opts.nodeArgs ?? []), "-e", code], { env: opts.env, encoding: "utf8" }));
}

describe("native plugin start", function () {
    this.timeout(180_000);
    let dir: string;
    let launcher: string;
    let stage: string;
    // The engine's environment as a test runner has it, without Node's compile-cache switches.
    const env = (extra: Record<string, string> = {}) => ({
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("NODE_COMPILE_CACHE") && k !== "NODE_DISABLE_COMPILE_CACHE")),
        ...extra,
    });

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "okta-native-start-"));
        launcher = buildPlugin({ outDir: path.join(dir, "a") }).launcher;
        stage = path.dirname(launcher);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("prints its port and nothing on stderr", async () => {
        const s = await startPlugin(launcher, { env: env(), graceMs: 300 });
        assert.ok(s.port > 0);
        assert.strictEqual(s.stderr, "");
    });

    it("ships the code compiled while starting, which V8 takes where the plugin is installed, and writes nothing", async () => {
        const tarred = execFileSync("tar", ["-tzf", path.join(dir, "a", fs.readdirSync(path.join(dir, "a")).find((f) => f.endsWith(".tar.gz"))!)], { encoding: "utf8" });
        assert.ok(tarred.split("\n").includes(`${NAME}.code-cache`), `the tarball holds the cache: ${tarred}`);
        // Elsewhere than where it was made, as `pulumi plugin install` unpacks it.
        const installed = path.join(dir, "installed");
        fs.cpSync(stage, installed, { recursive: true });
        const p = probe(installed, { env: env() });
        // More than the top level Node's own compile cache keeps (~190 KB for this bundle): the modules' bodies.
        assert.ok(p.bytes > 500_000, `the cache holds the code compiled while starting: ${JSON.stringify(p)}`);
        assert.strictEqual(p.rejected, false, "V8 took the cache");
        assert.ok(p.named, "stack traces name the installed bundle");
        const before = files(installed);
        const s = await startPlugin(path.join(installed, NAME), { env: env(), graceMs: 1000 });
        await startPlugin(path.join(installed, NAME), { env: env(), graceMs: 500 });
        assert.strictEqual(s.stderr, "");
        assert.deepStrictEqual(files(installed), before, "nothing written in the plugin's folder");
    });

    it("takes the cache only for the bundle it was made from and the V8 flags it was made under; NODE_DISABLE_COMPILE_CACHE=1 reads none", () => {
        const other = path.join(dir, "other-bundle");
        fs.cpSync(stage, other, { recursive: true });
        // The same length, other source: V8 itself would take the cache for it.
        const bundle = path.join(other, `${NAME}.js`);
        const src = fs.readFileSync(bundle, "utf8");
        const at = src.indexOf("oktadynamic");
        fs.writeFileSync(bundle, src.slice(0, at) + "oktadynamiX" + src.slice(at + "oktadynamic".length));
        assert.strictEqual(probe(other, { env: env() }).bytes, 0, "a bundle of other bytes");
        assert.strictEqual(probe(stage, { env: env(), nodeArgs: ["--stack-size=2000"] }).bytes, 0, "other V8 flags");
        assert.strictEqual(probe(stage, { env: env({ NODE_DISABLE_COMPILE_CACHE: "1" }) }).bytes, 0, "NODE_DISABLE_COMPILE_CACHE=1");
        assert.ok(probe(stage, { env: env() }).bytes > 0, "the bundle it was made from");
    });

    it("ships the same bytes at each build", () => {
        const again = path.dirname(buildPlugin({ outDir: path.join(dir, "b") }).launcher);
        for (const f of ["loader.cjs", `${NAME}.js`, `${NAME}.code-cache`]) {
            assert.ok(fs.readFileSync(path.join(stage, f)).equals(fs.readFileSync(path.join(again, f))), `${f} differs between two builds`);
        }
    });
});
