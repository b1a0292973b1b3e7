// What a door can authenticate with, as settings.ts resolves it from config and the environment and the auth
// strategies (client.ts, oauth.ts, privilegedAccess.ts) use it. Shapes only: this module imports nothing, so
// the settings never depend on the strategies that depend on the client.

/** The org's credentials: a token used as is, or an OAuth service app that signs for its tokens. */
export type Credentials =
    | { kind: "apiToken"; token: string }
    | { kind: "accessToken"; token: string }
    | ServiceAppCredentials;

/** An OAuth 2.0 service app (private_key_jwt): oauth.ts turns it into tokens. */
export interface ServiceAppCredentials {
    kind: "oauth";
    clientId: string;
    /** PEM (PKCS#8) or a JWK as JSON. */
    privateKey: string;
    privateKeyId?: string;
    scopes: string[];
    /** true: always DPoP; false: never; undefined: use it when the token endpoint asks for it. */
    dpop?: boolean;
}

/** An Okta Privileged Access service user: privilegedAccess.ts trades its key for bearer tokens. */
export interface PamSettings {
    /** `https://myorg.pam.okta.com` (or the emulator), no trailing slash. */
    url: string;
    team: string;
    keyId: string;
    keySecret: string;
}
