// Issue 28, items 3 and 4: the installed plugin runs only the code its tarball shipped. Its bundle requires nothing
// but Node's built-in modules, and its loader gives it a `require` that loads nothing else: a node_modules/encoding
// above the plugin's folder or on NODE_PATH ran inside the process that holds the Okta credential (node-fetch's
// optional require). A V8 code cache compiled from other source of the bundle's length, which V8 takes and runs,
// does not run where the old loader read its run-time cache nor where this one reads the shipped cache. And no
// package.json above the plugin's folder changes how Node reads the loader.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../harness/engine";
import { startPlugin } from "../bench/pluginStart";

const { buildPlugin, NAME, version } = require(path.join(REPO_ROOT, "tools", "build-plugin.js")) as {
    buildPlugin(o: { outDir: string }): { launcher: string; tarball: string };
    NAME: string;
    version: string;
};
const { foreignLoads } = require(path.join(REPO_ROOT, "tools", "bundle-loads.js")) as { foreignLoads(code: string): string[] };

/** A module that, when run, leaves `marker` behind. */
const markerModule = (marker: string) => `require("fs").writeFileSync(${JSON.stringify(marker)}, "ran"); exports.convert = () => "";\n`;

/**
 * Writes to `out` V8's code cache of a script as long as the loader's (the bundle wrapped as a CommonJS module) that
 * writes `marker`, compiled by a `node` from PATH (the launcher's) for its V8; returns that V8's tag.
 */
function poisonedCache(bundle: string, marker: string, out: string): string {
    const code = `const fs = require("fs"), vm = require("vm"), Module = require("module");
const [bundle, marker, out] = process.argv.slice(1);
const length = Module.wrap(fs.readFileSync(bundle, "utf8")).length;
const head = "(function (exports, require) { require('fs').writeFileSync(" + JSON.stringify(marker) + ", 'ran'); /*", tail = "*/ });";
const src = head + "x".repeat(length - head.length - tail.length) + tail;
const s = new vm.Script(src, { filename: bundle });
s.runInThisContext()({}, () => ({ writeFileSync() {} })); // compiled, not run: its require is a stand-in
fs.writeFileSync(out, s.createCachedData());
console.log(require("v8").cachedDataVersionTag());`;
    return execFileSync("node", ["-e", code, bundle, marker, out], { encoding: "utf8" }).trim();
}

describe("the native plugin runs only the code it shipped", function () {
    this.timeout(300_000);
    let root: string;
    let home: string;
    let plugin: string;
    let launcher: string;
    let bundle: string;
    const markers = () => fs.readdirSync(root).filter((f) => f.startsWith("marker-"));
    const env = (extra: Record<string, string> = {}) => ({
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("NODE_COMPILE_CACHE") && k !== "NODE_DISABLE_COMPILE_CACHE")),
        PULUMI_HOME: home,
        ...extra,
    });

    before(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "okta-native-shipped-"));
        home = path.join(root, "pulumi-home");
        const { tarball } = buildPlugin({ outDir: path.join(root, "build") });
        execFileSync("pulumi", ["plugin", "install", "resource", "oktadynamic", version, "--file", tarball, "--non-interactive"], { env: env(), stdio: "ignore" });
        plugin = path.join(home, "plugins", `resource-oktadynamic-v${version}`);
        launcher = path.join(plugin, NAME);
        bundle = path.join(plugin, `${NAME}.js`);
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));
    afterEach(() => {
        for (const m of markers()) fs.rmSync(path.join(root, m));
    });

    it("its bundle requires nothing but Node's built-in modules", () => {
        assert.deepStrictEqual(foreignLoads(fs.readFileSync(bundle, "utf8")), []);
    });

    it("the bundle check finds what would load a module from disk", () => {
        const code = 'a=require("fs");b=require("node:fs");c=x.require("y");d=require.main;e=require("encoding");f=require(name);g=import("h");i=require;j=require.resolve("k")';
        assert.deepStrictEqual(foreignLoads(code), ['require("encoding")', "require(name)", 'import("h")', "require", "require.resolve"]);
    });

    it("a node_modules/encoding above its folder or on NODE_PATH does not run", async () => {
        const planted = [path.join(home, "plugins", "node_modules"), path.join(home, "node_modules"), path.join(root, "node-path")];
        for (const [i, dir] of planted.entries()) {
            fs.mkdirSync(path.join(dir, "encoding"), { recursive: true });
            fs.writeFileSync(path.join(dir, "encoding", "index.js"), markerModule(path.join(root, `marker-${i}`)));
        }
        try {
            const s = await startPlugin(launcher, { env: env({ NODE_PATH: path.join(root, "node-path") }), cwd: plugin, graceMs: 500 });
            assert.ok(s.port > 0);
            assert.strictEqual(s.stderr, "");
            assert.deepStrictEqual(markers(), []);
        } finally {
            for (const dir of planted) fs.rmSync(path.join(dir, "encoding"), { recursive: true, force: true });
        }
    });

    it("the loader's require loads Node's built-in modules only, whatever the bundle asks for", () => {
        const dir = path.join(root, "node-path");
        fs.mkdirSync(path.join(dir, "encoding"), { recursive: true });
        fs.writeFileSync(path.join(dir, "encoding", "index.js"), markerModule(path.join(root, "marker-guard")));
        const code = `const L = require(${JSON.stringify(path.join(plugin, "loader.cjs"))});
const e = L.run(L.compile("module.exports = [typeof require('fs').readFileSync, typeof module.require('os').cpus]; try { require('encoding') } catch (e) { module.exports.push(e.code) } try { module.require('encoding') } catch (e) { module.exports.push(e.code) }"));
console.log(JSON.stringify(e));`;
        try {
            const out = execFileSync("node", ["-e", code], { env: env({ NODE_PATH: dir }), encoding: "utf8" });
            assert.deepStrictEqual(JSON.parse(out), ["function", "function", "MODULE_NOT_FOUND", "MODULE_NOT_FOUND"]);
            assert.deepStrictEqual(markers(), []);
        } finally {
            fs.rmSync(path.join(dir, "encoding"), { recursive: true, force: true });
        }
    });

    it("a same-length code cache of other source does not run, where the old loader read it nor where this one does", async () => {
        const shipped = path.join(plugin, `${NAME}.code-cache`);
        const kept = fs.readFileSync(shipped);
        const tag = poisonedCache(bundle, path.join(root, "marker-old"), path.join(root, "old.bin"));
        fs.mkdirSync(path.join(plugin, ".code-cache"));
        fs.copyFileSync(path.join(root, "old.bin"), path.join(plugin, ".code-cache", `${tag}.bin`));
        poisonedCache(bundle, path.join(root, "marker-new"), shipped);
        try {
            const s = await startPlugin(launcher, { env: env(), graceMs: 500 });
            assert.ok(s.port > 0, "the bundle ran, not the cache's code");
            assert.strictEqual(s.stderr, "");
            assert.deepStrictEqual(markers(), []);
        } finally {
            fs.rmSync(path.join(plugin, ".code-cache"), { recursive: true, force: true });
            fs.writeFileSync(shipped, kept);
        }
    });

    it("a package.json above its folder does not make Node read the loader as an ES module", async () => {
        const pkg = path.join(home, "plugins", "package.json");
        fs.writeFileSync(pkg, '{ "type": "module" }\n');
        try {
            const s = await startPlugin(launcher, { env: env(), graceMs: 300 });
            assert.ok(s.port > 0);
            assert.strictEqual(s.stderr, "");
        } finally {
            fs.rmSync(pkg);
        }
    });
});
