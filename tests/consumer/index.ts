// A user's Pulumi program, as written against the installed package (the package test compiles it under strict
// with no skipLibCheck, as CommonJS and as nodenext, and runs it through the engine against the emulator).
import * as pulumi from "@pulumi/pulumi";
import {
    ApiObject,
    callApi,
    callApiOutput,
    getHookKeyOutput,
    getHookKeyPublicKeyOutput,
    getRequestTypeOutput,
    getRequestTypesOutput,
    getTeam,
    getTeamOutput,
    getTeamsOutput,
    HookKey,
    RequestType,
    RequestTypeArgs,
} from "pulumi-okta-dynamic";

export async function program(): Promise<Record<string, unknown>> {
    const it = await getTeam({ name: "IT" });
    const args: RequestTypeArgs = {
        name: "consumer-group-access",
        description: "Group access with manager approval",
        ownerId: it.id,
        resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: "00g1emaKYZTWRYYRRTSK" }] },
        approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
        status: "ACTIVE",
    };
    const rt = new RequestType("group-access", args);
    const key = new HookKey("signing", { name: "consumer-signing" });
    const viaApi = new ApiObject("api-hook-key", { path: "/api/v1/hook-keys", data: { name: "consumer-api-object" } });
    const devices = await callApi({ method: "GET", relativeUrl: "/api/v1/devices" });
    const hookKeys = callApiOutput({ method: "GET", relativeUrl: "/api/v1/hook-keys" });
    return {
        requestTypeStatus: rt.status,
        teamName: getTeamOutput({ name: "IT" }).name,
        teams: getTeamsOutput().apply((t) => t.length),
        // Lookups run while the program runs: on the first up, before the type above exists.
        requestTypes: getRequestTypesOutput({ status: "ACTIVE" }).apply((t) => t.length),
        requestTypeName: getRequestTypeOutput({ id: rt.id }).name,
        keyName: getHookKeyOutput({ id: key.id }).name,
        pem: getHookKeyPublicKeyOutput({ keyId: key.keyId }).pem.apply((p) => p.startsWith("-----BEGIN PUBLIC KEY-----")),
        isUsed: key.isUsed,
        apiObjectId: viaApi.objectId,
        devicesStatus: devices.statusCode,
        hookKeysStatus: hookKeys.statusCode,
        stack: pulumi.getStack(),
    };
}
