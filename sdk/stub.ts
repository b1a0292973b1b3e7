// The provider objects Pulumi serializes into state for every resource (as `__provider`, in inputs and outputs).
// The engine's plugin deserializes one and always calls configure() first (before check, diff or any CRUD
// call), so a stub carries only that: configure() puts the installed package's provider behind the stub and
// forwards the stack config. State stays tiny, holds no credential, and does not change when the package is
// upgraded (no spurious diffs).
//
// Each stub is written out whole, on one line, capturing nothing: the serialized text is the function's source,
// and every captured value or line of indentation would be stored again for every resource.
import type * as dynamic from "@pulumi/pulumi/dynamic";

export type ProviderName = "requestTypeProvider" | "hookKeyProvider" | "apiObjectProvider";

// Only configure() is defined here: the rest of each provider is reached through the prototype it sets.
const stubs = {
    requestTypeProvider: { configure(r) { const p = require("pulumi-okta-dynamic/provider").requestTypeProvider; Object.setPrototypeOf(this, p); return p.configure(r); } },
    hookKeyProvider: { configure(r) { const p = require("pulumi-okta-dynamic/provider").hookKeyProvider; Object.setPrototypeOf(this, p); return p.configure(r); } },
    apiObjectProvider: { configure(r) { const p = require("pulumi-okta-dynamic/provider").apiObjectProvider; Object.setPrototypeOf(this, p); return p.configure(r); } },
} as Record<ProviderName, dynamic.ResourceProvider>;

/** One stub object per provider, so Pulumi serializes it once per program (it caches by identity). */
export function providerStub(name: ProviderName): dynamic.ResourceProvider {
    return stubs[name];
}
