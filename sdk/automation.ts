// What an Automation API program needs so the engine can run this package's resources. The engine runs dynamic
// resources in the plugin `pulumi-resource-pulumi-nodejs`, a script inside the `@pulumi/pulumi` npm package.
// Pulumi's installers put it beside the `pulumi` binary; a CLI built from Go modules (or unpacked by hand) lacks
// it, and the engine then tries to download it: `could not find latest version for provider pulumi-nodejs`.
// The plugin resolves `pulumi-okta-dynamic/provider` from the program's folder, so the workDir must be the
// project folder where the package is installed.
import * as fs from "fs";
import * as path from "path";

export interface DynamicProviderEnvOptions {
    /** The Automation API workDir: a folder whose node_modules holds @pulumi/pulumi and this package. */
    workDir: string;
    /** The PATH to extend (default: this process's). */
    path?: string;
}

/**
 * Environment variables for `LocalWorkspace` (`envVars`) that let the engine find the dynamic-provider plugin:
 * PATH with the workDir's `node_modules/@pulumi/pulumi` first. Throws, naming the folder, when the workDir
 * cannot serve the plugin or this package.
 */
export function dynamicProviderEnv(opts: DynamicProviderEnvOptions): { PATH: string } {
    const workDir = path.resolve(opts.workDir);
    const pulumiDir = path.join(workDir, "node_modules", "@pulumi", "pulumi");
    const need = (what: string, p: string) => {
        if (!fs.existsSync(p)) {
            throw new Error(
                `dynamicProviderEnv: ${workDir} has no ${what}: use the project folder where pulumi-okta-dynamic and @pulumi/pulumi are installed ` +
                    "as the workDir (the engine's dynamic-provider plugin loads them from there)",
            );
        }
    };
    need("node_modules/@pulumi/pulumi", path.join(pulumiDir, "package.json"));
    need("node_modules/pulumi-okta-dynamic", path.join(workDir, "node_modules", "pulumi-okta-dynamic", "package.json"));
    need("pulumi-resource-pulumi-nodejs plugin in node_modules/@pulumi/pulumi", path.join(pulumiDir, "pulumi-resource-pulumi-nodejs"));
    return { PATH: [pulumiDir, opts.path ?? process.env.PATH ?? ""].filter(Boolean).join(path.delimiter) };
}
