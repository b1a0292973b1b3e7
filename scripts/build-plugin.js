// `npm run plugin`: the native provider plugin as Pulumi installs plugins, under dist/plugin/:
//   pulumi-resource-oktadynamic-v<version>-linux-amd64.tar.gz = launcher script + one-file bundle + schema.json
// installable with `pulumi plugin install resource oktadynamic <version> --file <tarball>`.
// The bundle (esbuild, from the TypeScript sources) needs only Node on the machine, no node_modules.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const esbuild = require("esbuild");

const root = path.resolve(__dirname, "..");
const { version } = require(path.join(root, "package.json"));
const NAME = "pulumi-resource-oktadynamic";
const out = path.join(root, "dist", "plugin");
const stage = path.join(out, "stage");

// A shell that forked node would be left behind when the engine kills the plugin, hence `exec`. Without node, the
// engine shows the plugin's stderr: say what to do rather than `exec: node: not found`.
const LAUNCHER = `#!/bin/sh
# The oktadynamic Pulumi resource provider ${version}: Node.js (22 or later) runs the bundle beside this file.
command -v node >/dev/null 2>&1 || { echo "${NAME}: needs Node.js 22 or later on PATH; without Node.js, install the standalone plugin (npm run plugin:sea, see docs/native.md)" >&2; exit 1; }
exec node "$(dirname "$0")/${NAME}.js" "$@"
`;

function main() {
    const schemaFile = path.join(root, "native", "schema.json");
    const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
    if (schema.version !== version) {
        throw new Error(`native/schema.json says version ${schema.version}, package.json ${version}: run \`node dist/scripts/nativeSchema.js --write\` after \`npm run build\``);
    }
    // Only what this script makes: the SDKs that scripts/gen-sdks.sh writes beside it stay.
    fs.rmSync(stage, { recursive: true, force: true });
    for (const old of fs.existsSync(out) ? fs.readdirSync(out) : []) {
        if (old.startsWith(`${NAME}-v`) && old.endsWith(".tar.gz")) fs.rmSync(path.join(out, old));
    }
    fs.mkdirSync(stage, { recursive: true });
    const result = esbuild.buildSync({
        stdin: { contents: `require("./native/main").serve(process.argv.slice(2));`, resolveDir: root, sourcefile: "plugin-entry.js", loader: "js" },
        bundle: true,
        platform: "node",
        target: "node22",
        format: "cjs",
        outfile: path.join(stage, `${NAME}.js`),
        legalComments: "none",
        minifyWhitespace: true,
        minifySyntax: true,
        logLevel: "warning",
        metafile: true,
        // provider/okta/client.ts would look for ../../../package.json beside the installed plugin (~/package.json).
        define: { __OKTA_DYNAMIC_VERSION__: JSON.stringify(version) },
    });
    fs.copyFileSync(schemaFile, path.join(stage, "schema.json"));
    fs.writeFileSync(path.join(stage, NAME), LAUNCHER, { mode: 0o755 });
    fs.chmodSync(path.join(stage, NAME), 0o755);
    fs.copyFileSync(path.join(root, "LICENSE"), path.join(stage, "LICENSE"));
    const tarball = path.join(out, `${NAME}-v${version}-linux-amd64.tar.gz`);
    execFileSync("tar", ["-czf", tarball, "-C", stage, NAME, `${NAME}.js`, "schema.json", "LICENSE"]);
    const kb = (f) => Math.round(fs.statSync(f).size / 1024);
    console.log(`${path.relative(root, tarball)} (${kb(tarball)} KB; bundle ${kb(path.join(stage, `${NAME}.js`))} KB, ${Object.keys(result.metafile.inputs).length} modules)`);
}

main();
