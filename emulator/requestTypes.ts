// Access Requests V1 as Okta behaves (okta-api-notes §1): request types and teams.
import { randomBytes, randomUUID } from "crypto";
import {
    DEFAULT_APPROVAL_DESCRIPTIONS,
    LIMITS,
    REQUEST_TYPES_PATH,
    RequestTypeObject,
    RequestTypeSparse,
    Team,
    TEAMS_PATH,
} from "../provider/schema/requestType";
import { validateRequestType } from "../provider/schema/requestTypeRules";
import { isObject } from "../provider/schema/validate";
import { notFound, oktaError } from "./errors";
import { cause, governanceInvalid, invalidPaging } from "./governanceErrors";
import { EmulatorServer } from "./server";
import type { Ctx, Reply } from "./route";

export const GOVERNANCE_SPEC = "governance-production-requests-admin-v1-reference-minimal.yaml";
export const ADMIN_USER = "00ub0oNGTSWTBKOLGLNR";

export const hex24 = () => randomBytes(12).toString("hex");

/** The resources Okta's Access Requests examples name. */
export const SPEC_EXAMPLE_RESOURCES: [string, string][] = [
    ["00g1emaKYZTWRYYRRTSK", "Low privilege Group 01"],
    ["0oafxqCAJWWGELFTYASJ", "Grammarly"],
];

export class AccessRequestsState {
    readonly requestTypes = new Map<string, RequestTypeObject>();
    readonly teams: Team[];
    refuseNoOpStatusChange = false;
    /**
     * The names of the groups, apps and bundles the org holds, for `resourceName`. The emulator keeps no
     * directory, so a name is answered only for ids it was told (Okta's own examples, or the `resources` option),
     * never made up.
     */
    readonly resourceNames = new Map<string, string>(SPEC_EXAMPLE_RESOURCES);
    private seq = 0;

    constructor(extraTeams: { id?: string; name: string }[] = []) {
        const now = new Date().toISOString();
        this.teams = [{ name: "IT" }, ...extraTeams].map((t) => ({ id: "id" in t && t.id ? t.id : hex24(), name: t.name, created: now, lastUpdated: now }));
    }

    /** Builds the stored object from a create body, filling in what Okta fills in. */
    materialize(body: Record<string, any>, baseUrl: string, source: "API" | "WEB" = "API"): RequestTypeObject {
        const now = new Date(Date.now() + this.seq++).toISOString(); // strictly increasing, for ordering
        const id = hex24();
        const fields = (list: unknown) => (Array.isArray(list) ? list.map((f: any) => ({ id: randomUUID(), ...f, required: f.required ?? true })) : []);
        const rs = body.resourceSettings;
        const resourceSettings =
            isObject(rs) && Array.isArray(rs.targetResources)
                ? { ...rs, targetResources: rs.targetResources.map((t: any) => ({ resourceId: t.resourceId, ...(this.resourceNames.has(t.resourceId) ? { resourceName: this.resourceNames.get(t.resourceId) } : {}) })) }
                : rs;
        const req = body.requestSettings ?? { type: "EVERYONE", requesterFields: [] };
        const requestSettings = isObject(req) && req.type !== "CUSTOM" ? { ...req, requesterFields: fields(req.requesterFields) } : req;
        const appr = body.approvalSettings;
        const approvalSettings =
            isObject(appr) && appr.type === "SERIAL" && Array.isArray(appr.approvals)
                ? {
                      type: "SERIAL",
                      approvals: appr.approvals.map((a: any) => ({
                          ...a,
                          description: a.description ?? DEFAULT_APPROVAL_DESCRIPTIONS[a.approverType as keyof typeof DEFAULT_APPROVAL_DESCRIPTIONS],
                          approverFields: fields(a.approverFields),
                      })),
                  }
                : appr;
        const o: RequestTypeObject = {
            id,
            name: body.name,
            // The full and sparse schemas list description as always returned: "" when none was given.
            description: body.description ?? "",
            ownerId: body.ownerId,
            resourceSettings,
            requestSettings,
            approvalSettings,
            accessDuration: body.accessDuration ?? null,
            status: body.status ?? "DRAFT",
            created: now,
            createdBy: ADMIN_USER,
            lastUpdated: now,
            lastUpdatedBy: ADMIN_USER,
            lastUpdateSource: source,
            _links: links(baseUrl, id),
        } as RequestTypeObject;
        return o;
    }

    activeCount(): number {
        return [...this.requestTypes.values()].filter((t) => t.status === "ACTIVE").length;
    }
}

function links(baseUrl: string, id: string) {
    return {
        self: { href: `${baseUrl}${REQUEST_TYPES_PATH}/${id}` },
        requests: { href: `${baseUrl}/governance/api/v1/requests?filter=${encodeURIComponent(`requestTypeId eq "${id}"`)}` },
        createRequest: { href: `${baseUrl}/next/new?request_type=${id}`, type: "text/html" },
    };
}

function sparse(o: RequestTypeObject): RequestTypeSparse {
    const { id, name, description, status, created, createdBy, lastUpdated, lastUpdatedBy, lastUpdateSource, _links } = o;
    return { id, name, description: description ?? "", status, created, createdBy, lastUpdated, lastUpdatedBy, lastUpdateSource, _links };
}

/** Filters Okta accepts on request types: `status eq "X"`, `lastUpdated gt "T"`, joined with AND. */
function parseFilter(filter: string | undefined): ((o: RequestTypeObject) => boolean) | string {
    if (!filter) return () => true;
    const tests: ((o: RequestTypeObject) => boolean)[] = [];
    for (const part of filter.split(/\s+AND\s+/)) {
        const m = /^\s*(status|lastUpdated)\s+(eq|gt)\s+"([^"]*)"\s*$/.exec(part);
        if (!m || (m[1] === "status" && m[2] !== "eq") || (m[1] === "lastUpdated" && m[2] !== "gt")) return `unsupported filter expression: ${part}`;
        const [, field, , value] = m;
        tests.push(field === "status" ? (o) => o.status === value : (o) => Date.parse(o.lastUpdated) > Date.parse(value));
    }
    return (o) => tests.every((t) => t(o));
}

/** `approvalSettings.approvals[0].description` as the JSON pointer Okta's causes use. */
export const pointer = (property: string) => `/${property.replace(/\[(\d+)\]/g, ".$1").split(".").filter(Boolean).join("/")}`;

/** Okta-style paging: `limit` 1..200 (default 20), `after` = the last id seen, Link headers and body links. */
export function page<T extends { id: string }>(ctx: Ctx, items: T[], basePath: string, keep: Record<string, string | undefined>): Reply {
    const limit = ctx.query.limit === undefined ? 20 : Number(ctx.query.limit);
    if (!/^\d+$/.test(ctx.query.limit ?? "20") || limit < 1 || limit > 200) return invalidPaging("Invalid paging request", cause("The `limit` parameter isn't valid.", "INVALID_DATA_TYPE", "query", "/limit"));
    let start = 0;
    const after = ctx.query.after;
    if (after !== undefined) {
        if (after === "") return invalidPaging("Invalid paging request", cause("Empty value found for query parameter 'after'", "EMPTY_PARAMETER", "query", "/after"));
        if (!/^[0-9a-fA-F]{24}$/.test(after)) {
            return invalidPaging(
                "Invalid paging request.",
                ...(after.length < 24 ? [cause("must NOT have fewer than 24 characters", "INVALID_STRING_LENGTH_UNDER_MIN", "query", "/after")] : []),
                // Worded as the example prints it, backslashes and all.
                cause(String.raw`must match pattern "^[a-fA-F\\d]{24}$"`, "STRING_FORMAT_INVALID", "query", "/after"),
            );
        }
        // A cursor that names nothing this list holds is refused, as Okta does (not an empty page).
        const i = items.findIndex((t) => t.id === after);
        if (i < 0) return invalidPaging("Invalid paging request.", cause(`${after} not found`, "IDENTIFIER_NOT_FOUND", "query", "/after"));
        start = i + 1;
    }
    const data = items.slice(start, start + limit);
    const q = (extra: Record<string, string>) => {
        const u = new URLSearchParams();
        for (const [k, v] of Object.entries({ ...keep, limit: String(limit), ...extra })) if (v !== undefined) u.set(k, v);
        return `${ctx.baseUrl}${basePath}?${u.toString().replace(/\+/g, "%20")}`;
    };
    const self = q(ctx.query.after ? { after: ctx.query.after } : {});
    const hasNext = start + limit < items.length;
    const next = hasNext ? q({ after: data[data.length - 1].id }) : undefined;
    const link = [`<${self}>; rel="self"`, ...(next ? [`<${next}>; rel="next"`] : [])].join(", ");
    return { status: 200, body: { data, _links: { self: { href: self }, ...(next ? { next: { href: next } } : {}) } }, headers: { Link: link } };
}

export function registerAccessRequests(server: EmulatorServer, state: AccessRequestsState): void {
    const read = "okta.governance.accessRequests.read";
    const manage = "okta.governance.accessRequests.manage";
    const get = (id: string) => state.requestTypes.get(id);

    server.addRoute({
        method: "POST",
        path: REQUEST_TYPES_PATH,
        scope: manage,
        spec: GOVERNANCE_SPEC,
        handler: (ctx) => {
            const failures = validateRequestType(ctx.body);
            if (failures.length) return governanceInvalid(failures.map((f) => cause(f.reason, "INVALID_VALUE", "body", pointer(f.property))));
            const body = ctx.body as Record<string, any>;
            // Okta's example wording, location and all.
            if (!state.teams.some((t) => t.id === body.ownerId)) return governanceInvalid([cause("ownerId must be a Team in your organization.", "IDENTIFIER_NOT_FOUND", "body", "ownerId")]);
            if ([...state.requestTypes.values()].some((t) => t.name === body.name)) return governanceInvalid([cause("A request type with this name already exists.", "UNIQUE_CONSTRAINT", "body", "/name")]);
            if (body.status === "ACTIVE" && state.activeCount() >= LIMITS.activePerOrg) return governanceInvalid([cause(`The org already has ${LIMITS.activePerOrg} active request types.`, "INVALID_VALUE", "body", "/status")]);
            const o = state.materialize(body, ctx.baseUrl);
            state.requestTypes.set(o.id, o);
            return { status: 201, body: o };
        },
    });

    server.addRoute({
        method: "GET",
        path: REQUEST_TYPES_PATH,
        scope: read,
        handler: (ctx) => {
            const test = parseFilter(ctx.query.filter);
            if (typeof test === "string") return governanceInvalid([cause(test, "STRING_FORMAT_INVALID", "query", "/filter")]);
            let items = [...state.requestTypes.values()].filter(test);
            const order = ctx.query.orderBy;
            if (order) {
                const m = /^(created|lastUpdated|name)(?:\s+(asc|desc))?$/.exec(order.trim());
                if (!m) return invalidPaging("Invalid paging request", cause("Invalid `orderBy` syntax", "STRING_FORMAT_INVALID", "query", "/orderBy"));
                const dir = m[2] === "desc" ? -1 : 1;
                const key = m[1] as "created" | "lastUpdated" | "name";
                items = items.sort((a, b) => (a[key] < b[key] ? -dir : a[key] > b[key] ? dir : a.id < b.id ? -1 : 1));
            }
            return page(ctx, items.map(sparse), REQUEST_TYPES_PATH, { filter: ctx.query.filter, orderBy: ctx.query.orderBy });
        },
    });

    server.addRoute({
        method: "GET",
        path: `${REQUEST_TYPES_PATH}/{requestTypeId}`,
        scope: read,
        handler: (ctx) => {
            const o = get(ctx.params.requestTypeId);
            return o ? { status: 200, body: o } : notFound(ctx.params.requestTypeId, "RequestType");
        },
    });

    server.addRoute({
        method: "DELETE",
        path: `${REQUEST_TYPES_PATH}/{requestTypeId}`,
        scope: manage,
        handler: (ctx) => (state.requestTypes.delete(ctx.params.requestTypeId) ? { status: 204 } : notFound(ctx.params.requestTypeId, "RequestType")),
    });

    for (const [action, status] of [["publish", "ACTIVE"], ["un-publish", "DRAFT"]] as const) {
        server.addRoute({
            method: "POST",
            path: `${REQUEST_TYPES_PATH}/{requestTypeId}/${action}`,
            scope: manage,
            handler: (ctx) => {
                const o = get(ctx.params.requestTypeId);
                if (!o) return notFound(ctx.params.requestTypeId, "RequestType");
                if (o.status === "DISABLED") {
                    return { status: 409, body: oktaError("E0000195", "Repair the request type using the administrative user interface", ["The request type is disabled."]) };
                }
                if (o.status === status && state.refuseNoOpStatusChange) {
                    return governanceInvalid([cause(`The request type is already ${status}.`, "INVALID_VALUE", "body", "/status")]);
                }
                if (status === "ACTIVE" && o.status !== "ACTIVE" && state.activeCount() >= LIMITS.activePerOrg) {
                    return governanceInvalid([cause(`The org already has ${LIMITS.activePerOrg} active request types.`, "INVALID_VALUE", "body", "/status")]);
                }
                if (o.status !== status) {
                    o.status = status;
                    o.lastUpdated = new Date().toISOString();
                    o.lastUpdateSource = "API";
                }
                return { status: 200, body: o };
            },
        });
    }

    server.addRoute({
        method: "GET",
        path: TEAMS_PATH,
        scope: read,
        handler: (ctx) => {
            let teams = state.teams;
            if (ctx.query.filter) {
                // A SCIM-style string literal: \" and \\ escape a quote and a backslash.
                const m = /^\s*name\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/.exec(ctx.query.filter);
                if (!m) return governanceInvalid([cause(`unsupported filter expression: ${ctx.query.filter}`, "STRING_FORMAT_INVALID", "query", "/filter")]);
                const name = m[1].replace(/\\(.)/g, "$1");
                teams = teams.filter((t) => t.name === name);
            }
            return page(ctx, teams, TEAMS_PATH, { filter: ctx.query.filter });
        },
    });
}
