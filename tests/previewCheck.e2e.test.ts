// `pulumi preview` of a stack that `up` cannot apply fails, through the real engine: no org, an http org URL on a
// remote host, missing or refused credentials. A good stack pays one call per org per preview, `up` none.
import * as assert from "assert";
import { generateKeyPairSync } from "crypto";
import { startEmulator, Emulator } from "../emulator";
import { setStackConfig } from "../provider/okta/settings";
import { resetVerified, verifyAccess } from "../provider/verifyAccess";
import { HookKey, RequestType } from "../sdk";
import { inlineStack } from "../harness/engine";
import { GROUP } from "./fixtures";

const TOKEN = "preview-SECRET-token-3c9e";

describe("preview verifies that up could run (through the real engine)", function () {
    this.timeout(300_000);
    let emu: Emulator;
    let team: string;

    const program = async () => {
        for (const n of ["a", "b"]) {
            new RequestType(n, {
                name: `preview-${n}`,
                ownerId: team,
                resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP }] },
                approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
            });
        }
        new HookKey("k", { name: "preview-key" });
    };

    const stackWith = (env: Record<string, string>, config?: Record<string, { value: string; secret?: boolean }>) => inlineStack({ projectName: "preview-check", program, env, config });
    const orgCalls = () => emu.log.map((l) => `${l.method} ${l.path} ${l.status}`);

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        team = emu.teams[0].id;
    });
    after(() => emu.stop());
    beforeEach(() => emu.clearLog());

    for (const [label, env, expected, calls] of [
        ["no org configured", {}, /no Okta org configured/, 0],
        ["an http org URL on a remote host", { OKTA_ORG_URL: "http://okta.example.com", OKTA_API_TOKEN: TOKEN }, /plain http is refused for okta\.example\.com/, 0],
        ["no credentials", { OKTA_ORG_URL: "LOCAL" }, /no Okta credentials for http:\/\/127\.0\.0\.1/, 0],
        ["a refused token", { OKTA_ORG_URL: "LOCAL", OKTA_API_TOKEN: "not-the-token" }, /401 to GET \/api\/v1\/users\/me .*the credential from environment OKTA_API_TOKEN was refused/, 1],
    ] as const) {
        it(`fails the preview of a program with no lookups: ${label}`, async () => {
            const es = await stackWith(Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === "LOCAL" ? emu.url : v])));
            try {
                await assert.rejects(es.stack.preview(), (e: Error) => {
                    assert.match(e.message, /this stack cannot reach Okta as configured, so `up` would fail/);
                    assert.match(e.message, expected);
                    assert.doesNotMatch(e.message, /not-the-token/);
                    return true;
                });
                assert.strictEqual(emu.log.length, calls, orgCalls().join(", "));
            } finally {
                await es.cleanup();
            }
        });
    }

    it("a good stack: one GET /api/v1/users/me per preview for three resources, none in up; opting out costs nothing", async () => {
        const es = await stackWith({ OKTA_ORG_URL: emu.url }, { "okta:apiToken": { value: TOKEN, secret: true } });
        try {
            assert.deepStrictEqual((await es.stack.preview()).changeSummary, { create: 4 });
            assert.deepStrictEqual(orgCalls(), ["GET /api/v1/users/me 200"]);
            emu.clearLog();
            await es.stack.up();
            assert.strictEqual(emu.count("GET", "/api/v1/users/me"), 0, orgCalls().join(", "));
            emu.clearLog();
            assert.deepStrictEqual((await es.stack.preview()).changeSummary, { same: 4 });
            assert.deepStrictEqual(orgCalls(), ["GET /api/v1/users/me 200"]);
            emu.clearLog();
            await es.stack.setConfig("pulumi-okta-dynamic:verifyInPreview", { value: "false" });
            assert.deepStrictEqual((await es.stack.preview()).changeSummary, { same: 4 });
            assert.deepStrictEqual(orgCalls(), []);
            await es.stack.destroy();
        } finally {
            await es.cleanup();
        }
    });

    it("a service app is verified by its token request alone", async () => {
        const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
        emu.registerServiceApp({ clientId: "0oapreviewcheckapp01", publicJwk: publicKey, scopes: ["okta.inlineHooks.read"] });
        const config = {
            "pulumi-okta-dynamic:orgUrl": emu.url,
            "okta:clientId": "0oapreviewcheckapp01",
            "okta:privateKey": privateKey.export({ type: "pkcs8", format: "pem" }) as string,
            "okta:scopes": "okta.inlineHooks.read",
        } as Record<string, string>;
        resetVerified();
        setStackConfig({ get: (k) => config[k] });
        try {
            const t0 = emu.tokenRequests;
            await Promise.all([verifyAccess("management"), verifyAccess("management")]);
            assert.strictEqual(emu.tokenRequests - t0, 1);
            assert.deepStrictEqual(orgCalls(), ["POST /oauth2/v1/token 200"]);
        } finally {
            setStackConfig(undefined);
            resetVerified();
        }
    });
});
