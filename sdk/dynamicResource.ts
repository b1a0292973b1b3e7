import * as pulumi from "@pulumi/pulumi";
import { ProviderName, providerModule } from "./providerModule";

/**
 * A dynamic resource of this package: the same type token and `__provider` input that
 * `pulumi.dynamic.Resource` registers, so the engine runs it in its Node dynamic-provider plugin, but with the
 * provider module written by hand instead of a serialized closure (see providerModule.ts).
 */
export abstract class OktaDynamicResource extends pulumi.CustomResource {
    protected constructor(provider: ProviderName, type: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super(`pulumi-nodejs:dynamic/okta:${type}`, name, { ...props, __provider: providerModule(provider) }, opts);
    }
}
