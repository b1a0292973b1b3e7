// Every rule Okta applies to a request type's writable attributes (okta-api-notes.md §1 and the spec), as a
// pure function: the provider's check runs it before any HTTP call, and the emulator runs it on what it
// receives, so both refuse the same things with the same words.
import {
    ACCESS_DURATION_PATTERN,
    GROUP_ID_PATTERN,
    LIMITS,
    OWNER_ID_PATTERN,
    RESOURCE_ID_PREFIX,
    ResourceType,
    USER_ID_PATTERN,
} from "./requestType";
import { Failure, isObject, isUnknown, join, Rules } from "./validate";

export const WRITABLE_KEYS = [
    "name",
    "description",
    "ownerId",
    "resourceSettings",
    "requestSettings",
    "approvalSettings",
    "accessDuration",
    "status",
] as const;

const FIELD_TYPES = ["TEXT", "SELECT", "DATE-TIME"] as const;
const APPROVER_TYPES = ["MANAGER", "MEMBER_OF", "USER", "RESOURCE_OWNER"] as const;

export interface RuleOptions {
    /** Extra top-level keys the caller owns (the provider's bookkeeping); they are not Okta's to judge. */
    extraKeys?: readonly string[];
}

/** Returns every broken rule; an empty list means Okta should accept the object. */
const OWNER_HINT = 'the id of the Access Requests team that owns it: look it up with getTeam({ name: "IT" }) (every org has the team IT)';

export function validateRequestType(input: unknown, opts: RuleOptions = {}): Failure[] {
    const r = new Rules();
    if (!isObject(input)) {
        r.fail("", "a request type must be an object");
        return r.failures;
    }
    r.knownKeys(input, "", [...WRITABLE_KEYS, ...(opts.extraKeys ?? [])]);

    if (r.required(input, "", "name")) r.string(input.name, "name", LIMITS.name.min, LIMITS.name.max);
    if (input.description !== undefined && input.description !== null) {
        r.string(input.description, "description", LIMITS.description.min, LIMITS.description.max);
    }
    if (r.required(input, "", "ownerId", OWNER_HINT)) {
        r.string(input.ownerId, "ownerId", 24, 24, OWNER_ID_PATTERN, `an Access Requests team id of 24 hexadecimal characters (${OWNER_HINT})`);
    }
    if (input.status !== undefined) {
        if (input.status === "DISABLED") {
            r.fail("status", "cannot be DISABLED: only Okta disables a request type; declare DRAFT or ACTIVE");
        } else {
            r.oneOf(input.status, "status", ["DRAFT", "ACTIVE"]);
        }
    }
    if (input.accessDuration !== undefined && input.accessDuration !== null && !isUnknown(input.accessDuration)) {
        if (typeof input.accessDuration !== "string" || !ACCESS_DURATION_PATTERN.test(input.accessDuration)) {
            r.fail(
                "accessDuration",
                `must be an ISO 8601 duration in one unit, days (P40D), hours (PT65H) or minutes (PT90M), or null (got ${JSON.stringify(input.accessDuration)})`,
            );
        }
    }
    if (r.required(input, "", "resourceSettings")) resourceSettings(r, input.resourceSettings);

    let items = 0;
    if (input.requestSettings !== undefined && input.requestSettings !== null) {
        items += requestSettings(r, input.requestSettings);
    }
    if (r.required(input, "", "approvalSettings")) items += approvalSettings(r, input.approvalSettings);
    if (items > LIMITS.combinedItems) {
        r.fail(
            "approvalSettings",
            `approvals, approver fields and requester fields together must be at most ${LIMITS.combinedItems} items (got ${items})`,
        );
    }
    return r.failures;
}

function resourceSettings(r: Rules, v: unknown): void {
    const path = "resourceSettings";
    if (!r.object(v, path)) return;
    r.knownKeys(v, path, ["type", "targetResources"]);
    if (!r.required(v, path, "type")) return;
    if (v.type === "CUSTOM") {
        r.fail(join(path, "type"), "CUSTOM settings are made in the admin UI and cannot be written through the API");
        return;
    }
    if (!r.oneOf(v.type, join(path, "type"), ["APPS", "GROUPS", "ENTITLEMENT_BUNDLES"] as const)) return;
    const type: ResourceType = v.type;
    const listPath = join(path, "targetResources");
    if (!r.required(v, path, "targetResources") || !r.array(v.targetResources, listPath, 1, 1)) return;
    v.targetResources.forEach((t, i) => {
        const p = join(listPath, i);
        if (!r.object(t, p)) return;
        r.knownKeys(t, p, ["resourceId", "resourceName"]);
        if (!r.required(t, p, "resourceId")) return;
        const prefix = RESOURCE_ID_PREFIX[type];
        const kind = { APPS: "an app", GROUPS: "a group", ENTITLEMENT_BUNDLES: "an entitlement bundle" }[type];
        r.string(t.resourceId, join(p, "resourceId"), 20, 20, new RegExp(`^${prefix}[0-9a-zA-Z]{17}$`), `${kind} id: "${prefix}" and 17 letters or digits`);
    });
}

/** Returns the number of items that count toward the 100-item total. */
function requestSettings(r: Rules, v: unknown): number {
    const path = "requestSettings";
    if (!r.object(v, path)) return 0;
    if (!r.required(v, path, "type")) return 0;
    if (v.type === "CUSTOM") {
        r.fail(join(path, "type"), "CUSTOM settings are made in the admin UI and cannot be written through the API");
        return 0;
    }
    if (!r.oneOf(v.type, join(path, "type"), ["EVERYONE", "MEMBER_OF"] as const)) return 0;
    if (v.type === "MEMBER_OF") {
        r.knownKeys(v, path, ["type", "requesterMemberOf", "requesterFields"]);
        if (r.required(v, path, "requesterMemberOf")) groupList(r, v.requesterMemberOf, join(path, "requesterMemberOf"));
    } else {
        r.knownKeys(v, path, ["type", "requesterFields"], "is not allowed when type is EVERYONE (requesterMemberOf goes with MEMBER_OF)");
    }
    return fields(r, v.requesterFields, join(path, "requesterFields"), false);
}

function approvalSettings(r: Rules, v: unknown): number {
    const path = "approvalSettings";
    if (!r.object(v, path)) return 0;
    if (!r.required(v, path, "type")) return 0;
    if (v.type === "CUSTOM") {
        r.fail(join(path, "type"), "CUSTOM settings are made in the admin UI and cannot be written through the API");
        return 0;
    }
    if (!r.oneOf(v.type, join(path, "type"), ["SERIAL", "NONE"] as const)) return 0;
    if (v.type === "NONE") {
        r.knownKeys(v, path, ["type"], "is not allowed when type is NONE (approvals go with SERIAL)");
        return 0;
    }
    r.knownKeys(v, path, ["type", "approvals"]);
    const listPath = join(path, "approvals");
    if (!r.required(v, path, "approvals")) return 0;
    if (!r.array(v.approvals, listPath, LIMITS.approvals.min, LIMITS.approvals.max)) {
        return Array.isArray(v.approvals) ? v.approvals.length : 0;
    }
    let items = v.approvals.length;
    v.approvals.forEach((a, i) => {
        const p = join(listPath, i);
        if (!r.object(a, p) || !r.required(a, p, "approverType")) return;
        if (!r.oneOf(a.approverType, join(p, "approverType"), APPROVER_TYPES)) return;
        if (a.description !== undefined && a.description !== null) {
            r.string(a.description, join(p, "description"), LIMITS.approvalDescription.min, LIMITS.approvalDescription.max);
        }
        switch (a.approverType) {
            case "MANAGER":
                r.knownKeys(a, p, ["approverType", "description", "approverFields"]);
                break;
            case "MEMBER_OF":
                r.knownKeys(a, p, ["approverType", "description", "approverMemberOf", "approverFields"]);
                if (r.required(a, p, "approverMemberOf")) groupList(r, a.approverMemberOf, join(p, "approverMemberOf"));
                break;
            case "USER":
                r.knownKeys(a, p, ["approverType", "description", "approverUserId", "approverFields"]);
                if (r.required(a, p, "approverUserId")) {
                    r.string(a.approverUserId, join(p, "approverUserId"), 20, 20, USER_ID_PATTERN, 'a user id: "00u" and 17 letters or digits');
                }
                break;
            case "RESOURCE_OWNER":
                r.knownKeys(a, p, ["approverType", "description"], "is not allowed for a RESOURCE_OWNER approval (it takes no approver fields)");
                return;
        }
        items += fields(r, a.approverFields, join(p, "approverFields"), true);
    });
    return items;
}

function groupList(r: Rules, v: unknown, path: string): void {
    if (!r.array(v, path, 1, 1)) return;
    v.forEach((g, i) => r.string(g, join(path, i), 20, 20, GROUP_ID_PATTERN, 'a group id: "00g" and 17 letters or digits'));
}

/** Returns how many fields were declared (they count toward the 100-item total). */
function fields(r: Rules, v: unknown, path: string, approver: boolean): number {
    if (v === undefined || v === null) return 0;
    if (!r.array(v, path, 0, LIMITS.fieldsPerList)) return Array.isArray(v) ? v.length : 0;
    v.forEach((f, i) => {
        const p = join(path, i);
        if (!r.object(f, p)) return;
        if (r.required(f, p, "prompt")) r.string(f.prompt, join(p, "prompt"), LIMITS.prompt.min, LIMITS.prompt.max);
        if (f.required !== undefined && r.boolean(f.required, join(p, "required")) && approver && f.required === false) {
            r.fail(join(p, "required"), "cannot be false: Okta always treats approver fields as required");
        }
        if (!r.required(f, p, "type") || !r.oneOf(f.type, join(p, "type"), FIELD_TYPES)) return;
        if (f.type === "SELECT") {
            r.knownKeys(f, p, ["id", "prompt", "required", "type", "options"]);
            const op = join(p, "options");
            if (!r.required(f, p, "options") || !r.array(f.options, op, LIMITS.options.min, LIMITS.options.max)) return;
            f.options.forEach((o, j) => {
                const oPath = join(op, j);
                if (!r.object(o, oPath)) return;
                r.knownKeys(o, oPath, ["value"]);
                if (r.required(o, oPath, "value")) r.string(o.value, join(oPath, "value"), LIMITS.option.min, LIMITS.option.max);
            });
        } else {
            r.knownKeys(f, p, ["id", "prompt", "required", "type"], `is not allowed for a ${f.type} field (options go with SELECT)`);
        }
    });
    return v.length;
}
