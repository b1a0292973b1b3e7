// The Okta client as the *program* process sees it (lookups and callApi run there, not in the plugin):
// the same settings resolution, fed from the stack config through pulumi.runtime.getConfig.
import * as pulumi from "@pulumi/pulumi";
import { currentOrg, OrgContext } from "../provider/okta/context";
import { resolveOrgSettings } from "../provider/okta/settings";
import { saysItAll } from "../provider/messageOnly";

export function programOrg(): OrgContext {
    return currentOrg(resolveOrgSettings({ get: (k) => pulumi.runtime.getConfig(k) }));
}

/**
 * Runs a lookup or call of the program so that an error worded for the user (provider/messageOnly.ts) is reported
 * by Pulumi as its message alone, as a pulumi.RunError is, not as "Unhandled exception" with our stack trace.
 * The error keeps its class and fields (an OktaApiError's status, errorCode, requestId).
 */
export async function inProgram<T>(run: () => Promise<T>): Promise<T> {
    try {
        return await run();
    } catch (e) {
        // pulumi.RunError.isInstance tests this flag (so that it works across copies of the SDK), not the class.
        if (saysItAll(e) && !pulumi.RunError.isInstance(e)) Object.defineProperty(e, "__pulumiRunError", { value: true });
        throw e;
    }
}
