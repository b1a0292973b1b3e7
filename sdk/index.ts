// What Pulumi programs import.
export { RequestType, RequestTypeArgs } from "./requestType";
export type {
    Approval,
    ApprovalSettings,
    Field,
    RequestSettings,
    RequestTypeObject,
    ResourceSettings,
    Team,
} from "../provider/schema/requestType";
