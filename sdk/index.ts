// What Pulumi programs import.
export { RequestType, RequestTypeArgs } from "./requestType";
export { HookKey, HookKeyArgs } from "./hookKey";
export { ApiObject, ApiObjectArgs } from "./apiObject";
export { callApi, callApiOutput } from "./callApi";
export type { CallApiArgs, CallApiOutputArgs, CallApiResult } from "./callApi";
export type { ApiCallArgs, ApiCallResult, ApiName, HttpMethod } from "../provider/apiCall";
export * from "./lookups";
export type {
    Approval,
    ApprovalSettings,
    Field,
    RequestSettings,
    RequestTypeObject,
    ResourceSettings,
    RequestTypeSparse,
    Team,
} from "../provider/schema/requestType";
export type { HookKeyJwk } from "../provider/schema/hookKey";
