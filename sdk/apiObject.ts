import * as pulumi from "@pulumi/pulumi";
import type { ApiName } from "../provider/apiCall";
import { OktaDynamicResource } from "./dynamicResource";

export interface ApiObjectArgs {
    /** "management" (default) or "privileged-access" (paths relative to `/v1/teams/{team}`). */
    api?: pulumi.Input<ApiName>;
    /** The collection path: create POSTs here; the object lives at `path/{id}`. */
    path: pulumi.Input<string>;
    /** The fields to send. Only these are compared on diff: fields the server adds never cause changes. */
    data: pulumi.Input<Record<string, pulumi.Input<unknown>>>;
    /** Where the id is in the create answer (default "id"). */
    idAttribute?: pulumi.Input<string>;
    /** How updates are sent: PUT (default) or PATCH. */
    updateMethod?: pulumi.Input<"PUT" | "PATCH">;
    /** Top-level keys of `data` whose change replaces the object instead of updating it. */
    replaceOnChanges?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * A top-level key of `data` whose value is unique in the collection (e.g. "name"). With it, a create whose
     * answer was lost in the network is found and adopted on the next attempt instead of made twice.
     */
    uniqueKey?: pulumi.Input<string>;
}

/**
 * A managed object at any Okta endpoint without a resource of its own (e.g. a sudo command bundle).
 * `{ import: "<id>" }` adopts an existing object at `path/{id}` (one GET; declared fields that differ are then
 * sent as one update).
 */
export class ApiObject extends OktaDynamicResource {
    declare readonly api: pulumi.Output<ApiName>;
    declare readonly path: pulumi.Output<string>;
    declare readonly data: pulumi.Output<Record<string, unknown>>;
    /** The server's full object, as last answered. Always secret: it may hold credentials Okta generated (an app's client secret) or echoes from `data`. */
    declare readonly object: pulumi.Output<Record<string, unknown>>;
    /** The object's id: it lives at `path/{objectId}`. */
    declare readonly objectId: pulumi.Output<string>;
    /** The org or Privileged Access team the object lives in; operations refuse to run against another. */
    declare readonly baseUrl: pulumi.Output<string>;

    constructor(name: string, args: ApiObjectArgs, opts?: pulumi.CustomResourceOptions) {
        const { import: importId, ...rest } = opts ?? {};
        // The engine cannot import dynamic resources (pulumi/pulumi#16175): adoption is done by the provider.
        super("apiObjectProvider", "ApiObject", name, { ...args, importId, object: undefined, objectId: undefined, baseUrl: undefined }, rest);
    }
}
