// OAuth 2.0 service apps for real: the library's ServiceAppAuth + OktaClient against the emulator's org
// authorization server over HTTP, with real keys, real signatures and DPoP (RFC 9449). Counts token requests
// and API calls, and checks that no credential ever reaches an error message.
import * as assert from "assert";
import { createHash, createPrivateKey, generateKeyPairSync, KeyObject, randomUUID } from "crypto";
import fetch from "node-fetch";
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, JWK, SignJWT } from "jose";
import { Emulator, ServiceApp, specSchemaValidator, startEmulator } from "../emulator";
import { OktaClient, staticAuth } from "../provider/okta/client";
import { currentOrg } from "../provider/okta/context";
import { OktaApiError } from "../provider/okta/errors";
import { OAuthError, ServiceAppAuth } from "../provider/okta/oauth";
import type { ServiceAppCredentials } from "../provider/okta/credentials";
import { resolveOrgSettings } from "../provider/okta/settings";
import { HOOK_KEYS_PATH } from "../provider/schema/hookKey";
import { REQUEST_TYPES_PATH, TEAMS_PATH } from "../provider/schema/requestType";
import { minimal } from "./fixtures";
import { hostileServer, json } from "./support/hostileServer";

const STATIC = "static-SECRET-token-5f1a";
const WRONG_STATIC = "wrong-SECRET-token-77c0";
const AR_READ = "okta.governance.accessRequests.read";
const AR_MANAGE = "okta.governance.accessRequests.manage";
const HOOKS_READ = "okta.inlineHooks.read";
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const noSleep = async () => {};

interface KeyPair {
    pem: string;
    privateJwk: JWK;
    publicJwk: JWK;
    publicKey: KeyObject;
}

function keyPair(type: "rsa" | "ec"): KeyPair {
    const { privateKey, publicKey } = type === "rsa" ? generateKeyPairSync("rsa", { modulusLength: 2048 }) : generateKeyPairSync("ec", { namedCurve: "P-256" });
    return {
        pem: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
        privateJwk: privateKey.export({ format: "jwk" }) as JWK,
        publicJwk: publicKey.export({ format: "jwk" }) as JWK,
        publicKey,
    };
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("base64url");

describe("OAuth 2.0 service apps against the emulator's org authorization server", () => {
    let emu: Emulator;
    let key: KeyPair;
    let otherKey: KeyPair;
    const keys: KeyPair[] = [];
    const thrown: Error[] = [];
    let n = 0;

    before(async () => {
        emu = await startEmulator({ tokens: [STATIC], logSecrets: true }); // these tests read the assertions sent
        key = keyPair("rsa");
        otherKey = keyPair("rsa");
        keys.push(key, otherKey);
    });
    after(() => emu?.stop()); // undefined when before() failed (a missing spec file says so there)

    /** Registers an app with `key`'s public half and builds the library's client for it. */
    function serviceApp(reg: Omit<ServiceApp, "clientId" | "publicJwk">, creds: Partial<ServiceAppCredentials> = {}) {
        const clientId = `0oa${++n}svcapp`;
        emu.registerServiceApp({ clientId, publicJwk: key.publicJwk, ...reg });
        const auth = new ServiceAppAuth(emu.url, { kind: "oauth", clientId, privateKey: key.pem, scopes: reg.scopes, ...creds });
        return { clientId, auth, client: new OktaClient({ baseUrl: emu.url, auth, sleep: noSleep }) };
    }

    /** What the emulator saw since `mark`, as "METHOD path status". */
    const since = (mark: number) => emu.log.slice(mark).map((l) => `${l.method} ${l.path} ${l.status}`);
    const tokenOf = (clientId: string) => [...emu.oauth.tokens.entries()].filter(([, t]) => t.clientId === clientId);

    /** Every credential the tests have produced or the emulator has seen. */
    function secrets(): string[] {
        const out = [STATIC, WRONG_STATIC, ...emu.oauth.tokens.keys()];
        for (const k of keys) {
            out.push(...k.pem.split("\n").filter((l) => l.length >= 40 && !l.startsWith("-----")));
            if (k.privateJwk.d) out.push(k.privateJwk.d);
        }
        for (const l of emu.log) {
            const a = (l.body as { client_assertion?: unknown } | undefined)?.client_assertion;
            if (typeof a === "string") out.push(a);
        }
        return out;
    }

    function assertNoSecrets(e: Error): void {
        for (const s of secrets()) assert.ok(!e.message.includes(s) && !(e.stack ?? "").includes(s), `a credential leaked into: ${e.message}`);
        assert.doesNotMatch(e.message, /eyJ[\w-]+\.[\w-]+/, "no JWT (assertion, proof) in the message");
    }

    /** Awaits a rejection of the given type, and checks it carries no credential. */
    async function refusal<T extends Error>(p: Promise<unknown>, type: abstract new (...args: never[]) => T): Promise<T> {
        try {
            await p;
        } catch (e) {
            const err = e as Error;
            thrown.push(err);
            assert.ok(err instanceof type, `expected ${type.name}, got ${err.name}: ${err.message}`);
            assertNoSecrets(err);
            return err;
        }
        return assert.fail(`expected a ${type.name}`);
    }

    type AssertionClaims = { aud?: string; sub?: string; lifetime?: number; iatOffset?: number };
    const tokenUrl = () => `${emu.url}/oauth2/v1/token`;

    /** A client assertion made by hand, signed with `key`, to probe the token endpoint. */
    async function assertionFor(clientId: string, claims: AssertionClaims = {}): Promise<string> {
        const now = Math.floor(Date.now() / 1000) + (claims.iatOffset ?? 0);
        return new SignJWT({})
            .setProtectedHeader({ alg: "RS256" })
            .setIssuer(clientId)
            .setSubject(claims.sub ?? clientId)
            .setAudience(claims.aud ?? tokenUrl())
            .setIssuedAt(now)
            .setExpirationTime(now + (claims.lifetime ?? 300))
            .setJti(randomUUID())
            .sign(createPrivateKey(key.pem));
    }

    async function postToken(form: Record<string, string>, contentType = "application/x-www-form-urlencoded", headers: Record<string, string> = {}) {
        const body = contentType.includes("json") ? JSON.stringify(form) : new URLSearchParams(form).toString();
        const res = await fetch(tokenUrl(), { method: "POST", headers: { "Content-Type": contentType, ...headers }, body });
        return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
    }

    describe("client credentials with a private-key JWT", () => {
        it("buys one Bearer token that serves every call, concurrent ones included", async () => {
            const { clientId, auth, client } = serviceApp({ scopes: [AR_READ, AR_MANAGE] });
            const t0 = emu.tokenRequests;
            const mark = emu.log.length;
            const wave = await Promise.all([1, 2, 3].map(() => client.get(REQUEST_TYPES_PATH)));
            for (let i = 0; i < 5; i++) assert.strictEqual((await client.get(REQUEST_TYPES_PATH)).status, 200);
            const created = await client.request("POST", REQUEST_TYPES_PATH, { body: minimal({ name: "oauth-created", ownerId: emu.teams[0].id }) });
            assert.deepStrictEqual([...wave.map((r) => r.status), created.status], [200, 200, 200, 201]);
            assert.strictEqual(emu.tokenRequests - t0, 1, "one token request for 9 API calls");
            assert.strictEqual(auth.tokenRequests, 1);
            const api = emu.log.slice(mark).filter((l) => l.path === REQUEST_TYPES_PATH);
            assert.deepStrictEqual(api.map((l) => l.authScheme), Array(9).fill("Bearer"));
            const issued = tokenOf(clientId);
            assert.strictEqual(issued.length, 1);
            assert.deepStrictEqual(issued[0][1].scopes, [AR_READ, AR_MANAGE]);
            assert.strictEqual(issued[0][1].jkt, undefined, "no DPoP proof, so not bound");
        });

        it("an expired token costs one 401 and exactly one renewal, then the call succeeds", async () => {
            const { auth, client } = serviceApp({ scopes: [AR_READ] });
            await client.get(REQUEST_TYPES_PATH);
            const t0 = emu.tokenRequests;
            const mark = emu.log.length;
            emu.expireTokens();
            assert.strictEqual((await client.get(REQUEST_TYPES_PATH)).status, 200);
            assert.deepStrictEqual(since(mark), [`GET ${REQUEST_TYPES_PATH} 401`, "POST /oauth2/v1/token 200", `GET ${REQUEST_TYPES_PATH} 200`]);
            assert.strictEqual(emu.tokenRequests - t0, 1);
            assert.strictEqual(auth.tokenRequests, 2, "two token requests in all");
        });

        it("a token that keeps being refused is renewed once, not in a loop, and Okta's 401 surfaces with its request id", async () => {
            const { auth, client } = serviceApp({ scopes: [AR_READ] });
            const mark = emu.log.length;
            emu.oauth.refuseTokens = true;
            try {
                const e = await refusal(client.get(REQUEST_TYPES_PATH), OktaApiError);
                assert.strictEqual(e.status, 401);
                assert.strictEqual(e.errorCode, "E0000011");
                const last = emu.log[emu.log.length - 1];
                assert.strictEqual(e.requestId, last.requestId);
                assert.match(e.message, new RegExp(`401 to GET ${REQUEST_TYPES_PATH} \\| E0000011: Invalid token provided \\| X-Okta-Request-Id: ${last.requestId}$`));
            } finally {
                emu.oauth.refuseTokens = false;
            }
            const token = "POST /oauth2/v1/token 200";
            const refused = `GET ${REQUEST_TYPES_PATH} 401`;
            assert.deepStrictEqual(since(mark), [token, refused, token, refused]);
            assert.strictEqual(auth.tokenRequests, 2, "the first token and exactly one renewal");
        });

        it("an assertion signed by a key that is not registered gives a clear OAuthError without key or assertion", async () => {
            const { clientId, auth, client } = serviceApp({ scopes: [AR_READ] }, { privateKey: otherKey.pem });
            const mark = emu.log.length;
            const e = await refusal(client.get(REQUEST_TYPES_PATH), OAuthError);
            assert.match(e.message, new RegExp(`\\(401 invalid_client: The client_assertion signature is invalid\\.\\) for client ${clientId} `));
            assert.match(e.message, /X-Okta-Request-Id: [\w-]+$/);
            assert.deepStrictEqual(since(mark), ["POST /oauth2/v1/token 401"], "no retry, no API call");
            assert.strictEqual(auth.tokenRequests, 1);
            const assertion = (emu.log[mark].body as { client_assertion: string }).client_assertion;
            assert.ok(!e.message.includes(assertion));
        });
    });

    describe("scopes", () => {
        it("a token with only okta.inlineHooks.read gets 403 E0000006 naming the missing scope, without renewal", async () => {
            const { auth, client } = serviceApp({ scopes: [HOOKS_READ] });
            assert.strictEqual((await client.get(HOOK_KEYS_PATH)).status, 200, "the token works for what it carries");
            const before = emu.requestTypes.size;
            const create = await refusal(client.request("POST", REQUEST_TYPES_PATH, { body: minimal({ name: "no-scope", ownerId: emu.teams[0].id }) }), OktaApiError);
            assert.strictEqual(create.status, 403);
            assert.strictEqual(create.errorCode, "E0000006");
            assert.match(create.message, /403 to POST \/governance\/api\/v1\/request-types \| E0000006: .* causes: The access token does not carry the scope okta\.governance\.accessRequests\.manage \| X-Okta-Request-Id: /);
            const list = await refusal(client.get(REQUEST_TYPES_PATH), OktaApiError);
            assert.match(list.message, /403 .*okta\.governance\.accessRequests\.read/);
            assert.strictEqual(emu.requestTypes.size, before, "nothing was created");
            assert.strictEqual(auth.tokenRequests, 1, "a 403 is not a reason to renew");
        });

        it("the token endpoint's error and error_description reach the message escaped: no terminal control sequence acts", async () => {
            // A token endpoint (a proxy, a compromised host) answering text that would recolour or rewrite the terminal.
            const server = await hostileServer((_req, res) => json(res, 400, { error: "invalid_client\u001b[2J", error_description: "Bad\u001b]0;owned\u0007 client\r\nfake: line\u202e" }));
            try {
                const auth = new ServiceAppAuth(server.url, { kind: "oauth", clientId: "0oahostile", privateKey: key.pem, scopes: [HOOKS_READ] });
                const e = await refusal(auth.headers("GET", `${server.url}${HOOK_KEYS_PATH}`), OAuthError);
                assert.match(e.message, /\(400 invalid_client\\u001b\[2J: Bad\\u001b\]0;owned\\u0007 client\\u000d\\u000afake: line\\u202e\)/);
                assert.doesNotMatch(e.message, /[\x00-\x1f\u202e]/, "a control character in the message");
            } finally {
                await server.close();
            }
        });

        it("asking the token endpoint for a scope the app was not granted surfaces invalid_scope", async () => {
            const { clientId, auth, client } = serviceApp({ scopes: [HOOKS_READ] }, { scopes: [HOOKS_READ, AR_MANAGE] });
            const e = await refusal(client.get(HOOK_KEYS_PATH), OAuthError);
            assert.match(e.message, /\(400 invalid_scope: The following scopes are not granted to the client: okta\.governance\.accessRequests\.manage\)/);
            assert.match(e.message, new RegExp(`for client ${clientId} with scopes "${HOOKS_READ} ${AR_MANAGE}"`));
            assert.strictEqual(auth.tokenRequests, 1);
        });
    });

    describe("DPoP", () => {
        it("an app that requires DPoP: the client learns it from invalid_dpop_proof, and each call's proof is bound and verified", async () => {
            const { clientId, auth, client } = serviceApp({ scopes: [AR_READ], requireDpop: true });
            const mark = emu.log.length;
            assert.strictEqual((await client.get(REQUEST_TYPES_PATH)).status, 200);
            assert.deepStrictEqual(since(mark), ["POST /oauth2/v1/token 400", "POST /oauth2/v1/token 200", `GET ${REQUEST_TYPES_PATH} 200`]);
            assert.strictEqual(auth.tokenRequests, 2);
            assert.strictEqual(emu.log[emu.log.length - 1].authScheme, "DPoP");
            const [[value, token]] = tokenOf(clientId);
            assert.ok(token.jkt, "the token is bound to the proof's key (cnf.jkt)");

            // The headers the library sends, checked by hand and then by the emulator.
            const url = emu.url + REQUEST_TYPES_PATH;
            const h = await auth.headers("GET", `${url}?limit=5`);
            assert.strictEqual(h.Authorization, `DPoP ${value}`);
            const header = decodeProtectedHeader(h.DPoP);
            assert.strictEqual(header.typ, "dpop+jwt");
            assert.strictEqual(header.alg, "ES256");
            assert.ok(header.jwk && !("d" in header.jwk), "only the public key is embedded");
            assert.strictEqual(await calculateJwkThumbprint(header.jwk as JWK), token.jkt);
            const claims = decodeJwt(h.DPoP);
            assert.deepStrictEqual([claims.htm, claims.htu, claims.ath], ["GET", url, sha256(value)]);

            const send = (headers: Record<string, string>, path = REQUEST_TYPES_PATH) => fetch(emu.url + path, { headers });
            const challenge = async (headers: Record<string, string>, path?: string) => {
                const r = await send(headers, path);
                assert.strictEqual(r.status, 401);
                assert.strictEqual(((await r.json()) as { errorCode: string }).errorCode, "E0000011");
                return r.headers.get("www-authenticate") ?? "";
            };
            assert.strictEqual((await send(h)).status, 200, "the proof is accepted once");
            assert.match(await challenge(h), /^DPoP .*error="invalid_dpop_proof", error_description="The DPoP proof's 'jti' was already used\."/);
            assert.match(await challenge({ Authorization: `Bearer ${value}` }), /^DPoP .*error="invalid_token", .*must be sent with the DPoP scheme/);
            assert.match(await challenge({ Authorization: h.Authorization }), /error="invalid_dpop_proof", error_description="The DPoP proof JWT header is missing\."/);
            assert.match(await challenge(await auth.headers("GET", emu.url + TEAMS_PATH)), /'htu' does not match/);
            assert.match(await challenge(await auth.headers("POST", url)), /'htm' does not match/);
            // A proof signed by another key, otherwise perfect: the token is bound to the client's key only.
            const thief = await generateKeyPair("ES256");
            const forged = await new SignJWT({ htm: "GET", htu: url, ath: sha256(value) })
                .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: await exportJWK(thief.publicKey) })
                .setIssuedAt()
                .setJti(`forged-${n}`)
                .sign(thief.privateKey);
            assert.match(await challenge({ Authorization: h.Authorization, DPoP: forged }), /not signed by the key the access token is bound to/);
            const stale = await auth.headers("GET", url);
            emu.expireTokens();
            assert.match(await challenge(stale), /^DPoP .*error="invalid_token", error_description="The access token is expired\."/);
        });

        it("use_dpop_nonce at the token endpoint costs exactly one extra token request, and the nonce is kept for renewals", async () => {
            const a = serviceApp({ scopes: [AR_READ], requireDpop: true, requireDpopNonce: true }, { dpop: true });
            let mark = emu.log.length;
            assert.strictEqual((await a.client.get(REQUEST_TYPES_PATH)).status, 200);
            assert.deepStrictEqual(since(mark), ["POST /oauth2/v1/token 400", "POST /oauth2/v1/token 200", `GET ${REQUEST_TYPES_PATH} 200`]);
            assert.strictEqual(a.auth.tokenRequests, 2);

            // Not told to use DPoP: one request learns DPoP, one learns the nonce, the third succeeds.
            const b = serviceApp({ scopes: [AR_READ], requireDpop: true, requireDpopNonce: true });
            await b.client.get(REQUEST_TYPES_PATH);
            assert.strictEqual(b.auth.tokenRequests, 3);
            assert.strictEqual(tokenOf(b.clientId).length, 1);

            emu.expireTokens();
            mark = emu.log.length;
            await a.client.get(REQUEST_TYPES_PATH);
            assert.deepStrictEqual(since(mark), [`GET ${REQUEST_TYPES_PATH} 401`, "POST /oauth2/v1/token 200", `GET ${REQUEST_TYPES_PATH} 200`], "the known nonce is sent at once");
            assert.strictEqual(a.auth.tokenRequests, 3);
        });

        it("a resource-server nonce challenge costs exactly one repeat of the API call, and no renewal", async () => {
            const { auth, client } = serviceApp({ scopes: [AR_READ], requireDpop: true }, { dpop: true });
            emu.oauth.apiNonce = "api-nonce-1";
            try {
                let mark = emu.log.length;
                assert.strictEqual((await client.get(REQUEST_TYPES_PATH)).status, 200);
                assert.deepStrictEqual(since(mark), ["POST /oauth2/v1/token 200", `GET ${REQUEST_TYPES_PATH} 401`, `GET ${REQUEST_TYPES_PATH} 200`]);
                mark = emu.log.length;
                await client.get(REQUEST_TYPES_PATH);
                assert.deepStrictEqual(since(mark), [`GET ${REQUEST_TYPES_PATH} 200`], "the nonce is remembered");
                emu.oauth.apiNonce = "api-nonce-2";
                mark = emu.log.length;
                await client.get(REQUEST_TYPES_PATH);
                assert.deepStrictEqual(since(mark), [`GET ${REQUEST_TYPES_PATH} 401`, `GET ${REQUEST_TYPES_PATH} 200`], "a rotated nonce: one repeat again");
                assert.strictEqual(auth.tokenRequests, 1);
            } finally {
                emu.oauth.apiNonce = undefined;
            }
        });
    });

    describe("DPoP proofs made by hand", () => {
        it("the emulator verifies them for real: htu at the token endpoint; ath, iat window, typ and a private jwk on API calls", async () => {
            const clientId = `0oa${++n}rawdpop`;
            emu.registerServiceApp({ clientId, publicJwk: key.publicJwk, scopes: [AR_READ], requireDpop: true });
            const dpop = await generateKeyPair("ES256", { extractable: true });
            const jwk = await exportJWK(dpop.publicKey);
            const proof = (claims: Record<string, unknown>, header: Record<string, unknown> = {}, iat = Math.floor(Date.now() / 1000)) =>
                new SignJWT(claims).setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk, ...header }).setIssuedAt(iat).setJti(randomUUID()).sign(dpop.privateKey);
            const form = async () => ({ grant_type: "client_credentials", scope: AR_READ, client_assertion_type: ASSERTION_TYPE, client_assertion: await assertionFor(clientId) });

            const misdirected = await postToken(await form(), undefined, { DPoP: await proof({ htm: "POST", htu: `${emu.url}/oauth2/default/v1/token` }) });
            assert.deepStrictEqual([misdirected.status, misdirected.body.error], [400, "invalid_dpop_proof"]);
            const ok = await postToken(await form(), undefined, { DPoP: await proof({ htm: "POST", htu: tokenUrl() }) });
            assert.strictEqual(ok.body.token_type, "DPoP");
            const value = String(ok.body.access_token);
            assert.strictEqual(emu.oauth.tokens.get(value)?.jkt, await calculateJwkThumbprint(jwk));

            const url = emu.url + REQUEST_TYPES_PATH;
            const call = async (p: string) => {
                const r = await fetch(`${url}?limit=1`, { headers: { Authorization: `DPoP ${value}`, DPoP: p } });
                return r.status === 200 ? "200" : `${r.status} ${r.headers.get("www-authenticate")?.match(/error_description="([^"]*)"/)?.[1]}`;
            };
            const good = { htm: "GET", htu: url, ath: sha256(value) };
            assert.strictEqual(await call(await proof(good)), "200", "htu without the query matches");
            assert.strictEqual(await call(await proof({ ...good, ath: sha256("another token") })), "401 The DPoP proof's 'ath' does not match the access token.");
            assert.strictEqual(await call(await proof({ htm: "GET", htu: url })), "401 The DPoP proof's 'ath' does not match the access token.");
            assert.strictEqual(await call(await proof(good, {}, Math.floor(Date.now() / 1000) - 600)), "401 The DPoP proof's 'iat' is outside the accepted window.");
            assert.strictEqual(await call(await proof(good, { typ: "JWT" })), "401 The DPoP proof's 'typ' must be 'dpop+jwt'.");
            assert.strictEqual(await call(await proof(good, { jwk: await exportJWK(dpop.privateKey) })), "401 The DPoP proof's 'jwk' must be a public key.");
        });
    });

    describe("what the emulator refuses, and how the library reacts", () => {
        it("a wrong static token (401 E0000004), an expired or unknown OAuth token (401 E0000011), a missing scope (403 E0000006)", async () => {
            const ok = new OktaClient({ baseUrl: emu.url, auth: staticAuth({ kind: "apiToken", token: STATIC }), sleep: noSleep });
            assert.strictEqual((await ok.get(TEAMS_PATH)).status, 200, "static tokens still work beside OAuth");
            let mark = emu.log.length;
            const wrong = new OktaClient({ baseUrl: emu.url, auth: staticAuth({ kind: "apiToken", token: WRONG_STATIC }), sleep: noSleep });
            const e = await refusal(wrong.get(TEAMS_PATH), OktaApiError);
            assert.deepStrictEqual([e.status, e.errorCode], [401, "E0000004"]);
            assert.deepStrictEqual(since(mark), [`GET ${TEAMS_PATH} 401`], "nothing to renew for a static token");

            const { clientId, auth, client } = serviceApp({ scopes: [AR_READ] });
            await client.get(TEAMS_PATH);
            const [[value]] = tokenOf(clientId);
            const raw = (token: string, method = "GET", path = TEAMS_PATH) => fetch(emu.url + path, { method, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: method === "POST" ? "{}" : undefined });
            const forbidden = await raw(value, "POST", REQUEST_TYPES_PATH);
            assert.strictEqual(forbidden.status, 403);
            assert.strictEqual(((await forbidden.json()) as { errorCode: string }).errorCode, "E0000006");
            const unknown = await raw("not-a-token-we-issued");
            assert.strictEqual(unknown.status, 401);
            assert.match(unknown.headers.get("www-authenticate") ?? "", /^Bearer realm=".*", error="invalid_token", error_description="The access token is invalid\."$/);
            emu.expireTokens();
            const expired = await raw(value);
            assert.strictEqual(expired.status, 401);
            assert.deepStrictEqual(await expired.json().then((b) => (b as { errorCode: string; errorSummary: string })).then((b) => [b.errorCode, b.errorSummary]), ["E0000011", "Invalid token provided"]);
            assert.match(expired.headers.get("www-authenticate") ?? "", /error="invalid_token", error_description="The access token is expired\."/);
            assert.ok(expired.headers.get("x-okta-request-id"));

            mark = emu.log.length;
            assert.strictEqual((await client.get(TEAMS_PATH)).status, 200, "the library renews once and goes on");
            assert.deepStrictEqual(since(mark), [`GET ${TEAMS_PATH} 401`, "POST /oauth2/v1/token 200", `GET ${TEAMS_PATH} 200`]);
            assert.strictEqual(auth.tokenRequests, 2);
        });

        it("the token endpoint checks the form against Okta's spec and the assertion for real: replay, audience, lifetime, subject", async () => {
            const clientId = `0oa${++n}raw`;
            emu.registerServiceApp({ clientId, publicJwk: key.publicKey, scopes: [HOOKS_READ] });
            const assertion = (claims: AssertionClaims = {}) => assertionFor(clientId, claims);
            const post = (form: Record<string, string>, contentType?: string) => postToken(form, contentType);
            const form = (client_assertion: string, extra: Record<string, string> = {}) => ({ grant_type: "client_credentials", scope: HOOKS_READ, client_assertion_type: ASSERTION_TYPE, client_assertion, ...extra });
            const refusedWith = (r: { status: number; body: Record<string, unknown> }) => `${r.status} ${String(r.body.error)}: ${String(r.body.error_description)}`;

            // What the library sent so far, before this test's hand-made requests join the log.
            const sent = emu.log.filter((l) => l.path === "/oauth2/v1/token" && typeof (l.body as { client_assertion?: unknown }).client_assertion === "string");
            const good = await assertion();
            const ok = await post(form(good));
            assert.strictEqual(ok.status, 200);
            assert.deepStrictEqual(specSchemaValidator("oauth-minimal.yaml", "TokenResponseOrgAs")?.(ok.body) ?? [], [], "the answer matches Okta's TokenResponse");
            assert.deepStrictEqual([ok.body.token_type, ok.body.expires_in, ok.body.scope], ["Bearer", 3600, HOOKS_READ]);
            assert.strictEqual(ok.headers.get("cache-control"), "no-store");
            assert.strictEqual(refusedWith(await post(form(good))), "401 invalid_client: The client_assertion token has already been used.");
            assert.strictEqual(refusedWith(await post(form(await assertion({ aud: `${emu.url}/oauth2/default/v1/token` })))), "401 invalid_client: The client_assertion's 'aud' claim is missing or invalid.");
            assert.strictEqual(refusedWith(await post(form(await assertion({ sub: "someone-else" })))), "401 invalid_client: The client_assertion's 'sub' claim is missing or invalid.");
            assert.strictEqual(refusedWith(await post(form(await assertion({ lifetime: 3600 })))), "401 invalid_client: The client_assertion token has an expiration too far into the future.");
            assert.strictEqual(refusedWith(await post(form(await assertion({ iatOffset: -600 })))), "401 invalid_client: The client_assertion token is expired.");
            assert.strictEqual(refusedWith(await post(form(await assertion(), { client_id: "0oaSomeoneElse" }))), "401 invalid_client: Invalid value for 'client_id' parameter.");
            assert.strictEqual(refusedWith(await post({ grant_type: "client_credentials", scope: HOOKS_READ })), "401 invalid_client: No client credentials found");
            assert.strictEqual(refusedWith(await post(form(await assertion(), { client_assertion_type: "jwt" }))), "400 invalid_request: The `client_assertion_type` is invalid.");
            const { scope: _s, ...noScope } = form(await assertion());
            assert.strictEqual(refusedWith(await post(noScope)), "400 invalid_scope: No scopes were requested.");
            assert.strictEqual(refusedWith(await post(form(await assertion(), { grant_type: "password" }))), "400 unsupported_grant_type: The grant type in the request isn't supported.");
            assert.strictEqual((await post(form(await assertion()), "application/json")).body.error, "invalid_request");
            // The library's own token requests were valid by the same spec.
            const validate = specSchemaValidator("oauth-minimal.yaml", "TokenRequestClientCredentials")!;
            assert.ok(sent.length > 10);
            for (const l of sent) assert.deepStrictEqual(validate(l.body), []);
        });
    });

    describe("configured like a stack", () => {
        const config = (values: Record<string, string>) => ({ get: (k: string) => values[k] });

        it("currentOrg(resolveOrgSettings(config)) with okta:privateKey as a PKCS#8 PEM, and as a JWK JSON string", async () => {
            const pemApp = `0oa${++n}cfgpem`;
            emu.registerServiceApp({ clientId: pemApp, publicJwk: key.publicKey.export({ type: "spki", format: "pem" }) as string, scopes: [AR_READ, HOOKS_READ] });
            const t0 = emu.tokenRequests;
            const org = currentOrg(
                resolveOrgSettings(config({ "pulumi-okta-dynamic:orgUrl": emu.url, "okta:clientId": pemApp, "okta:privateKey": key.pem, "okta:scopes": `${AR_READ},${HOOKS_READ}` }), {}),
            );
            assert.strictEqual((await org.client.get(TEAMS_PATH)).status, 200);
            assert.strictEqual((await org.client.get(HOOK_KEYS_PATH)).status, 200);
            assert.strictEqual(emu.tokenRequests - t0, 1);
            assert.deepStrictEqual(tokenOf(pemApp)[0][1].scopes, [AR_READ, HOOKS_READ]);

            const ec = keyPair("ec");
            keys.push(ec);
            const jwkApp = `0oa${++n}cfgjwk`;
            emu.registerServiceApp({ clientId: jwkApp, publicJwk: ec.publicJwk, scopes: [AR_READ] });
            const mark = emu.log.length;
            const jwkOrg = currentOrg(
                resolveOrgSettings(config({ "pulumi-okta-dynamic:orgUrl": emu.url, "okta:clientId": jwkApp, "okta:privateKey": JSON.stringify(ec.privateJwk), "okta:scopes": JSON.stringify([AR_READ]) }), {}),
            );
            assert.strictEqual((await jwkOrg.client.get(REQUEST_TYPES_PATH)).status, 200);
            assert.deepStrictEqual(since(mark), ["POST /oauth2/v1/token 200", `GET ${REQUEST_TYPES_PATH} 200`]);
            assert.strictEqual(decodeProtectedHeader((emu.log[mark].body as { client_assertion: string }).client_assertion).alg, "ES256");
        });

        it("an EC private key as a PKCS#8 PEM signs with ES256", async () => {
            const ec = keyPair("ec");
            keys.push(ec);
            const id = `0oa${++n}cfgecpem`;
            emu.registerServiceApp({ clientId: id, publicJwk: ec.publicKey, scopes: [AR_READ] });
            const org = currentOrg(resolveOrgSettings(config({ "pulumi-okta-dynamic:orgUrl": emu.url, "okta:clientId": id, "okta:privateKey": ec.pem, "okta:scopes": AR_READ }), {}));
            assert.strictEqual((await org.client.get(REQUEST_TYPES_PATH)).status, 200);
        });
    });

    // Last suite, so it runs after every refusal above (mocha runs a suite's own tests before its children).
    describe("credentials", () => {
        it("no credential (private key, client assertion, access token, proof) appeared in any error thrown above", () => {
            assert.ok(thrown.length >= 6, `expected the refusals above to be collected (got ${thrown.length})`);
            for (const e of thrown) assertNoSecrets(e);
        });
    });
});
