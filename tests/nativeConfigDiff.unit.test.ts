// The explicit provider's DiffConfig decision (native/configDiff.ts): any change of its configuration is an update
// of the provider in place, naming the keys; nothing is ever replaced. The engine step (a rotated token sends no
// Okta write, another org is refused by the resources) is in tests/nativeYaml.e2e.test.ts.
import * as assert from "assert";
import { diffProviderConfig } from "../native/configDiff";
import { secret } from "../native/secrets";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const ORG = { orgUrl: "https://acme.okta.com", apiToken: secret("token-1"), version: "0.1.0" };

describe("the explicit provider's DiffConfig", () => {
    it("the same configuration, secret or not, is no change; the engine's keys (version...) do not count", () => {
        assert.deepStrictEqual(diffProviderConfig(ORG, { ...ORG, apiToken: "token-1", version: "0.2.0", pluginDownloadURL: "https://x" }), { changes: false, diffs: [], replaces: [] });
    });

    it("a rotated credential is an update of the provider that replaces nothing", () => {
        assert.deepStrictEqual(diffProviderConfig(ORG, { ...ORG, apiToken: secret("token-2") }), { changes: true, diffs: ["apiToken"], replaces: [] });
        const jwt = { orgUrl: ORG.orgUrl, clientId: "0oa1", privateKey: secret("-----BEGIN PRIVATE KEY-----a"), privateKeyId: "k1", scopes: ["okta.users.read"], dpop: true };
        assert.deepStrictEqual(
            diffProviderConfig(jwt, { ...jwt, privateKey: secret("-----BEGIN PRIVATE KEY-----b"), privateKeyId: "k2", scopes: ["okta.users.read", "okta.groups.read"] }),
            { changes: true, diffs: ["privateKey", "privateKeyId", "scopes"], replaces: [] },
        );
        const pam = { pamUrl: "https://acme.pam.okta.com", pamTeam: "t", pamKeyId: "a", pamKeySecret: secret("s1") };
        assert.deepStrictEqual(diffProviderConfig(pam, { ...pam, pamKeyId: "b", pamKeySecret: secret("s2") }).replaces, []);
    });

    it("another org or team is an update too, never a replacement: the resources refuse to act on another org themselves", () => {
        for (const news of [{ ...ORG, orgUrl: "https://other.okta.com" }, { orgName: "acme", baseUrl: "oktapreview.com", apiToken: ORG.apiToken }, { ...ORG, pamTeam: "other" }]) {
            const d = diffProviderConfig(ORG, news);
            assert.ok(d.changes && d.diffs.length > 0, JSON.stringify(d));
            assert.deepStrictEqual(d.replaces, []);
        }
    });

    it("a value not known yet (a preview) counts as a change", () => {
        assert.deepStrictEqual(diffProviderConfig(ORG, { ...ORG, orgUrl: UNKNOWN }), { changes: true, diffs: ["orgUrl"], replaces: [] });
    });
});
