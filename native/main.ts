// The entry of `pulumi-resource-oktadynamic`: the engine starts it with its own address and reads the port it prints.
import { setStackConfig } from "../provider/okta/settings";
import { checkProviderConfig } from "./checkConfig";
import { configureOnce } from "./config";
import { diffProviderConfig } from "./configDiff";
import { nativeProvider } from "./provider";
import { servePlugin } from "./serve";

/** Serves the plugin (the bundle's entry calls this with the process arguments). */
export function serve(argv: string[]): Promise<void> {
    return servePlugin(nativeProvider, configureOnce(setStackConfig), argv, diffProviderConfig, (news) => checkProviderConfig(news));
}
