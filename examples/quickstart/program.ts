// The quickstart: two request types, then what a team does next (publish one, reword another, adopt one
// that was made in Okta before Pulumi). `stage` stands for the edits a user makes to this file over time.
import { getTeam, RequestType } from "pulumi-okta-dynamic";

export interface QuickstartStage {
    publishContractors: boolean;
    laptopDescription: string;
    /** The id of a request type that already exists in the org, to bring under management. */
    adoptId?: string;
}

export const GROUP_ENGINEERING = "00g1emaKYZTWRYYRRTSK";
export const APP_SALESFORCE = "0oafxqCAJWWGELFTYASJ";

export function quickstart(stage: QuickstartStage) {
    const ownerId = getTeam({ name: "IT" }).then((t) => t.id);

    const engineering = new RequestType("engineering-group", {
        name: "engineering-group-access",
        description: stage.laptopDescription,
        ownerId,
        resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP_ENGINEERING }] },
        approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
        status: "ACTIVE",
    });

    const contractors = new RequestType("contractor-salesforce", {
        name: "contractor-salesforce-access",
        description: "Contractors request Salesforce; their manager approves and says why",
        ownerId,
        resourceSettings: { type: "APPS", targetResources: [{ resourceId: APP_SALESFORCE }] },
        requestSettings: { type: "EVERYONE", requesterFields: [{ prompt: "Which client project is this for?", type: "TEXT" }] },
        approvalSettings: {
            type: "SERIAL",
            approvals: [{ approverType: "MANAGER", approverFields: [{ prompt: "Is the contract signed?", type: "SELECT", options: [{ value: "Yes" }, { value: "No" }] }] }],
        },
        accessDuration: "P30D",
        status: stage.publishContractors ? "ACTIVE" : "DRAFT",
    });

    const out: Record<string, unknown> = { engineeringStatus: engineering.status, contractorsStatus: contractors.status };
    if (stage.adoptId) {
        const legacy = new RequestType(
            "legacy-admin-ui-type",
            {
                name: "legacy-vpn-access",
                description: "Made in the admin UI before Pulumi",
                ownerId,
                resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP_ENGINEERING }] },
                approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
                status: "ACTIVE",
            },
            { import: stage.adoptId },
        );
        out.legacyStatus = legacy.status;
    }
    return out;
}
