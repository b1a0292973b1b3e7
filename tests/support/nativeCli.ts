// Plain `pulumi` with the native plugin, as a user of any language runs it: the CLI of this leg
// (scripts/pulumi-cli.sh), the YAML language host (scripts/pulumi-yaml.sh), and the tarball `npm run plugin` builds,
// installed with `pulumi plugin install --file` into the given PULUMI_HOME. Shared by the native end-to-end tests.
import * as assert from "assert";
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { pulumiCliRoot, REPO_ROOT } from "../../scripts/engine";

export interface StackState {
    deployment: { resources: { urn: string; type: string; id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[] };
}

export interface NativeCli {
    /** The folder the CLI runs in (the project). */
    work: string;
    env: NodeJS.ProcessEnv;
    /** `pulumi version` of this leg. */
    cliVersion: string;
    /**
     * Runs the CLI (asynchronously: the emulator answers from this process); stdout and stderr together, or stdout
     * alone with `stdoutOnly`.
     */
    pulumi(args: string[], expectFail?: boolean, stdoutOnly?: boolean): Promise<string>;
    /** `pulumi stack export`, parsed. */
    state(): Promise<StackState>;
}

/**
 * The CLI in `work` with `env` (PULUMI_HOME, backend, passphrase: the caller's), plus the CLI and the YAML host on
 * PATH, no update checks, no plugin downloads and no Okta credentials from the environment; the plugin tarball is
 * built and installed into PULUMI_HOME.
 */
export async function nativeCli(work: string, baseEnv: NodeJS.ProcessEnv): Promise<NativeCli> {
    const yamlBin = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "pulumi-yaml.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!;
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        ...baseEnv,
        PATH: [path.join(pulumiCliRoot(), "bin"), yamlBin, baseEnv.PATH ?? process.env.PATH].join(path.delimiter),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        OKTA_API_TOKEN: "",
        OKTA_ORG_URL: "",
    };
    const pulumi = (args: string[], expectFail = false, stdoutOnly = false): Promise<string> =>
        new Promise((resolve, reject) => {
            execFile("pulumi", withNonInteractive(args), { cwd: work, env, encoding: "utf8", timeout: 300_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
                const out = `${stdout}\n${stderr}`;
                if (expectFail ? !err : err) reject(new assert.AssertionError({ message: `pulumi ${args.join(" ")} ${expectFail ? "passed" : "failed"}:\n${out}` }));
                else resolve(stdoutOnly ? stdout : out);
            });
        });
    const cliVersion = execFileSync("pulumi", ["version"], { env, encoding: "utf8" }).trim();
    // The plugin as users get it: the tarball `npm run plugin` builds, installed by the CLI.
    const built = execFileSync("node", [path.join(REPO_ROOT, "scripts", "build-plugin.js")], { cwd: REPO_ROOT, encoding: "utf8" });
    const tarball = path.join(REPO_ROOT, built.trim().split(" ")[0]);
    const version = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).version;
    await pulumi(["plugin", "install", "resource", "oktadynamic", version, "--file", tarball]);
    return { work, env, cliVersion, pulumi, state: async () => JSON.parse(await pulumi(["stack", "export"], false, true)) as StackState };
}

export interface NativeProject extends NativeCli {
    /** The temp folder holding `work`, `home` and `backend`. */
    root: string;
    /** Removes the project's temp folders (work dir, PULUMI_HOME, file backend). */
    cleanup(): void;
}

/** A fresh project folder, PULUMI_HOME and file backend under one temp folder, with the CLI of {@link nativeCli}. */
export async function nativeProject(prefix: string, passphrase: string): Promise<NativeProject> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    for (const d of ["work", "home", "backend"]) fs.mkdirSync(path.join(root, d));
    const cli = await nativeCli(path.join(root, "work"), {
        PULUMI_HOME: path.join(root, "home"),
        PULUMI_BACKEND_URL: `file://${path.join(root, "backend")}`,
        PULUMI_CONFIG_PASSPHRASE: passphrase,
    });
    return { ...cli, root, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** `--non-interactive` before any `--`, since a value after it may start with a dash (a PEM) and stays a value. */
function withNonInteractive(args: string[]): string[] {
    const dd = args.indexOf("--");
    return dd < 0 ? [...args, "--non-interactive"] : [...args.slice(0, dd), "--non-interactive", ...args.slice(dd)];
}

/** The emulator's writes (any method but GET) since its log was last cleared, ids masked: `POST /api/v1/hook-keys`. */
export function writesTo(emu: Emulator): string[] {
    return emu.log.filter((l) => l.method !== "GET").map((l) => `${l.method} ${l.path.replace(/[0-9a-f]{24}|[0-9a-zA-Z]{20}/g, "{id}")}`);
}

/** A top-level `resources:` block from `pulumi import --out` (YAML), without its header, to paste into a program. */
export function generatedResources(yaml: string): string {
    return yaml.replace(/^resources:\n/, "");
}
