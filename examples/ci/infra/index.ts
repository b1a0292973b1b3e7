// The project the workflow previews and applies. Against the emulator the "IT" team exists as in every org; set
// the group to request with `pulumi config set requestableGroupId 00g...` (the default is an example id).
import * as pulumi from "@pulumi/pulumi";
import { getTeamOutput, RequestType } from "pulumi-okta-dynamic";

const config = new pulumi.Config();
const it = getTeamOutput({ name: "IT" });

const vpn = new RequestType("vpn-access", {
    name: "vpn-access",
    description: "Access to the VPN group, approved by the requester's manager",
    ownerId: it.id,
    resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: config.get("requestableGroupId") ?? "00g1emaKYZTWRYYRRTSK" }] },
    approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
    status: "ACTIVE",
});

export const requestTypeId = vpn.id;
