// Released as users install providers (issue 27): nothing of the project installed but a language package, and the
// engine fetches the plugin by itself. The release folder (tests/support/release.ts) is served on 127.0.0.1 as the
// GitHub release, PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES pointing the schema's github:// source at it; each program runs
// in a fresh PULUMI_HOME with no plugin and automatic acquisition on: the README's Python quickstart with only the
// wheel (and PyPI's pulumi) in a fresh venv outside the repository, as an Automation API inline program (the Python
// language host cannot be built here), and the YAML program docs/installation-configuration.md shows, under plain
// `pulumi` with the YAML host. Each: up, a preview with no changes, destroy on the emulator; the server saw the
// download of the right file and the plugin landed in PULUMI_HOME/plugins. Then the pinning the docs describe:
// `pulumi plugin install --checksum` refuses a tampered archive.
import * as assert from "assert";
import { execFile, execFileSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { startEmulator, Emulator } from "../emulator";
import { pulumiCliRoot, REPO_ROOT } from "../harness/engine";
import { repositoryHome } from "../tools/repositoryHome";
import { NativeWorkspace, nativeWorkspace, PLUGIN_VERSION } from "./support/nativeWorkspace";
import { readmeNativeQuickstart } from "./support/nativeQuickstart";
import { blockWith } from "./support/readme";
import { releaseDir } from "./support/release";
import { downloadOverride, ReleaseServer, startReleaseServer } from "./support/releaseServer";

const DOC = path.join(REPO_ROOT, "docs", "installation-configuration.md");
const TARBALL = `pulumi-resource-oktadynamic-v${PLUGIN_VERSION}-linux-amd64.tar.gz`;
const PLUGIN_DIR = `resource-oktadynamic-v${PLUGIN_VERSION}`;

function run(file: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<string> {
    return new Promise((resolve, reject) =>
        execFile(file, args, { ...opts, encoding: "utf8", maxBuffer: 64 << 20, timeout: 600_000 }, (err, out, errText) =>
            err ? reject(new Error(`${path.basename(file)} ${args.join(" ")} failed:\n${out}\n${errText}`)) : resolve(out),
        ),
    );
}

describe("the engine fetches the plugin from the release (served on 127.0.0.1)", function () {
    this.timeout(1_800_000);
    const home = repositoryHome();
    let release: string;
    let sums: Map<string, string>;
    let server: ReleaseServer;
    let emu: Emulator;
    let cliVersion: string;
    const workspaces: NativeWorkspace[] = [];
    const tmp: string[] = [];

    /** A fresh PULUMI_HOME with no plugin, automatic plugin acquisition on, the plugin's source sent to the server. */
    function userWorkspace(name: string, yamlHost = false): NativeWorkspace {
        const ws = nativeWorkspace(name, { yamlHost });
        delete ws.env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION;
        ws.env.PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES = downloadOverride(home.pluginDownloadURL, server.url);
        workspaces.push(ws);
        assert.ok(!fs.existsSync(path.join(ws.env.PULUMI_HOME!, "plugins")), "the fresh PULUMI_HOME has plugins");
        return ws;
    }
    const installed = (ws: NativeWorkspace) => path.join(ws.env.PULUMI_HOME!, "plugins", PLUGIN_DIR, "pulumi-resource-oktadynamic");
    const downloads = () => server.log.filter((l) => l === `GET /${TARBALL} 200`).length;

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
        emu = await startEmulator(); // as `npx okta-emulator` starts it: the token test-token
        cliVersion = execFileSync(path.join(pulumiCliRoot(), "bin", "pulumi"), ["version"], { encoding: "utf8" }).trim().replace(/^v/, "");
    });
    after(async () => {
        await emu?.stop();
        await server?.stop();
        for (const ws of workspaces) ws.cleanup();
        for (const d of tmp) fs.rmSync(d, { recursive: true, force: true });
    });
    beforeEach(() => emu.log.splice(0));

    it("the SDKs name the schema's github:// source (what the override must match)", () => {
        const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "native", "schema.json"), "utf8"));
        assert.strictEqual(schema.pluginDownloadURL, home.pluginDownloadURL);
        const whl = fs.readdirSync(release).find((f) => /^pulumi_oktadynamic-.*\.whl$/.test(f))!;
        const pluginJson = execFileSync("unzip", ["-p", path.join(release, whl), "pulumi_oktadynamic/pulumi-plugin.json"], { encoding: "utf8" });
        assert.strictEqual(JSON.parse(pluginJson).server, home.pluginDownloadURL);
    });

    it("Python: the README's quickstart with only the wheel installed downloads the plugin, ups, previews clean, destroys", async () => {
        const qs = readmeNativeQuickstart();
        const project = (yaml.load(qs.pythonProject) as { name: string }).name;
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "okta-user-py-"));
        tmp.push(dir);
        assert.ok(!path.resolve(dir).startsWith(REPO_ROOT + path.sep), "the venv is inside the repository");
        const venv = path.join(dir, "venv");
        execFileSync("python3", ["-m", "venv", venv]);
        const python = path.join(venv, "bin", "python");
        const wheel = path.join(release, fs.readdirSync(release).find((f) => /^pulumi_oktadynamic-.*\.whl$/.test(f))!);
        // The wheel and its one dependency from PyPI, no newer than the CLI (PyPI may be ahead of the CLI under test).
        await run(python, ["-m", "pip", "install", "-q", "--disable-pip-version-check", wheel, `pulumi>=3.248.0,<=${cliVersion}`]);
        const ws = userWorkspace("user-py");
        const main = path.join(ws.work, "__main__.py");
        fs.writeFileSync(main, qs.pythonMain);
        const before = downloads();
        const stdout = await run(python, [path.join(REPO_ROOT, "tests", "native", "readme_program.py")], {
            env: { ...ws.env, WORK_DIR: ws.work, README_MAIN: main, README_PROJECT: project, ORG_URL: emu.url, API_TOKEN: qs.apiToken },
        });
        const r = JSON.parse(stdout.trim().split("\n").pop()!);
        assert.deepStrictEqual([r.created, r.preview, r.destroyed], [{ create: 2 }, { same: 2 }, { delete: 2 }]);
        assert.deepStrictEqual(emu.log.filter((l) => l.method !== "GET").map((l) => l.method), ["POST", "DELETE"]);
        assert.strictEqual(downloads() - before, 1, `the server saw:\n${server.log.join("\n")}`);
        assert.ok(fs.existsSync(installed(ws)), `no plugin in ${ws.env.PULUMI_HOME}/plugins`);
    });

    it("YAML: the docs' program, nothing but the CLI and the YAML host, downloads the plugin, ups, previews clean, destroys", async () => {
        const program = blockWith(DOC, "yaml", "runtime: yaml");
        const ws = userWorkspace("user-yaml", true);
        fs.writeFileSync(path.join(ws.work, "Pulumi.yaml"), program);
        const before = downloads();
        await ws.pulumi(["stack", "init", "dev"]);
        await ws.pulumi(["config", "set", "oktadynamic:orgUrl", emu.url]);
        await ws.pulumi(["config", "set", "--secret", "oktadynamic:apiToken", "test-token"]);
        await ws.pulumi(["up", "--yes"]);
        assert.match(JSON.parse(await ws.pulumi(["stack", "output", "--json"], { stdoutOnly: true })).requestTypeId, /^[0-9a-f]{24}$/);
        await ws.pulumi(["preview", "--expect-no-changes"]);
        await ws.pulumi(["destroy", "--yes"]);
        assert.deepStrictEqual(emu.log.filter((l) => l.method !== "GET").map((l) => l.method), ["POST", "DELETE"]);
        assert.strictEqual(downloads() - before, 1, `the server saw:\n${server.log.join("\n")}`);
        assert.ok(fs.existsSync(installed(ws)), `no plugin in ${ws.env.PULUMI_HOME}/plugins`);
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
