// The emulator's OpenID Connect apps, through the custom call over real HTTP: the piece of the Apps API that
// hands a credential back (tests/secretsInAnswers.e2e relies on it), shaped as Okta's examples are.
import * as assert from "assert";
import { Emulator, startEmulator } from "../emulator";
import { ApiCallArgs, ApiCallResult, executeApiCall } from "../provider/apiCall";
import { ConfigSource } from "../provider/okta/settings";

const TOKEN = "apps-SECRET-token-41b7";

const oidcApp = (label: string, oauthClient: Record<string, unknown> = { token_endpoint_auth_method: "client_secret_post" }) => ({
    name: "oidc_client",
    label,
    signOnMode: "OPENID_CONNECT",
    credentials: { oauthClient },
    settings: { oauthClient: { redirect_uris: ["https://example.com/oauth2/callback"], response_types: ["code"], grant_types: ["authorization_code"], application_type: "web" } },
});

type App = { id: string; status: string; label: string; credentials: { oauthClient: { client_id: string; client_secret?: string; token_endpoint_auth_method: string } } };

describe("emulator: OpenID Connect apps and their client secrets", () => {
    let emu: Emulator;
    let config: ConfigSource;
    const call = (a: ApiCallArgs): Promise<ApiCallResult> => executeApiCall(a, config);
    const create = async (body: unknown, query?: Record<string, string>) => {
        const r = await call({ method: "POST", relativeUrl: "/api/v1/apps", body, query });
        assert.strictEqual(r.statusCode, 200, JSON.stringify(r.body));
        return r.body as App;
    };

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        config = { get: (k) => ({ "pulumi-okta-dynamic:orgUrl": emu.url, "okta:apiToken": TOKEN } as Record<string, string>)[k] };
    });
    after(async () => {
        await emu.stop();
    });

    it("create answers the generated secret (64 characters) and the client id, which is the app's id; get and replace answer the same secret", async () => {
        const app = await create(oidcApp("web"));
        const secret = app.credentials.oauthClient.client_secret!;
        assert.match(secret, /^[A-Za-z0-9_-]{64}$/);
        assert.strictEqual(app.credentials.oauthClient.client_id, app.id);
        assert.match(app.id, /^0oa[A-Za-z0-9]{17}$/);
        assert.strictEqual(app.status, "ACTIVE");
        const got = (await call({ method: "GET", relativeUrl: `/api/v1/apps/${app.id}` })).body as App;
        assert.strictEqual(got.credentials.oauthClient.client_secret, secret);
        const put = await call({ method: "PUT", relativeUrl: `/api/v1/apps/${app.id}`, body: oidcApp("web renamed") });
        assert.deepStrictEqual([(put.body as App).label, (put.body as App).credentials.oauthClient.client_secret], ["web renamed", secret]);
        assert.notStrictEqual((await create(oidcApp("another"))).credentials.oauthClient.client_secret, secret);
    });

    it("keeps a secret the request brings; a public client (none) has none", async () => {
        const brought = `brought-${"q".repeat(56)}`;
        assert.strictEqual((await create(oidcApp("byo", { token_endpoint_auth_method: "client_secret_basic", client_secret: brought }))).credentials.oauthClient.client_secret, brought);
        assert.strictEqual((await create(oidcApp("spa", { token_endpoint_auth_method: "none" }))).credentials.oauthClient.client_secret, undefined);
    });

    it("deletes an app only once it is INACTIVE, as Okta does; ?activate=false creates it INACTIVE", async () => {
        const app = await create(oidcApp("to-delete"));
        const refused = await call({ method: "DELETE", relativeUrl: `/api/v1/apps/${app.id}` });
        assert.deepStrictEqual([refused.statusCode, (refused.body as { errorCode: string }).errorCode], [403, "E0000056"]);
        assert.strictEqual((await call({ method: "POST", relativeUrl: `/api/v1/apps/${app.id}/lifecycle/deactivate` })).statusCode, 200);
        assert.strictEqual((await call({ method: "DELETE", relativeUrl: `/api/v1/apps/${app.id}` })).statusCode, 204);
        assert.strictEqual((await call({ method: "GET", relativeUrl: `/api/v1/apps/${app.id}` })).statusCode, 404);
        const inactive = await create(oidcApp("inactive"), { activate: "false" });
        assert.strictEqual(inactive.status, "INACTIVE");
        assert.strictEqual((await call({ method: "DELETE", relativeUrl: `/api/v1/apps/${inactive.id}` })).statusCode, 204);
    });

    it("refuses what Okta refuses, naming the field; the request log keeps no secret the request brought", async () => {
        emu.clearLog();
        const bad = await call({ method: "POST", relativeUrl: "/api/v1/apps", body: { ...oidcApp(""), signOnMode: "OPENID_CONNECT" } });
        assert.strictEqual(bad.statusCode, 400);
        assert.match(JSON.stringify(bad.body), /label/);
        await create(oidcApp("logged", { token_endpoint_auth_method: "client_secret_basic", client_secret: "LOGGED-SECRET-must-not-stay" }));
        assert.ok(!JSON.stringify(emu.log).includes("LOGGED-SECRET"), "a brought client secret is in the emulator's log");
    });
});
