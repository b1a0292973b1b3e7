// The Okta client as the *program* process sees it (lookups and callApi run there, not in the plugin):
// the same settings resolution, fed from the stack config through pulumi.runtime.getConfig.
import * as pulumi from "@pulumi/pulumi";
import { currentOrg, OrgContext } from "../provider/okta/context";
import { resolveOrgSettings } from "../provider/okta/settings";

export function programOrg(): OrgContext {
    return currentOrg(resolveOrgSettings({ get: (k) => pulumi.runtime.getConfig(k) }));
}
