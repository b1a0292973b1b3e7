// What the native plugin's end-to-end tests share: the plugin as a release ships it (or the launcher one), the YAML language host, a
// Python with the generated SDK, and an isolated folder (file backend, PULUMI_HOME) where plain `pulumi` runs.
import * as assert from "assert";
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pulumiCliRoot, REPO_ROOT } from "../../harness/engine";
import { pluginTarball, releaseDir } from "./release";

export const PLUGIN_VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).version;
export const CACHE = process.env.PULUMI_OKTA_DYNAMIC_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-okta-dynamic");

/** The launcher plugin's tarball (`npm run plugin`: a launcher that runs `node`), built now. Its absolute path. */
export function buildPlugin(): string {
    const printed = execFileSync("node", [path.join(REPO_ROOT, "tools", "build-plugin.js")], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    return path.join(REPO_ROOT, printed.trim().split(" ")[0]);
}

/**
 * The plugin as a release ships it: the linux-amd64 tarball of dist/release/ (a Node single executable
 * application; tests/support/release.ts builds the release first when it is missing or stale). Its absolute path.
 */
export function releasedPlugin(): string {
    return path.join(releaseDir(), pluginTarball("linux-amd64"));
}

/** The folder holding `pulumi-language-yaml` (tools/pulumi-yaml.sh). */
export function yamlHostBin(): string {
    return execFileSync("bash", [path.join(REPO_ROOT, "tools", "pulumi-yaml.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!;
}

/**
 * A venv's python with the `pulumi` package and the Python SDK generated now (tools/gen-sdks.sh) installed as the
 * README says (`pip install dist/plugin/python`). The venv holds the newest `pulumi` package not newer than the CLI
 * (the package index may lag the CLI) and is cached by the CLI's version; the SDK is reinstalled each run.
 */
export function pythonWithSdk(): string {
    execFileSync("bash", [path.join(REPO_ROOT, "tools", "gen-sdks.sh"), "python"], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
    const cliVersion = execFileSync(path.join(pulumiCliRoot(), "bin", "pulumi"), ["version"], { encoding: "utf8" }).trim().replace(/^v/, "");
    const venv = path.join(CACHE, "python-venv", cliVersion);
    const python = path.join(venv, "bin", "python");
    if (!fs.existsSync(path.join(venv, ".complete"))) {
        execFileSync("python3", ["-m", "venv", venv]);
        execFileSync(python, ["-m", "pip", "install", "-q", `pulumi>=3.248.0,<=${cliVersion}`], { stdio: ["ignore", "ignore", "inherit"] });
        fs.writeFileSync(path.join(venv, ".complete"), "");
    }
    execFileSync(python, ["-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", path.join(REPO_ROOT, "dist", "plugin", "python")], { stdio: ["ignore", "ignore", "inherit"] });
    return python;
}

export interface NativeWorkspace {
    /** The project folder, where `pulumi` runs. */
    work: string;
    /** The environment of every run: the CLI first on PATH, the isolated home and backend, no Okta variables. */
    env: NodeJS.ProcessEnv;
    /**
     * Runs the CLI non-interactively in `work`, asynchronously (an emulator in this process must answer):
     * stdout and stderr together, or stdout alone with `stdoutOnly`; rejects when it fails (passes, with `expectFail`).
     */
    pulumi(args: string[], opts?: { expectFail?: boolean; stdoutOnly?: boolean }): Promise<string>;
    /** `pulumi plugin install resource oktadynamic <version> --file <tarball>`, as the docs say. */
    installPlugin(tarball: string): Promise<string>;
    cleanup(): void;
}

/**
 * Runs the CLI non-interactively in `work`, asynchronously (an emulator in this process must answer): stdout and
 * stderr together, or stdout alone with `stdoutOnly`; rejects when it fails (passes, with `expectFail`).
 */
export function pulumiRunner(cli: string, work: string, env: NodeJS.ProcessEnv): NativeWorkspace["pulumi"] {
    return (args, { expectFail = false, stdoutOnly = false } = {}) =>
        new Promise((resolve, reject) => {
            execFile(cli, withNonInteractive(args), { cwd: work, env, encoding: "utf8", timeout: 300_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
                const out = `${stdout}\n${stderr}`;
                if (expectFail ? !err : err) reject(new assert.AssertionError({ message: `pulumi ${args.join(" ")} ${expectFail ? "passed" : "failed"}:\n${out}` }));
                else resolve(stdoutOnly ? stdout : out);
            });
        });
}

/** `--non-interactive` before any `--`, since a value after it may start with a dash (a PEM) and stays a value. */
function withNonInteractive(args: string[]): string[] {
    const dd = args.indexOf("--");
    return dd < 0 ? [...args, "--non-interactive"] : [...args.slice(0, dd), "--non-interactive", ...args.slice(dd)];
}

/**
 * A temp folder for plain `pulumi` runs. PATH: the CLI's folder, the YAML language host's with `yamlHost`, then the
 * inherited PATH; with `inheritPath: false`, one folder holding links to those programs and nothing else (no node,
 * even where the CLI was installed beside one), as on a machine without Node.js.
 */
export function nativeWorkspace(name: string, opts: { yamlHost?: boolean; inheritPath?: boolean } = {}): NativeWorkspace {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `okta-${name}-`));
    for (const d of ["work", "home", "backend"]) fs.mkdirSync(path.join(root, d));
    const cli = path.join(pulumiCliRoot(), "bin", "pulumi");
    const programs = [cli, ...(opts.yamlHost ? [path.join(yamlHostBin(), "pulumi-language-yaml")] : [])];
    let dirs = [...new Set(programs.map((p) => path.dirname(p)))];
    if (opts.inheritPath === false) {
        const only = path.join(root, "bin");
        fs.mkdirSync(only);
        for (const p of programs) fs.symlinkSync(p, path.join(only, path.basename(p)));
        dirs = [only];
    } else dirs.push(process.env.PATH ?? "");
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        PATH: dirs.join(path.delimiter),
        PULUMI_HOME: path.join(root, "home"),
        PULUMI_BACKEND_URL: `file://${path.join(root, "backend")}`,
        PULUMI_CONFIG_PASSPHRASE: `okta-${name}`,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        OKTA_API_TOKEN: "",
        OKTA_ORG_URL: "",
    };
    const work = path.join(root, "work");
    const pulumi = pulumiRunner(cli, work, env);
    return {
        work,
        env,
        pulumi,
        installPlugin: (tarball) => pulumi(["plugin", "install", "resource", "oktadynamic", PLUGIN_VERSION, "--file", tarball]),
        cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
    };
}
