// Released as users install providers (issue 27): nothing of the project installed but a language package, and the
// engine fetches the plugin by itself. The release folder (tests/support/release.ts) is served on 127.0.0.1 as the
// GitHub release, PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES pointing the schema's github:// source at it; each program runs
// in a fresh PULUMI_HOME with no plugin and automatic acquisition on. The programs that download it (the quickstarts
// in every language, and the YAML program docs/installation-configuration.md shows, the same) are run by
// tests/quickstarts.e2e.test.ts; here, that the SDKs name the source the override must match, and the pinning the
// docs describe: `pulumi plugin install --checksum` refuses a tampered archive.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pulumiCliRoot, REPO_ROOT } from "../harness/engine";
import { repositoryHome } from "../tools/repositoryHome";
import { NativeWorkspace, nativeWorkspace, PLUGIN_VERSION } from "./support/nativeWorkspace";
import { blockWith } from "./support/readme";
import { releaseDir } from "./support/release";
import { downloadOverride, ReleaseServer, startReleaseServer } from "./support/releaseServer";

const DOC = path.join(REPO_ROOT, "docs", "installation-configuration.md");
const TARBALL = `pulumi-resource-oktadynamic-v${PLUGIN_VERSION}-linux-amd64.tar.gz`;
const PLUGIN_DIR = `resource-oktadynamic-v${PLUGIN_VERSION}`;

describe("the engine fetches the plugin from the release (served on 127.0.0.1)", function () {
    this.timeout(1_800_000);
    const home = repositoryHome();
    let release: string;
    let sums: Map<string, string>;
    let server: ReleaseServer;
    let cliVersion: string;
    const workspaces: NativeWorkspace[] = [];
    const tmp: string[] = [];

    /** A fresh PULUMI_HOME with no plugin, automatic plugin acquisition on, the plugin's source sent to the server. */
    function userWorkspace(name: string): NativeWorkspace {
        const ws = nativeWorkspace(name);
        delete ws.env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION;
        ws.env.PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES = downloadOverride(home.pluginDownloadURL, server.url);
        workspaces.push(ws);
        assert.ok(!fs.existsSync(path.join(ws.env.PULUMI_HOME!, "plugins")), "the fresh PULUMI_HOME has plugins");
        return ws;
    }
    const installed = (ws: NativeWorkspace) => path.join(ws.env.PULUMI_HOME!, "plugins", PLUGIN_DIR, "pulumi-resource-oktadynamic");

    before(async () => {
        release = releaseDir();
        sums = new Map(
            fs.readFileSync(path.join(release, "SHA256SUMS"), "utf8").trim().split("\n").map((l) => {
                const [sum, name] = l.split(/\s+\*?/);
                return [name, sum] as [string, string];
            }),
        );
        assert.ok(sums.get(TARBALL), `SHA256SUMS lists no ${TARBALL}`);
        server = await startReleaseServer(release);
        cliVersion = execFileSync(path.join(pulumiCliRoot(), "bin", "pulumi"), ["version"], { encoding: "utf8" }).trim().replace(/^v/, "");
    });
    after(async () => {
        await server?.stop();
        for (const ws of workspaces) ws.cleanup();
        for (const d of tmp) fs.rmSync(d, { recursive: true, force: true });
    });

    it("the SDKs name the schema's github:// source (what the override must match)", () => {
        const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "native", "schema.json"), "utf8"));
        assert.strictEqual(schema.pluginDownloadURL, home.pluginDownloadURL);
        const whl = fs.readdirSync(release).find((f) => /^pulumi_oktadynamic-.*\.whl$/.test(f))!;
        const pluginJson = execFileSync("unzip", ["-p", path.join(release, whl), "pulumi_oktadynamic/pulumi-plugin.json"], { encoding: "utf8" });
        assert.strictEqual(JSON.parse(pluginJson).server, home.pluginDownloadURL);
    });

    describe("pinned with `pulumi plugin install --checksum`, as the docs say", () => {
        let command: string[];
        let tampered: Buffer;
        before(() => {
            // The docs' command, its placeholder replaced by the archive's line of SHA256SUMS.
            const block = blockWith(DOC, "sh", "--checksum").replace(/\\\n\s*/g, "");
            const line = block.split("\n").find((l) => l.startsWith("pulumi plugin install"))!;
            command = line.replace(/<sha256 of [^>]+>/, sums.get(TARBALL)!).split(/\s+/).slice(1);
            assert.deepStrictEqual(command.slice(0, 4), ["plugin", "install", "resource", "oktadynamic"]);
            assert.ok(command.includes(sums.get(TARBALL)!), `the docs' command names no checksum placeholder: ${line}`);
            // Another executable under the same name, in a valid archive.
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "okta-tampered-"));
            tmp.push(dir);
            fs.writeFileSync(path.join(dir, "pulumi-resource-oktadynamic"), "#!/bin/sh\necho tampered >&2; exit 1\n", { mode: 0o755 });
            execFileSync("tar", ["-czf", path.join(dir, "t.tar.gz"), "-C", dir, "pulumi-resource-oktadynamic"]);
            tampered = fs.readFileSync(path.join(dir, "t.tar.gz"));
        });
        afterEach(() => server.replace(TARBALL, undefined));

        it("refuses a tampered archive: invalid checksum, nothing installed", async () => {
            server.replace(TARBALL, tampered);
            const ws = userWorkspace("pin-tampered");
            const out = await ws.pulumi(command, { expectFail: true });
            const said = /invalid checksum, expected ([0-9a-f]{64}), actual ([0-9a-f]{64})/.exec(out);
            assert.strictEqual(said?.[1], sums.get(TARBALL), out);
            // 3.248 hashes all but the last bytes it reads (here: nothing, the sum of no bytes); later CLIs the archive.
            if (cliVersion !== "3.248.0") assert.strictEqual(said?.[2], crypto.createHash("sha256").update(tampered).digest("hex"));
            assert.ok(!fs.existsSync(installed(ws)), "the tampered plugin was installed");
        });

        it("(without --checksum the same tampered archive installs: the checksum is what refused it)", async () => {
            server.replace(TARBALL, tampered);
            const ws = userWorkspace("pin-control");
            const at = command.indexOf("--checksum");
            await ws.pulumi([...command.slice(0, at), ...command.slice(at + 2)]);
            assert.match(fs.readFileSync(installed(ws), "utf8"), /echo tampered/);
        });

        it("installs the genuine archive (CLI 3.248 hashes all but the last bytes read and may refuse it: the docs say so)", async () => {
            const ws = userWorkspace("pin-genuine");
            const oldCli = cliVersion === "3.248.0";
            const out = await ws.pulumi(command, { expectFail: false }).catch((e: Error) => {
                if (!oldCli) throw e;
                return e.message;
            });
            if (fs.existsSync(installed(ws))) return; // installed: the genuine archive passed its checksum
            // Only 3.248 may get here, and only by its own mis-hash: the bytes served were the genuine ones.
            const actual = /invalid checksum, expected ([0-9a-f]{64}), actual ([0-9a-f]{64})/.exec(out);
            assert.ok(actual && actual[1] === sums.get(TARBALL) && actual[2] !== sums.get(TARBALL), out);
            assert.strictEqual(crypto.createHash("sha256").update(fs.readFileSync(path.join(release, TARBALL))).digest("hex"), sums.get(TARBALL));
            console.log(`      (CLI ${cliVersion} refused the genuine archive: its hash was ${actual![2]})`);
        });
    });
});
