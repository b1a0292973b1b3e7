// The generated Python SDK (dist/plugin/python, tools/gen-sdks.sh) as PyPI takes it: the wheel
// pulumi_oktadynamic-<version>-py3-none-any.whl and the sdist pulumi_oktadynamic-<version>.tar.gz, built by `build`
// and setuptools pinned with their hashes (tools/release-python.txt) in a venv cached outside the repo.
// Reproducible: built under umask 022 from a copy whose modes are 0644/0755, with SOURCE_DATE_EPOCH (the wheel's
// timestamps); the sdist, whose tar and gzip headers setuptools dates now, is repacked by tools/deterministic-tar.js.
const { execFileSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { tarGz, sourceDateEpoch } = require("./deterministic-tar");

const root = path.resolve(__dirname, "..");
const CACHE = path.join(
    process.env.PULUMI_OKTA_DYNAMIC_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-okta-dynamic"),
    "python-build",
);

/** The venv's python with tools/release-python.txt installed (once per content of that file). */
function buildPython() {
    const requirements = path.join(__dirname, "release-python.txt");
    const digest = crypto.createHash("sha256").update(fs.readFileSync(requirements)).digest("hex").slice(0, 12);
    const venv = path.join(CACHE, digest);
    const python = path.join(venv, "bin", "python");
    if (!fs.existsSync(path.join(venv, ".complete"))) {
        fs.rmSync(venv, { recursive: true, force: true });
        execFileSync("python3", ["-m", "venv", venv], { stdio: ["ignore", "ignore", "inherit"] });
        execFileSync(python, ["-m", "pip", "install", "-q", "--disable-pip-version-check", "--require-hashes", "--only-binary", ":all:", "--no-deps", "-r", requirements], {
            stdio: ["ignore", "ignore", "inherit"],
        });
        fs.writeFileSync(path.join(venv, ".complete"), "");
    }
    return python;
}

/** Copies `from` to `to` with every file 0644 (0755 if executable) and every folder 0755. */
function copyNormalized(from, to) {
    fs.mkdirSync(to, { recursive: true, mode: 0o755 });
    fs.chmodSync(to, 0o755);
    for (const e of fs.readdirSync(from, { withFileTypes: true })) {
        if (e.name === "__pycache__" || e.name.endsWith(".egg-info") || e.name === "build") continue;
        const [a, b] = [path.join(from, e.name), path.join(to, e.name)];
        if (e.isDirectory()) copyNormalized(a, b);
        else {
            fs.copyFileSync(a, b);
            fs.chmodSync(b, fs.statSync(a).mode & 0o111 ? 0o755 : 0o644);
        }
    }
}

/** Builds both into `outDir`; returns their paths. */
function buildPythonDists({ outDir, epoch = sourceDateEpoch(root), sdk = path.join(root, "dist", "plugin", "python") }) {
    if (!fs.existsSync(path.join(sdk, "setup.py"))) throw new Error(`${path.relative(root, sdk)}/setup.py is missing: run \`bash tools/gen-sdks.sh python\` first`);
    const python = buildPython();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "oktadynamic-python-"));
    try {
        const src = path.join(tmp, "src");
        copyNormalized(sdk, src);
        const built = path.join(tmp, "out");
        const env = { ...process.env, SOURCE_DATE_EPOCH: String(epoch), PYTHONDONTWRITEBYTECODE: "1" };
        // setuptools copies the sources with the umask's modes, which the wheel records: 022 as on most machines.
        execFileSync("sh", ["-c", 'umask 022 && exec "$0" "$@"', python, "-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", built, src], { env, stdio: ["ignore", "ignore", "inherit"] });
        const wheel = fs.readdirSync(built).find((f) => f.endsWith("-py3-none-any.whl"));
        const sdist = fs.readdirSync(built).find((f) => f.endsWith(".tar.gz"));
        if (!wheel || !sdist) throw new Error(`python -m build made ${fs.readdirSync(built).join(", ")}: no py3-none-any wheel or sdist`);
        fs.mkdirSync(outDir, { recursive: true });
        fs.copyFileSync(path.join(built, wheel), path.join(outDir, wheel));
        const unpacked = path.join(tmp, "sdist");
        fs.mkdirSync(unpacked);
        execFileSync("tar", ["-xzf", path.join(built, sdist), "-C", unpacked]);
        tarGz({ dir: unpacked, files: fs.readdirSync(unpacked), out: path.join(outDir, sdist), epoch });
        return { wheel: path.join(outDir, wheel), sdist: path.join(outDir, sdist) };
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

module.exports = { buildPythonDists };
