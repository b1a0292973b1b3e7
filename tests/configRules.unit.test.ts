// The configuration rules on their own: where the org and its credential come from when config and the environment
// both hold some (provider/okta/settings.ts, both doors), a value not known yet, the checks CheckConfig runs
// (provider/okta/configCheck.ts, native/checkConfig.ts), and the native plugin's one Configure (native/config.ts).
import * as assert from "assert";
import { configFailures } from "../provider/okta/configCheck";
import { ConfigNotKnown, ConfigSource, resolveOrgSettings, resolvePamSettings } from "../provider/okta/settings";
import { checkProviderConfig } from "../native/checkConfig";
import { configFromConfigure, configureOnce, NATIVE_KEYS, UNKNOWN } from "../native/config";
import { isSecret, secret, unwrap } from "../native/secrets";

const TOKEN = "rules-SECRET-token-5e1f";
const dyn = (m: Record<string, string>): ConfigSource => ({ get: (k) => m[k] });
const native = (args: Record<string, unknown>) => configFromConfigure({}, args);
const KINDS = { orgUrl: "string", orgName: "string", baseUrl: "string", apiToken: "string", clientId: "string", privateKey: "string", scopes: "array", dpop: "boolean", pamUrl: "string" } as const;

describe("where the org and its credential come from", () => {
    it("the common split: the org in config, the credential only in the environment", () => {
        const s = resolveOrgSettings(native({ orgUrl: "https://a.okta.com" }), { OKTA_API_TOKEN: TOKEN });
        assert.deepStrictEqual([s.orgUrl, s.credentials, s.sources], ["https://a.okta.com", { kind: "apiToken", token: TOKEN }, { orgUrl: "config oktadynamic:orgUrl", credentials: "environment OKTA_API_TOKEN" }]);
        // The environment naming the same org (spelled with a path or a capital) is no conflict.
        assert.strictEqual(resolveOrgSettings(native({ orgUrl: "https://a.okta.com" }), { OKTA_API_TOKEN: TOKEN, OKTA_ORG_URL: "https://A.okta.com/" }).orgUrl, "https://a.okta.com");
    });

    it("an environment credential never goes to an org the config names instead of the environment's, on either door", () => {
        const env = { OKTA_API_TOKEN: TOKEN, OKTA_ORG_URL: "https://prod.okta.com" };
        for (const [config, key] of [[native({ orgUrl: "https://evil.example.com" }), "config oktadynamic:orgUrl"], [dyn({ "okta:orgName": "evil" }), "config okta:orgName/okta:baseUrl"]] as const) {
            assert.throws(() => resolveOrgSettings(config, env), (e: Error) => {
                assert.ok(e.message.includes(`the credential from environment OKTA_API_TOKEN belongs with the environment's org (environment OKTA_ORG_URL: https://prod.okta.com), but ${key} names`), e.message);
                assert.ok(!e.message.includes(TOKEN));
                return true;
            });
        }
        assert.throws(() => resolveOrgSettings(native({ orgUrl: "https://evil.example.com" }), { OKTA_ORG_NAME: "prod", OKTA_API_CLIENT_ID: "0oa1", OKTA_API_PRIVATE_KEY: "k", OKTA_API_SCOPES: "a" }), /belongs with the environment's org/);
        // A credential in config goes with the config's org; the environment's org is not consulted.
        assert.strictEqual(resolveOrgSettings(native({ orgUrl: "https://dev.okta.com", apiToken: secret("cfg") }), env).orgUrl, "https://dev.okta.com");
    });

    it("a credential in config wins over the environment's, a service app included", () => {
        const s = resolveOrgSettings(native({ orgUrl: "https://a.okta.com", clientId: "0oa1", privateKey: secret("pem"), scopes: ["okta.users.read"] }), { OKTA_API_TOKEN: TOKEN });
        assert.deepStrictEqual([s.credentials?.kind, s.sources.credentials], ["oauth", "config oktadynamic:clientId/privateKey (OAuth service app)"]);
        // The org from the environment, the credential from config: the stack's own credential, sent where its runner says.
        const e = resolveOrgSettings(dyn({ "okta:apiToken": "cfg" }), { OKTA_ORG_URL: "https://x.okta.com", OKTA_API_TOKEN: TOKEN });
        assert.deepStrictEqual([e.orgUrl, e.sources.credentials], ["https://x.okta.com", "config okta:apiToken"]);
    });

    it("an org or credential configured but not known yet (a preview) is never taken from the environment", () => {
        const env = { OKTA_ORG_URL: "https://other.okta.com", OKTA_API_TOKEN: "env-token" };
        const unknownOrg = native({ orgUrl: UNKNOWN, apiToken: secret(TOKEN) });
        assert.throws(() => resolveOrgSettings(unknownOrg, env), (e: Error) => e instanceof ConfigNotKnown && /^oktadynamic:orgUrl is not known yet/.test(e.message));
        assert.throws(() => resolveOrgSettings(native({ orgUrl: "https://a.okta.com", apiToken: secret(UNKNOWN) }), env), /oktadynamic:apiToken is not known yet/);
        assert.throws(() => resolveOrgSettings(native({ orgUrl: "https://a.okta.com", scopes: ["a", UNKNOWN] }), env), /oktadynamic:scopes is not known yet/);
        assert.throws(() => resolvePamSettings(native({ pamUrl: UNKNOWN }), { OKTA_PAM_URL: "https://pam.example", OKTA_PAM_TEAM: "t", OKTA_PAM_KEY_ID: "k", OKTA_PAM_KEY_SECRET: "s" }), /oktadynamic:pamUrl is not known yet/);
    });

    it("a Privileged Access key secret from the environment goes only to the environment's OKTA_PAM_URL", () => {
        const env = { OKTA_PAM_URL: "https://pam.example", OKTA_PAM_TEAM: "t", OKTA_PAM_KEY_ID: "k", OKTA_PAM_KEY_SECRET: "s" };
        assert.throws(() => resolvePamSettings(native({ pamUrl: "https://evil.example" }), env), /the key secret from environment OKTA_PAM_KEY_SECRET belongs with environment OKTA_PAM_URL \(https:\/\/pam.example\), but config oktadynamic:pamUrl names https:\/\/evil.example/);
        assert.strictEqual(resolvePamSettings(native({ pamUrl: "https://pam.example/" }), env)?.url, "https://pam.example");
        assert.strictEqual(resolvePamSettings(native({ pamUrl: "https://other.example", pamKeySecret: secret("cfg") }), env)?.url, "https://other.example");
    });
});

describe("CheckConfig's checks", () => {
    it("a good configuration, given as stack config text or as typed inputs, passes; no org at all passes too", () => {
        assert.deepStrictEqual(configFailures({ orgUrl: "https://a.okta.com", apiToken: TOKEN, dpop: "true", scopes: '["a"]' }, KINDS, NATIVE_KEYS, {}), []);
        assert.deepStrictEqual(configFailures({ orgUrl: "http://127.0.0.1:4010", clientId: "0oa1", privateKey: "pem", dpop: false, scopes: ["a", "b"] }, KINDS, NATIVE_KEYS, {}), []);
        assert.deepStrictEqual(configFailures({ apiToken: TOKEN }, KINDS, NATIVE_KEYS, {}), [], "the org may come from the environment at run time");
    });

    it("names each bad key, with the rule, and quotes no value", () => {
        const failures = configFailures({ orgUrl: "http://a.example.com", pamUrl: "ftp://p", dpop: "yes", scopes: 3, baseUrl: 1, apiTokn: TOKEN }, KINDS, NATIVE_KEYS, {});
        assert.deepStrictEqual(failures, [
            "oktadynamic:orgUrl: plain http is refused for a.example.com; use https (http is allowed only for loopback addresses)",
            "oktadynamic:pamUrl: unsupported scheme ftp: (use https)",
            "oktadynamic:dpop: must be true or false, not a string",
            "oktadynamic:scopes: must be a list of strings, not a number",
            "oktadynamic:baseUrl: must be a string, not a number",
            `oktadynamic:apiTokn: not a setting of this provider (it takes ${Object.keys(KINDS).join(", ")})`,
        ]);
        assert.deepStrictEqual(configFailures({ orgUrl: "not a url" }, KINDS, NATIVE_KEYS, {}), ["oktadynamic:orgUrl is not a URL (expected https://<your-org>.okta.com)"]);
    });

    it("runs the resolution's own rules: a service app's key and scopes, a credential kept to its org", () => {
        assert.deepStrictEqual(configFailures({ orgUrl: "https://a.okta.com", clientId: "0oa1" }, KINDS, NATIVE_KEYS, {}), ["oktadynamic:clientId is set but oktadynamic:privateKey is not: a service app needs its private key (PEM or JWK)"]);
        const [mixed] = configFailures({ orgUrl: "https://evil.example.com" }, KINDS, NATIVE_KEYS, { OKTA_ORG_URL: "https://prod.okta.com", OKTA_API_TOKEN: TOKEN });
        assert.match(mixed, /belongs with the environment's org/);
    });

    it("the plugin's CheckConfig: the schema's secret keys come back secret though given in clear; unknowns wait", () => {
        const r = checkProviderConfig({ orgUrl: "https://a.okta.com", apiToken: TOKEN, privateKeyId: "kid", accessToken: secret("s"), version: "0.1.0" }, {});
        assert.deepStrictEqual(r.failures, []);
        assert.deepStrictEqual(
            Object.entries(r.inputs).map(([k, v]) => [k, isSecret(v), unwrap(v)]),
            [["orgUrl", false, "https://a.okta.com"], ["apiToken", true, TOKEN], ["privateKeyId", false, "kid"], ["accessToken", true, "s"], ["version", false, "0.1.0"]],
        );
        assert.deepStrictEqual(checkProviderConfig({ orgUrl: UNKNOWN, apiToken: TOKEN }, { OKTA_ORG_URL: "https://prod.okta.com" }).failures, [], "judged once known");
        assert.deepStrictEqual(checkProviderConfig({ orgUrl: "http://a.example.com" }, {}).failures.map((f) => f.property), [""], "no property: the engine would print its value");
    });
});

describe("the native plugin's one Configure", () => {
    it("applies the first, takes the same again as a no-op, and refuses other settings naming the keys, not the values", () => {
        const applied: ConfigSource[] = [];
        const configure = configureOnce((c) => applied.push(c));
        configure({ variables: { "oktadynamic:config:orgUrl": "https://a.okta.com" }, args: { orgUrl: "https://a.okta.com", apiToken: secret(TOKEN) } });
        configure({ variables: {}, args: { orgUrl: "https://a.okta.com", apiToken: secret(TOKEN), version: "0.1.0" } });
        assert.throws(() => configure({ variables: {}, args: { orgUrl: "https://b.okta.com" } }), (e: Error) => {
            assert.strictEqual(e.message, "this oktadynamic plugin is configured already, and a second Configure with other settings (oktadynamic:apiToken, oktadynamic:orgUrl) is refused: one plugin process serves one provider configuration");
            return true;
        });
        assert.throws(() => configure({ variables: {}, args: { orgUrl: UNKNOWN, apiToken: secret(TOKEN) } }), /other settings \(oktadynamic:orgUrl\)/);
        assert.strictEqual(applied.length, 1);
        assert.strictEqual(applied[0].get("oktadynamic:orgUrl"), "https://a.okta.com");
    });
});
