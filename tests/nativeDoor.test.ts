// The native door's own small parts: the config it reads from a Configure request and the names its messages use,
// secrets in and out, the ApiObject import id, the callApi function's rule for previews, and routing.
import * as assert from "assert";
import { startEmulator, Emulator } from "../emulator";
import { configFromConfigure, NATIVE_KEYS } from "../native/config";
import { nativeProvider as p } from "../native/provider";
import { apiObjectImportProps, importedApiObject } from "../native/apiObjectImport";
import { isSecret, secret, unwrap } from "../native/secrets";
import { checkProviderConfig } from "../native/checkConfig";
import { oidcApp } from "../harness/answerSecrets";
import { typeOfUrn } from "../native/routes";
import { resolveOrgSettings, resolvePamSettings, setStackConfig } from "../provider/okta/settings";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { ConfigureRequestView, hookProviderService } from "../native/engineHooks";
import { serve } from "../native/main";
import { exitWithEngine } from "../native/engineWatch";
import { diffProviderConfig } from "../native/configDiff";
import { currentOrg, currentPam } from "../provider/okta/context";

const TOKEN = "native-SECRET-token-7d2a";
const urn = (type: string) => `urn:pulumi:dev::proj::${type}::x`;

describe("native door", () => {
    it("reads its own namespace from variables (either form) and args, secrets unwrapped, lists as JSON", () => {
        const c = configFromConfigure(
            { "oktadynamic:config:orgUrl": "https://a.okta.com", "oktadynamic:clientId": "0oa1", "okta:apiToken": "not ours" },
            { apiToken: secret(TOKEN), scopes: ["okta.users.read"], version: "0.1.0" },
        );
        assert.strictEqual(c.get("oktadynamic:orgUrl"), "https://a.okta.com");
        assert.strictEqual(c.get("oktadynamic:clientId"), "0oa1");
        assert.strictEqual(c.get("oktadynamic:apiToken"), TOKEN);
        assert.strictEqual(c.get("oktadynamic:scopes"), '["okta.users.read"]');
        assert.strictEqual(c.get("okta:apiToken"), undefined, "a native provider reads only its own namespace");
        assert.deepStrictEqual(c.keys, NATIVE_KEYS);
        const s = resolveOrgSettings(configFromConfigure({}, { orgUrl: "https://a.okta.com", apiToken: secret(TOKEN) }), {});
        assert.deepStrictEqual(s.credentials, { kind: "apiToken", token: TOKEN });
        assert.strictEqual(s.sources.credentials, "config oktadynamic:apiToken");
    });

    it("messages name the key of the door in use", () => {
        const native = configFromConfigure({}, {});
        assert.throws(() => resolveOrgSettings(native, {}), /pulumi config set oktadynamic:orgName <org>.*oktadynamic:orgUrl/);
        assert.throws(() => currentOrg(resolveOrgSettings(configFromConfigure({}, { orgUrl: "https://a.okta.com" }), {})), (e: Error) => {
            assert.match(e.message, /pulumi config set --secret oktadynamic:apiToken <token>` \(or oktadynamic:accessToken\)/);
            assert.doesNotMatch(e.message, /okta:apiToken/);
            return true;
        });
        assert.throws(() => resolveOrgSettings(configFromConfigure({}, { orgUrl: "https://a.okta.com", clientId: "0oa1" }), {}), /oktadynamic:clientId is set but oktadynamic:privateKey is not/);
        assert.throws(() => resolvePamSettings(configFromConfigure({}, { pamUrl: "https://p.example" }), {}), /or the oktadynamic:pamUrl\/pamTeam/);
        setStackConfig(native);
        try {
            assert.throws(() => currentPam(), /or the oktadynamic:pam\* config keys/);
        } finally {
            setStackConfig(undefined);
        }
        // The dynamic door keeps its words.
        assert.throws(() => currentOrg(resolveOrgSettings({ get: (k) => (k === "pulumi-okta-dynamic:orgUrl" ? "https://a.okta.com" : undefined) }, {})), /okta:apiToken <token>` \(or okta:accessToken\)/);
    });

    it("the engine hooks hand Configure's config over, answer DiffConfig and CheckConfig, and give a Read without properties an empty set, once", () => {
        assert.strictEqual(typeof serve, "function");
        const seen: ConfigureRequestView[] = [];
        const original = grpc.Server.prototype.addService;
        hookProviderService((v) => seen.push(v), diffProviderConfig, (news) => checkProviderConfig(news, {}));
        const calls: string[] = [];
        const impl: Record<string, (call: { request: any }, cb: (...a: unknown[]) => void) => void> = {
            configure: () => calls.push("configure"),
            checkConfig: () => calls.push("the server's UNIMPLEMENTED"),
            diffConfig: () => calls.push("the server's UNIMPLEMENTED"),
            read: (call) => calls.push(`read ${JSON.stringify(call.request.getProperties().toJavaScript())}`),
        };
        new grpc.Server().addService(provrpc.ResourceProviderService, impl as unknown as grpc.UntypedServiceImplementation);
        assert.strictEqual(grpc.Server.prototype.addService, original, "un-patched after the one service");
        const req = new provproto.ConfigureRequest();
        req.getVariablesMap().set("oktadynamic:config:orgUrl", "https://a.okta.com");
        req.setArgs(Struct.fromJavaScript({ apiToken: "t" }));
        impl.configure({ request: req }, () => undefined);
        impl.read({ request: new provproto.ReadRequest() }, () => undefined);
        assert.deepStrictEqual(seen, [{ variables: { "oktadynamic:config:orgUrl": "https://a.okta.com" }, args: { apiToken: "t" } }]);
        assert.deepStrictEqual(calls, ["configure", "read {}"]);
        // DiffConfig as the engine sends it: a rotated token is an update of the provider, and replaces nothing.
        const diff = new provproto.DiffRequest();
        diff.setOldInputs(Struct.fromJavaScript({ orgUrl: "https://a.okta.com", apiToken: "old" }));
        diff.setNews(Struct.fromJavaScript({ orgUrl: "https://a.okta.com", apiToken: "new", version: "0.1.0" }));
        let answer: provproto.DiffResponse | undefined;
        impl.diffConfig({ request: diff }, (err, resp) => {
            assert.strictEqual(err, undefined);
            answer = resp as provproto.DiffResponse;
        });
        assert.deepStrictEqual([answer!.getChanges(), answer!.getDiffsList(), answer!.getReplacesList()], [provproto.DiffResponse.DiffChanges.DIFF_SOME, ["apiToken"], []]);
        // CheckConfig as the engine sends it (secrets unwrapped): the failure names the key, and a token given in
        // clear comes back secret.
        const check = new provproto.CheckRequest();
        check.setNews(Struct.fromJavaScript({ orgUrl: "http://a.example.com", apiToken: TOKEN, version: "0.1.0" }));
        let checked: provproto.CheckResponse | undefined;
        impl.checkConfig({ request: check }, (err, resp) => {
            assert.strictEqual(err, undefined);
            checked = resp as provproto.CheckResponse;
        });
        assert.deepStrictEqual(
            checked!.getFailuresList().map((f) => [f.getProperty(), f.getReason()]),
            [["", "oktadynamic:orgUrl: plain http is refused for a.example.com; use https (http is allowed only for loopback addresses)"]],
        );
        const inputs = checked!.getInputs()!.toJavaScript() as Record<string, unknown>;
        assert.deepStrictEqual([isSecret(inputs.apiToken), unwrap(inputs.apiToken), inputs.version], [true, TOKEN, "0.1.0"]);
        assert.strictEqual(calls.length, 2, "the server's own DiffConfig and CheckConfig are not called");
    });

    it("the plugin exits once the engine that started it is gone (its parent changes), once, and not before", async () => {
        let parent = 4242;
        let exits = 0;
        const timer = exitWithEngine(4242, 2, () => exits++, () => parent);
        const tick = () => new Promise((r) => setTimeout(r, 20));
        try {
            await tick();
            assert.strictEqual(exits, 0);
            parent = 1; // adopted by init: the engine died without stopping its plugins
            await tick();
            await tick();
            assert.strictEqual(exits, 1);
        } finally {
            clearInterval(timer);
        }
    });

    it("routes by the URN's type, parents included, and refuses types it does not serve", async () => {
        assert.strictEqual(typeOfUrn("urn:pulumi:dev::proj::my:comp:Thing$oktadynamic:index:HookKey::k"), "oktadynamic:index:HookKey");
        await assert.rejects(p.check!(urn("oktadynamic:index:Nope"), {}, {}), /unknown resource type oktadynamic:index:Nope \(this provider serves oktadynamic:index:RequestType/);
        await assert.rejects(p.invoke!("oktadynamic:index:nope", {}), /unknown function oktadynamic:index:nope/);
    });

    it("an ApiObject is imported by [privileged-access:]<collection>/<id>; anything else is refused with the form", () => {
        assert.deepStrictEqual(apiObjectImportProps("/api/v1/groups/00g1abc"), { id: "00g1abc", props: { api: "management", path: "/api/v1/groups" } });
        assert.deepStrictEqual(apiObjectImportProps("privileged-access:/sudo_command_bundles/5c2e"), { id: "5c2e", props: { api: "privileged-access", path: "/sudo_command_bundles" } });
        for (const bad of ["00g1abc", "/api/v1/groups/", "https://x.okta.com/api/v1/groups/1", "/api/../../x/1"]) {
            assert.throws(() => apiObjectImportProps(bad), /an ApiObject is imported by the id \[privileged-access:\]<collection path>\/<object id>/, bad);
        }
    });

    it("an imported ApiObject's data leaves out the server's nulls (no language can declare them); its object keeps them", () => {
        const answer = { id: "5c2e", name: "b", add_env: null, structured_commands: [{ command: "/bin/ls", args: null }, null] };
        const r = importedApiObject({ id: "5c2e", props: { data: answer, object: answer }, inputs: { path: "/x", data: answer } });
        const clean = { id: "5c2e", name: "b", structured_commands: [{ command: "/bin/ls" }, null] };
        assert.deepStrictEqual([r.props!.data, r.inputs!.data, r.props!.object], [clean, clean, answer]);
        assert.strictEqual(r.inputs!.path, "/x");
    });

    describe("against the emulator", () => {
        let emu: Emulator;
        before(async () => {
            emu = await startEmulator({ tokens: [TOKEN] });
            setStackConfig(configFromConfigure({ "oktadynamic:config:orgUrl": emu.url }, { apiToken: secret(TOKEN) }));
        });
        after(async () => {
            setStackConfig(undefined);
            await emu.stop();
        });
        beforeEach(() => emu.clearLog());

        it("keeps secret what came in secret, and ApiObject's object always, in check, create, read and update", async () => {
            const t = urn("oktadynamic:index:ApiObject");
            const news = { path: "/api/v1/hook-keys", data: secret({ name: "native-secret-key" }) };
            const c = await p.check!(t, {}, news);
            assert.deepStrictEqual(c.failures, undefined);
            assert.deepStrictEqual(Object.keys(c.inputs).filter((k) => JSON.stringify(c.inputs[k]).includes("4dabf18193072939515e22adb298388d")), ["data"]);
            const made = await p.create!(t, c.inputs);
            for (const k of ["data", "object"]) assert.ok(JSON.stringify(made.outs[k]).startsWith('{"4dabf18193072939515e22adb298388d"'), k);
            assert.strictEqual(made.outs.path, "/api/v1/hook-keys");
            const read = await p.read!(made.id, t, made.outs);
            assert.ok(JSON.stringify(read.props.object).startsWith('{"4dabf18193072939515e22adb298388d"'));
            assert.ok(JSON.stringify(read.inputs.data).startsWith('{"4dabf18193072939515e22adb298388d"'));
            // `pulumi import` reads with the id form alone, and gets the object and its inputs.
            const imported = await p.read!(`/api/v1/hook-keys/${made.id}`, t, {});
            assert.strictEqual(imported.id, made.id);
            assert.strictEqual((unwrap(imported.inputs) as Record<string, any>).data.name, "native-secret-key");
            await p.delete!(made.id, t, made.outs);
        });

        it("`pulumi import` of an OIDC app: Okta's client_secret is in the secret object output only, not in data or the inputs", async () => {
            const made = (await (await fetch(`${emu.url}/api/v1/apps`, { method: "POST", headers: { Authorization: `SSWS ${TOKEN}`, "Content-Type": "application/json" }, body: JSON.stringify(oidcApp("native-import-app")) })).json()) as { id: string };
            const clientSecret = emu.apps.get(made.id)!.oauthClient.client_secret!;
            const imported = await p.read!(`/api/v1/apps/${made.id}`, urn("oktadynamic:index:ApiObject"), {});
            // The inputs are what `pulumi import` writes into the program; props.data is stored in state.
            for (const [what, v] of [["inputs", imported.inputs], ["props.data", imported.props.data]] as const) assert.ok(!JSON.stringify(v).includes(clientSecret), `${what} holds the client secret`);
            assert.strictEqual((imported.inputs as Record<string, any>).data.credentials.oauthClient.token_endpoint_auth_method, "client_secret_post", "the rest of credentials stays");
            assert.ok(isSecret(imported.props.object), "object is secret");
            assert.strictEqual((unwrap(imported.props.object) as Record<string, any>).credentials.oauthClient.client_secret, clientSecret, "object keeps it for the program");
        });

        it("Check verifies the credentials once per run (the engine says no preview), with the dynamic door's message", async () => {
            const t = urn("oktadynamic:index:HookKey");
            setStackConfig(configFromConfigure({ "oktadynamic:config:orgUrl": emu.url }, { apiToken: secret("refused-token") }));
            try {
                emu.clearLog();
                const r = await p.check!(t, {}, { name: "k" });
                assert.strictEqual(r.failures!.length, 1);
                assert.match(r.failures![0].reason, /this stack cannot reach Okta as configured, so `up` would fail: .*credential from config oktadynamic:apiToken was refused/);
                assert.ok(!r.failures![0].reason.includes("refused-token"));
                await p.check!(t, {}, { name: "k2" });
                assert.deepStrictEqual(emu.log.map((l) => `${l.method} ${l.path} ${l.status}`), ["GET /api/v1/users/me 401"], "one call per org and credential per run");
            } finally {
                setStackConfig(configFromConfigure({ "oktadynamic:config:orgUrl": emu.url }, { apiToken: secret(TOKEN) }));
            }
        });

        it("serves the lookups as functions, lists under a named property", async () => {
            const team = (await p.invoke!("oktadynamic:index:getTeam", { name: "IT" })).outputs;
            assert.strictEqual(team.name, "IT");
            const teams = (await p.invoke!("oktadynamic:index:getTeams", {})).outputs;
            assert.ok(teams.teams.some((t: { id: string }) => t.id === team.id));
            await assert.rejects(p.invoke!("oktadynamic:index:getTeam", { name: "Nobody" }), /getTeam: no Access Requests team named "Nobody"/);
        });

        it("callApi sends GETs; any other method only with runInPreview, since a function cannot tell a preview", async () => {
            const got = (await p.invoke!("oktadynamic:index:callApi", { method: "GET", relativeUrl: "/api/v1/users/me" })).outputs;
            assert.strictEqual(unwrap(got.statusCode), 200);
            emu.clearLog();
            const refused = await p.invoke!("oktadynamic:index:callApi", { method: "POST", relativeUrl: "/api/v1/hook-keys", body: { name: "x" } });
            assert.strictEqual(refused.failures![0].property, "runInPreview");
            assert.match(refused.failures![0].reason, /must be true for a POST/);
            const bad = await p.invoke!("oktadynamic:index:callApi", { method: "GET", relativeUrl: "https://evil.example/x" });
            assert.strictEqual(bad.failures![0].property, "relativeUrl");
            assert.strictEqual(emu.log.length, 0);
            const sent = (await p.invoke!("oktadynamic:index:callApi", { method: "POST", relativeUrl: "/api/v1/hook-keys", body: { name: "native-call" }, runInPreview: true })).outputs;
            assert.strictEqual(unwrap(sent.statusCode), 200);
            assert.strictEqual(emu.log.length, 1);
        });

        it("callApi's answer is secret unless secret: false, and then still when an argument was secret, as on the dynamic door", async () => {
            const call = { method: "GET", relativeUrl: "/api/v1/users/me" };
            const byDefault = (await p.invoke!("oktadynamic:index:callApi", call)).outputs;
            assert.deepStrictEqual(Object.keys(byDefault).filter((k) => isSecret(byDefault[k])).sort(), ["body", "headers", "statusCode"]);
            assert.strictEqual(unwrap(byDefault.statusCode), 200);
            const plain = (await p.invoke!("oktadynamic:index:callApi", { ...call, secret: false })).outputs;
            assert.deepStrictEqual(Object.keys(plain).filter((k) => isSecret(plain[k])), []);
            assert.strictEqual(plain.statusCode, 200);
            const secretArg = (await p.invoke!("oktadynamic:index:callApi", { ...call, query: secret({ expand: "x" }), secret: false })).outputs;
            assert.ok(isSecret(secretArg.body), "a secret argument keeps the answer secret");
            const bad = await p.invoke!("oktadynamic:index:callApi", { ...call, secret: "no" });
            assert.deepStrictEqual(bad.failures, [{ property: "secret", reason: 'must be true or false (got "no")' }]);
            // The lookups stay plain: their answers carry no credential.
            const team = (await p.invoke!("oktadynamic:index:getTeam", { name: "IT" })).outputs;
            assert.ok(!Object.values(team).some(isSecret));
        });
    });
});
