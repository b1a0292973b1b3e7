// The one rule both doors keep secrets by (provider/answerSecrets.ts): which outputs are always secret, when
// callApi's answer is, and which fields of an answer Okta generated or keeps as credentials, so that an import
// never writes one into the program. Pure; the answers are shaped as Okta's schema and the emulator make them.
import * as assert from "assert";
import { ALWAYS_SECRET_OUTPUTS, CALL_API_OPT_OUT, callApiAnswerIsSecret, withoutOktaSecrets } from "../provider/answerSecrets";
import { AppState, newClientSecret } from "../emulator/apps";

type Json = Record<string, any>;

describe("provider/answerSecrets: what of Okta's answers stays secret, on both doors", () => {
    it("ApiObject's object, Okta's whole answer, is always secret; callApi's answer unless secret: false without a secret argument", () => {
        assert.deepStrictEqual(ALWAYS_SECRET_OUTPUTS, { RequestType: [], HookKey: [], ApiObject: ["object"] });
        assert.strictEqual(CALL_API_OPT_OUT, "secret", "the dynamic door's callApiOutput option");
        assert.deepStrictEqual(
            [callApiAnswerIsSecret(undefined, false), callApiAnswerIsSecret(true, false), callApiAnswerIsSecret(false, false), callApiAnswerIsSecret(false, true), callApiAnswerIsSecret("false", false)],
            [true, true, false, true, true],
        );
    });

    it("an OIDC app's answer loses its client_secret, and keeps everything else, credentials' settings included", () => {
        const secret = newClientSecret();
        const app = new AppState().wire(
            { id: "0oa1", status: "ACTIVE", created: "t", lastUpdated: "t", label: "web", oauthClient: { client_id: "0oa1", client_secret: secret, token_endpoint_auth_method: "client_secret_post" }, settings: { oauthClient: { grant_types: ["authorization_code"], refresh_token: { rotation_type: "ROTATE", leeway: 30 } } } },
            "https://org.example",
        );
        const out = withoutOktaSecrets(app) as Json;
        assert.ok(!JSON.stringify(out).includes(secret));
        const expected = structuredClone(app) as Json;
        delete expected.credentials.oauthClient.client_secret;
        assert.deepStrictEqual(out, expected, "only the secret goes");
        assert.deepStrictEqual(out.settings.oauthClient.refresh_token, { rotation_type: "ROTATE", leeway: 30 }, "an object under a secret's name is settings, not a credential");
        assert.strictEqual(out.credentials.oauthClient.token_endpoint_auth_method, "client_secret_post");
    });

    it("every other credential Okta's schema answers with, at any depth and in lists; settings under the same names stay", () => {
        const answer = {
            // OAuth2ClientSecret (GET /api/v1/apps/{id}/credentials/secrets) and a Privileged Access ServiceUserKeyWithSecret.
            secrets: [{ id: "ocs1", client_secret: "cs-1", secret_hash: "h-1", status: "ACTIVE" }],
            key: { id: "k1", secret: "pam-key-secret", expires_at: "t" },
            // An app's key credentials as a JWKS: the private members go, the public ones stay.
            jwks: { keys: [{ kty: "RSA", kid: "k", e: "AQAB", n: "nnn", d: "ddd", p: "ppp", q: "qqq", dp: "1", dq: "2", qi: "3" }, { kty: "oct", k: "symmetric" }] },
            settings: { app: { token: "org2org-api-token", tokenEncrypted: "enc", adminPassword: "pw" }, signing: { privateKey: "-----BEGIN PRIVATE KEY-----" } },
            credentials: { password: { value: "user-pw" }, userName: "u", clientSecret: "cs-2" },
            channel: { config: { authScheme: { type: "HEADER", key: "Authorization", value: "hook-secret" }, uri: "https://h" } },
            hash: { algorithm: "BCRYPT", value: "hashed", salt: "salt", workFactor: 10 },
            tokenResponse: { access_token: "at", refresh_token: "rt", id_token: "it", token_type: "Bearer" },
            // Settings under a credential's name: a policy rule's token lifetimes, a password policy, a PAM selector.
            actions: { token: { accessTokenLifetimeMinutes: 60 } },
            policy: { password: { complexity: { minLength: 8 } } },
            selector: { secret: { id: "s1", name: "db" }, _type: "secret" },
        };
        const out = withoutOktaSecrets(answer) as Json;
        for (const s of ["cs-1", "h-1", "pam-key-secret", "ddd", "ppp", "qqq", "symmetric", "org2org-api-token", "enc", '"pw"', "PRIVATE KEY", "user-pw", "cs-2", "hook-secret", "hashed", '"salt"', '"at"', '"rt"', '"it"']) {
            assert.ok(!JSON.stringify(out).includes(s), `${s} left in ${JSON.stringify(out)}`);
        }
        assert.deepStrictEqual(out.jwks.keys[0], { kty: "RSA", kid: "k", e: "AQAB", n: "nnn" });
        assert.deepStrictEqual(out.channel.config, { authScheme: { type: "HEADER", key: "Authorization" }, uri: "https://h" });
        assert.deepStrictEqual([out.actions, out.policy, out.selector], [answer.actions, answer.policy, answer.selector]);
        assert.deepStrictEqual(out.secrets, [{ id: "ocs1", status: "ACTIVE" }]);
        assert.deepStrictEqual(out.hash, { algorithm: "BCRYPT", workFactor: 10 });
        assert.deepStrictEqual(withoutOktaSecrets(["a", 1, null]), ["a", 1, null]);
    });
});
