// The plugin's start as the engine makes it, from the tarball's launcher: the port on stdout and nothing on stderr
// (a bundled whatwg-url printed a `punycode` deprecation warning at every start), and Node's compiled code kept in
// the plugin's folder after the first start, read by the next, unless the user's NODE_COMPILE_CACHE says elsewhere.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../scripts/engine";
import { startPlugin } from "../bench/pluginStart";

const { buildPlugin } = require(path.join(REPO_ROOT, "scripts", "build-plugin.js")) as {
    buildPlugin(o: { entry: string; outDir: string }): { launcher: string; tarball: string };
};

/** Every file under `dir` with its modification time. */
const files = (dir: string): Record<string, number> =>
    fs.existsSync(dir) ? Object.fromEntries((fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile()).map((f) => [f, fs.statSync(f).mtimeMs])) : {};

describe("native plugin start", function () {
    this.timeout(120_000);
    let dir: string;
    let launcher: string;
    let cache: string;
    // The engine's environment as a test runner has it, without a compile cache of its own.
    const env = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "NODE_COMPILE_CACHE" && k !== "NODE_DISABLE_COMPILE_CACHE"));

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "okta-native-start-"));
        launcher = buildPlugin({ entry: `require("./native/main").serve(process.argv.slice(2));`, outDir: dir }).launcher;
        cache = path.join(path.dirname(launcher), ".node-compile-cache");
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("prints its port and nothing on stderr", async () => {
        const s = await startPlugin(launcher, { env: env(), graceMs: 300 });
        assert.ok(s.port > 0);
        assert.strictEqual(s.stderr, "");
    });

    it("keeps its compiled code beside the bundle once the port is printed, and the next start reads it as it is", async () => {
        fs.rmSync(cache, { recursive: true, force: true });
        await startPlugin(launcher, { env: env(), until: () => Object.keys(files(cache)).length > 0 });
        const written = files(cache);
        assert.strictEqual(Object.keys(written).length, 1, `one cache entry for the bundle under ${cache}`);
        // Node rewrites an entry it rejected or that changed; one it accepted stays as it was.
        await startPlugin(launcher, { env: env(), graceMs: 500 });
        assert.deepStrictEqual(files(cache), written);
    });

    it("leaves a NODE_COMPILE_CACHE the user set alone", async () => {
        const own = path.join(dir, "own-cache");
        fs.rmSync(cache, { recursive: true, force: true });
        await startPlugin(launcher, { env: { ...env(), NODE_COMPILE_CACHE: own }, until: () => Object.keys(files(own)).length > 0 });
        assert.strictEqual(Object.keys(files(own)).length, 1);
        assert.deepStrictEqual(files(cache), {});
    });
});
