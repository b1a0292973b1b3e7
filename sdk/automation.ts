// What an Automation API program needs so the engine can run this package's resources. The engine runs dynamic
// resources in the plugin `pulumi-resource-pulumi-nodejs`, a script inside the `@pulumi/pulumi` npm package.
// Pulumi's installers put it beside the `pulumi` binary; a CLI built from Go modules (or unpacked by hand) lacks
// it, and the engine then tries to download it: `could not find latest version for provider pulumi-nodejs`.
// The plugin resolves `pulumi-okta-dynamic/provider` from the program's folder, so the workDir must be the
// project folder where the package is installed, or a folder below it.
import * as fs from "fs";
import * as path from "path";

export interface DynamicProviderEnvOptions {
    /** The Automation API workDir: the project folder (or one below it) whose node_modules hold @pulumi/pulumi and this package. */
    workDir: string;
    /** The PATH to extend (default: this process's). */
    path?: string;
}

/**
 * Environment variables for `LocalWorkspace` (`envVars`) that let the engine find the dynamic-provider plugin:
 * PATH with the `@pulumi/pulumi` that the workDir loads first. Throws, naming the folder, when the workDir cannot
 * load the plugin or this package.
 */
export function dynamicProviderEnv(opts: DynamicProviderEnvOptions): { PATH: string } {
    const workDir = path.resolve(opts.workDir);
    // Resolved as the plugin resolves them: Node's lookup from the workDir, parent folders included (a compiled
    // program in bin/ finds the project's node_modules one level up).
    const find = (pkg: string): string => {
        try {
            return path.dirname(require.resolve(`${pkg}/package.json`, { paths: [workDir] }));
        } catch {
            throw new Error(
                `dynamicProviderEnv: no ${pkg} can be loaded from ${workDir}: use the project folder where pulumi-okta-dynamic and ` +
                    "@pulumi/pulumi are installed (or a folder below it) as the workDir (the engine's dynamic-provider plugin loads them from there)",
            );
        }
    };
    const pulumiDir = find("@pulumi/pulumi");
    find("pulumi-okta-dynamic");
    if (!fs.existsSync(path.join(pulumiDir, "pulumi-resource-pulumi-nodejs"))) {
        throw new Error(`dynamicProviderEnv: ${pulumiDir} has no pulumi-resource-pulumi-nodejs: reinstall @pulumi/pulumi`);
    }
    return { PATH: [pulumiDir, opts.path ?? process.env.PATH ?? ""].filter(Boolean).join(path.delimiter) };
}
