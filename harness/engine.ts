// Runs Pulumi programs through the real engine, offline and isolated: the CLI from tools/pulumi-cli.sh, a
// file backend and PULUMI_HOME in a temp folder, no update checks, no plugin downloads. Used by the
// end-to-end tests, the demo and the benchmark.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace, PulumiCommand, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { dynamicProviderEnv } from "../sdk/automation";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

// @pulumi/pulumi (3.248 to 3.276) leaves each inline run's monitor and engine channels open (disconnectSync closes
// only the process-wide ones, not the run's own), so grpc-js keeps redialing a finished engine's port from its
// process-wide subchannel pool. A later run whose engine is given the same port then shares that failing subchannel
// and its first call fails: "14 UNAVAILABLE: No connection established. Last error: null" (seen about once in
// five full test runs, each of which runs a hundred inline stacks in one process). A pool per channel keeps runs apart.
(require("@pulumi/pulumi/runtime/settings") as { grpcClientOptions: Record<string, unknown> }).grpcClientOptions["grpc.use_local_subchannel_pool"] = 1;

let cliRoot: string | undefined;

/** The folder holding `bin/pulumi`, building and caching the CLI on first use (see tools/pulumi-cli.sh). */
export function pulumiCliRoot(): string {
    if (cliRoot) return cliRoot;
    const out = execFileSync("bash", [path.join(REPO_ROOT, "tools", "pulumi-cli.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const binDir = out.trim().split("\n").pop()!;
    cliRoot = path.dirname(binDir);
    return cliRoot;
}

export interface EngineStack {
    stack: Stack;
    workDir: string;
    /** The environment every engine run of this stack uses (no credentials unless the caller put them in). */
    env: Record<string, string>;
    /** The stack's state exactly as stored by the file backend (secrets encrypted), like `pulumi stack export`. */
    storedState(): { text: string; json: any };
    /**
     * Puts back the file backend's previous checkpoint (`<stack>.json.bak`, which Pulumi writes before each save),
     * the recovery for a checkpoint an engine killed mid-write left truncated; false when there is no backup.
     */
    restoreStateBackup(): boolean;
    /** Removes the stack's temp folders (backend, PULUMI_HOME, work dir). */
    cleanup(): Promise<void>;
}

export interface InlineStackOptions {
    projectName: string;
    stackName?: string;
    program: PulumiFn;
    /** Extra environment for the engine and the plugin (OKTA_ORG_URL, say). */
    env?: Record<string, string>;
    /** Stack config; `secret: true` values are encrypted in state as Pulumi does for `config set --secret`. */
    config?: Record<string, { value: string; secret?: boolean }>;
}

/** An inline Automation API program (no Node language host needed) on a fresh file backend. */
export async function inlineStack(opts: InlineStackOptions): Promise<EngineStack> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "okta-dynamic-engine-"));
    const backend = path.join(root, "backend");
    const home = path.join(root, "home");
    const workDir = path.join(root, "work");
    for (const d of [backend, home, workDir]) fs.mkdirSync(d);
    // The dynamic-provider plugin resolves @pulumi/pulumi and the serialized stub's require from here.
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(workDir, "node_modules"), "dir");
    const pulumiBin = path.join(pulumiCliRoot(), "bin");
    const env: Record<string, string> = {
        PULUMI_BACKEND_URL: `file://${backend}`,
        PULUMI_CONFIG_PASSPHRASE: "okta-dynamic-local",
        PULUMI_HOME: home,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
        // The shipped recipe, as users run it: the dynamic-provider plugin from the workDir's node_modules.
        PATH: dynamicProviderEnv({ workDir, path: [pulumiBin, process.env.PATH ?? ""].join(path.delimiter) }).PATH,
        ...(opts.env ?? {}),
    };
    const pulumiCommand = await PulumiCommand.get({ root: pulumiCliRoot(), skipVersionCheck: true });
    const stack = await LocalWorkspace.createOrSelectStack(
        { projectName: opts.projectName, stackName: opts.stackName ?? "dev", program: opts.program },
        {
            workDir,
            pulumiHome: home,
            pulumiCommand,
            envVars: env,
            projectSettings: { name: opts.projectName, runtime: "nodejs", backend: { url: `file://${backend}` } },
        },
    );
    if (opts.config) await stack.setAllConfig(opts.config);
    return {
        stack,
        workDir,
        env,
        storedState: () => {
            const file = findStateFile(backend, opts.projectName, opts.stackName ?? "dev");
            const text = fs.readFileSync(file, "utf8");
            return { text, json: JSON.parse(text) };
        },
        restoreStateBackup: () => {
            const file = findStateFile(backend, opts.projectName, opts.stackName ?? "dev");
            if (!fs.existsSync(`${file}.bak`)) return false;
            fs.copyFileSync(`${file}.bak`, file);
            return true;
        },
        cleanup: async () => fs.rmSync(root, { recursive: true, force: true }),
    };
}

function findStateFile(backend: string, project: string, stack: string): string {
    for (const p of [path.join(backend, ".pulumi", "stacks", project, `${stack}.json`), path.join(backend, ".pulumi", "stacks", `${stack}.json`)]) {
        if (fs.existsSync(p)) return p;
    }
    throw new Error(`no state file for ${project}/${stack} under ${backend}`);
}
