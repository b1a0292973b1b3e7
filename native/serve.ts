// Serving a provider as a plugin process: `@pulumi/pulumi/provider`'s gRPC server with this plugin's config hooks
// (native/engineHooks.ts), ending with the engine that started it (native/engineWatch.ts). The plugin
// (native/main.ts) and the benchmark's no-op plugin of the same shape (bench/noopPlugin.ts) both start here.
import { main, Provider } from "@pulumi/pulumi/provider";
import { CheckConfig, ConfigureRequestView, DiffConfig, hookProviderService } from "./engineHooks";
import { exitWithEngine } from "./engineWatch";

/** Resolves once the port is printed (the build then takes V8's cache of the code compiled so far: tools/plugin-code-cache.js). */
export function servePlugin(
    provider: Provider,
    onConfigure: (req: ConfigureRequestView) => void,
    argv: string[],
    diffConfig: DiffConfig,
    checkConfig: CheckConfig,
): Promise<void> {
    exitWithEngine(); // an engine killed outright stops nothing: leave with it (native/engineWatch.ts)
    hookProviderService(onConfigure, diffConfig, checkConfig);
    return main(provider, argv).catch((e) => {
        console.error(e instanceof Error ? e.message : String(e));
        process.exit(1);
    });
}
