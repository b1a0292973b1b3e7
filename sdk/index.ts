// What Pulumi programs import.
export { RequestType, RequestTypeArgs } from "./requestType";
export { HookKey, HookKeyArgs } from "./hookKey";
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
