// `pulumi up` entry point. Set the ids of your org's group and app in the stack config:
//   pulumi config set adminGroupId 00g...; pulumi config set salesforceAppId 0oa...; pulumi config set approversGroupId 00g...
// and the org: pulumi config set okta:orgName <org>; pulumi config set --secret okta:apiToken <token>
import * as pulumi from "@pulumi/pulumi";
import { requestTypes } from "./program";

const config = new pulumi.Config();
const outputs = requestTypes(
    {
        adminGroupId: config.require("adminGroupId"),
        salesforceAppId: config.require("salesforceAppId"),
        approversGroupId: config.require("approversGroupId"),
    },
    (config.get("onCallStatus") as "DRAFT" | "ACTIVE" | undefined) ?? "DRAFT",
);
export const groupAccessId = outputs.groupAccessId;
export const appAccessStatus = outputs.appAccessStatus;
export const onCallStatus = outputs.onCallStatus;
