import * as pulumi from "@pulumi/pulumi";
import type {
    ApprovalSettings,
    DeclarableStatus,
    LastUpdateSource,
    RequestSettings,
    RequestTypeStatus,
    ResourceSettings,
} from "../provider/schema/requestType";
import { OktaDynamicResource } from "./dynamicResource";
import { DeepInput } from "./inputs";

export interface RequestTypeArgs {
    /** 1..50 characters, unique in the org. Changing it replaces the request type. */
    name: pulumi.Input<string>;
    /** 1..2000 characters. */
    description?: pulumi.Input<string>;
    /** The id of the team that administers the request type (24 hex characters); see getTeam(). */
    ownerId: pulumi.Input<string>;
    /** The one app, group or entitlement bundle that can be requested. */
    resourceSettings: DeepInput<ResourceSettings>;
    /** Who may request, and what they are asked. Default: everyone, no questions. */
    requestSettings?: DeepInput<RequestSettings>;
    /** Who approves, in order, and what they are asked. */
    approvalSettings: DeepInput<ApprovalSettings>;
    /** How long access lasts: `P40D`, `PT65H`, `PT90M` (one unit only). Default: no limit. */
    accessDuration?: pulumi.Input<string | null>;
    /** DRAFT (default) or ACTIVE (published). Changing it publishes or unpublishes in place. */
    status?: pulumi.Input<DeclarableStatus>;
}

/**
 * An Okta Access Requests request type. Okta has no update for request types: a change of `status` is applied
 * in place (publish / un-publish); any other change replaces the request type (deleted first when its name
 * stays the same, since names are unique).
 *
 * Pass `{ import: "<id>" }` in the options to adopt an existing request type on the first `up` (see README).
 */
export class RequestType extends OktaDynamicResource {
    declare readonly name: pulumi.Output<string>;
    declare readonly description: pulumi.Output<string | undefined>;
    declare readonly ownerId: pulumi.Output<string>;
    declare readonly resourceSettings: pulumi.Output<ResourceSettings>;
    declare readonly requestSettings: pulumi.Output<RequestSettings>;
    declare readonly approvalSettings: pulumi.Output<ApprovalSettings>;
    declare readonly accessDuration: pulumi.Output<string | null>;
    declare readonly status: pulumi.Output<RequestTypeStatus>;
    /** When Okta made it (ISO 8601). */
    declare readonly created: pulumi.Output<string>;
    /** The id of the user or app that made it. */
    declare readonly createdBy: pulumi.Output<string>;
    /** When it last changed (ISO 8601). */
    declare readonly lastUpdated: pulumi.Output<string>;
    /** The id of the user or app that changed it last. */
    declare readonly lastUpdatedBy: pulumi.Output<string>;
    /** API or WEB: where the last change came from. */
    declare readonly lastUpdateSource: pulumi.Output<LastUpdateSource>;
    /** The org the request type lives in; operations refuse to run against another org. */
    declare readonly orgUrl: pulumi.Output<string>;

    constructor(name: string, args: RequestTypeArgs, opts?: pulumi.CustomResourceOptions) {
        const { import: importId, ...rest } = opts ?? {};
        super(
            "requestTypeProvider",
            "RequestType",
            name,
            {
                ...args,
                // The engine cannot import dynamic resources (pulumi/pulumi#16175): adoption is done by the provider.
                importId,
                created: undefined,
                createdBy: undefined,
                lastUpdated: undefined,
                lastUpdatedBy: undefined,
                lastUpdateSource: undefined,
                orgUrl: undefined,
            },
            rest,
        );
    }
}
