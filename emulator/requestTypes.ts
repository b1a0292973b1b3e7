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
import { invalid, notFound, oktaError } from "./errors";
import { Ctx, EmulatorServer, Reply } from "./server";

export const GOVERNANCE_SPEC = "governance-production-requests-admin-v1-reference-minimal.yaml";
export const ADMIN_USER = "00ub0oNGTSWTBKOLGLNR";

export const hex24 = () => randomBytes(12).toString("hex");

export class AccessRequestsState {
    readonly requestTypes = new Map<string, RequestTypeObject>();
    readonly teams: Team[];
    refuseNoOpStatusChange = false;
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
                ? { ...rs, targetResources: rs.targetResources.map((t: any) => ({ resourceId: t.resourceId, resourceName: `${rs.type === "APPS" ? "App" : rs.type === "GROUPS" ? "Group" : "Bundle"} ${t.resourceId}` })) }
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
            ...(body.description !== undefined ? { description: body.description } : {}),
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
    return { id, name, ...(description !== undefined ? { description } : {}), status, created, createdBy, lastUpdated, lastUpdatedBy, lastUpdateSource, _links };
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

/** Okta-style paging: `limit` 1..200 (default 20), `after` = the last id seen, Link headers and body links. */
export function page<T extends { id: string }>(ctx: Ctx, items: T[], basePath: string, keep: Record<string, string | undefined>): Reply {
    const limit = ctx.query.limit === undefined ? 20 : Number(ctx.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) return invalid("limit", [`limit must be between 1 and 200 (got ${ctx.query.limit})`]);
    let start = 0;
    if (ctx.query.after !== undefined) {
        if (!/^[0-9a-fA-F]{24}$/.test(ctx.query.after)) return { status: 400, body: oktaError("E0000029", "Invalid paging request.", ["after must be a 24 character id"]) };
        const i = items.findIndex((t) => t.id === ctx.query.after);
        start = i < 0 ? items.length : i + 1;
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
            if (failures.length) return invalid(failures.map((f) => f.property).join(", "), failures.map((f) => `${f.property}: ${f.reason}`));
            const body = ctx.body as Record<string, any>;
            if (!state.teams.some((t) => t.id === body.ownerId)) return invalid("ownerId", [`ownerId: no team with id ${body.ownerId}`]);
            if ([...state.requestTypes.values()].some((t) => t.name === body.name)) return invalid("name", ["A request type with this name already exists."]);
            if (body.status === "ACTIVE" && state.activeCount() >= LIMITS.activePerOrg) return invalid("status", [`The org already has ${LIMITS.activePerOrg} active request types.`]);
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
            if (typeof test === "string") return invalid("filter", [test]);
            let items = [...state.requestTypes.values()].filter(test);
            const order = ctx.query.orderBy;
            if (order) {
                const m = /^(created|lastUpdated|name)(?:\s+(asc|desc))?$/.exec(order.trim());
                if (!m) return invalid("orderBy", [`unsupported orderBy: ${order}`]);
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
                    return invalid("status", [`The request type is already ${status}.`]);
                }
                if (status === "ACTIVE" && o.status !== "ACTIVE" && state.activeCount() >= LIMITS.activePerOrg) {
                    return invalid("status", [`The org already has ${LIMITS.activePerOrg} active request types.`]);
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
                if (!m) return invalid("filter", [`unsupported filter expression: ${ctx.query.filter}`]);
                const name = m[1].replace(/\\(.)/g, "$1");
                teams = teams.filter((t) => t.name === name);
            }
            return page(ctx, teams, TEAMS_PATH, { filter: ctx.query.filter });
        },
    });
}
