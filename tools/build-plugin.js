// `npm run plugin`: the native provider plugin as Pulumi installs plugins, under dist/plugin/:
//   pulumi-resource-oktadynamic-v<version>-linux-amd64.tar.gz = launcher script + loader + one-file bundle + V8's code
//   cache of it + schema.json
// installable with `pulumi plugin install resource oktadynamic <version> --file <tarball>`.
// The bundle (esbuild, from the TypeScript sources) needs only Node on the machine, no node_modules, and loads nothing
// but Node's built-in modules (refused here otherwise: tools/bundle-loads.js).
// `buildPlugin` is also how the benchmark packs its no-op plugin of the same shape (bench/noopPlugin.ts).
const { execFileSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const esbuild = require("esbuild");
const { foreignLoads } = require("./bundle-loads");

const root = path.resolve(__dirname, "..");
const { version } = require(path.join(root, "package.json"));
const NAME = "pulumi-resource-oktadynamic";

// A shell that forked node would be left behind when the engine kills the plugin, hence `exec`. Without node, the
// engine shows the plugin's stderr: say what to do rather than `exec: node: not found`. The loader runs the bundle
// with V8's code cache of it (tools/plugin-loader.js).
const LAUNCHER = `#!/bin/sh
# The oktadynamic Pulumi resource provider ${version}: Node.js (22 or later) runs the bundle beside this file.
command -v node >/dev/null 2>&1 || { echo "${NAME}: needs Node.js 22 or later on PATH; without Node.js, install the standalone plugin (npm run plugin:sea, see docs/native.md)" >&2; exit 1; }
exec node "$(dirname "$0")/loader.cjs" "$@"
`;

// node-fetch 2 takes its URL class from Node's \`url\` module and requires whatwg-url only as a fallback for Nodes
// before 10, whose Unicode tables (tr46) cost 16 ms of every start and a \`punycode\` deprecation warning on stderr.
const SHIMS = path.join(root, "tools", "plugin-shims");
const WHATWG_URL_SHIM = path.join(SHIMS, "whatwg-url.js");
// node-fetch 2's optional `require("encoding")` (for textConverted(), which nothing here calls) would otherwise be left
// to Node to find on disk at run time: bundled as the module that is not there.
const ENCODING_SHIM = path.join(SHIMS, "encoding.js");

// The loader's line that the build fills in with what the code cache was made for (tools/plugin-loader.js).
const SHIPPED_LINE = "const SHIPPED = null;";
const sha256 = (file) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/**
 * V8's code cache of the staged bundle, made by tools/plugin-code-cache.js under this Node (without NODE_OPTIONS,
 * as the engine starts a plugin), into `out`; returns the V8 tag (version and flags) it is valid for. With
 * `--random-seed` two builds make the same bytes (without it they differ); V8 leaves that flag out of the tag, and
 * the tag of a plain `node` is asked too, to be sure the shipped cache is one the plugin's Node will take.
 */
function makeCodeCache(loader, out) {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const node = (args) => execFileSync(process.execPath, args, { env, encoding: "utf8", timeout: 120_000, stdio: ["ignore", "pipe", "inherit"] });
    const tag = Number(node(["--random-seed=1", path.join(__dirname, "plugin-code-cache.js"), loader, out]).trim().split("\n").pop());
    const plain = Number(node(["-p", "require('v8').cachedDataVersionTag()"]).trim());
    if (!Number.isInteger(tag) || tag !== plain) throw new Error(`code cache made for V8 tag ${tag}, but a plain node has ${plain}`);
    return tag;
}

/**
 * Bundles the module `main` (from the repository root; its `serve(argv)` returns a promise of the port printed) with
 * V8's code cache of it, the launcher, loader, schema.json and LICENSE into
 * `<outDir>/<NAME>-v<version>-linux-amd64.tar.gz`; returns the tarball's and launcher's paths and the bundle's size.
 */
function buildPlugin({ main = "./native/main", outDir }) {
    const entry = `module.exports = require(${JSON.stringify(main)}).serve(process.argv.slice(2));`;
    const schemaFile = path.join(root, "native", "schema.json");
    const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
    if (schema.version !== version) {
        throw new Error(`native/schema.json says version ${schema.version}, package.json ${version}: run \`node dist/native/schemaGenerator.js --write\` after \`npm run build\``);
    }
    const stage = path.join(outDir, "stage");
    // Only what this script makes: the SDKs that tools/gen-sdks.sh writes beside it stay.
    fs.rmSync(stage, { recursive: true, force: true });
    for (const old of fs.existsSync(outDir) ? fs.readdirSync(outDir) : []) {
        if (old.startsWith(`${NAME}-v`) && old.endsWith(".tar.gz")) fs.rmSync(path.join(outDir, old));
    }
    fs.mkdirSync(stage, { recursive: true });
    const bundle = path.join(stage, `${NAME}.js`);
    const result = esbuild.buildSync({
        stdin: { contents: entry, resolveDir: root, sourcefile: "plugin-entry.js", loader: "js" },
        // The modules' names in the bundle are paths from here: the same bundle whatever folder the build runs in.
        absWorkingDir: root,
        bundle: true,
        platform: "node",
        target: "node22",
        format: "cjs",
        outfile: bundle,
        legalComments: "none",
        // Not identifiers: a fully minified bundle (1.3 MB against 1.7) started 15-25 ms slower, with or without
        // keepNames, and its stack traces would name nothing.
        minifyWhitespace: true,
        minifySyntax: true,
        alias: { "whatwg-url": WHATWG_URL_SHIM, encoding: ENCODING_SHIM },
        logLevel: "warning",
        metafile: true,
        // provider/okta/client.ts would look for ../../../package.json beside the installed plugin (~/package.json).
        define: { __OKTA_DYNAMIC_VERSION__: JSON.stringify(version) },
    });
    const foreign = foreignLoads(fs.readFileSync(bundle, "utf8"));
    if (foreign.length) {
        throw new Error(`the plugin bundle would load modules from disk at run time: ${foreign.join(", ")}; bundle them, or alias them to a shim in tools/plugin-shims`);
    }
    fs.copyFileSync(schemaFile, path.join(stage, "schema.json"));
    fs.writeFileSync(path.join(stage, NAME), LAUNCHER, { mode: 0o755 });
    fs.chmodSync(path.join(stage, NAME), 0o755);
    fs.copyFileSync(path.join(root, "LICENSE"), path.join(stage, "LICENSE"));
    // The loader as it is (no cache) makes the cache; then the loader shipped is told which cache it may take.
    const loaderSource = fs.readFileSync(path.join(root, "tools", "plugin-loader.js"), "utf8");
    if (loaderSource.split(SHIPPED_LINE).length !== 2) throw new Error(`tools/plugin-loader.js must hold the line \`${SHIPPED_LINE}\` once`);
    const loader = path.join(stage, "loader.cjs");
    const cache = path.join(stage, `${NAME}.code-cache`);
    fs.writeFileSync(loader, loaderSource);
    const shipped = { v8Tag: makeCodeCache(loader, cache), bundleSha256: sha256(bundle), cacheSha256: sha256(cache) };
    fs.writeFileSync(loader, loaderSource.replace(SHIPPED_LINE, `const SHIPPED = ${JSON.stringify(shipped)};`));
    const tarball = path.join(outDir, `${NAME}-v${version}-linux-amd64.tar.gz`);
    execFileSync("tar", ["-czf", tarball, "-C", stage, NAME, "loader.cjs", `${NAME}.js`, `${NAME}.code-cache`, "schema.json", "LICENSE"]);
    return { tarball, launcher: path.join(stage, NAME), bundleBytes: fs.statSync(bundle).size, modules: Object.keys(result.metafile.inputs).length, version };
}

module.exports = { buildPlugin, NAME, version };

if (require.main === module) {
    const out = path.join(root, "dist", "plugin");
    const b = buildPlugin({ outDir: out });
    const kb = (n) => Math.round(n / 1024);
    console.log(`${path.relative(root, b.tarball)} (${kb(fs.statSync(b.tarball).size)} KB; bundle ${kb(b.bundleBytes)} KB, ${b.modules} modules)`);
}
