// `npm run release`: everything a release publishes, into dist/release/ (emptied first), from a clean clone:
//   pulumi-resource-oktadynamic-v<version>-<os>-<arch>.tar.gz   the standalone plugin per platform (build-plugin-sea.js)
//   pulumi_oktadynamic-<version>-py3-none-any.whl, pulumi_oktadynamic-<version>.tar.gz   the Python SDK (python-dist.js)
//   <the Node.js SDK's npm pack>.tgz                             the Node.js SDK (gen-sdks.sh, pack-nodejs-sdk.sh)
//   pulumi-okta-dynamic-<version>.tgz                            this package, as `npm pack` makes it
//   schema.json                                                  the plugin's schema
//   SHA256SUMS                                                   of all the above, for `sha256sum -c`; written last
// Reproducible: two runs from one commit give the same bytes (SOURCE_DATE_EPOCH is HEAD's commit time unless set;
// umask 022 for everything this starts). The npm scripts run it after tools/ensure-deps.sh.
const { execFileSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { PLATFORMS } = require("./platform-node");
const { buildSea } = require("./build-plugin-sea");
const { buildPythonDists } = require("./python-dist");
const { sourceDateEpoch } = require("./deterministic-tar");

const root = path.resolve(__dirname, "..");
const out = path.join(root, "dist", "release");

const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

/** `sha256sum` lines (hex, two spaces, name) of every file in `dir` but SHA256SUMS, by name. */
function sha256sums(dir) {
    return fs
        .readdirSync(dir)
        .filter((f) => f !== "SHA256SUMS")
        .sort()
        .map((f) => `${crypto.createHash("sha256").update(fs.readFileSync(path.join(dir, f))).digest("hex")}  ${f}\n`)
        .join("");
}

function main() {
    process.umask(0o022);
    const epoch = sourceDateEpoch(root);
    process.env.SOURCE_DATE_EPOCH = String(epoch);
    const t0 = Date.now();
    const step = (what, fn) => {
        const t = Date.now();
        const r = fn();
        console.log(`release: ${what} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
        return r;
    };
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    step("the plugin's bundle (tools/build-plugin.js)", () => run("node", ["tools/build-plugin.js"]));
    step("the Python and Node.js SDKs (tools/gen-sdks.sh)", () => run("bash", ["tools/gen-sdks.sh", "python", "nodejs"]));
    for (const platform of PLATFORMS) step(`the ${platform} plugin`, () => buildSea({ platform, outDir: out, epoch }));
    step("the Python wheel and sdist", () => buildPythonDists({ outDir: out, epoch }));
    step("the Node.js SDK's tarball", () => {
        const sdks = fs.readdirSync(path.join(root, "dist", "plugin")).filter((f) => f.endsWith(".tgz"));
        if (sdks.length !== 1) throw new Error(`dist/plugin holds ${sdks.length} Node.js SDK tarballs (${sdks.join(", ")}), not one`);
        fs.copyFileSync(path.join(root, "dist", "plugin", sdks[0]), path.join(out, sdks[0]));
    });
    step("this package's tarball (npm pack)", () => run("npm", ["pack", "--silent", "--pack-destination", out]));
    fs.copyFileSync(path.join(root, "native", "schema.json"), path.join(out, "schema.json"));
    fs.writeFileSync(path.join(out, "SHA256SUMS"), sha256sums(out));
    for (const f of fs.readdirSync(out).sort()) console.log(`  ${f}  ${(fs.statSync(path.join(out, f)).size / 1048576).toFixed(2)} MB`);
    console.log(`release: dist/release/ in ${((Date.now() - t0) / 1000).toFixed(0)} s (SOURCE_DATE_EPOCH=${epoch})`);
}

module.exports = { sha256sums };

if (require.main === module) main();
