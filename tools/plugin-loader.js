// The plugin's start (packed beside the bundle by tools/build-plugin.js as loader.cjs: `.cjs`, so that no
// package.json above the plugin's folder can make Node read it as an ES module): runs the bundle as Node runs a
// CommonJS module, with V8's code cache of it, and writes nothing.
//
// The cache is made at build time (tools/plugin-code-cache.js: the bundle run once to its port printed, so that it
// holds the modules' bodies compiled while starting, not only the top level that Node's own compile cache keeps,
// docs/internals/performance.md) and shipped in the tarball; the build writes into SHIPPED below the V8 version and flags it
// was made for and the SHA-256 of the bundle and of the cache. V8 takes a cache for any source of the same length and
// runs the code in it, so the cache is used only when both digests match; otherwise, or under another Node, the bundle
// is compiled from source. NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node's own.
//
// The bundle's `require` (and `module.require`) loads Node's built-in modules only: everything else is in the bundle,
// and a module found on disk (a node_modules above the plugin's folder, NODE_PATH) would run in the process that holds
// the Okta credential.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const v8 = require("node:v8");
const vm = require("node:vm");
const Module = require("node:module");

/** @type {null | { v8Tag: number, bundleSha256: string, cacheSha256: string }} */
const SHIPPED = null;

const BUNDLE = path.join(__dirname, "pulumi-resource-oktadynamic.js");
const CACHE = path.join(__dirname, "pulumi-resource-oktadynamic.code-cache");

const sha256 = (buf) => crypto.createHash("sha256").update(buf).digest("hex");

/** The shipped cache when it is the one made from `source` (the bundle's bytes) for this V8 and its flags. */
function shippedCache(source) {
    if (!SHIPPED || process.env.NODE_DISABLE_COMPILE_CACHE || v8.cachedDataVersionTag() !== SHIPPED.v8Tag) return undefined;
    if (sha256(source) !== SHIPPED.bundleSha256) return undefined;
    let data;
    try {
        data = fs.readFileSync(CACHE);
    } catch {
        return undefined;
    }
    return sha256(data) === SHIPPED.cacheSha256 ? data : undefined;
}

// No importModuleDynamically: an import() (none in the bundle; the build refuses one) fails instead of loading from disk.
// The build names the script as no file is named (named as the bundle, its cache held the build's path); V8 names a
// script made from a cache as it is compiled here, so stack traces name the installed bundle.
const compile = (source, cachedData, filename = BUNDLE) => new vm.Script(Module.wrap(source.toString("utf8")), { filename, cachedData });

function builtinRequire(id) {
    if (typeof id === "string" && Module.isBuiltin(id)) return require(id);
    const e = new Error(`Cannot find module '${id}': the oktadynamic plugin loads only Node's built-in modules`);
    e.code = "MODULE_NOT_FOUND";
    throw e;
}
builtinRequire.main = require.main;

/** Runs the compiled bundle as a CommonJS module; returns its exports (a promise of the port printed). */
function run(script) {
    const mod = new Module(BUNDLE, module);
    mod.filename = BUNDLE;
    mod.require = builtinRequire;
    script.runInThisContext().call(mod.exports, mod.exports, builtinRequire, mod, BUNDLE, __dirname);
    return mod.exports;
}

if (require.main === module) {
    const source = fs.readFileSync(BUNDLE);
    run(compile(source, shippedCache(source)));
} else {
    // For the build, which makes the cache with this same compile, and for tests.
    module.exports = { BUNDLE, CACHE, SHIPPED, shippedCache, compile, run };
}
