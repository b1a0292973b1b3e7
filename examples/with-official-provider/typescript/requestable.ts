// The part of the program this package serves: the official provider's group and app made requestable in Okta
// Access Requests, and the key that signs the inline hook's calls. It takes the official objects' ids, so it runs
// (and is tested, against the Okta emulator) without the official provider.
import * as pulumi from "@pulumi/pulumi";
import * as oktadynamic from "@pulumi-okta-dynamic/oktadynamic";

export interface OfficialIds {
    /** The group to request membership of (okta.group.Group's id). */
    groupId: pulumi.Input<string>;
    /** The app to request an assignment to (an okta.app resource's id). */
    appId: pulumi.Input<string>;
}

export function requestable(ids: OfficialIds) {
    const it = oktadynamic.getTeamOutput({ name: "IT" });

    // Admin rights: the requester's manager approves, and membership ends after a day.
    const adminGroup = new oktadynamic.RequestType("salesforce-admins", {
        name: "salesforce-admins",
        description: "Request a day of Salesforce admin rights",
        ownerId: it.id,
        resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: ids.groupId }] },
        approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
        accessDuration: "P1D",
        status: "ACTIVE",
    });

    // The app itself: the requester says why, the manager approves, the assignment lasts 30 days.
    const app = new oktadynamic.RequestType("salesforce-app", {
        name: "salesforce-app",
        description: "Request access to Salesforce",
        ownerId: it.id,
        resourceSettings: { type: "APPS", targetResources: [{ resourceId: ids.appId }] },
        requestSettings: {
            type: "EVERYONE",
            requesterFields: [{ prompt: "What do you need Salesforce for?", type: "TEXT", required: true }],
        },
        approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
        accessDuration: "P30D",
        status: "ACTIVE",
    });

    // Okta signs the inline hook's token requests with this key (private_key_jwt); the hook names it by its id.
    const hookSigning = new oktadynamic.HookKey("registration-hook-signing", { name: "registration-hook-signing" });

    return { adminGroup, app, hookSigning };
}
