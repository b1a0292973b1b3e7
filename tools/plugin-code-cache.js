// `node plugin-code-cache.js <loader> <out>`, run by tools/build-plugin.js under the Node that builds: the plugin's
// V8 code cache, made as its loader would run it. The bundle is compiled with the loader's own `compile` (under a
// name no file has: named as the bundle, the cache held the build's path, and builds in two folders differed), run
// to its port printed (given the engine address 127.0.0.1:1, as the benchmark starts it), and V8's cache of everything
// compiled so far is written to <out>; stdout's last line is the V8 version-and-flags tag it is valid for.
"use strict";
const fs = require("node:fs");
const v8 = require("node:v8");

const [loaderFile, out] = process.argv.splice(2, 2, "127.0.0.1:1");
const loader = require(loaderFile);
const script = loader.compile(fs.readFileSync(loader.BUNDLE), undefined, "oktadynamic-plugin-bundle");
Promise.resolve(loader.run(script)).then(() =>
    // As the loader's old run-time cache did: once the port's line is out and its callbacks have run.
    setImmediate(() => {
        fs.writeFileSync(out, script.createCachedData());
        process.stdout.write(`\n${v8.cachedDataVersionTag()}\n`, () => process.exit(0));
    }),
);
