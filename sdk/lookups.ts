// Lookups, like Pulumi data sources: plain async functions (dynamic providers have no invokes) that read the
// org from the stack config in the program, each with an ...Output variant that takes Inputs. The calls
// themselves are provider/lookups.ts, which the native plugin serves as invokes too.
import * as pulumi from "@pulumi/pulumi";
import type { RequestTypeObject, RequestTypeSparse, Team } from "../provider/schema/requestType";
import type { HookKeyJwk } from "../provider/schema/hookKey";
import * as core from "../provider/lookups";
import type { GetHookKeyArgs, GetRequestTypeArgs, GetRequestTypesArgs, GetTeamArgs, HookKeyInfo } from "../provider/lookups";
import { inProgram, programOrg } from "./client";

export type { GetHookKeyArgs, GetRequestTypeArgs, GetRequestTypesArgs, GetTeamArgs, HookKeyInfo };

/** The Access Requests team with this name (every org has "IT"). */
export function getTeam(args: GetTeamArgs): Promise<Team> {
    return inProgram(() => core.getTeam(programOrg(), args));
}

export function getTeamOutput(args: pulumi.Input<{ name: pulumi.Input<string> }>): pulumi.Output<Team> {
    return pulumi.output(args).apply((a) => getTeam(a));
}

/** Every Access Requests team in the org (all pages). */
export function getTeams(): Promise<Team[]> {
    return inProgram(() => core.getTeams(programOrg()));
}

export function getTeamsOutput(): pulumi.Output<Team[]> {
    return pulumi.output(getTeams());
}

/** One request type, in full, by id or by its unique name. */
export function getRequestType(args: GetRequestTypeArgs): Promise<RequestTypeObject> {
    return inProgram(() => core.getRequestType(programOrg(), args));
}

export function getRequestTypeOutput(args: pulumi.Input<{ id: pulumi.Input<string> } | { name: pulumi.Input<string> }>): pulumi.Output<RequestTypeObject> {
    return pulumi.output(args).apply((a) => getRequestType(a as GetRequestTypeArgs));
}

/** Every request type matching the filters, from all pages (abbreviated items: no owner, no settings). */
export function getRequestTypes(args: GetRequestTypesArgs = {}): Promise<RequestTypeSparse[]> {
    return inProgram(() => core.getRequestTypes(programOrg(), args));
}

export function getRequestTypesOutput(args: pulumi.Input<{ [K in keyof GetRequestTypesArgs]: pulumi.Input<GetRequestTypesArgs[K]> }> = {}): pulumi.Output<RequestTypeSparse[]> {
    return pulumi.output(args).apply((a) => getRequestTypes(a as GetRequestTypesArgs));
}

/** One hook key by id or by name (`isUsed` as a real boolean). */
export function getHookKey(args: GetHookKeyArgs): Promise<HookKeyInfo> {
    return inProgram(() => core.getHookKey(programOrg(), args));
}

export function getHookKeyOutput(args: pulumi.Input<{ id: pulumi.Input<string> } | { name: pulumi.Input<string> }>): pulumi.Output<HookKeyInfo> {
    return pulumi.output(args).apply((a) => getHookKey(a as GetHookKeyArgs));
}

/** A hook key's public key by its `keyId`, as JWK and PEM. */
export function getHookKeyPublicKey(args: { keyId: string }): Promise<{ jwk: HookKeyJwk; pem: string }> {
    return inProgram(() => core.getHookKeyPublicKey(programOrg(), args));
}

export function getHookKeyPublicKeyOutput(args: pulumi.Input<{ keyId: pulumi.Input<string> }>): pulumi.Output<{ jwk: HookKeyJwk; pem: string }> {
    return pulumi.output(args).apply((a) => getHookKeyPublicKey(a));
}
