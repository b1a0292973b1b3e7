// Okta Privileged Access as it answers (okta-api-notes §5, opa-minimal.yaml): service users exchange a key id
// and secret for a bearer token at `POST /v1/teams/{team}/service_token`; sudo command bundles, resource groups
// and their projects with UUID ids, `{list: [...]}` pages linked by `Link rel="next"` (offset/count), and the
// Privileged Access error shape `{message, errors?: [{path, message}]}` (not Okta's).
import { randomBytes, randomUUID } from "crypto";
import type { EmulatorServer } from "./server";
import type { Authorizer, Ctx, Reply, Route } from "./route";

export const OPA_SPEC = "opa-minimal.yaml";
export const PAM_BASE = "/v1/teams/{team_name}";
export const PAM_LIST = { defaultCount: 100, maxCount: 1000 } as const;

export interface PamServiceUser {
    /** A UUID, as Okta issues them (the spec checks the pattern). */
    keyId: string;
    keySecret: string;
    /** The service user's name, shown in `created_by` / `updated_by`. */
    name?: string;
}

export interface PamOptions {
    /** The one team this emulator serves (default "my-team"). */
    team?: string;
    serviceUsers?: PamServiceUser[];
    /** Lifetime of a bearer token (default 3600 s; fractions allowed, for tests). */
    tokenTtlSeconds?: number;
}

export interface PamError {
    message: string;
    errors?: { path?: string; message: string }[];
}

export const pamError = (status: number, message: string, errors?: PamError["errors"]): Reply => ({ status, body: errors?.length ? { message, errors } : { message } });

interface IssuedToken {
    team: string;
    serviceUser: string;
    expiresAt: number;
}

export interface SudoCommand {
    command_type: "directory" | "executable" | "raw";
    command: string;
    args_type?: "any" | "custom" | "none";
    args?: string | null;
    rendered_command?: string;
}

export interface SudoCommandBundle {
    id: string;
    name: string;
    description: string | null;
    structured_commands: SudoCommand[];
    run_as: string;
    no_passwd: boolean;
    no_exec: boolean;
    set_env: boolean;
    add_env: string[] | null;
    sub_env: string[] | null;
    created_at: string;
    created_by: string;
    updated_at: string;
    updated_by: string;
}

export interface ResourceGroup {
    id: string;
    name: string;
    description: string;
    team_id: string;
    delegated_resource_admin_groups: { id: string; name?: string; type?: string }[];
}

export interface Project {
    id: string;
    name: string;
    team: string;
    resource_group_id: string;
    [setting: string]: unknown;
}

export class PamState {
    team: string;
    readonly teamId = randomUUID();
    readonly serviceUsers: PamServiceUser[];
    tokenTtlSeconds: number;
    readonly tokens = new Map<string, IssuedToken>();
    /** Tokens issued (successful `service_token` calls). */
    tokenMints = 0;
    /** `service_token` calls refused for wrong credentials. */
    refusedMints = 0;
    /** When true every bearer token is refused with 401 (a revoked service user, say). */
    rejectAllTokens = false;
    readonly bundles = new Map<string, SudoCommandBundle>();
    readonly resourceGroups = new Map<string, ResourceGroup>();
    readonly projects = new Map<string, Project>();

    constructor(o: PamOptions = {}) {
        this.team = o.team ?? "my-team";
        this.serviceUsers = [...(o.serviceUsers ?? [])];
        this.tokenTtlSeconds = o.tokenTtlSeconds ?? 3600;
    }

    addServiceUser(u: PamServiceUser): PamServiceUser {
        this.serviceUsers.push(u);
        return u;
    }

    /** Every token issued so far stops working (the next call with one answers 401). */
    expireTokens(): void {
        for (const t of this.tokens.values()) t.expiresAt = Math.min(t.expiresAt, Date.now() - 1);
    }

    issue(user: PamServiceUser): { bearer_token: string; expires_at: string; team_name: string } {
        const token = randomBytes(32).toString("base64url");
        const expiresAt = Date.now() + Math.round(this.tokenTtlSeconds * 1000);
        this.tokens.set(token, { team: this.team, serviceUser: user.name ?? `svc-${user.keyId.slice(0, 8)}`, expiresAt });
        this.tokenMints++;
        return { bearer_token: token, expires_at: new Date(expiresAt).toISOString(), team_name: this.team };
    }

    /** Seeds a bundle as if made in the admin console. */
    seedBundle(b: Partial<SudoCommandBundle> & { name: string }, by = "admin.console"): SudoCommandBundle {
        const stored = materializeBundle(b as Record<string, unknown>, randomUUID(), by, new Date().toISOString());
        this.bundles.set(stored.id, stored);
        return stored;
    }
}

/** The authorizer for `auth: "pam"` routes: live bearer tokens of the path's team only. */
export function pamAuthorizer(state: PamState): Authorizer {
    return (kind, req, ctx) => {
        if (kind !== "pam") return undefined;
        const m = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ""));
        if (!m) return { ok: false, reply: pamError(401, "Unauthorized: a bearer token from the service_token endpoint is required") };
        const t = state.tokens.get(m[1]);
        if (!t || state.rejectAllTokens) return { ok: false, reply: pamError(401, "Unauthorized: the bearer token is not valid") };
        if (Date.now() >= t.expiresAt) return { ok: false, reply: pamError(401, "Unauthorized: the bearer token has expired") };
        if (ctx.params.team_name !== t.team) return { ok: false, reply: pamError(403, `Forbidden: the bearer token was not issued for team ${ctx.params.team_name}`) };
        return { ok: true, scheme: "Bearer" };
    };
}

// ---- shapes and rules ---------------------------------------------------------------------------------------

const NAME = /^[\w\-_.]+$/;
type Body = Record<string, unknown>;
type PamIssues = NonNullable<PamError["errors"]>;

function nameErrors(name: unknown): PamIssues {
    if (typeof name !== "string" || name === "") return [{ path: "name", message: "is required" }];
    if (name.length > 255 || !NAME.test(name)) return [{ path: "name", message: "must be 1 to 255 letters, digits, '-', '_' or '.'" }];
    return [];
}

function renderCommand(c: SudoCommand): string {
    if (c.command_type !== "executable") return c.command_type === "directory" ? `${c.command.replace(/\/+$/, "")}/` : c.command;
    if (c.args_type === "custom") return `${c.command} ${c.args ?? ""}`.trimEnd();
    if (c.args_type === "none") return `${c.command} ""`;
    return `${c.command} *`;
}

function bundleErrors(b: Body): PamIssues {
    const errors = [...nameErrors(b.name)];
    const cmds = b.structured_commands;
    if (Array.isArray(cmds)) {
        if (cmds.length > 64) errors.push({ path: "structured_commands", message: "a bundle holds at most 64 commands" });
        cmds.forEach((c: Record<string, unknown>, i) => {
            if (!c || typeof c.command !== "string" || c.command === "") errors.push({ path: `structured_commands[${i}].command`, message: "is required" });
            if (c && c.command_type !== "executable" && (c.args !== undefined || c.args_type !== undefined)) {
                errors.push({ path: `structured_commands[${i}]`, message: "args and args_type are only allowed for the executable command type" });
            }
        });
    }
    return errors;
}

function materializeBundle(b: Record<string, unknown>, id: string, by: string, now: string, created?: { at: string; by: string }): SudoCommandBundle {
    const commands = Array.isArray(b.structured_commands) ? (b.structured_commands as SudoCommand[]) : [];
    return {
        id,
        name: String(b.name),
        description: typeof b.description === "string" ? b.description : null,
        structured_commands: commands.map((c) => {
            const out: SudoCommand = { command_type: c.command_type, command: c.command };
            if (c.command_type === "executable") {
                out.args_type = c.args_type ?? "any";
                out.args = c.args ?? null;
            }
            out.rendered_command = renderCommand(out);
            return out;
        }),
        run_as: typeof b.run_as === "string" ? b.run_as : "",
        no_passwd: typeof b.no_passwd === "boolean" ? b.no_passwd : true,
        no_exec: b.no_exec === true,
        set_env: b.set_env === true,
        add_env: Array.isArray(b.add_env) ? (b.add_env as string[]) : null,
        sub_env: Array.isArray(b.sub_env) ? (b.sub_env as string[]) : null,
        created_at: created?.at ?? now,
        created_by: created?.by ?? by,
        updated_at: now,
        updated_by: by,
    };
}

const PROJECT_DEFAULTS = {
    create_server_users: false,
    force_shared_ssh_users: false,
    gateway_selector: "",
    next_unix_gid: 63001,
    next_unix_uid: 60101,
    persistent_server_user_accounts: false,
    require_preauth_for_creds: false,
    server_account_management: false,
    shared_admin_user_name: "",
    shared_standard_user_name: "",
    ssh_certificate_type: "CERT_TYPE_ED25519_01",
    user_on_demand_period: null,
};
const PROJECT_WRITABLE = Object.keys(PROJECT_DEFAULTS).filter((k) => k !== "user_on_demand_period");

/**
 * One page of a `{list: [...]}` collection, sorted by `key`. The offset is the sort key of the last item
 * returned (names are unique), so a page boundary survives deletions; `descending` reverses the order.
 */
function page<T extends object>(ctx: Ctx, items: T[], key: keyof T & string): Reply {
    const q = ctx.query;
    let count: number = PAM_LIST.defaultCount;
    if (q.count !== undefined) {
        if (!/^\d+$/.test(q.count) || Number(q.count) < 1) return pamError(400, "Bad request: invalid query parameters", [{ path: "count", message: `must be a positive integer (got "${q.count}")` }]);
        count = Math.min(Number(q.count), PAM_LIST.maxCount);
    }
    const desc = q.descending === "true";
    const cmp = (a: T, b: T) => String(a[key]).localeCompare(String(b[key]), "en") * (desc ? -1 : 1);
    let sorted = [...items].sort(cmp);
    if (q.offset !== undefined && q.offset !== "") {
        const off = q.offset;
        sorted = sorted.filter((x) => String(x[key]).localeCompare(off, "en") * (desc ? -1 : 1) > 0);
    }
    const list = sorted.slice(0, count);
    const headers: Record<string, string> = {};
    if (sorted.length > count) {
        const next = new URLSearchParams({ ...q, count: String(count), offset: String(list[list.length - 1][key]) }).toString().replace(/\+/g, "%20");
        headers.Link = `<${ctx.baseUrl}${ctx.path}?${next}>; rel="next"`;
    }
    return { status: 200, body: { list }, headers };
}

function containsFilter<T extends { name: string }>(items: T[], contains: string | undefined): T[] {
    return contains ? items.filter((x) => x.name.includes(contains)) : items;
}

// ---- one collection -----------------------------------------------------------------------------------------

type AddRoute = (r: Omit<Route, "auth" | "rateLimitStyle"> & { auth?: "pam" | "none" }) => void;

/** Tells a refusal from a found item or scope (null-safe: a team-wide collection's scope is null). */
const isReply = (x: unknown): x is Reply => typeof (x as Reply | null)?.status === "number";

/** What sets one Privileged Access collection apart; `registerCollection` answers the rest the same way for all. */
interface Collection<T extends { id: string; name: string }, S> {
    /** The collection; one item lives at `${path}/{${idParam}}`. */
    path: string;
    idParam: string;
    /** The item as messages name it ("sudo command bundle"). */
    kind: string;
    store: Map<string, T>;
    /** What the path hangs from (null for the team itself, or a resource group), or the refusal to answer. */
    scope: (ctx: Ctx) => S | Reply;
    /** Whether an item belongs to the scope: only those are listed, found and kept to unique names (default: all). */
    inScope?: (x: T, scope: S) => boolean;
    /** Added to the 404 and 409 messages where the scope narrows them (projects name their resource group). */
    scopeText?: { notFound: (scope: S) => string; conflict: string };
    /** The body's own errors (POST and PUT); any of them make a 400. */
    validate: (body: Body) => PamIssues;
    /** The item to store: a new id on POST; on PUT (a full replacement) its own id and what it was. */
    build: (body: Body, id: string, ctx: Ctx, scope: S, existing?: T) => T;
    /** PUT answers 200 with the item (resource groups, projects) or 204 without a body (sudo command bundles). */
    putAnswersBody: boolean;
    /** GET accepts `order_by=name|id` (resource groups); otherwise lists go by name. */
    orderBy?: boolean;
    /** May refuse a DELETE (a resource group that still has projects). */
    beforeDelete?: (x: T) => Reply | undefined;
}

/**
 * List (paged, `contains`), POST 201, GET, PUT and DELETE 204 for one collection, all checked the same way.
 * Returns the item lookup (the item or its 404) so a nested collection can hang from it.
 */
function registerCollection<T extends { id: string; name: string }, S>(add: AddRoute, c: Collection<T, S>): (ctx: Ctx) => T | Reply {
    const itemPath = `${c.path}/{${c.idParam}}`;
    const inScope = c.inScope ?? (() => true);
    const items = (s: S) => [...c.store.values()].filter((x) => inScope(x, s));
    const found = (ctx: Ctx): { x: T; s: S } | Reply => {
        const s = c.scope(ctx);
        if (isReply(s)) return s;
        const id = ctx.params[c.idParam];
        const x = c.store.get(id);
        return x && inScope(x, s) ? { x, s } : pamError(404, `Not found: no ${c.kind} with id ${id}${c.scopeText?.notFound(s) ?? ""}`);
    };
    // POST and PUT check a body alike: its own rules (400), then a name unique in the scope, bar the item itself (409).
    const refusal = (body: Body, s: S, self?: string): Reply | undefined => {
        const errors = c.validate(body);
        if (errors.length) return pamError(400, `Bad request: the ${c.kind} is not valid`, errors);
        const name = String(body.name);
        if (items(s).some((x) => x.name === name && x.id !== self)) {
            return pamError(409, `Conflict: a ${c.kind} named "${name}" already exists${c.scopeText?.conflict ?? ""}`, [{ path: "name", message: "is already in use" }]);
        }
        return undefined;
    };
    const bodyOf = (ctx: Ctx) => (ctx.body ?? {}) as Body;

    add({
        method: "GET",
        path: c.path,
        handler: (ctx) => {
            const s = c.scope(ctx);
            if (isReply(s)) return s;
            const key = c.orderBy ? (ctx.query.order_by ?? "name") : "name";
            if (key !== "name" && key !== "id") return pamError(400, "Bad request: invalid query parameters", [{ path: "order_by", message: "must be name or id" }]);
            return page(ctx, containsFilter(items(s), ctx.query.contains), key);
        },
    });
    add({
        method: "POST",
        path: c.path,
        spec: OPA_SPEC,
        handler: (ctx) => {
            const s = c.scope(ctx);
            if (isReply(s)) return s;
            const b = bodyOf(ctx);
            const refused = refusal(b, s);
            if (refused) return refused;
            const x = c.build(b, randomUUID(), ctx, s);
            c.store.set(x.id, x);
            return { status: 201, body: x };
        },
    });
    add({
        method: "GET",
        path: itemPath,
        handler: (ctx) => {
            const f = found(ctx);
            return isReply(f) ? f : { status: 200, body: f.x };
        },
    });
    add({
        method: "PUT",
        path: itemPath,
        spec: OPA_SPEC,
        handler: (ctx) => {
            const f = found(ctx);
            if (isReply(f)) return f;
            const b = bodyOf(ctx);
            const refused = refusal(b, f.s, f.x.id);
            if (refused) return refused;
            const updated = c.build(b, f.x.id, ctx, f.s, f.x);
            c.store.set(updated.id, updated);
            return c.putAnswersBody ? { status: 200, body: updated } : { status: 204 };
        },
    });
    add({
        method: "DELETE",
        path: itemPath,
        handler: (ctx) => {
            const f = found(ctx);
            if (isReply(f)) return f;
            const refused = c.beforeDelete?.(f.x);
            if (refused) return refused;
            c.store.delete(f.x.id);
            return { status: 204 };
        },
    });
    return (ctx) => {
        const f = found(ctx);
        return isReply(f) ? f : f.x;
    };
}

// ---- routes -------------------------------------------------------------------------------------------------

export function registerPrivilegedAccess(server: EmulatorServer, state: PamState): void {
    const add: AddRoute = (r) => server.addRoute({ auth: "pam", rateLimitStyle: "pam", ...r });
    // Team-wide collections have no scope beyond the team: null once the team checks out.
    const inTeam = (ctx: Ctx): Reply | null => (ctx.params.team_name === state.team ? null : pamError(404, `Not found: team ${ctx.params.team_name}`));
    const actor = (ctx: Ctx) => {
        const m = /^Bearer\s+(\S+)$/i.exec(String(ctx.headers.authorization ?? ""));
        return (m && state.tokens.get(m[1])?.serviceUser) ?? "unknown";
    };

    add({
        method: "POST",
        path: `${PAM_BASE}/service_token`,
        auth: "none",
        spec: OPA_SPEC,
        handler: (ctx) => {
            const b = (ctx.body ?? {}) as { key_id?: unknown; key_secret?: unknown };
            if (typeof b.key_id !== "string" || typeof b.key_secret !== "string") {
                return pamError(400, "Bad request: key_id and key_secret are required", [{ path: "key_id", message: "is required" }, { path: "key_secret", message: "is required" }].filter((e) => typeof b[e.path as "key_id"] !== "string"));
            }
            const user = ctx.params.team_name === state.team ? state.serviceUsers.find((u) => u.keyId === b.key_id && u.keySecret === b.key_secret) : undefined;
            if (!user) {
                state.refusedMints++;
                // Never echo the key id or secret back.
                return pamError(401, "Unauthorized: the API key is not valid for this team");
            }
            return { status: 200, body: state.issue(user) };
        },
    });

    registerCollection(add, {
        path: `${PAM_BASE}/sudo_command_bundles`,
        idParam: "sudo_command_bundle_id",
        kind: "sudo command bundle",
        store: state.bundles,
        scope: inTeam,
        validate: bundleErrors,
        // PUT replaces every writable field (what the body leaves out takes its default); created_* stay.
        build: (b, id, ctx, _team, was) => materializeBundle(b, id, actor(ctx), new Date().toISOString(), was && { at: was.created_at, by: was.created_by }),
        putAnswersBody: false,
    });

    const GROUPS = `${PAM_BASE}/resource_groups`;
    const groupOr404 = registerCollection<ResourceGroup, null>(add, {
        path: GROUPS,
        idParam: "resource_group_id",
        kind: "resource group",
        store: state.resourceGroups,
        scope: inTeam,
        validate: (b) => (typeof b.name !== "string" || b.name === "" ? [{ path: "name", message: "is required" }] : []),
        build: (b, id) => ({
            id,
            name: String(b.name),
            description: typeof b.description === "string" ? b.description : "",
            team_id: state.teamId,
            delegated_resource_admin_groups: Array.isArray(b.delegated_resource_admin_groups) ? (b.delegated_resource_admin_groups as ResourceGroup["delegated_resource_admin_groups"]) : [],
        }),
        // The spec answers 200 with the group here (sudo command bundles answer 204).
        putAnswersBody: true,
        orderBy: true,
        beforeDelete: (g) => {
            const projects = [...state.projects.values()].filter((p) => p.resource_group_id === g.id).length;
            return projects ? pamError(409, `Conflict: the resource group "${g.name}" still has ${projects} project(s); delete them first`) : undefined;
        },
    });

    registerCollection<Project, ResourceGroup>(add, {
        path: `${GROUPS}/{resource_group_id}/projects`,
        idParam: "project_id",
        kind: "project",
        store: state.projects,
        // A project lives in the path's resource group: a missing group answers its own 404.
        scope: groupOr404,
        inScope: (p, g) => p.resource_group_id === g.id,
        scopeText: { notFound: (g) => ` in resource group ${g.id}`, conflict: " in this resource group" },
        validate: (b) => nameErrors(b.name),
        build: (b, id, _ctx, g, was) => {
            const p: Project = { id, name: String(b.name), team: state.team, resource_group_id: g.id, deleted_at: null, active_resource_count: 0, stale_resource_count: 0, ...PROJECT_DEFAULTS };
            for (const k of PROJECT_WRITABLE) if (b[k] !== undefined && b[k] !== null) p[k] = b[k];
            // The resource counts are the server's: a PUT keeps them.
            return was ? { ...p, active_resource_count: was.active_resource_count, stale_resource_count: was.stale_resource_count } : p;
        },
        putAnswersBody: true,
    });
}
