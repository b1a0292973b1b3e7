// The org authorization server for service apps: `POST /oauth2/v1/token` (client credentials with a
// private-key JWT, RFC 7523), DPoP (RFC 9449) with nonces at the token endpoint and on API calls, and the
// authorizer that accepts the tokens it issued on org routes. Every signature and claim is checked for real
// with jose, so the library's OAuth code meets the rules Okta applies rather than a stub that says yes.
import { createHash, createPublicKey, KeyObject, randomBytes } from "crypto";
import type { IncomingHttpHeaders } from "http";
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, EmbeddedJWK, JWK, jwtVerify } from "jose";
import { oktaError } from "./errors";
import { specSchemaValidator } from "./openapi";
import type { EmulatorServer } from "./server";
import type { AuthResult, Authorizer, Ctx, Reply } from "./route";

export const TOKEN_PATH = "/oauth2/v1/token";
const OAUTH_SPEC = "oauth-minimal.yaml";
/** The schema the token endpoint checks its form against (a form, so not through the route's JSON body check). */
export const TOKEN_REQUEST_SCHEMA = { spec: OAUTH_SPEC, name: "TokenRequestClientCredentials" };
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** What Okta takes for private_key_jwt and for DPoP proofs (oauth-minimal.yaml). */
const ALGS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"];
/** Okta refuses client assertions that live longer than this (okta-api-notes §3: exp <= 5 min). */
const MAX_ASSERTION_LIFETIME_S = 300;
/** RFC 9449 §11.1: a proof is only good for a short while after its iat. */
const PROOF_MAX_AGE_S = 60;
const CLOCK_SKEW_S = 5;
const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "k"];

export interface ServiceApp {
    clientId: string;
    /** The public key registered for the app: a JWK (RSA or EC), a PEM, or a KeyObject (a private one is reduced to its public half). */
    publicJwk: JWK | KeyObject | string;
    /** Scopes granted to the app; a token request may ask for any subset. */
    scopes: string[];
    /** Token requests without a DPoP proof are refused with `invalid_dpop_proof`. */
    requireDpop?: boolean;
    /** DPoP proofs at the token endpoint must carry the server's nonce (`use_dpop_nonce` first). */
    requireDpopNonce?: boolean;
}

export interface IssuedToken {
    clientId: string;
    scopes: string[];
    expiresAt: number;
    /** RFC 9449 `cnf.jkt`: the thumbprint of the key a DPoP-bound token is tied to. */
    jkt?: string;
}

export interface OAuthServerOptions {
    /** Lifetime of issued tokens (default 3600). */
    tokenTtlSeconds?: number;
    /** API calls with a DPoP token must carry a server nonce in their proof (RFC 9449 §9). */
    dpopNonceOnApi?: boolean;
}

type ProofResult = { jkt: string } | { error: "invalid_dpop_proof" | "use_dpop_nonce"; description: string };

export class OrgAuthorizationServer {
    /** Every POST to the token endpoint, answered or refused. */
    tokenRequests = 0;
    tokenTtlSeconds: number;
    /** The nonce DPoP proofs at the token endpoint must carry when the app asks for one. */
    tokenNonce = newNonce();
    /** When set, DPoP proofs on API calls must carry it; undefined: no nonce asked. */
    apiNonce?: string;
    /** Tokens are issued but refused on API calls, as if revoked at once: the client must not renew in a loop. */
    refuseTokens = false;
    readonly tokens = new Map<string, IssuedToken>();
    private readonly apps = new Map<string, { app: ServiceApp; key: KeyObject }>();
    /** jti values already accepted (assertions per client, proofs globally): a replay is refused. */
    private readonly usedJtis = new Set<string>();

    constructor(opts: OAuthServerOptions = {}) {
        this.tokenTtlSeconds = opts.tokenTtlSeconds ?? 3600;
        if (opts.dpopNonceOnApi) this.apiNonce = newNonce();
    }

    registerServiceApp(app: ServiceApp): void {
        const k = app.publicJwk;
        const key = k instanceof KeyObject ? (k.type === "private" ? createPublicKey(k) : k) : typeof k === "string" ? createPublicKey(k) : createPublicKey({ key: k as never, format: "jwk" });
        this.apps.set(app.clientId, { app: { ...app, scopes: [...app.scopes] }, key });
    }

    /** Every token issued so far expires now (the next API call with one gets 401). */
    expireTokens(): void {
        for (const t of this.tokens.values()) t.expiresAt = Math.min(t.expiresAt, Date.now() - 1);
    }

    /** A body that is not a form, refused before it is read: the same answer the token call gives it. */
    wrongMediaType(): Reply {
        this.tokenRequests++;
        return oauthError(400, "invalid_request", "The request body must be application/x-www-form-urlencoded.");
    }

    async token(ctx: Ctx): Promise<Reply> {
        this.tokenRequests++;
        const tokenUrl = ctx.baseUrl + TOKEN_PATH;
        const form = ctx.body as Record<string, unknown> | undefined;
        if (!String(ctx.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded") || !form || Object.values(form).some((v) => typeof v !== "string")) {
            return oauthError(400, "invalid_request", "The request body must be application/x-www-form-urlencoded.");
        }
        const f = form as Record<string, string>;
        if (!f.grant_type) return oauthError(400, "invalid_request", "The 'grant_type' parameter is required.");
        if (f.grant_type !== "client_credentials") return oauthError(400, "unsupported_grant_type", "The grant type in the request isn't supported.");
        // The form against Okta's TokenRequestClientCredentials (scope is required there; Okta says so as invalid_scope).
        const problems = specSchemaValidator(TOKEN_REQUEST_SCHEMA.spec, TOKEN_REQUEST_SCHEMA.name)(f);
        if (problems.some((p) => p.includes("scope"))) return oauthError(400, "invalid_scope", "No scopes were requested.");
        if (problems.length) return oauthError(400, "invalid_request", `The request does not match Okta's schema: ${problems.join("; ")}`);

        // Client authentication: private_key_jwt.
        if (!f.client_assertion) return oauthError(401, "invalid_client", "No client credentials found");
        if (f.client_assertion_type !== ASSERTION_TYPE) return oauthError(400, "invalid_request", "The `client_assertion_type` is invalid.");
        let claimedId: unknown;
        try {
            claimedId = decodeJwt(f.client_assertion).iss;
        } catch {
            return oauthError(401, "invalid_client", "The client_assertion is not a valid JWT.");
        }
        const reg = typeof claimedId === "string" ? this.apps.get(claimedId) : undefined;
        if (!reg || (f.client_id !== undefined && f.client_id !== claimedId)) return oauthError(401, "invalid_client", "Invalid value for 'client_id' parameter.");
        const clientId = reg.app.clientId;
        try {
            const { payload } = await jwtVerify(f.client_assertion, reg.key, {
                algorithms: ALGS,
                issuer: clientId,
                subject: clientId,
                audience: tokenUrl,
                requiredClaims: ["exp", "jti"],
                clockTolerance: CLOCK_SKEW_S,
            });
            if (payload.exp! - (payload.iat ?? Math.floor(Date.now() / 1000)) > MAX_ASSERTION_LIFETIME_S) {
                return oauthError(401, "invalid_client", "The client_assertion token has an expiration too far into the future.");
            }
            const jti = `assertion ${clientId} ${String(payload.jti)}`;
            if (this.usedJtis.has(jti)) return oauthError(401, "invalid_client", "The client_assertion token has already been used.");
            this.usedJtis.add(jti);
        } catch (e) {
            return oauthError(401, "invalid_client", assertionProblem(e));
        }

        // DPoP: bind the token when a valid proof comes, demand one when the app requires it.
        let jkt: string | undefined;
        const proof = ctx.headers.dpop;
        if (proof !== undefined) {
            const r = await this.verifyProof(proof, "POST", tokenUrl, { nonce: reg.app.requireDpopNonce ? this.tokenNonce : undefined });
            if ("error" in r) return oauthError(400, r.error, r.description, r.error === "use_dpop_nonce" ? { "DPoP-Nonce": this.tokenNonce } : {});
            jkt = r.jkt;
        } else if (reg.app.requireDpop) {
            return oauthError(400, "invalid_dpop_proof", "The DPoP proof JWT header is missing.");
        }

        const requested = (f.scope ?? "").split(" ").filter(Boolean);
        if (!requested.length) return oauthError(400, "invalid_scope", "No scopes were requested.");
        const ungranted = requested.filter((s) => !reg.app.scopes.includes(s));
        if (ungranted.length) return oauthError(400, "invalid_scope", `The following scopes are not granted to the client: ${ungranted.join(" ")}`);

        const value = randomBytes(32).toString("base64url");
        this.tokens.set(value, { clientId, scopes: requested, expiresAt: Date.now() + this.tokenTtlSeconds * 1000, jkt });
        return {
            status: 200,
            headers: NO_STORE,
            body: { token_type: jkt ? "DPoP" : "Bearer", expires_in: this.tokenTtlSeconds, access_token: value, scope: requested.join(" ") },
        };
    }

    /**
     * Org routes with `Bearer <token>` or `DPoP <token>` + a proof. Tokens it did not issue are refused too,
     * so it must come after the static-token authorizer (which answers only for its own tokens).
     */
    readonly authorizer: Authorizer = async (kind, req, ctx): Promise<AuthResult | undefined> => {
        if (kind !== "org") return undefined;
        const m = /^(Bearer|DPoP)\s+(\S+)$/i.exec(String(req.headers.authorization ?? ""));
        if (!m) return undefined;
        const scheme = m[1].toLowerCase() === "dpop" ? "DPoP" : "Bearer";
        const t = this.tokens.get(m[2]);
        if (!t) return refused(ctx, scheme, "invalid_token", "The access token is invalid.");
        if (Date.now() >= t.expiresAt) return refused(ctx, scheme, "invalid_token", "The access token is expired.");
        if (this.refuseTokens) return refused(ctx, scheme, "invalid_token", "The access token was revoked.");
        // A stolen DPoP-bound token must not work as a Bearer token (RFC 9449 §7.1), nor a Bearer token as DPoP.
        if (!!t.jkt !== (scheme === "DPoP")) return refused(ctx, t.jkt ? "DPoP" : "Bearer", "invalid_token", `The access token must be sent with the ${t.jkt ? "DPoP" : "Bearer"} scheme.`);
        if (t.jkt) {
            const r = await this.verifyProof(req.headers.dpop, ctx.method, ctx.baseUrl + ctx.path, { nonce: this.apiNonce, accessToken: m[2], jkt: t.jkt });
            if ("error" in r) return refused(ctx, "DPoP", r.error, r.description, r.error === "use_dpop_nonce" ? { "DPoP-Nonce": this.apiNonce! } : {});
        }
        return { ok: true, scheme, scopes: t.scopes };
    };

    /** RFC 9449 §4.3 checks, in order; the jti is spent only when the proof is accepted. */
    private async verifyProof(
        proof: IncomingHttpHeaders[string],
        method: string,
        url: string,
        want: { nonce?: string; accessToken?: string; jkt?: string },
    ): Promise<ProofResult> {
        const bad = (description: string): ProofResult => ({ error: "invalid_dpop_proof", description });
        if (proof === undefined || proof === "") return bad("The DPoP proof JWT header is missing.");
        // Node joins repeated headers with ", "; a JWT never holds a comma.
        if (Array.isArray(proof) || proof.includes(",")) return bad("Only one DPoP proof may be sent.");
        let header: ReturnType<typeof decodeProtectedHeader>;
        try {
            header = decodeProtectedHeader(proof);
        } catch {
            return bad("The DPoP proof is not a JWT.");
        }
        if (header.typ !== "dpop+jwt") return bad("The DPoP proof's 'typ' must be 'dpop+jwt'.");
        if (!header.alg || !ALGS.includes(header.alg)) return bad("The DPoP proof's 'alg' is not supported.");
        const jwk = header.jwk;
        if (!jwk || typeof jwk !== "object") return bad("The DPoP proof carries no 'jwk'.");
        if (PRIVATE_JWK_MEMBERS.some((k) => k in jwk)) return bad("The DPoP proof's 'jwk' must be a public key.");
        let payload: Record<string, unknown>;
        try {
            ({ payload } = await jwtVerify(proof, EmbeddedJWK, {
                typ: "dpop+jwt",
                algorithms: ALGS,
                maxTokenAge: PROOF_MAX_AGE_S,
                clockTolerance: CLOCK_SKEW_S,
                requiredClaims: ["htm", "htu", "iat", "jti"],
            }));
        } catch (e) {
            const code = (e as { code?: string }).code;
            return bad(code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" ? "The DPoP proof's signature is invalid." : code === "ERR_JWT_EXPIRED" || /"iat"/.test((e as Error).message) ? "The DPoP proof's 'iat' is outside the accepted window." : "The DPoP proof is invalid.");
        }
        if (payload.htm !== method) return bad("The DPoP proof's 'htm' does not match the request method.");
        if (typeof payload.htu !== "string" || withoutQuery(payload.htu) !== withoutQuery(url)) return bad("The DPoP proof's 'htu' does not match the request URL.");
        if (want.accessToken !== undefined && payload.ath !== createHash("sha256").update(want.accessToken).digest("base64url")) {
            return bad("The DPoP proof's 'ath' does not match the access token.");
        }
        const jkt = await calculateJwkThumbprint(jwk as JWK);
        if (want.jkt !== undefined && jkt !== want.jkt) return bad("The DPoP proof is not signed by the key the access token is bound to.");
        const jti = `proof ${String(payload.jti)}`;
        if (this.usedJtis.has(jti)) return bad("The DPoP proof's 'jti' was already used.");
        if (want.nonce !== undefined && payload.nonce !== want.nonce) return { error: "use_dpop_nonce", description: "Authorization server requires nonce in DPoP proof." };
        this.usedJtis.add(jti);
        return { jkt };
    }
}

/** Adds the token route and the authorizer (push it after the static-token authorizer). */
export function registerOrgAuthorizationServer(server: EmulatorServer, opts: OAuthServerOptions = {}): OrgAuthorizationServer {
    const as = new OrgAuthorizationServer(opts);
    server.addRoute({ method: "POST", path: TOKEN_PATH, auth: "none", bodyType: "form", wrongMediaType: () => as.wrongMediaType(), handler: (ctx) => as.token(ctx) });
    server.authorizers.push(as.authorizer);
    return as;
}

const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Reply {
    return { status, headers: { ...NO_STORE, ...headers }, body: { error, error_description: description } };
}

/** Okta's management-API 401 (E0000011) with the challenge that says why (RFC 6750 §3, RFC 9449 §7.1). */
function refused(ctx: Ctx, scheme: string, error: string, description: string, headers: Record<string, string> = {}): AuthResult {
    const algs = scheme === "DPoP" ? `, algs="${ALGS.join(" ")}"` : "";
    const challenge = `${scheme} realm="${ctx.baseUrl}", error="${error}", error_description="${description}"${algs}`;
    return { ok: false, reply: { status: 401, headers: { "WWW-Authenticate": challenge, ...headers }, body: oktaError("E0000011", "Invalid token provided") } };
}

/** A safe description of why jose refused an assertion (never the assertion itself). */
function assertionProblem(e: unknown): string {
    const err = e as { code?: string; claim?: string };
    if (err.code === "ERR_JWT_EXPIRED") return "The client_assertion token is expired.";
    if (err.code === "ERR_JWT_CLAIM_VALIDATION_FAILED" && err.claim) return `The client_assertion's '${err.claim}' claim is missing or invalid.`;
    if (err.code === "ERR_JOSE_ALG_NOT_ALLOWED") return "The client_assertion's signing algorithm is not allowed.";
    return "The client_assertion signature is invalid.";
}

function withoutQuery(u: string): string {
    try {
        const x = new URL(u);
        return `${x.origin}${x.pathname}`;
    } catch {
        return "";
    }
}

function newNonce(): string {
    return randomBytes(16).toString("base64url");
}
