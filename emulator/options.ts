// What an emulator is started with: its port, credentials, seeds, limits and the Okta behaviours a test picks.
// Its own module because both startEmulator (index.ts) and assembleEmulator (assemble.ts) read it.
import type { PamOptions } from "./privilegedAccess";

export interface EmulatorOptions {
    /** Default 0: any free port. */
    port?: number;
    /** Accepted for both `SSWS <t>` and `Bearer <t>`; default ["test-token"]. */
    tokens?: string[];
    /** Names of groups, apps and bundles (by id) that request types answer as `resourceName`. */
    resources?: Record<string, string>;
    /** Extra Access Requests teams; the default team "IT" always exists. */
    teams?: { id?: string; name: string }[];
    /** Per bucket ("POST /governance/api/v1/request-types", "GET /api/v1/hook-keys/{id}"...); others: 600 per 60 s. */
    rateLimits?: Record<string, { limit: number; windowSeconds: number }>;
    /**
     * The clock of rate-limit windows and of the Date header (default Date.now): a test drives Okta's one-minute
     * window on a virtual clock instead of waiting minutes.
     */
    clock?: () => number;
    /** In-flight requests beyond this answer 429 (Okta's default concurrency limit is 75). */
    maxConcurrent?: number;
    /** Validate request bodies against Okta's OpenAPI specs (default true; a missing spec file then fails the start). */
    validateSpec?: boolean;
    /** Artificial latency per request. */
    latencyMs?: number;
    /** Okta Privileged Access at `{url}/v1/teams/{team}`: the team, its service users, the bearer token lifetime. */
    pam?: PamOptions;
    /** Lifetime of OAuth tokens from /oauth2/v1/token (default 3600). */
    tokenTtlSeconds?: number;
    /** API calls with a DPoP token must carry a server nonce (401 `use_dpop_nonce` first). */
    dpopNonceOnApi?: boolean;
    /**
     * Publishing an ACTIVE request type (or un-publishing a DRAFT one) answers 400 instead of 200. Okta has not
     * documented which it does, so the library is tested against both.
     */
    refuseNoOpStatusChange?: boolean;
    /** Request bodies over this many bytes are refused with 413 (default 10 MiB). */
    maxBodyBytes?: number;
    /** The request log keeps the latest this many requests (default 10,000). */
    maxLogEntries?: number;
    /** Keep secrets in the logged bodies and queries (redacted by default: CI prints logs when a test fails). */
    logSecrets?: boolean;
    /**
     * Host names answered besides localhost, 127.0.0.0/8 and [::1] (no port: `okta.test`). Any other Host, or a
     * browser Origin of another site, is refused with 403 before the body is read (DNS rebinding, web pages).
     */
    allowHosts?: string[];
    /** Body bytes held at once by all requests in flight (default 32 MiB, at least maxBodyBytes); beyond: 503 + Retry-After. */
    maxBufferedBytes?: number;
}
