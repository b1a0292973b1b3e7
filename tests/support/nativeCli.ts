// Plain `pulumi` with the native plugin, as a user of any language runs it: the CLI of this leg
// (tools/pulumi-cli.sh), the YAML language host (tools/pulumi-yaml.sh), and the released linux-amd64 tarball,
// installed with `pulumi plugin install --file` into the given PULUMI_HOME: a project with its state, on the pieces
// of nativeWorkspace.ts. Shared by the native end-to-end tests.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { pulumiCliRoot } from "../../harness/engine";
import { PLUGIN_VERSION, releasedPlugin, pulumiRunner, yamlHostBin } from "./nativeWorkspace";

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
 * PATH, no update checks, no plugin downloads and no Okta credentials from the environment; the released plugin
 * tarball is installed into PULUMI_HOME.
 */
export async function nativeCli(work: string, baseEnv: NodeJS.ProcessEnv): Promise<NativeCli> {
    const cliBin = path.join(pulumiCliRoot(), "bin");
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        ...baseEnv,
        PATH: [cliBin, yamlHostBin(), baseEnv.PATH ?? process.env.PATH].join(path.delimiter),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        OKTA_API_TOKEN: "",
        OKTA_ORG_URL: "",
    };
    const run = pulumiRunner(path.join(cliBin, "pulumi"), work, env);
    const pulumi = (args: string[], expectFail = false, stdoutOnly = false) => run(args, { expectFail, stdoutOnly });
    const cliVersion = execFileSync("pulumi", ["version"], { env, encoding: "utf8" }).trim();
    // The plugin as users get it: the released linux-amd64 tarball, installed by the CLI.
    await pulumi(["plugin", "install", "resource", "oktadynamic", PLUGIN_VERSION, "--file", releasedPlugin()]);
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

/** The emulator's writes (any method but GET) since its log was last cleared, ids masked: `POST /api/v1/hook-keys`. */
export function writesTo(emu: Emulator): string[] {
    return emu.log.filter((l) => l.method !== "GET").map((l) => `${l.method} ${l.path.replace(/[0-9a-f]{24}|[0-9a-zA-Z]{20}/g, "{id}")}`);
}

/** A top-level `resources:` block from `pulumi import --out` (YAML), without its header, to paste into a program. */
export function generatedResources(yaml: string): string {
    return yaml.replace(/^resources:\n/, "");
}
