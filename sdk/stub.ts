// The provider object Pulumi serializes into state for every resource. The engine's plugin deserializes it
// and always calls configure() first (before check, diff or any CRUD call), so the stub carries only that:
// configure() links the object to the installed package's provider and forwards the stack config. State
// stays tiny, holds no credential, and does not change when the package is upgraded (no spurious diffs).
import type * as dynamic from "@pulumi/pulumi/dynamic";

export type ProviderName = "requestTypeProvider" | "hookKeyProvider" | "apiObjectProvider";

const stubs = new Map<ProviderName, dynamic.ResourceProvider>();

/** One stub object per provider, so Pulumi serializes it once per program (it caches by identity). */
export function providerStub(name: ProviderName): dynamic.ResourceProvider {
    let s = stubs.get(name);
    if (!s) {
        s = {
            configure(req: dynamic.ConfigureRequest) {
                const real = require("pulumi-okta-dynamic/provider")[name];
                Object.setPrototypeOf(this, real);
                return real.configure(req);
            },
        } as dynamic.ResourceProvider;
        stubs.set(name, s);
    }
    return s;
}
