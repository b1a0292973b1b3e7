// A hook key for an inline hook's signatures, and what a hook's receiver needs to verify them.
import { getHookKeyPublicKeyOutput, HookKey } from "pulumi-okta-dynamic";

export function hookKeys() {
    const signing = new HookKey("inline-hook-signing", { name: "inline-hook-signing-prod" });
    // The same key, looked up by its keyId: what a receiver outside this stack would do.
    const published = getHookKeyPublicKeyOutput({ keyId: signing.keyId });
    return {
        hookKeyId: signing.id,
        keyId: signing.keyId,
        inUse: signing.isUsed,
        // PEM, ready for `crypto.verify` (or openssl) in the service that receives Okta's inline hook calls.
        publicKeyPem: signing.publicKeyPem,
        samePem: published.apply((p) => p.pem),
    };
}
