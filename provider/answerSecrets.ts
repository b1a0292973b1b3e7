// What of Okta's answers is kept secret, for both doors (the dynamic door's SDK says it with additionalSecretOutputs
// and pulumi.secret, the native door by wrapping outputs): ONE rule, here. Pure.
//
// - A resource's outputs named in ALWAYS_SECRET_OUTPUTS are secret whatever its inputs were; any other output is
//   secret when the same-named input was (the engine's rule on the dynamic door, native/secrets.ts's on the native).
// - callApi's answer is secret unless the program opts out with `secret: false`, and then still when an argument was.
// - An object Okta answered never brings the credentials Okta generated (or keeps) into a resource's inputs: those
//   are written by `pulumi import` into the program as `secret("<plaintext>")`, which is committed. They stay in the
//   secret `object` output, and withoutOktaSecrets() removes them from the imported `data`.
import { isObject } from "./schema/validate";

/** The outputs each resource keeps secret whatever its inputs were: ApiObject's `object` is Okta's whole answer. */
export const ALWAYS_SECRET_OUTPUTS = {
    RequestType: [],
    HookKey: [],
    ApiObject: ["object"],
} as const satisfies Record<string, readonly string[]>;

/** The name of callApi's opt-out, on both doors: `secret: false` makes the answer plain. */
export const CALL_API_OPT_OUT = "secret";

/**
 * Whether callApi's answer (statusCode, headers, body: the whole answer, as the dynamic door's Output) is secret:
 * unless the program said `secret: false`, and then still when any argument was secret.
 */
export function callApiAnswerIsSecret(optOut: unknown, anArgumentWasSecret: boolean): boolean {
    return optOut !== false || anArgumentWasSecret;
}

/**
 * Field names whose string value is a credential in some answer of Okta's APIs (third_party/okta-openapi): an app's
 * or an OAuth client's generated `client_secret` (ApplicationCredentialsOAuthClient, Client, OAuth2ClientSecret,
 * APIServiceIntegrationInstanceSecret) and its `secret_hash`, `clientSecret` (OAuth2Settings, inline hooks' OAuth
 * config), Privileged Access's generated service-user key `secret` (ServiceUserKeyWithSecret) and enrollment and
 * gateway `token`s, key material (`privateKey`, `secretKey`, `sharedSecret`, `tokenSigningKey`), provisioning and
 * log-stream tokens (`token`, `tokenEncrypted`, `providerAuthToken`), passwords (`adminPassword`, `tempPassword`,
 * `password` as a string) and every kind of token or encrypted secret an answer can carry. Only string values go:
 * where Okta uses the same name for an object of settings (an authorization server rule's `token` lifetimes, an OIDC
 * app's `refresh_token` rotation, a password policy's `password`), it holds no credential and stays.
 */
export const SECRET_FIELD_NAMES: ReadonlySet<string> = new Set([
    "client_secret",
    "clientSecret",
    "secret_hash",
    "secret",
    "secretKey",
    "sharedSecret",
    "privateKey",
    "private_key",
    "tokenSigningKey",
    "token",
    "tokenEncrypted",
    "providerAuthToken",
    "apiToken",
    "access_token",
    "refresh_token",
    "id_token",
    "device_secret",
    "vaulted_secret",
    "bearer_token",
    "activationToken",
    "sessionToken",
    "key_secret",
    "password",
    "adminPassword",
    "tempPassword",
    "password_jwe",
    "secret_jwe",
]);

/** Fields that hold a credential inside an object under these names: a password's or hash's `value`, an auth scheme's. */
const SECRET_MEMBERS: Readonly<Record<string, readonly string[]>> = {
    password: ["value", "hash"],
    hash: ["value", "salt"],
    authScheme: ["value"],
};

/** A JSON Web Key's private members (RFC 7518 section 6): only in an object with a `kty`. */
const JWK_PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "k", "oth"];

/** Whether a field of an object, under `parentKey`, holds a credential Okta generated or keeps. */
export function isSecretField(key: string, value: unknown, parentKey: string | undefined, parent: Record<string, unknown>): boolean {
    if (SECRET_FIELD_NAMES.has(key) && typeof value === "string") return true;
    if (parentKey !== undefined && SECRET_MEMBERS[parentKey]?.includes(key)) return true;
    return typeof parent.kty === "string" && JWK_PRIVATE_MEMBERS.includes(key);
}

/** The value without the fields that hold a credential (isSecretField), at any depth; list items stay in place. */
export function withoutOktaSecrets(v: unknown, parentKey?: string): unknown {
    if (Array.isArray(v)) return v.map((x) => withoutOktaSecrets(x, parentKey));
    if (!isObject(v)) return v;
    return Object.fromEntries(
        Object.entries(v)
            .filter(([k, x]) => !isSecretField(k, x, parentKey, v))
            .map(([k, x]) => [k, withoutOktaSecrets(x, k)]),
    );
}
