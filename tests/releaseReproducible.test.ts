// A release can be checked against its source: the linux-amd64 and darwin-arm64 plugin tarballs (a signed one), the
// Python wheel and its sdist, built again now from this checkout (the bundle and the Python SDK generated anew, so
// with other mtimes, under umask 077 instead of the release's 022), are byte for byte the ones in dist/release/.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../harness/engine";
import { pluginTarball, releaseDir } from "./support/release";

const script = (name: string) => require(path.join(REPO_ROOT, "tools", name));
const { buildPlugin } = script("build-plugin.js") as { buildPlugin(o: { outDir: string }): { launcher: string } };
const { buildSea } = script("build-plugin-sea.js") as { buildSea(o: { platform: string; outDir: string; bundle: string }): { tarball: string } };
const { buildPythonDists } = script("python-dist.js") as { buildPythonDists(o: { outDir: string }): { wheel: string; sdist: string } };

describe("the release, built again, is the same bytes", function () {
    this.timeout(1_800_000);
    let dir: string;
    let tmp: string;
    let umask: number;
    const same = (built: string) => {
        const shipped = path.join(dir, path.basename(built));
        assert.ok(fs.readFileSync(built).equals(fs.readFileSync(shipped)), `${path.basename(built)} built again differs from dist/release's`);
    };

    before(() => {
        dir = releaseDir();
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "okta-rebuild-"));
        umask = process.umask(0o077);
    });
    after(() => {
        if (umask !== undefined) process.umask(umask);
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    for (const platform of ["linux-amd64", "darwin-arm64"]) {
        it(`the ${platform} plugin tarball`, () => {
            const launcher = buildPlugin({ outDir: path.join(tmp, `plugin-${platform}`) }).launcher;
            const built = buildSea({ platform, outDir: path.join(tmp, "out"), bundle: path.join(path.dirname(launcher), "pulumi-resource-oktadynamic.js") });
            assert.strictEqual(path.basename(built.tarball), pluginTarball(platform as "linux-amd64"));
            same(built.tarball);
        });
    }

    it("the Python wheel and sdist", () => {
        execFileSync("bash", [path.join(REPO_ROOT, "tools", "gen-sdks.sh"), "python"], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
        const built = buildPythonDists({ outDir: path.join(tmp, "python") });
        same(built.wheel);
        same(built.sdist);
    });
});
