// `npm run plugin:sea`: the native plugin for machines without Node.js, as a Node single executable application
// (https://nodejs.org/api/single-executable-applications.html): the bundle that scripts/build-plugin.js stages,
// injected into a copy of a Node binary, in the same tarball shape under dist/plugin/standalone/:
//   pulumi-resource-oktadynamic-v<version>-linux-amd64.tar.gz = the executable + schema.json + LICENSE + Node's LICENSE
// installable with `pulumi plugin install resource oktadynamic <version> --file <tarball>`.
// The Node embedded is the newest tested one (scripts/versions.env, Node 26): it builds the executable itself
// (`node --build-sea`, Node 25.5 and later), so no injector (postject) is needed.
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..");
const { version } = require(path.join(root, "package.json"));
const NAME = "pulumi-resource-oktadynamic";
const bundle = path.join(root, "dist", "plugin", "stage", `${NAME}.js`);
const out = path.join(root, "dist", "plugin", "standalone");

/** The folder holding the `node` to embed (scripts/node.sh: the running one if its major matches, else cached). */
function nodeBin() {
    const env = fs.readFileSync(path.join(__dirname, "versions.env"), "utf8");
    const want = /^NEWEST_NODE=(\S+)/m.exec(env)[1];
    return execFileSync("bash", [path.join(__dirname, "node.sh"), want], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop();
}

function main() {
    if (!fs.existsSync(bundle)) throw new Error(`${path.relative(root, bundle)} is missing: run \`node scripts/build-plugin.js\` first`);
    const bin = nodeBin();
    const node = path.join(bin, "node");
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "oktadynamic-sea-"));
    try {
        // Node's release binaries carry debug info (about a fifth of them); stripping the copy before the bundle is
        // injected saves that (stripping afterwards would break the injected section).
        const base = path.join(tmp, "node");
        fs.copyFileSync(node, base);
        try {
            execFileSync("strip", [base], { stdio: "ignore" });
        } catch {
            /* no binutils: the executable is larger, and works the same */
        }
        const stage = path.join(tmp, "stage");
        fs.mkdirSync(stage);
        const exe = path.join(stage, NAME);
        const config = path.join(tmp, "sea-config.json");
        fs.writeFileSync(
            config,
            JSON.stringify({
                main: bundle,
                executable: base,
                output: exe,
                disableExperimentalSEAWarning: true,
                useCodeCache: true, // V8's compiled code in the blob: start-up ~20 ms shorter (the bundle has no import())
            }),
        );
        execFileSync(node, ["--build-sea", config], { stdio: ["ignore", "ignore", "inherit"] });
        fs.chmodSync(exe, 0o755);
        fs.copyFileSync(path.join(root, "native", "schema.json"), path.join(stage, "schema.json"));
        fs.copyFileSync(path.join(root, "LICENSE"), path.join(stage, "LICENSE"));
        fs.copyFileSync(path.join(bin, "..", "LICENSE"), path.join(stage, "LICENSE.node"));
        fs.rmSync(out, { recursive: true, force: true });
        fs.mkdirSync(out, { recursive: true });
        const tarball = path.join(out, `${NAME}-v${version}-linux-amd64.tar.gz`);
        execFileSync("tar", ["-czf", tarball, "-C", stage, NAME, "schema.json", "LICENSE", "LICENSE.node"]);
        const mb = (f) => (fs.statSync(f).size / 1048576).toFixed(1);
        const nodeVersion = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
        console.log(`${path.relative(root, tarball)} (${mb(tarball)} MB; executable ${mb(exe)} MB, Node ${nodeVersion})`);
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

main();
