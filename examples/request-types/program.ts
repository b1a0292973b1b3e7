// Three request types, as a platform team would declare them:
//  - group access approved by the requester's manager;
//  - app access approved by a member of a group, with questions for the requester;
//  - a type taken from DRAFT to ACTIVE by changing `status` (publish happens in place).
import * as pulumi from "@pulumi/pulumi";
import { getTeam, RequestType } from "pulumi-okta-dynamic";

export interface ExampleIds {
    adminGroupId: string; // 00g... the group people request
    salesforceAppId: string; // 0oa... the app people request
    approversGroupId: string; // 00g... the group whose members approve
}

export function requestTypes(ids: ExampleIds, publishOnCall: "DRAFT" | "ACTIVE" = "DRAFT") {
    const team = getTeam({ name: "IT" }); // every org has the default team "IT"
    const ownerId = team.then((t) => t.id);

    const groupAccess = new RequestType("admin-group-access", {
        name: "admin-group-01",
        description: "How users can request access to the Admin Group",
        ownerId,
        resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: ids.adminGroupId }] },
        approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
        accessDuration: "P40D",
        status: "ACTIVE",
    });

    const appAccess = new RequestType("salesforce-access", {
        name: "salesforce-01",
        description: "How users can request access to Salesforce 01",
        ownerId,
        resourceSettings: { type: "APPS", targetResources: [{ resourceId: ids.salesforceAppId }] },
        requestSettings: {
            type: "EVERYONE",
            requesterFields: [
                { prompt: "What is the business justification?", type: "TEXT" },
                { prompt: "Which role do you need?", type: "SELECT", options: [{ value: "Viewer" }, { value: "Editor" }] },
            ],
        },
        approvalSettings: {
            type: "SERIAL",
            approvals: [
                {
                    approverType: "MEMBER_OF",
                    approverMemberOf: [ids.approversGroupId],
                    approverFields: [{ prompt: "Why are you approving access?", type: "TEXT" }],
                },
            ],
        },
    });

    const onCall = new RequestType("on-call-access", {
        name: "on-call-elevation",
        description: "Temporary elevation for the on-call engineer",
        ownerId,
        resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: ids.adminGroupId }] },
        approvalSettings: { type: "NONE" },
        accessDuration: "PT8H",
        status: publishOnCall, // change to "ACTIVE" and `pulumi up`: one publish call, no replacement
    });

    return {
        groupAccessId: groupAccess.id,
        appAccessStatus: appAccess.status,
        onCallStatus: onCall.status,
        approverFieldIds: appAccess.approvalSettings.apply((s) => (s.type === "SERIAL" ? s.approvals.map((a) => ("approverFields" in a ? a.approverFields?.map((f) => f.id) : [])) : [])),
    } as Record<string, pulumi.Output<unknown>>;
}
