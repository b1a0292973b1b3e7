// Serving a provider as a plugin process: `@pulumi/pulumi/provider`'s gRPC server with this plugin's Configure hook
// (native/engineHooks.ts), and the compiled code kept for the next start. The plugin (native/main.ts) and the
// benchmark's no-op plugin of the same shape (bench/noopPlugin.ts) both start here.
import * as nodeModule from "module";
import { main, Provider } from "@pulumi/pulumi/provider";
import { ConfigureRequestView, hookProviderService } from "./engineHooks";

export function servePlugin(provider: Provider, onConfigure: (req: ConfigureRequestView) => void, argv: string[]): void {
    hookProviderService(onConfigure);
    main(provider, argv)
        // The port is printed: the code compiled so far goes to NODE_COMPILE_CACHE (set by the launcher) now, as the
        // engine ends plugins with a signal, not an exit. Node writes only when it changed (first start, new bundle).
        .then(() => nodeModule.flushCompileCache?.())
        .catch((e) => {
            console.error(e instanceof Error ? e.message : String(e));
            process.exit(1);
        });
}
