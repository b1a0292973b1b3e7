// An Okta that runs on 127.0.0.1, for tests, examples and offline use: request types and teams (Access
// Requests V1), hook keys, devices, OpenID Connect apps (with their client secret), the org authorization
// server (service apps, DPoP) and Okta Privileged Access, with Okta's status codes, defaults, errors, paging,
// rate limits and faults on demand.
import type { RequestTypeObject, Team } from "../provider/schema/requestType";
import type { StoredHookKey } from "./hookKeys";
import type { EmulatorServer, Fault, LoggedRequest } from "./server";
import type { DeviceSeed, StoredDevice } from "./devices";
import type { PamOptions, PamState } from "./privilegedAccess";
import { OrgAuthorizationServer, ServiceApp, TOKEN_REQUEST_SCHEMA } from "./oauth";
import { specFilePath } from "./openapi";
import { assembleEmulator } from "./assemble";
import type { StoredApp } from "./apps";

export type { LoggedRequest, Fault, FaultKind } from "./server";
export type { ServiceApp, IssuedToken } from "./oauth";
export { findSpecDir, specFilePath, specSchemaValidator, validateRequestBody } from "./openapi";
export { MissingDataFile } from "./dataFiles";
export type { DeviceSeed, StoredDevice } from "./devices";
export type { PamOptions, PamServiceUser, PamState } from "./privilegedAccess";
export type { StoredApp } from "./apps";

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

export interface Emulator {
    url: string;
    stop(): Promise<void>;
    log: LoggedRequest[];
    clearLog(): void;
    /** Logged requests with this method (and a path starting with the prefix). */
    count(method: string, pathPrefix?: string): number;
    requestTypes: Map<string, RequestTypeObject>;
    teams: Team[];
    /** Inserts a request type as if made in Okta (CUSTOM settings and lastUpdateSource "WEB" allowed). */
    seedRequestType(obj: Partial<RequestTypeObject> & { name: string }): RequestTypeObject;
    /** Okta moved the type to DISABLED (its settings became invalid). */
    disableRequestType(id: string): void;
    hookKeys: Map<string, StoredHookKey>;
    /** Makes a hook key as if created in Okta. */
    seedHookKey(name: string): StoredHookKey;
    /** Marks a key as used by an inline hook (delete is then refused). */
    setHookKeyUsed(id: string, used: boolean): void;
    setRateLimit(bucket: string, limit: number, windowSeconds: number): void;
    /** Injects a fault for the next matching request(s). */
    injectFault(fault: Fault): void;
    server: EmulatorServer;
    /** Devices (`/api/v1/devices`), by id. */
    devices: Map<string, StoredDevice>;
    /** Enrolls a device as if Okta Verify had registered it (defaults: ACTIVE, WINDOWS, registered). */
    seedDevice(seed?: DeviceSeed): StoredDevice;
    /** Privileged Access: service users, issued tokens (`tokenMints`, `expireTokens()`), bundles, resource groups, projects. */
    pam: PamState;
    /** The org authorization server: issued tokens, nonces, `refuseTokens`. */
    oauth: OrgAuthorizationServer;
    /** Registers an OAuth service app (private_key_jwt) that may ask /oauth2/v1/token for these scopes. */
    registerServiceApp(app: ServiceApp): void;
    /** POSTs to /oauth2/v1/token so far. */
    readonly tokenRequests: number;
    /** Every OAuth token issued so far expires now. */
    expireTokens(): void;
    /** OpenID Connect apps (`/api/v1/apps`), by id, each with the client secret Okta generated. */
    apps: Map<string, StoredApp>;
}

/** The spec files an emulator with these options reads; a missing one throws, naming it and the way back. */
function requireSpecFiles(server: EmulatorServer, validateSpec: boolean): void {
    // The token endpoint checks its form against Okta's schema whether or not bodies are validated.
    const files = new Set([TOKEN_REQUEST_SCHEMA.spec, ...(validateSpec ? server.specOperations().map((o) => o.spec) : [])]);
    for (const f of files) specFilePath(f);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const { server, ar, hk, dev, pam, oauth, apps } = assembleEmulator(options);
    requireSpecFiles(server, options.validateSpec ?? true);
    await server.listen(options.port ?? 0);

    return {
        get url() {
            return server.url;
        },
        stop: () => server.close(),
        log: server.log,
        clearLog: () => void server.log.splice(0),
        count: (method, prefix = "") => server.log.filter((l) => l.method === method && l.path.startsWith(prefix)).length,
        requestTypes: ar.requestTypes,
        teams: ar.teams,
        seedRequestType(obj) {
            const { lastUpdateSource, status, ...rest } = obj;
            const o = ar.materialize({ ownerId: ar.teams[0].id, ...rest, status }, server.url, lastUpdateSource ?? "WEB");
            ar.requestTypes.set(o.id, o);
            return o;
        },
        disableRequestType(id) {
            const o = ar.requestTypes.get(id);
            if (!o) throw new Error(`no request type ${id}`);
            o.status = "DISABLED";
            o.lastUpdated = new Date().toISOString();
        },
        hookKeys: hk.keys,
        seedHookKey: (name) => hk.create(name),
        setHookKeyUsed(id, used) {
            const k = hk.keys.get(id);
            if (!k) throw new Error(`no hook key ${id}`);
            k.isUsed = used;
        },
        setRateLimit: (b, l, w) => server.setRateLimit(b, l, w),
        injectFault: (f) => void server.faults.push(f),
        server,
        devices: dev.devices,
        seedDevice: (seed) => dev.seed(seed),
        pam,
        oauth,
        registerServiceApp: (app) => oauth.registerServiceApp(app),
        get tokenRequests() {
            return oauth.tokenRequests;
        },
        expireTokens: () => oauth.expireTokens(),
        apps: apps.apps,
    };
}
