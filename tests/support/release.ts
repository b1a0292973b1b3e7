// The release as `npm run release` writes it (tools/release.js), for the tests that check what ships. `releaseDir()`
// builds it first when dist/release/ is incomplete or older than its inputs: every file of the checkout git does not
// ignore, tracked or not, except the folders no artefact holds (tests/, bench/, examples/, .github/, native/sdk/), or built at
// another commit (its archives are dated by SOURCE_DATE_EPOCH, HEAD's commit time). Complete means SHA256SUMS
// (written last) lists exactly the other files there and they are the ones releaseFiles() names. The newest leg runs
// in a copy of the tree without .git (tools/test-newest.sh): OKTA_DYNAMIC_RELEASE_ROOT names the checkout whose
// release it tests, built there from the lock file's dependencies, as a release is.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../../harness/engine";

/** The checkout that builds the release: this one, or the one OKTA_DYNAMIC_RELEASE_ROOT names. */
const ROOT = process.env.OKTA_DYNAMIC_RELEASE_ROOT || REPO_ROOT;

const { sourceDateEpoch } = require(path.join(ROOT, "tools", "deterministic-tar.js")) as { sourceDateEpoch(root: string): number };

export const RELEASE_PLATFORMS = ["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64", "windows-amd64", "windows-arm64"] as const;
export type ReleasePlatform = (typeof RELEASE_PLATFORMS)[number];

// native/sdk/ is the committed Go SDK: no artefact holds it, and `npm run plugin` rewrites it (same bytes, new mtimes).
const NOT_INPUTS = ["tests/", "bench/", "examples/", ".github/", "native/sdk/"];

const version = (): string => JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;

/** The plugin tarball's name for a platform. */
export const pluginTarball = (platform: ReleasePlatform): string => `pulumi-resource-oktadynamic-v${version()}-${platform}.tar.gz`;

/** Every file a release holds, by name. */
export function releaseFiles(): string[] {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "native", "schema.json"), "utf8"));
    const py = schema.language.python.packageName as string;
    // npm pack names a scoped package's tarball without the @ and with - for the /.
    const nodeSdk = `${(schema.language.nodejs.packageName as string).replace(/^@/, "").replace("/", "-")}-${schema.version}.tgz`;
    return [
        ...RELEASE_PLATFORMS.map(pluginTarball),
        `${py}-${schema.version}-py3-none-any.whl`,
        `${py}-${schema.version}.tar.gz`,
        nodeSdk,
        `pulumi-okta-dynamic-${version()}.tgz`,
        "schema.json",
        "SHA256SUMS",
    ].sort();
}

/** The newest modification time (ms) of the release's inputs. */
function newestInput(): number {
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 })
        .split("\0")
        .filter((f) => f && !NOT_INPUTS.some((d) => f.startsWith(d)));
    let newest = 0;
    for (const f of files) {
        try {
            newest = Math.max(newest, fs.statSync(path.join(ROOT, f)).mtimeMs);
        } catch {
            // deleted in the work tree but still in the index
        }
    }
    return newest;
}

/** The mtime (s) of the first member of a plugin tarball: the SOURCE_DATE_EPOCH it was built with. */
export function tarballEpoch(tarball: string): number {
    const header = execFileSync("sh", ["-c", 'gzip -dc "$1" | head -c 512', "sh", tarball], { maxBuffer: 1 << 20 });
    return parseInt(header.toString("latin1", 136, 148).replace(/\0.*$/s, "").trim(), 8);
}

/** Why dist/release/ must be built again, or undefined when it is complete and newer than every input. */
export function releaseStaleness(dir = path.join(ROOT, "dist", "release")): string | undefined {
    const sums = path.join(dir, "SHA256SUMS");
    if (!fs.existsSync(sums)) return `${dir} has no SHA256SUMS`;
    const have = fs.readdirSync(dir).sort();
    if (JSON.stringify(have) !== JSON.stringify(releaseFiles())) return `${dir} holds ${have.join(", ")}, not ${releaseFiles().join(", ")}`;
    const listed = fs.readFileSync(sums, "utf8").trim().split("\n").map((l) => l.slice(66)).sort();
    if (JSON.stringify(listed) !== JSON.stringify(have.filter((f) => f !== "SHA256SUMS"))) return "SHA256SUMS does not list the other files";
    if (fs.statSync(sums).mtimeMs < newestInput()) return "an input is newer than SHA256SUMS";
    const epoch = sourceDateEpoch(ROOT);
    if (tarballEpoch(path.join(dir, pluginTarball("linux-amd64"))) !== epoch) return `it was built at another commit than HEAD (SOURCE_DATE_EPOCH ${epoch})`;
    return undefined;
}

/** The absolute path of a complete, current dist/release/, running `npm run release` first when it is not. */
export function releaseDir(): string {
    const dir = path.join(ROOT, "dist", "release");
    const stale = releaseStaleness(dir);
    if (stale) {
        process.stderr.write(`releaseDir: ${stale}; running npm run release\n`);
        execFileSync("npm", ["run", "--silent", "release"], { cwd: ROOT, stdio: ["ignore", 2, 2] });
        const still = releaseStaleness(dir);
        if (still) throw new Error(`npm run release left ${dir} incomplete: ${still}`);
    }
    return dir;
}
