// Every provider's configure(): the engine hands over the stack config (secrets decrypted) once per plugin
// process; it is kept in memory there and never returned, logged or written to state.
import { ConfigSource, setStackConfig } from "./okta/settings";

export async function configure(req: { config: ConfigSource }): Promise<void> {
    setStackConfig(req.config);
}
