// The plugin's start (packed beside the bundle by scripts/build-plugin.js as loader.js): runs the bundle as Node runs
// a CommonJS module, with V8's code cache of it. The cache is taken once the plugin serves, so that it holds the code
// compiled while starting (the modules' bodies: grpc-js, @pulumi/pulumi's provider server, provider/), not only the
// top level that Node's own compile cache keeps (docs/performance.md: 10-20 ms more off). It lives in `.code-cache/`
// beside the bundle, one file per V8 version and flags; V8 refuses a cache of other source, and it is then rewritten.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node's own.
"use strict";
const fs = require("fs");
const path = require("path");
const v8 = require("v8");
const vm = require("vm");
const Module = require("module");

const bundle = path.join(__dirname, "pulumi-resource-oktadynamic.js");
const cacheDir = path.join(__dirname, ".code-cache");
const cacheFile = path.join(cacheDir, `${v8.cachedDataVersionTag()}.bin`);
const useCache = !process.env.NODE_DISABLE_COMPILE_CACHE;

let cachedData;
if (useCache) {
    try {
        cachedData = fs.readFileSync(cacheFile);
    } catch {
        // none yet
    }
}
const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, "utf8")), {
    filename: bundle,
    cachedData,
    // As Node runs a module: an import() (none in the bundle today) goes to Node's own loader, not an error.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
const mod = new Module(bundle, module);
mod.filename = bundle;
script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, __dirname);

// The bundle's entry exports a promise of the port printed. Written to a file of its own, then renamed: a plugin
// starting meanwhile (the engine starts one per provider) reads a whole cache or none. A folder it cannot write
// only means no cache.
if (useCache && (cachedData === undefined || script.cachedDataRejected)) {
    Promise.resolve(mod.exports).then(() =>
        setImmediate(() => {
            const tmp = `${cacheFile}.${process.pid}`;
            try {
                fs.mkdirSync(cacheDir, { recursive: true });
                fs.writeFileSync(tmp, script.createCachedData());
                fs.renameSync(tmp, cacheFile);
                // A start killed between its write and its rename left its temp file: clear those over a minute old.
                for (const f of fs.readdirSync(cacheDir)) {
                    const p = path.join(cacheDir, f);
                    if (p.startsWith(`${cacheFile}.`) && Date.now() - fs.statSync(p).mtimeMs > 60_000) fs.rmSync(p, { force: true });
                }
            } catch {
                try {
                    fs.rmSync(tmp, { force: true });
                } catch {
                    // nothing was written
                }
            }
        }),
    );
}
