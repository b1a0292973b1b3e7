import * as pulumi from "@pulumi/pulumi";
import { NAMESPACE } from "../provider/okta/settings";
import { PREVIEW_CHECK } from "../provider/resourceArgs";
import { ProviderName, providerModule } from "./providerModule";
import { ALWAYS_SECRET_OUTPUTS } from "../provider/answerSecrets";

/**
 * A dynamic resource of this package: the same type token and `__provider` input that
 * `pulumi.dynamic.Resource` registers, so the engine runs it in its Node dynamic-provider plugin, but with the
 * provider module written by hand instead of a serialized closure (see providerModule.ts).
 *
 * In a preview it also asks the provider to verify the org's configuration and credentials (once per org and
 * run; provider/verifyAccess.ts), so a stack that `up` cannot apply fails its preview.
 */
export abstract class OktaDynamicResource extends pulumi.CustomResource {
    protected constructor(provider: ProviderName, type: keyof typeof ALWAYS_SECRET_OUTPUTS, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        const check = previewCheck() ? { [PREVIEW_CHECK]: true } : {};
        // The engine re-marks an output secret only where the same-named input was; outputs with no input that may
        // hold Okta's credentials (ApiObject's `object`) are named here, by the rule both doors share.
        const additionalSecretOutputs = [...(opts?.additionalSecretOutputs ?? []), ...ALWAYS_SECRET_OUTPUTS[type]];
        super(`pulumi-nodejs:dynamic/okta:${type}`, name, { ...props, ...check, __provider: providerModule(provider) }, { ...opts, additionalSecretOutputs });
    }
}

/** On in previews, unless `pulumi-okta-dynamic:verifyInPreview` (or OKTA_DYNAMIC_VERIFY_IN_PREVIEW) is false. */
function previewCheck(): boolean {
    if (!pulumi.runtime.isDryRun()) return false;
    const v = pulumi.runtime.getConfig(`${NAMESPACE}:verifyInPreview`) ?? process.env.OKTA_DYNAMIC_VERIFY_IN_PREVIEW;
    return v?.trim().toLowerCase() !== "false";
}
