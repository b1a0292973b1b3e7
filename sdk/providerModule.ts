// What Pulumi stores as `__provider` for every resource, in its inputs and again in its outputs.
//
// The engine's dynamic-provider plugin loads that text as a CommonJS module, calls its `handler()` export for
// the provider object, calls configure() once with the stack config, and then check, diff or CRUD
// (`getProvider` in @pulumi/pulumi's cmd/dynamic-provider). pulumi.dynamic.Resource writes the text by
// serializing a closure, which costs 583 bytes of boilerplate at best, twice per resource. We write the module
// ourselves: one line that hands over the installed package's provider. It captures nothing (no credential can
// reach state) and does not change when the package is upgraded (no spurious diffs).
export type ProviderName = "requestTypeProvider" | "hookKeyProvider" | "apiObjectProvider";

export function providerModule(name: ProviderName): string {
    return `exports.handler=()=>require("pulumi-okta-dynamic/provider").${name}`;
}
