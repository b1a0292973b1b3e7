// docs/quickstarts.md (and the README's quickstart, the same YAML one) run as a new user runs them: each language from
// an empty folder outside the repository, in a new user's HOME (so `pulumi login --local` keeps its state there and
// the engine installs plugins under a fresh ~/.pulumi), every shell line and file of the page in its order, up,
// a preview with no changes, destroy, against the emulator. The native door's plugin is downloaded by the engine
// from the release folder served on 127.0.0.1 as the GitHub release. A line the test does not know fails it.
//
// What differs from a user's machine, and only that:
// - the registries: `pulumi-okta-dynamic` (npm) is the release folder's package tarball, `pulumi-oktadynamic`
//   (PyPI) its wheel, with PyPI's `pulumi` held at or below the CLI under test; `@pulumi/pulumi` is the test
//   leg's version; the Go SDK's module path is `replace`d onto this clone (`go mod edit`, before `go get`), the
//   module proxy having no release of it; the GitHub release is PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES's server;
// - the org: the page's URL is the emulator's, and `config set --secret` is given the emulator's token on stdin;
// - the language hosts this machine lacks (the module proxy refuses their modules): TypeScript's and Python's
//   `pulumi up|preview|destroy` run as Automation API inline programs on the stack the page's `stack init` made
//   (tests/native/quickstart_driver.js, tests/native/quickstart_program.py; TypeScript compiled first by the
//   project's own `tsc`, as Pulumi's Node.js host would through ts-node); Go's run under plain `pulumi` with
//   `--client` pointing the engine at tests/support/goLanguageHost.ts, which builds and runs main.go as the Go host
//   does; YAML's run under plain `pulumi` with the YAML host. `--yes` answers the confirmation prompts, and the
//   preview is told `--expect-no-changes` (or its change summary is checked);
// - the new user's home: Pulumi finds `~` in the system's user database, not in $HOME, so PULUMI_HOME is set to the
//   new user's ~/.pulumi and `pulumi login --local` (`file://~`) is run as `pulumi login file://<the new user's home>`;
// - the machine's Go, npm caches and Go settings (GOPATH, GOMODCACHE, GOCACHE, GOFLAGS, GOTOOLCHAIN) stay in use.
import * as assert from "assert";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { startEmulator, Emulator } from "../emulator";
import { pulumiCliRoot, REPO_ROOT } from "../harness/engine";
import { GO_SDK_DIR, repositoryHome } from "../tools/repositoryHome";
import { startGoLanguageHost, GoLanguageHost } from "./support/goLanguageHost";
import { PLUGIN_VERSION, yamlHostBin } from "./support/nativeWorkspace";
import { DOC_ORG_URL, Language, LANGUAGES, quickstart, quickstartFile, QUICKSTARTS } from "./support/quickstarts";
import { blockWith, codeBlocks } from "./support/readme";
import { releaseDir } from "./support/release";
import { downloadOverride, ReleaseServer, startReleaseServer } from "./support/releaseServer";

const TOKEN = "test-token"; // the emulator's default, as `npx okta-emulator` starts it
const TARBALL = `pulumi-resource-oktadynamic-v${PLUGIN_VERSION}-linux-amd64.tar.gz`;
const PLUGIN_DIR = `resource-oktadynamic-v${PLUGIN_VERSION}`;

/** Runs a command asynchronously (the emulator answers from this process); stdout, or a rejection with all output. */
function run(file: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Promise<string> {
    return new Promise((resolve, reject) => {
        const proc = spawn(file, args, { cwd: opts.cwd, env: opts.env, stdio: ["pipe", "pipe", "pipe"] });
        let out = "";
        let err = "";
        const timer = setTimeout(() => proc.kill("SIGKILL"), 600_000);
        proc.stdout.on("data", (d) => (out += d));
        proc.stderr.on("data", (d) => (err += d));
        proc.on("error", reject);
        proc.on("close", (code) => {
            clearTimeout(timer);
            code === 0 ? resolve(out) : reject(new Error(`${file} ${args.join(" ")} exited ${code}:\n${out}\n${err}`));
        });
        proc.stdin.end(opts.input ?? "");
    });
}

const lastJson = (out: string) => JSON.parse(out.trim().split("\n").pop()!) as { changes: Record<string, number>; outputs?: Record<string, unknown> };
const versionIn = (dir: string, pkg: string) => (JSON.parse(fs.readFileSync(path.join(dir, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;

describe("the quickstarts, each from an empty folder to destroy, as docs/quickstarts.md writes them", function () {
    this.timeout(1_800_000);
    const home = repositoryHome();
    const cli = path.join(pulumiCliRoot(), "bin", "pulumi");
    let release: string;
    let server: ReleaseServer;
    let emu: Emulator;
    let cliVersion: string;
    let goEnv: Record<string, string>;
    const roots: string[] = [];
    const downloads = () => server.log.filter((l) => l === `GET /${TARBALL} 200`).length;

    before(async () => {
        release = releaseDir();
        server = await startReleaseServer(release);
        emu = await startEmulator();
        cliVersion = execFileSync(cli, ["version"], { encoding: "utf8" }).trim().replace(/^v/, "");
        goEnv = JSON.parse(execFileSync("go", ["env", "-json", "GOPATH", "GOMODCACHE", "GOCACHE", "GOFLAGS", "GOTOOLCHAIN", "GOPROXY", "GOSUMDB"], { encoding: "utf8" }));
    });
    after(async () => {
        await emu?.stop();
        await server?.stop();
        for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
    });

    it("the README's quickstart is docs/quickstarts.md's YAML one, block for block", () => {
        const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
        const section = readme.slice(readme.indexOf("## Quickstart"), readme.indexOf("## The two commands"));
        const page = fs.readFileSync(QUICKSTARTS, "utf8");
        const yamlSection = page.slice(page.indexOf("## YAML"), page.indexOf("## TypeScript"));
        for (const lang of ["sh", "yaml"]) assert.deepStrictEqual(codeBlocks(section, lang), codeBlocks(yamlSection, lang), `the README's ${lang} blocks`);
        assert.ok(codeBlocks(section, "yaml").length === 1 && codeBlocks(section, "sh").length === 2);
    });

    /** A new user's environment: HOME fresh, no Pulumi or Okta settings, the CLI and the YAML host first on PATH. */
    function userEnv(userHome: string): NodeJS.ProcessEnv {
        const env: NodeJS.ProcessEnv = { ...process.env };
        for (const k of Object.keys(env)) if (/^(PULUMI_|OKTA_)/.test(k)) delete env[k];
        return {
            ...env,
            ...goEnv,
            HOME: userHome,
            npm_config_cache: path.join(os.homedir(), ".npm"),
            PATH: [path.dirname(cli), yamlHostBin(), process.env.PATH].join(path.delimiter),
            PULUMI_HOME: path.join(userHome, ".pulumi"),
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: downloadOverride(home.pluginDownloadURL, server.url),
        };
    }

    async function runQuickstart(lang: Language): Promise<void> {
        const steps = quickstart(lang);
        const root = fs.mkdtempSync(path.join(os.tmpdir(), `okta-quickstart-${lang.toLowerCase()}-`));
        roots.push(root);
        assert.ok(!root.startsWith(REPO_ROOT + path.sep));
        const userHome = path.join(root, "home");
        fs.mkdirSync(userHome);
        const env = userEnv(userHome);
        let cwd = root;
        let goHost: GoLanguageHost | undefined;
        const downloadsBefore = downloads();
        emu.log.splice(0);
        const project = () => (yaml.load(quickstartFile(steps, "Pulumi.yaml")) as { name: string }).name;
        const ran: string[] = [];

        /** `pulumi up|preview|destroy`, by the language's means here (see the header). */
        async function lifecycle(command: "up" | "preview" | "destroy"): Promise<void> {
            if (lang === "YAML" || lang === "Go") {
                if (lang === "Go") goHost ??= await startGoLanguageHost(env);
                const flags = command === "preview" ? ["--expect-no-changes"] : ["--yes"];
                await run(cli, [command, ...flags, "--non-interactive", ...(goHost ? [goHost.clientFlag] : [])], { cwd, env }).catch((e: Error) => {
                    throw new Error(`${e.message}\n${goHost?.output.join("\n") ?? ""}`);
                });
                return;
            }
            let out: string;
            if (lang === "TypeScript") {
                if (command === "up") await run(process.execPath, [path.join(cwd, "node_modules", "typescript", "bin", "tsc"), "-p", "."], { cwd, env });
                out = await run(process.execPath, [path.join(REPO_ROOT, "tests", "native", "quickstart_driver.js"), cwd, project(), command], { cwd, env });
            } else {
                out = await run(path.join(cwd, "venv", "bin", "python"), [path.join(REPO_ROOT, "tests", "native", "quickstart_program.py"), cwd, project(), command], { cwd, env });
            }
            const r = lastJson(out);
            if (command === "up") assert.ok((r.changes.create ?? 0) >= 2, out); // the stack, the request type (and a provider)
            if (command === "preview") assert.deepStrictEqual(Object.keys(r.changes), ["same"], `the preview after up: ${out}`);
            if (command === "destroy") assert.deepStrictEqual(Object.keys(r.changes), ["delete"], out);
        }

        try {
            for (const step of steps) await runStep(step);
        } finally {
            await goHost?.stop(); // a failed run too: its server would keep mocha from exiting
        }

        async function runStep(step: (typeof steps)[number]): Promise<void> {
            if ("file" in step) {
                fs.writeFileSync(path.join(cwd, step.file), step.text);
                return;
            }
            const line = step.sh;
            ran.push(line);
            const words = line.split(/\s+/);
            let m: RegExpExecArray | null;
            if ((m = /^mkdir (\S+) && cd \1$/.exec(line))) {
                cwd = path.join(cwd, m[1]);
                fs.mkdirSync(cwd);
            } else if ((m = /^export (\w+)=(?:'([^']*)'|(\S+))$/.exec(line))) {
                env[m[1]] = m[2] ?? m[3];
            } else if (words[0] === "pulumi" && ["up", "preview", "destroy"].includes(words[1]) && words.length === 2) {
                await lifecycle(words[1] as "up" | "preview" | "destroy");
                if (words[1] === "up") {
                    const made = [...emu.requestTypes.values()];
                    assert.deepStrictEqual(made.map((t) => [t.name, t.status, t.ownerId]), [["vpn-access", "ACTIVE", emu.teams.find((t) => t.name === "IT")!.id]]);
                    const outputs = JSON.parse(await run(cli, ["stack", "output", "--json"], { cwd, env }));
                    assert.deepStrictEqual(outputs, { requestTypeId: made[0].id });
                }
            } else if (words[0] === "pulumi" && words[1] === "config" && words[2] === "set" && words[3] === "--secret" && words.length === 5) {
                await run(cli, words.slice(1), { cwd, env, input: TOKEN }); // the page's user types the token
            } else if (line === "pulumi login --local") {
                await run(cli, ["login", `file://${userHome}`], { cwd, env });
            } else if (words[0] === "pulumi" && (words[1] === "stack" || words[1] === "config")) {
                await run(cli, words.slice(1).map((w) => (w === DOC_ORG_URL ? emu.url : w)), { cwd, env });
            } else if (words[0] === "npm" && (words[1] === "init" || words[1] === "install")) {
                const subst = (w: string) =>
                    w === "pulumi-okta-dynamic" ? path.join(release, `pulumi-okta-dynamic-${PLUGIN_VERSION}.tgz`) : w === "@pulumi/pulumi" ? `@pulumi/pulumi@${versionIn(REPO_ROOT, "@pulumi/pulumi")}` : w;
                await run("npm", words.slice(1).map(subst), { cwd, env });
            } else if (line === "python3 -m venv venv") {
                await run("python3", words.slice(1), { cwd, env });
            } else if (words[0] === "venv/bin/pip" && words[1] === "install") {
                const wheel = path.join(release, fs.readdirSync(release).find((f) => /^pulumi_oktadynamic-.*\.whl$/.test(f))!);
                const args = words.slice(1).map((w) => (w === "pulumi-oktadynamic" ? wheel : w));
                await run(path.join(cwd, words[0]), [...args, `pulumi>=3.248.0,<=${cliVersion}`, "-q"], { cwd, env });
            } else if (words[0] === "go" && ["init", "tidy"].includes(words[2]) && words[1] === "mod") {
                await run("go", words.slice(1), { cwd, env });
            } else if (words[0] === "go" && words[1] === "get" && words[2] === `${home.goModule}@v${PLUGIN_VERSION}`) {
                await run("go", ["mod", "edit", `-replace=${home.goModule}=${path.join(REPO_ROOT, GO_SDK_DIR)}`], { cwd, env });
                await run("go", words.slice(1), { cwd, env });
            } else {
                throw new Error(`docs/quickstarts.md, ${lang}: this test does not know how to run \`${line}\``);
            }
        }
        // It went the whole way: up, a clean preview, destroy; nothing is left in the org.
        assert.deepStrictEqual(ran.filter((l) => /^pulumi (up|preview|destroy)$/.test(l)), ["pulumi up", "pulumi preview", "pulumi destroy"]);
        assert.ok(ran.includes("pulumi login --local"), "the quickstart does not log in");
        assert.strictEqual(emu.requestTypes.size, 0, "destroy left the request type");
        assert.deepStrictEqual(emu.log.filter((l) => l.method !== "GET").map((l) => l.method), ["POST", "DELETE"]);
        // `pulumi login --local`: the state is in the user's ~/.pulumi.
        assert.ok(fs.existsSync(path.join(userHome, ".pulumi", "stacks", project(), "dev.json")), `no stack state in ~/.pulumi: ${fs.readdirSync(userHome, { recursive: true }).map(String).filter((f) => !f.includes("plugins")).join(" ")}`);
        const plugin = path.join(userHome, ".pulumi", "plugins", PLUGIN_DIR, "pulumi-resource-oktadynamic");
        if (lang === "TypeScript") {
            assert.strictEqual(downloads(), downloadsBefore, "the dynamic door downloaded the plugin");
        } else {
            assert.strictEqual(downloads() - downloadsBefore, 1, `the server saw:\n${server.log.join("\n")}`);
            assert.ok(fs.existsSync(plugin), `no plugin in ${userHome}/.pulumi/plugins`);
        }
    }

    for (const lang of LANGUAGES) {
        it(`${lang}: every line of the page, from an empty folder: up, a preview with no changes, destroy`, () => runQuickstart(lang));
    }

    it("the page's YAML and Go programs name the schema's plugin source and the SDK's module", () => {
        const yamlProgram = blockWith(QUICKSTARTS, "yaml", "runtime: yaml");
        assert.strictEqual(yamlProgram.split(`pluginDownloadURL: ${home.pluginDownloadURL}\n`).length - 1, 2);
        assert.strictEqual(yamlProgram.split(`version: ${PLUGIN_VERSION}\n`).length - 1, 2);
        assert.ok(quickstartFile(quickstart("Go"), "main.go").includes(`"${home.goImportPath}"`));
    });

    it("docs/installation-configuration.md's YAML program is the quickstart's, but for its project name (so the run above covers it)", () => {
        const bare = (program: string) => program.split("\n").filter((l) => !/^(# Pulumi\.yaml|name: .*)$/.test(l)).join("\n");
        const installDoc = blockWith(path.join(REPO_ROOT, "docs", "installation-configuration.md"), "yaml", "runtime: yaml");
        assert.strictEqual(bare(installDoc), bare(quickstartFile(quickstart("YAML"), "Pulumi.yaml")));
    });
});
