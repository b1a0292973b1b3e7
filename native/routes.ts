// What the native plugin serves, by type token: the same ResourceProviders as the dynamic door (provider/), and
// the lookups and the custom call as functions. Nothing here decides anything about Okta.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { requestTypeProvider } from "../provider/requestType";
import { hookKeyProvider } from "../provider/hookKey";
import { apiObjectProvider } from "../provider/apiObject";
import { currentOrg } from "../provider/okta/context";
import * as lookups from "../provider/lookups";
import { PACKAGE } from "./config";
import { nativeType } from "../provider/nativePackage";
import { callApiInvoke } from "./callApi";
import { ALWAYS_SECRET_OUTPUTS, CALL_API_OPT_OUT, callApiAnswerIsSecret } from "../provider/answerSecrets";

export interface ResourceRoute {
    provider: dynamic.ResourceProvider;
    /** Outputs kept secret whatever the inputs were (provider/answerSecrets.ts; the dynamic door's additionalSecretOutputs). */
    alwaysSecret: readonly string[];
}

export const RESOURCES: Record<string, ResourceRoute> = {
    [nativeType("RequestType")]: { provider: requestTypeProvider, alwaysSecret: ALWAYS_SECRET_OUTPUTS.RequestType },
    [nativeType("HookKey")]: { provider: hookKeyProvider, alwaysSecret: ALWAYS_SECRET_OUTPUTS.HookKey },
    [nativeType("ApiObject")]: { provider: apiObjectProvider, alwaysSecret: ALWAYS_SECRET_OUTPUTS.ApiObject },
};

type Args = Record<string, unknown>;

/** A function's result is an object in Pulumi's schema: lists come back under one named property. */
export const FUNCTIONS: Record<string, (args: Args) => Promise<unknown>> = {
    [`${PACKAGE}:index:getTeam`]: (a) => lookups.getTeam(currentOrg(), a as unknown as lookups.GetTeamArgs),
    [`${PACKAGE}:index:getTeams`]: async () => ({ teams: await lookups.getTeams(currentOrg()) }),
    [`${PACKAGE}:index:getRequestType`]: (a) => lookups.getRequestType(currentOrg(), a as lookups.GetRequestTypeArgs),
    [`${PACKAGE}:index:getRequestTypes`]: async (a) => ({ requestTypes: await lookups.getRequestTypes(currentOrg(), a as lookups.GetRequestTypesArgs) }),
    [`${PACKAGE}:index:getHookKey`]: (a) => lookups.getHookKey(currentOrg(), a as lookups.GetHookKeyArgs),
    [`${PACKAGE}:index:getHookKeyPublicKey`]: (a) => lookups.getHookKeyPublicKey(currentOrg(), a as unknown as lookups.GetHookKeyPublicKeyArgs),
    [`${PACKAGE}:index:callApi`]: callApiInvoke,
};

/**
 * Whether a function's answer is secret, given its arguments and whether any was secret: the lookups' only when an
 * argument was, callApi's unless `secret: false` (provider/answerSecrets.ts, as on the dynamic door).
 */
export function answerIsSecret(token: string, args: Args, anArgumentWasSecret: boolean): boolean {
    return token === `${PACKAGE}:index:callApi` ? callApiAnswerIsSecret(args[CALL_API_OPT_OUT], anArgumentWasSecret) : anArgumentWasSecret;
}

/** The resource type of a URN (`urn:pulumi:stack::project::[parent$]type::name`). */
export function typeOfUrn(urn: string): string {
    const parts = urn.split("::");
    return (parts[2] ?? "").split("$").pop() ?? "";
}
