// The plugin's start as the engine makes it, from the tarball's launcher: the port on stdout and nothing on stderr
// (a bundled whatwg-url printed a `punycode` deprecation warning at every start), and V8's code cache of the bundle
// kept in the plugin's folder by the first start and read by the next (scripts/plugin-loader.js), unless
// NODE_DISABLE_COMPILE_CACHE says no.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../scripts/engine";
import { startPlugin } from "../bench/pluginStart";

const { buildPlugin } = require(path.join(REPO_ROOT, "scripts", "build-plugin.js")) as {
    buildPlugin(o: { outDir: string }): { launcher: string; tarball: string };
};

/** Every file under `dir` with its modification time. */
const files = (dir: string): Record<string, number> =>
    fs.existsSync(dir) ? Object.fromEntries(fs.readdirSync(dir).map((f) => path.join(dir, f)).map((f) => [f, fs.statSync(f).mtimeMs])) : {};

describe("native plugin start", function () {
    this.timeout(120_000);
    let dir: string;
    let launcher: string;
    let cache: string;
    // The engine's environment as a test runner has it, without Node's compile-cache switches.
    const env = (extra: Record<string, string> = {}) => ({
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("NODE_COMPILE_CACHE") && k !== "NODE_DISABLE_COMPILE_CACHE")),
        ...extra,
    });

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "okta-native-start-"));
        launcher = buildPlugin({ outDir: dir }).launcher;
        cache = path.join(path.dirname(launcher), ".code-cache");
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("prints its port and nothing on stderr", async () => {
        const s = await startPlugin(launcher, { env: env(), graceMs: 300 });
        assert.ok(s.port > 0);
        assert.strictEqual(s.stderr, "");
    });

    it("keeps the code compiled while starting beside the bundle once the port is printed, and the next start reads it as it is", async () => {
        fs.rmSync(cache, { recursive: true, force: true });
        // The cache is written to a temp file and renamed: wait for its own name, not the temp file.
        await startPlugin(launcher, { env: env(), until: () => Object.keys(files(cache)).some((f) => f.endsWith(".bin")) });
        const written = files(cache);
        assert.strictEqual(Object.keys(written).length, 1, `one cache file under ${cache}`);
        // More than the top level Node's own compile cache keeps (~190 KB for this bundle): the modules' bodies.
        assert.ok(fs.statSync(Object.keys(written)[0]).size > 500_000, "the cache holds the code compiled while starting");
        // A cache V8 refused would be written again; one it took stays as it was.
        const s = await startPlugin(launcher, { env: env(), graceMs: 500 });
        assert.strictEqual(s.stderr, "");
        assert.deepStrictEqual(files(cache), written);
    });

    it("a cache of other source is refused by V8 and replaced; NODE_DISABLE_COMPILE_CACHE=1 neither reads nor writes one", async () => {
        const file = Object.keys(files(cache))[0];
        fs.writeFileSync(file, Buffer.alloc(4096, 7));
        const s = await startPlugin(launcher, { env: env(), until: () => fs.statSync(file).size > 4096 });
        assert.ok(s.port > 0 && fs.statSync(file).size > 500_000, "the refused cache was replaced");
        fs.rmSync(cache, { recursive: true, force: true });
        await startPlugin(launcher, { env: env({ NODE_DISABLE_COMPILE_CACHE: "1" }), graceMs: 500 });
        assert.deepStrictEqual(files(cache), {});
    });
});
