// Okta's Access Requests V1 request-type objects, written once and shared by the SDK, the provider and the
// emulator. Names and shapes follow Okta's OpenAPI spec (governance requests admin v1); comments mark where
// real traffic differs from it (see okta-api-notes.md §1).

export type RequestTypeStatus = "DRAFT" | "ACTIVE" | "DISABLED";
/** The statuses a program may declare; DISABLED is set by Okta alone. */
export type DeclarableStatus = "DRAFT" | "ACTIVE";
export type LastUpdateSource = "API" | "WEB";

export type ResourceType = "APPS" | "GROUPS" | "ENTITLEMENT_BUNDLES";
/** An app, group or entitlement bundle that can be requested. */
export interface TargetResource {
    /** `0oa...` for APPS, `00g...` for GROUPS, `enb...` for ENTITLEMENT_BUNDLES (20 characters). */
    resourceId: string;
    /** Filled in by Okta in responses; never sent. */
    resourceName?: string;
}
/** What can be requested: exactly one app, group or entitlement bundle. */
export interface ResourceSettings {
    /** APPS, GROUPS or ENTITLEMENT_BUNDLES. */
    type: ResourceType;
    /** Exactly one target resource. */
    targetResources: TargetResource[];
}
/** What the admin UI can make and the API cannot write. */
export interface CustomSettings {
    type: "CUSTOM";
}

export type FieldType = "TEXT" | "SELECT" | "DATE-TIME";
interface FieldBase {
    /** Server-made UUID, present in responses only. */
    id?: string;
    /** 1..100 characters. */
    prompt: string;
    /** Defaults to true. */
    required?: boolean;
}
export interface TextField extends FieldBase {
    type: "TEXT";
}
export interface DateTimeField extends FieldBase {
    type: "DATE-TIME";
}
export interface SelectField extends FieldBase {
    type: "SELECT";
    /** 1..25 options of 1..280 characters. */
    options: SelectOption[];
}
/** One choice of a SELECT field. */
export interface SelectOption {
    /** 1..280 characters. */
    value: string;
}
export type Field = TextField | SelectField | DateTimeField;

export interface EveryoneRequestSettings {
    type: "EVERYONE";
    /** Up to 5 questions the requester answers. */
    requesterFields?: Field[];
}
export interface MemberOfRequestSettings {
    type: "MEMBER_OF";
    /** Exactly one group id. */
    requesterMemberOf: string[];
    /** Up to 5 questions the requester answers. */
    requesterFields?: Field[];
}
export type RequestSettings = EveryoneRequestSettings | MemberOfRequestSettings;

interface ApprovalBase {
    /** 1..250 characters; Okta fills a default per approver type when omitted. */
    description?: string;
}
export interface ManagerApproval extends ApprovalBase {
    approverType: "MANAGER";
    /** Up to 5 questions the approver answers. */
    approverFields?: Field[];
}
export interface MemberOfApproval extends ApprovalBase {
    approverType: "MEMBER_OF";
    /** Exactly one group id. */
    approverMemberOf: string[];
    /** Up to 5 questions the approver answers. */
    approverFields?: Field[];
}
export interface UserApproval extends ApprovalBase {
    approverType: "USER";
    /** `00u...`, 20 characters. */
    approverUserId: string;
    /** Up to 5 questions the approver answers. */
    approverFields?: Field[];
}
export interface ResourceOwnerApproval extends ApprovalBase {
    approverType: "RESOURCE_OWNER";
}
export type Approval = ManagerApproval | MemberOfApproval | UserApproval | ResourceOwnerApproval;
export type ApproverType = Approval["approverType"];

export interface SerialApprovalSettings {
    type: "SERIAL";
    /** 1..5 approvals, applied in order. */
    approvals: Approval[];
}
export interface NoApprovalSettings {
    type: "NONE";
}
export type ApprovalSettings = SerialApprovalSettings | NoApprovalSettings;

/** The writable attributes of a request type: what a create sends. */
export interface RequestTypeCreatable {
    /** 1..50 characters, unique in the org, fixed once created. */
    name: string;
    /** 1..2000 characters. */
    description?: string;
    /** The administering team's id: 24 hex characters. */
    ownerId: string;
    resourceSettings: ResourceSettings;
    requestSettings?: RequestSettings;
    approvalSettings: ApprovalSettings;
    /** One ISO 8601 unit only: `PnD`, `PTnH` or `PTnM`; null for no limit. */
    accessDuration?: string | null;
    /** DRAFT by default; ACTIVE publishes in the same call. */
    status?: DeclarableStatus;
}

export interface Link {
    href: string;
    type?: string;
}

/** A full request type as `GET /request-types/{id}` answers. */
export interface RequestTypeObject {
    /** The request type's id (24 hex characters). */
    id: string;
    /** Unique in the org. */
    name: string;
    /** What the request type is for. */
    description?: string;
    /** The administering team's id. */
    ownerId: string;
    /** What can be requested (type CUSTOM when made in the admin UI in a way the API cannot express). */
    resourceSettings: ResourceSettings | CustomSettings;
    /** Who may request, and what they are asked. */
    requestSettings: RequestSettings | CustomSettings;
    /** Who approves, in order, and what they are asked. */
    approvalSettings: ApprovalSettings | (CustomSettings & { approvals?: unknown });
    /** How long access lasts (`P40D`, `PT65H`, `PT90M`), or null for no limit. */
    accessDuration: string | null;
    /** DRAFT, ACTIVE (published) or DISABLED (by Okta, when its settings became invalid). */
    status: RequestTypeStatus;
    /** When it was made (ISO 8601). */
    created: string;
    /** The id of the user or app that made it. */
    createdBy: string;
    /** When it last changed (ISO 8601). */
    lastUpdated: string;
    /** The id of the user or app that changed it last. */
    lastUpdatedBy: string;
    /** API or WEB: where the last change came from. */
    lastUpdateSource: LastUpdateSource;
    _links?: Record<string, Link>;
}

/** List items are abbreviated: no owner and no settings. */
export type RequestTypeSparse = Pick<
    RequestTypeObject,
    "id" | "name" | "description" | "status" | "created" | "createdBy" | "lastUpdated" | "lastUpdatedBy" | "lastUpdateSource" | "_links"
>;

/** An Access Requests team: the admins of request types. */
export interface Team {
    /** The team's id (24 hex characters), a request type's `ownerId`. */
    id: string;
    /** The team's name. */
    name: string;
    /** What the team is for. */
    description?: string;
    /** When it was made (ISO 8601). */
    created?: string;
    /** When it last changed (ISO 8601). */
    lastUpdated?: string;
}

/** Okta's error body (governance and management share it). */
export interface OktaErrorBody {
    errorCode: string;
    errorSummary: string;
    errorLink?: string;
    errorId?: string;
    errorCauses?: { errorSummary: string; reason?: string; location?: string; locationType?: string; domain?: string }[];
}

export const REQUEST_TYPES_PATH = "/governance/api/v1/request-types";
export const TEAMS_PATH = "/governance/api/v1/teams";

/** The descriptions Okta fills in when an approval omits one (seen in Okta's published examples). */
export const DEFAULT_APPROVAL_DESCRIPTIONS: Record<ApproverType, string> = {
    MANAGER: "Approval from the requester's manager",
    MEMBER_OF: "Approval from a member of the specified OKTA group",
    USER: "Approval from the specified user",
    RESOURCE_OWNER: "Approval from the resource owner",
};

/** Okta's limits for request types (okta-api-notes.md §1), used by the provider's check and the emulator. */
export const LIMITS = {
    name: { min: 1, max: 50 },
    description: { min: 1, max: 2000 },
    approvalDescription: { min: 1, max: 250 },
    prompt: { min: 1, max: 100 },
    option: { min: 1, max: 280 },
    options: { min: 1, max: 25 },
    approvals: { min: 1, max: 5 },
    fieldsPerList: 5,
    combinedItems: 100,
    activePerOrg: 500,
    responseChars: 100_000,
} as const;

export const RESOURCE_ID_PREFIX: Record<ResourceType, string> = {
    APPS: "0oa",
    GROUPS: "00g",
    ENTITLEMENT_BUNDLES: "enb",
};

/** `PnD`, `PTnH`, `PTnM`: Okta supports a single unit only. */
export const ACCESS_DURATION_PATTERN = /^P(?:[1-9]\d*D|T[1-9]\d*[HM])$/;
export const OWNER_ID_PATTERN = /^[a-fA-F0-9]{24}$/;
export const GROUP_ID_PATTERN = /^00g[0-9a-zA-Z]{17}$/;
export const USER_ID_PATTERN = /^00u[0-9a-zA-Z]{17}$/;
