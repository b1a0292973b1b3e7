import * as pulumi from "@pulumi/pulumi";
import type { HookKeyJwk } from "../provider/schema/hookKey";
import { OktaDynamicResource } from "./dynamicResource";

export interface HookKeyArgs {
    /** 1..255 characters, unique in the org. Renaming is done in place. */
    name: pulumi.Input<string>;
}

/**
 * An Okta hook key: an RSA key pair Okta keeps, whose private half signs inline-hook calls. Renaming is
 * in place; a key deleted outside Pulumi is recreated by the next `up` after a refresh. Okta refuses to
 * delete a key while an inline hook uses it. `{ import: "<id>" }` adopts an existing key.
 */
export class HookKey extends OktaDynamicResource {
    declare readonly name: pulumi.Output<string>;
    /** The alias of the public key (the JWK's `kid`). */
    declare readonly keyId: pulumi.Output<string>;
    /** Whether an inline hook uses the key (Okta then refuses to delete it). */
    declare readonly isUsed: pulumi.Output<boolean>;
    /** When Okta made the key (ISO 8601), if it says. */
    declare readonly created: pulumi.Output<string | null>;
    /** When the key last changed (ISO 8601), if Okta says. */
    declare readonly lastUpdated: pulumi.Output<string | null>;
    /** The public key as a JWK (`kty`, `alg`, `e`, `n`, `kid`, `use`). */
    declare readonly publicKey: pulumi.Output<HookKeyJwk>;
    /** The same public key as PEM (SPKI), to verify inline-hook signatures. */
    declare readonly publicKeyPem: pulumi.Output<string>;
    /** The org the key lives in; operations refuse to run against another org. */
    declare readonly orgUrl: pulumi.Output<string>;

    constructor(name: string, args: HookKeyArgs, opts?: pulumi.CustomResourceOptions) {
        const { import: importId, ...rest } = opts ?? {};
        super(
            "hookKeyProvider",
            "HookKey",
            name,
            { ...args, importId, keyId: undefined, isUsed: undefined, created: undefined, lastUpdated: undefined, publicKey: undefined, publicKeyPem: undefined, orgUrl: undefined },
            rest,
        );
    }
}
