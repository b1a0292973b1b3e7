// OAuth 2.0 service apps: client credentials with a private-key JWT client assertion, and DPoP when the app
// requires it (a proof per request, the `use_dpop_nonce` retry, `ath` on API calls). Tokens are cached until
// shortly before they expire and renewed once on a 401. All cryptography is jose's.
import { createHash, createPrivateKey, randomUUID } from "crypto";
import type { JWK, KeyLike } from "jose";

// Loaded on first use: only service-app users sign anything, and jose is half the plugin's start-up (45 ms of
// 80) for everyone else, on every preview and up.
const jose = (): typeof import("jose") => require("jose");
import { AuthStrategy, defaultWire, tokenRequest, WireSettings } from "./client";
import { renewAt } from "./renewal";
import type { ServiceAppCredentials } from "./credentials";
import { terminalSafe } from "./terminalSafe";

interface Token {
    value: string;
    type: "Bearer" | "DPoP";
    renewAt: number;
}

/** The signing algorithm for an EC key, by its curve (JWK `crv` or Node's named curve). */
const EC_ALGS: Record<string, string> = { "P-256": "ES256", "P-384": "ES384", "P-521": "ES512", prime256v1: "ES256", secp384r1: "ES384", secp521r1: "ES512" };


export class OAuthError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "OAuthError";
    }
}

export class ServiceAppAuth implements AuthStrategy {
    private token?: Token;
    private pending?: Promise<Token>;
    private signingKey?: { key: KeyLike | Uint8Array; alg: string };
    private dpopKey?: { privateKey: KeyLike; jwk: JWK };
    private useDpop: boolean | undefined;
    private tokenNonce?: string;
    private apiNonce?: string;
    /** Token requests made, for tests and the benchmark. */
    tokenRequests = 0;
    /** Where the credentials came from (`config oktadynamic:clientId/privateKey ...`), for messages. */
    source?: string;
    private wire: WireSettings = defaultWire();

    constructor(
        private readonly orgUrl: string,
        private readonly creds: ServiceAppCredentials,
        private readonly now = () => Date.now(),
    ) {
        this.useDpop = creds.dpop;
    }

    get tokenUrl(): string {
        return `${this.orgUrl}/oauth2/v1/token`;
    }

    async headers(method: string, url: string): Promise<Record<string, string>> {
        const t = await this.current();
        if (t.type !== "DPoP") return { Authorization: `Bearer ${t.value}` };
        const ath = createHash("sha256").update(t.value).digest("base64url");
        return { Authorization: `DPoP ${t.value}`, DPoP: await this.proof(method, url, this.apiNonce, ath) };
    }

    useWire(wire: WireSettings): void {
        this.wire = wire;
    }

    async renew(refused?: Record<string, string>): Promise<boolean> {
        // A late 401 for a token already replaced (by another call's renewal) needs no new one.
        const sent = refused?.Authorization?.replace(/^\S+\s+/, "");
        if (sent === undefined || this.token?.value === sent) this.token = undefined;
        await this.current();
        return true;
    }

    /** A resource server that wants a DPoP nonce answers 401 with `use_dpop_nonce` and a `dpop-nonce` header. */
    inspect(res: { status: number; headers: { get(n: string): string | null } }, sent?: Record<string, string>): boolean {
        const nonce = res.headers.get("dpop-nonce");
        if (nonce && res.status === 401 && /use_dpop_nonce/.test(res.headers.get("www-authenticate") ?? "")) {
            // Compare with the nonce the refused proof carried: another call may have learned this one meanwhile.
            const fresh = nonce !== (sent?.DPoP !== undefined ? proofNonce(sent.DPoP) : this.apiNonce);
            this.apiNonce = nonce;
            return fresh;
        }
        if (nonce) this.apiNonce = nonce;
        return false;
    }

    private async current(): Promise<Token> {
        if (this.token && this.now() < this.token.renewAt) return this.token;
        // Concurrent resources share one token request.
        this.pending ??= this.requestToken().finally(() => (this.pending = undefined));
        this.token = await this.pending;
        return this.token;
    }

    private async requestToken(): Promise<Token> {
        for (let attempt = 0; attempt < 3; attempt++) {
            const res = await tokenRequest(
                this.wire,
                this.tokenUrl,
                async () => {
                    const form = new URLSearchParams({
                        grant_type: "client_credentials",
                        scope: this.creds.scopes.join(" "),
                        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                        client_assertion: await this.clientAssertion(),
                    });
                    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };
                    if (this.useDpop) headers.DPoP = await this.proof("POST", this.tokenUrl, this.tokenNonce);
                    return { headers, body: form.toString() };
                },
                () => this.tokenRequests++,
            );
            const requestId = res.headers.get("x-okta-request-id") ?? "(none)";
            let body: Record<string, unknown> = {};
            try {
                body = (await res.json()) as Record<string, unknown>;
            } catch {
                /* not JSON: handled below */
            }
            if (res.ok && typeof body.access_token === "string") {
                const type = String(body.token_type ?? "Bearer").toLowerCase() === "dpop" ? "DPoP" : "Bearer";
                const expiresIn = Number(body.expires_in) > 0 ? Number(body.expires_in) : 3600;
                const now = this.now();
                return { value: body.access_token, type, renewAt: renewAt(now, now + expiresIn * 1000) };
            }
            const error = String(body.error ?? "");
            if (error === "use_dpop_nonce" && res.headers.get("dpop-nonce") && this.tokenNonce !== res.headers.get("dpop-nonce")) {
                this.tokenNonce = res.headers.get("dpop-nonce")!;
                continue;
            }
            if (error === "invalid_dpop_proof" && this.useDpop === undefined) {
                this.useDpop = true; // the app requires DPoP
                continue;
            }
            // error_description never carries a secret; the request body (with the assertion) is never echoed. Both
            // texts are the server's, on their way to a terminal: escaped.
            throw new OAuthError(
                `Okta refused the service app token (${res.status} ${terminalSafe(error || "no error code")}: ${terminalSafe(String(body.error_description ?? "no description"))}) ` +
                    `for client ${this.creds.clientId} with scopes "${this.creds.scopes.join(" ")}"${this.source ? `, configured by ${this.source}` : ""} | X-Okta-Request-Id: ${requestId}`,
            );
        }
        throw new OAuthError(`Okta kept refusing the service app token for client ${this.creds.clientId} (DPoP nonce not accepted)`);
    }

    private async clientAssertion(): Promise<string> {
        const { key, alg } = await this.key();
        const now = Math.floor(this.now() / 1000);
        const header: { alg: string; kid?: string } = { alg };
        if (this.creds.privateKeyId) header.kid = this.creds.privateKeyId;
        return new (jose().SignJWT)({})
            .setProtectedHeader(header)
            .setIssuer(this.creds.clientId)
            .setSubject(this.creds.clientId)
            .setAudience(this.tokenUrl)
            .setIssuedAt(now)
            .setExpirationTime(now + 300)
            .setJti(randomUUID())
            .sign(key);
    }

    private async key(): Promise<{ key: KeyLike | Uint8Array; alg: string }> {
        if (this.signingKey) return this.signingKey;
        const raw = this.creds.privateKey.trim();
        try {
            if (raw.startsWith("{")) {
                const jwk = JSON.parse(raw) as JWK;
                const alg = jwk.alg ?? (jwk.kty === "EC" ? EC_ALGS[jwk.crv ?? ""] ?? "ES256" : "RS256");
                this.signingKey = { key: await jose().importJWK(jwk, alg), alg };
            } else {
                // Okta takes EC keys as well as RSA ones; importPKCS8 must be told which, and the PEM says.
                const pem = raw.replace(/\\n/g, "\n");
                const curve = createPrivateKey(pem).asymmetricKeyDetails?.namedCurve;
                const alg = curve ? EC_ALGS[curve] ?? "ES256" : "RS256";
                this.signingKey = { key: await jose().importPKCS8(pem, alg), alg };
            }
        } catch (e) {
            // Never include the key material in the message.
            throw new OAuthError(`the service app's private key (okta:privateKey / OKTA_API_PRIVATE_KEY) is not a PKCS#8 PEM or a JWK: ${(e as Error).name}`);
        }
        return this.signingKey;
    }

    private async proof(method: string, url: string, nonce?: string, ath?: string): Promise<string> {
        if (!this.dpopKey) {
            const { privateKey, publicKey } = await jose().generateKeyPair("ES256");
            this.dpopKey = { privateKey, jwk: await jose().exportJWK(publicKey) };
        }
        const u = new URL(url);
        const claims: Record<string, unknown> = { htm: method.toUpperCase(), htu: `${u.origin}${u.pathname}` };
        if (nonce) claims.nonce = nonce;
        if (ath) claims.ath = ath;
        return new (jose().SignJWT)(claims)
            .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: this.dpopKey.jwk })
            .setIssuedAt(Math.floor(this.now() / 1000))
            .setJti(randomUUID())
            .sign(this.dpopKey.privateKey);
    }
}

/** The `nonce` claim of a DPoP proof we made (undefined if it has none). */
function proofNonce(proof: string): string | undefined {
    try {
        const claims = JSON.parse(Buffer.from(proof.split(".")[1] ?? "", "base64url").toString()) as { nonce?: unknown };
        return typeof claims.nonce === "string" ? claims.nonce : undefined;
    } catch {
        return undefined;
    }
}
