// `pulumi up` entry point. The Privileged Access service user goes in the stack config:
//   pulumi config set pulumi-okta-dynamic:pamUrl https://myorg.pam.okta.com
//   pulumi config set pulumi-okta-dynamic:pamTeam adminteam
//   pulumi config set pulumi-okta-dynamic:pamKeyId <key id>
//   pulumi config set --secret pulumi-okta-dynamic:pamKeySecret <key secret>
// (or the environment variables OKTA_PAM_URL, OKTA_PAM_TEAM, OKTA_PAM_KEY_ID, OKTA_PAM_KEY_SECRET).
import * as pulumi from "@pulumi/pulumi";
import { privilegedAccess } from "./program";

const config = new pulumi.Config();
const out = privilegedAccess({
    name: config.get("bundleName") ?? "create_directories",
    description: config.get("bundleDescription") ?? "Lets engineers create directories",
});
export const bundleId = out.bundleId;
export const createdBy = out.createdBy;
export const renderedCommands = out.renderedCommands;
