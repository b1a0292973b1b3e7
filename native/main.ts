// The entry of `pulumi-resource-oktadynamic`: the engine starts it with its own address and reads the port it prints.
import { main } from "@pulumi/pulumi/provider";
import { setStackConfig } from "../provider/okta/settings";
import { configFromConfigure } from "./config";
import { hookProviderService } from "./engineHooks";
import { diffProviderConfig } from "./configDiff";
import { nativeProvider } from "./provider";
import { exitWithEngine } from "./engineWatch";

/** Serves the plugin (the bundle's entry calls this with the process arguments). */
export function serve(argv: string[]): void {
    exitWithEngine();
    hookProviderService(({ variables, args }) => setStackConfig(configFromConfigure(variables, args)), diffProviderConfig);
    main(nativeProvider, argv).catch((e) => {
        console.error(e instanceof Error ? e.message : String(e));
        process.exit(1);
    });
}
