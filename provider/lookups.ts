// The lookups (like Pulumi data sources), given the org's client. Two callers: the SDK's functions in the
// program process (sdk/lookups.ts, org from the program's config) and the native plugin's invokes (native/,
// org from the plugin's configuration). Their argument and result types are the schema's words for them.
import { REQUEST_TYPES_PATH, RequestTypeObject, RequestTypeSparse, Team, TEAMS_PATH } from "./schema/requestType";
import { extractJwk, HOOK_KEYS_PATH, HookKeyJwk, HookKeyObject, parseIsUsed } from "./schema/hookKey";
import { jwkToPem } from "./okta/jwk";
import { OrgContext } from "./okta/context";
import { idSegment } from "./okta/pathSafety";
import { Failure } from "./schema/validate";

export interface GetTeamArgs {
    /** The team's name (every org has "IT"). */
    name: string;
}

/** A filter's string literal: a backslash and a quote are escaped, in that order. */
function filterString(v: string): string {
    return `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** The Access Requests team with this name (every org has "IT"). */
export async function getTeam({ client, orgUrl }: OrgContext, args: GetTeamArgs): Promise<Team> {
    const teams = await client.listAll<Team>(TEAMS_PATH, { filter: `name eq ${filterString(args.name)}`, limit: 200 });
    const team = teams.find((t) => t.name === args.name);
    if (!team) throw new Error(`getTeam: no Access Requests team named "${args.name}" in ${orgUrl}`);
    return team;
}

/** Every Access Requests team in the org (all pages). */
export async function getTeams({ client }: OrgContext): Promise<Team[]> {
    return client.listAll<Team>(TEAMS_PATH, { limit: 200 });
}

export type GetRequestTypeArgs =
    | {
          /** The request type's id. */
          id: string;
      }
    | {
          /** The request type's unique name. */
          name: string;
      };

/** One request type, in full, by id or by its unique name. */
export async function getRequestType({ client, orgUrl }: OrgContext, args: GetRequestTypeArgs): Promise<RequestTypeObject> {
    let id: string;
    if ("id" in args) {
        id = args.id;
    } else {
        const hit = (await client.listAll<RequestTypeSparse>(REQUEST_TYPES_PATH, { limit: 200 })).find((t) => t.name === args.name);
        if (!hit) throw new Error(`getRequestType: no request type named "${args.name}" in ${orgUrl}`);
        id = hit.id;
    }
    const res = await client.get<RequestTypeObject>(`${REQUEST_TYPES_PATH}/${idSegment(id)}`, { expect: [404] });
    if (res.status === 404) throw new Error(`getRequestType: no request type with id ${id} in ${orgUrl}`);
    return res.body;
}

export interface GetRequestTypesArgs {
    /** Only request types in this status. */
    status?: "DRAFT" | "ACTIVE" | "DISABLED";
    /** ISO 8601 timestamp: only types updated after it. */
    lastUpdatedAfter?: string;
    /** e.g. "created desc", "lastUpdated". */
    orderBy?: string;
}

export const REQUEST_TYPE_STATUSES = ["DRAFT", "ACTIVE", "DISABLED"] as const;

/** RFC 3339 date-time (Okta's `format: date-time`): date, time, optional fraction, Z or an offset. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Why getRequestTypes' filter values are refused: they go into a filter expression, so each must have the shape Okta
 * takes (status one of its values, lastUpdatedAfter a date-time), which leaves nothing to escape.
 */
export function validateGetRequestTypesArgs(args: GetRequestTypesArgs): Failure[] {
    const f: Failure[] = [];
    const { status, lastUpdatedAfter } = args as Record<string, unknown>;
    if (status !== undefined && !(REQUEST_TYPE_STATUSES as readonly unknown[]).includes(status)) {
        f.push({ property: "status", reason: `must be one of ${REQUEST_TYPE_STATUSES.join(", ")} (got ${JSON.stringify(status)})` });
    }
    if (lastUpdatedAfter !== undefined && (typeof lastUpdatedAfter !== "string" || !DATE_TIME.test(lastUpdatedAfter) || Number.isNaN(Date.parse(lastUpdatedAfter)))) {
        f.push({ property: "lastUpdatedAfter", reason: `must be an ISO 8601 date-time like 2024-05-01T00:00:00Z or 2024-05-01T08:30:00.000+02:00 (got ${JSON.stringify(lastUpdatedAfter)})` });
    }
    return f;
}

/** Every request type matching the filters, from all pages (abbreviated items: no owner, no settings). */
export async function getRequestTypes({ client }: OrgContext, args: GetRequestTypesArgs = {}): Promise<RequestTypeSparse[]> {
    const refused = validateGetRequestTypesArgs(args);
    if (refused.length) throw new Error(`getRequestTypes: ${refused.map((x) => `${x.property} ${x.reason}`).join("; ")}`);
    const filters: string[] = [];
    if (args.status) filters.push(`status eq "${args.status}"`);
    if (args.lastUpdatedAfter) filters.push(`lastUpdated gt "${args.lastUpdatedAfter}"`);
    return client.listAll<RequestTypeSparse>(REQUEST_TYPES_PATH, { filter: filters.length ? filters.join(" AND ") : undefined, orderBy: args.orderBy, limit: 200 });
}

export type GetHookKeyArgs =
    | {
          /** The hook key's id. */
          id: string;
      }
    | {
          /** The hook key's name. */
          name: string;
      };

export interface HookKeyInfo {
    /** The hook key's id. */
    id: string;
    /** The alias of the public key (the JWK's `kid`). */
    keyId: string;
    /** The hook key's name. */
    name: string;
    /** Whether an inline hook uses the key. */
    isUsed: boolean;
    /** When the key was made (ISO 8601), if Okta says. */
    created: string | null;
    /** When the key was last changed (ISO 8601), if Okta says. */
    lastUpdated: string | null;
}

/** One hook key by id or by name (`isUsed` as a real boolean). */
export async function getHookKey({ client, orgUrl }: OrgContext, args: GetHookKeyArgs): Promise<HookKeyInfo> {
    let key: HookKeyObject | undefined;
    if ("id" in args) {
        const res = await client.get<HookKeyObject>(`${HOOK_KEYS_PATH}/${idSegment(args.id)}`, { expect: [404] });
        if (res.status !== 404) key = res.body;
    } else {
        key = (await client.listAll<HookKeyObject>(HOOK_KEYS_PATH)).find((k) => k.name === args.name);
    }
    if (!key) throw new Error(`getHookKey: no hook key ${"id" in args ? `with id ${args.id}` : `named "${args.name}"`} in ${orgUrl}`);
    return { id: key.id, keyId: key.keyId, name: key.name, isUsed: parseIsUsed(key.isUsed), created: key.created ?? null, lastUpdated: key.lastUpdated ?? null };
}

export interface GetHookKeyPublicKeyArgs {
    /** The public key's alias (a hook key's `keyId`). */
    keyId: string;
}

export interface HookKeyPublicKey {
    /** The public key as a JWK. */
    jwk: HookKeyJwk;
    /** The same public key as PEM (SPKI). */
    pem: string;
}

/** A hook key's public key by its `keyId`, as JWK and PEM. */
export async function getHookKeyPublicKey({ client, orgUrl }: OrgContext, args: GetHookKeyPublicKeyArgs): Promise<HookKeyPublicKey> {
    const res = await client.get(`${HOOK_KEYS_PATH}/public/${idSegment(args.keyId)}`, { expect: [404] });
    const jwk = res.status === 404 ? undefined : extractJwk(res.body);
    if (!jwk) throw new Error(`getHookKeyPublicKey: no public key with keyId ${args.keyId} in ${orgUrl}`);
    return { jwk, pem: jwkToPem(jwk) };
}
