// The native door's other credentials, configured as the engine's Configure request carries them (variables
// `oktadynamic:config:*` with plain strings and lists as JSON text, args with secrets wrapped), against the
// emulator over HTTP with real keys: an OAuth service app signing in with a private-key JWT (RSA, PEM), one bound to
// DPoP (EC, JWK), and a Privileged Access service user. Each manages an object through the plugin's Provider;
// no private key or key secret reaches an output or an error. The same through the real engine is in
// tests/nativeYaml.e2e.test.ts.
import * as assert from "assert";
import { generateKeyPairSync, randomBytes, randomUUID } from "crypto";
import { decodeProtectedHeader } from "jose";
import { Emulator, startEmulator } from "../emulator";
import { configFromConfigure } from "../native/config";
import { nativeProvider as p } from "../native/provider";
import { isSecret, secret, unwrap } from "../native/secrets";
import { setStackConfig } from "../provider/okta/settings";

const TEAM = "native-team";
const HOOKS = "okta.inlineHooks.manage";
const urn = (type: string) => `urn:pulumi:dev::proj::oktadynamic:index:${type}::x`;

/** A key pair from node:crypto: the private half as PEM and as JWK text (both forms the config takes). */
function keyPair(type: "rsa" | "ec") {
    const { privateKey, publicKey } = type === "rsa" ? generateKeyPairSync("rsa", { modulusLength: 2048 }) : generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = privateKey.export({ format: "jwk" });
    return { pem: privateKey.export({ type: "pkcs8", format: "pem" }) as string, jwkText: JSON.stringify(jwk), d: jwk.d!, publicJwk: publicKey };
}

/** Configures the plugin as the engine does for stack config: every key in variables, and again in args. */
function configure(config: Record<string, unknown>, secretKeys: string[]): void {
    const variables = Object.fromEntries(Object.entries(config).map(([k, v]) => [`oktadynamic:config:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));
    const args = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, secretKeys.includes(k) ? secret(v) : v]));
    setStackConfig(configFromConfigure(variables, args));
}

describe("native door: service-app JWT, DPoP and Privileged Access credentials against the emulator", () => {
    let emu: Emulator;
    const keys: string[] = [];
    const seen: string[] = []; // every output and error text, searched for keys at the end

    /** Every credential a test made or the emulator saw: PEM lines, JWK `d`, key secrets, signed assertions. */
    const credentials = () => [
        ...keys.flatMap((k) => k.split("\n").filter((l) => l.length >= 40 && !l.startsWith("-----"))),
        ...emu.log.flatMap((l) => {
            const b = l.body as { client_assertion?: string; key_secret?: string } | undefined;
            return [b?.client_assertion, b?.key_secret].filter((x): x is string => typeof x === "string");
        }),
    ];
    const wire = () => emu.log.map((l) => `${l.method} ${l.path.replace(/[0-9a-f-]{36}|HKY\w+/g, "{id}")} ${l.status}${l.authScheme ? ` ${l.authScheme}` : ""}`);
    const note = <T>(x: T): T => (seen.push(JSON.stringify(x)), x);

    before(async () => {
        emu = await startEmulator({ pam: { team: TEAM }, logSecrets: true }); // these tests read the assertions sent
    });
    after(async () => {
        setStackConfig(undefined);
        await emu?.stop();
    });
    beforeEach(() => emu.clearLog());

    async function hookKeyLifecycle(name: string): Promise<void> {
        const t = urn("HookKey");
        const c = note(await p.check!(t, {}, { name }));
        assert.deepStrictEqual(c.failures ?? [], []);
        const made = note(await p.create!(t, c.inputs));
        assert.strictEqual(emu.hookKeys.get(made.id!)?.name, name);
        note(await p.read!(made.id!, t, made.outs));
        await p.delete!(made.id!, t, made.outs);
        assert.ok(!emu.hookKeys.has(made.id!));
    }

    it("a service app's private-key JWT (RSA, PEM, secret; scopes a JSON list): one token, Bearer calls, signed with privateKeyId", async () => {
        const k = keyPair("rsa");
        keys.push(k.pem, k.d);
        emu.registerServiceApp({ clientId: "0oanativejwt", publicJwk: k.publicJwk, scopes: [HOOKS, "okta.users.read"] });
        configure({ orgUrl: emu.url, clientId: "0oanativejwt", privateKey: k.pem, privateKeyId: "kid-native-1", scopes: [HOOKS] }, ["privateKey"]);
        await hookKeyLifecycle("native-jwt-key");
        // The first Check verifies the credential by buying the token it then uses (provider/verifyAccess.ts).
        assert.deepStrictEqual(wire(), ["POST /oauth2/v1/token 200", "POST /api/v1/hook-keys 200 Bearer", "GET /api/v1/hook-keys/{id} 200 Bearer", "DELETE /api/v1/hook-keys/{id} 204 Bearer"]);
        const assertion = (emu.log[0].body as { client_assertion: string }).client_assertion;
        assert.deepStrictEqual(decodeProtectedHeader(assertion), { alg: "RS256", kid: "kid-native-1" });
        assert.deepStrictEqual([...emu.oauth.tokens.values()].map((t) => [t.clientId, t.scopes]), [["0oanativejwt", [HOOKS]]]);
    });

    it("a DPoP-bound service app (EC key as JWK text, dpop: true): the token is bound and every call carries a proof", async () => {
        const k = keyPair("ec");
        keys.push(k.jwkText, k.d);
        emu.registerServiceApp({ clientId: "0oanativedpop", publicJwk: k.publicJwk, scopes: [HOOKS], requireDpop: true });
        configure({ orgUrl: emu.url, clientId: "0oanativedpop", privateKey: k.jwkText, scopes: [HOOKS], dpop: true }, ["privateKey"]);
        await hookKeyLifecycle("native-dpop-key");
        assert.deepStrictEqual(wire(), ["POST /oauth2/v1/token 200", "POST /api/v1/hook-keys 200 DPoP", "GET /api/v1/hook-keys/{id} 200 DPoP", "DELETE /api/v1/hook-keys/{id} 204 DPoP"]);
        const tokens = [...emu.oauth.tokens.values()].filter((t) => t.clientId === "0oanativedpop");
        assert.strictEqual(tokens.length, 1);
        assert.ok(tokens[0].jkt, "the token is bound to the proof's key (cnf.jkt)");
    });

    it("a Privileged Access service user (pamKeySecret secret): one service token, then a sudo command bundle's lifecycle", async () => {
        const u = emu.pam.addServiceUser({ keyId: randomUUID(), keySecret: randomBytes(48).toString("base64"), name: "native-svc" });
        keys.push(u.keySecret);
        configure({ pamUrl: emu.url, pamTeam: TEAM, pamKeyId: u.keyId, pamKeySecret: u.keySecret }, ["pamKeySecret"]);
        const t = urn("ApiObject");
        const args = { api: "privileged-access", path: "/sudo_command_bundles", data: { name: "native_bundle", structured_commands: [{ command_type: "executable", command: "/bin/ls", args_type: "any" }] } };
        const c = note(await p.check!(t, {}, args));
        assert.deepStrictEqual(c.failures ?? [], []);
        const made = note(await p.create!(t, c.inputs));
        assert.ok(isSecret(made.outs.object), "ApiObject's object is always secret");
        assert.strictEqual((unwrap(made.outs.object) as { created_by: string }).created_by, "native-svc");
        assert.strictEqual(made.outs.baseUrl, `${emu.url}/v1/teams/${TEAM}`);
        const news = note(await p.check!(t, made.outs, { ...args, data: { ...args.data, description: "v2" } }));
        note(await p.update!(made.id!, t, made.outs, news.inputs));
        await p.delete!(made.id!, t, made.outs);
        assert.deepStrictEqual(wire(), [
            `POST /v1/teams/${TEAM}/service_token 200`,
            `POST /v1/teams/${TEAM}/sudo_command_bundles 201 Bearer`,
            `PUT /v1/teams/${TEAM}/sudo_command_bundles/{id} 204 Bearer`,
            `DELETE /v1/teams/${TEAM}/sudo_command_bundles/{id} 204 Bearer`,
        ]);
        assert.deepStrictEqual(emu.log[0].body, { key_id: u.keyId, key_secret: u.keySecret });
    });

    it("refused credentials fail the first Check naming the native keys, with no key in the message", async () => {
        const k = keyPair("rsa");
        const registered = keyPair("rsa");
        keys.push(k.pem, k.d);
        emu.registerServiceApp({ clientId: "0oanativewrong", publicJwk: registered.publicJwk, scopes: [HOOKS] });
        configure({ orgUrl: emu.url, clientId: "0oanativewrong", privateKey: k.pem, scopes: [HOOKS] }, ["privateKey"]);
        const jwt = note(await p.check!(urn("HookKey"), {}, { name: "never-made" }));
        assert.match(jwt.failures![0].reason, /cannot reach Okta as configured.*invalid_client/);
        assert.match(jwt.failures![0].reason, /config oktadynamic:clientId\/privateKey/);

        const u = emu.pam.addServiceUser({ keyId: randomUUID(), keySecret: randomBytes(48).toString("base64") });
        keys.push(u.keySecret, "wrong-SECRET-pam-key-secret-0123456789abcdef0123");
        configure({ pamUrl: emu.url, pamTeam: TEAM, pamKeyId: u.keyId, pamKeySecret: "wrong-SECRET-pam-key-secret-0123456789abcdef0123" }, ["pamKeySecret"]);
        const pam = note(await p.check!(urn("ApiObject"), {}, { api: "privileged-access", path: "/sudo_command_bundles", data: { name: "never_made" } }));
        assert.match(pam.failures![0].reason, /cannot reach Okta as configured.*401/);
        assert.strictEqual(emu.hookKeys.size + emu.pam.bundles.size, 0, "nothing was made");
    });

    it("no private key, key secret or signed assertion is in any output or error above", () => {
        assert.ok(seen.length >= 10 && credentials().length >= 8, `${seen.length} texts, ${credentials().length} credentials`);
        for (const s of credentials()) for (const text of seen) assert.ok(!text.includes(s), `a credential is in: ${text.slice(0, 300)}`);
    });
});
