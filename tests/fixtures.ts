// Request types taken from Okta's own examples (seeds/002 and the spec's examples), used across tests.
import type { RequestTypeCreatable } from "../provider/schema/requestType";

export const TEAM_IT = "61eb0f06c462d20007f051ac";
export const GROUP = "00g1emaKYZTWRYYRRTSK";
export const GROUP2 = "00garwpuyxHaWOkdV0g4";
export const APP = "0oafxqCAJWWGELFTYASJ";
export const USER = "00ub0oNGTSWTBKOLGLNR";

/** seeds/002 "salesforce-01": the minimal request type. */
export function minimal(overrides: Partial<RequestTypeCreatable> = {}): RequestTypeCreatable {
    return {
        name: "salesforce-01",
        description: "How users can request access to Admin Group",
        ownerId: TEAM_IT,
        resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP }] },
        approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
        ...overrides,
    };
}

/** An app request with a MEMBER_OF approval and requester fields of every type. */
export function appWithFields(overrides: Partial<RequestTypeCreatable> = {}): RequestTypeCreatable {
    return {
        name: "salesforce-01-request-type-09",
        description: "How group members can request access to Salesforce 01",
        ownerId: TEAM_IT,
        resourceSettings: { type: "APPS", targetResources: [{ resourceId: APP }] },
        requestSettings: {
            type: "MEMBER_OF",
            requesterMemberOf: [GROUP2],
            requesterFields: [
                { prompt: "What is the business justification for access?", type: "TEXT", required: true },
                { prompt: "Which role?", type: "SELECT", options: [{ value: "Admin" }, { value: "Viewer" }] },
                { prompt: "Until when?", type: "DATE-TIME", required: false },
            ],
        },
        approvalSettings: {
            type: "SERIAL",
            approvals: [
                {
                    approverType: "MEMBER_OF",
                    approverMemberOf: [GROUP],
                    approverFields: [{ prompt: "Why are you approving access?", type: "TEXT", required: true }],
                },
            ],
        },
        accessDuration: "PT90M",
        ...overrides,
    };
}

/** The Privileged Access team of the card's example (`https://myorg.pam.okta.com/v1/teams/adminteam/sudo_command_bundles`). */
export const PAM_TEAM = "adminteam";
export const PAM_BASE = `/v1/teams/${PAM_TEAM}`;
/** Privileged Access ids are version-4 UUIDs. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The spec's create example for a sudo command bundle. */
export const CREATE_DIRECTORIES = {
    name: "create_directories",
    description: "can be empty",
    structured_commands: [{ command_type: "executable", command: "/bin/mkdir", args_type: "any" }],
    no_passwd: true,
    no_exec: false,
    set_env: false,
    add_env: null,
    sub_env: null,
};
