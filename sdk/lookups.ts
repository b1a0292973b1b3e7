// Lookups, like Pulumi data sources: plain async functions (dynamic providers have no invokes) that read the
// org from the stack config in the program, each with an ...Output variant that takes Inputs.
import * as pulumi from "@pulumi/pulumi";
import { REQUEST_TYPES_PATH, RequestTypeObject, RequestTypeSparse, Team, TEAMS_PATH } from "../provider/schema/requestType";
import { extractJwk, HOOK_KEYS_PATH, HookKeyJwk, HookKeyObject, parseIsUsed } from "../provider/schema/hookKey";
import { jwkToPem } from "../provider/okta/jwk";
import { inProgram, programOrg } from "./client";
import { idSegment } from "../provider/okta/pathSafety";

export interface GetTeamArgs {
    name: string;
}

/** A filter's string literal: a backslash and a quote are escaped, in that order. */
function filterString(v: string): string {
    return `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** The Access Requests team with this name (every org has "IT"). */
export function getTeam(args: GetTeamArgs): Promise<Team> {
    return inProgram(async () => {
        const { client, orgUrl } = programOrg();
        const teams = await client.listAll<Team>(TEAMS_PATH, { filter: `name eq ${filterString(args.name)}`, limit: 200 });
        const team = teams.find((t) => t.name === args.name);
        if (!team) throw new Error(`getTeam: no Access Requests team named "${args.name}" in ${orgUrl}`);
        return team;
    });
}

export function getTeamOutput(args: pulumi.Input<{ name: pulumi.Input<string> }>): pulumi.Output<Team> {
    return pulumi.output(args).apply((a) => getTeam(a));
}

/** Every Access Requests team in the org (all pages). */
export function getTeams(): Promise<Team[]> {
    return inProgram(async () => {
        const { client } = programOrg();
        return client.listAll<Team>(TEAMS_PATH, { limit: 200 });
    });
}

export function getTeamsOutput(): pulumi.Output<Team[]> {
    return pulumi.output(getTeams());
}

export type GetRequestTypeArgs = { id: string } | { name: string };

/** One request type, in full, by id or by its unique name. */
export function getRequestType(args: GetRequestTypeArgs): Promise<RequestTypeObject> {
    return inProgram(async () => {
        const { client, orgUrl } = programOrg();
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
    });
}

export function getRequestTypeOutput(args: pulumi.Input<{ id: pulumi.Input<string> } | { name: pulumi.Input<string> }>): pulumi.Output<RequestTypeObject> {
    return pulumi.output(args).apply((a) => getRequestType(a as GetRequestTypeArgs));
}

export interface GetRequestTypesArgs {
    status?: "DRAFT" | "ACTIVE" | "DISABLED";
    /** ISO 8601 timestamp: only types updated after it. */
    lastUpdatedAfter?: string;
    /** e.g. "created desc", "lastUpdated". */
    orderBy?: string;
}

/** Every request type matching the filters, from all pages (abbreviated items: no owner, no settings). */
export function getRequestTypes(args: GetRequestTypesArgs = {}): Promise<RequestTypeSparse[]> {
    return inProgram(async () => {
        const { client } = programOrg();
        const filters: string[] = [];
        if (args.status) filters.push(`status eq "${args.status}"`);
        if (args.lastUpdatedAfter) filters.push(`lastUpdated gt "${args.lastUpdatedAfter}"`);
        return client.listAll<RequestTypeSparse>(REQUEST_TYPES_PATH, { filter: filters.length ? filters.join(" AND ") : undefined, orderBy: args.orderBy, limit: 200 });
    });
}

export function getRequestTypesOutput(args: pulumi.Input<{ [K in keyof GetRequestTypesArgs]: pulumi.Input<GetRequestTypesArgs[K]> }> = {}): pulumi.Output<RequestTypeSparse[]> {
    return pulumi.output(args).apply((a) => getRequestTypes(a as GetRequestTypesArgs));
}

export type GetHookKeyArgs = { id: string } | { name: string };

export interface HookKeyInfo {
    id: string;
    keyId: string;
    name: string;
    isUsed: boolean;
    created: string | null;
    lastUpdated: string | null;
}

/** One hook key by id or by name (`isUsed` as a real boolean). */
export function getHookKey(args: GetHookKeyArgs): Promise<HookKeyInfo> {
    return inProgram(async () => {
        const { client, orgUrl } = programOrg();
        let key: HookKeyObject | undefined;
        if ("id" in args) {
            const res = await client.get<HookKeyObject>(`${HOOK_KEYS_PATH}/${idSegment(args.id)}`, { expect: [404] });
            if (res.status !== 404) key = res.body;
        } else {
            key = (await client.listAll<HookKeyObject>(HOOK_KEYS_PATH)).find((k) => k.name === args.name);
        }
        if (!key) throw new Error(`getHookKey: no hook key ${"id" in args ? `with id ${args.id}` : `named "${args.name}"`} in ${orgUrl}`);
        return { id: key.id, keyId: key.keyId, name: key.name, isUsed: parseIsUsed(key.isUsed), created: key.created ?? null, lastUpdated: key.lastUpdated ?? null };
    });
}

export function getHookKeyOutput(args: pulumi.Input<{ id: pulumi.Input<string> } | { name: pulumi.Input<string> }>): pulumi.Output<HookKeyInfo> {
    return pulumi.output(args).apply((a) => getHookKey(a as GetHookKeyArgs));
}

/** A hook key's public key by its `keyId`, as JWK and PEM. */
export function getHookKeyPublicKey(args: { keyId: string }): Promise<{ jwk: HookKeyJwk; pem: string }> {
    return inProgram(async () => {
        const { client, orgUrl } = programOrg();
        const res = await client.get(`${HOOK_KEYS_PATH}/public/${idSegment(args.keyId)}`, { expect: [404] });
        const jwk = res.status === 404 ? undefined : extractJwk(res.body);
        if (!jwk) throw new Error(`getHookKeyPublicKey: no public key with keyId ${args.keyId} in ${orgUrl}`);
        return { jwk, pem: jwkToPem(jwk) };
    });
}

export function getHookKeyPublicKeyOutput(args: pulumi.Input<{ keyId: pulumi.Input<string> }>): pulumi.Output<{ jwk: HookKeyJwk; pem: string }> {
    return pulumi.output(args).apply((a) => getHookKeyPublicKey(a));
}
