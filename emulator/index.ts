// An Okta that runs on 127.0.0.1, for tests, examples and offline use: request types and teams (Access
// Requests V1), hook keys, devices, the org authorization server (service apps, DPoP) and Okta Privileged
// Access, with Okta's status codes, defaults, errors, paging, rate limits and faults on demand.
import type { RequestTypeObject, Team } from "../provider/schema/requestType";
import { AccessRequestsState, registerAccessRequests } from "./requestTypes";
import { HookKeyState, registerHookKeys, StoredHookKey } from "./hookKeys";
import { EmulatorServer, Fault, LoggedRequest } from "./server";
import { staticTokenAuthorizer } from "./tokens";
import { DeviceSeed, DeviceState, registerDevices, StoredDevice } from "./devices";
import { pamAuthorizer, PamOptions, PamState, registerPrivilegedAccess } from "./privilegedAccess";
import { OrgAuthorizationServer, registerOrgAuthorizationServer, ServiceApp } from "./oauth";
import { registerUsers } from "./users";

export type { LoggedRequest, Fault, FaultKind } from "./server";
export type { ServiceApp, IssuedToken } from "./oauth";
export { findSpecDir, specSchemaValidator, validateRequestBody } from "./openapi";
export type { DeviceSeed, StoredDevice } from "./devices";
export type { PamOptions, PamServiceUser, PamState } from "./privilegedAccess";

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
    /** Validate request bodies against Okta's OpenAPI specs when they are found (default true). */
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
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const server = new EmulatorServer({ maxConcurrent: options.maxConcurrent ?? 75, latencyMs: options.latencyMs ?? 0, validateSpec: options.validateSpec ?? true,
        maxBodyBytes: options.maxBodyBytes,
        maxLogEntries: options.maxLogEntries,
        logSecrets: options.logSecrets,
        clock: options.clock,
    });
    const ar = new AccessRequestsState(options.teams);
    ar.refuseNoOpStatusChange = options.refuseNoOpStatusChange ?? false;
    for (const [id, name] of Object.entries(options.resources ?? {})) ar.resourceNames.set(id, name);
    const hk = new HookKeyState();
    server.authorizers.push(staticTokenAuthorizer(new Set(options.tokens ?? ["test-token"])));
    // After the static tokens: it refuses every Bearer/DPoP token it did not issue.
    const oauth = registerOrgAuthorizationServer(server, { tokenTtlSeconds: options.tokenTtlSeconds, dpopNonceOnApi: options.dpopNonceOnApi });
    registerAccessRequests(server, ar);
    registerHookKeys(server, hk);
    registerUsers(server);
    const dev = new DeviceState();
    registerDevices(server, dev);
    const pam = new PamState(options.pam);
    server.authorizers.push(pamAuthorizer(pam));
    registerPrivilegedAccess(server, pam);
    for (const [bucket, l] of Object.entries(options.rateLimits ?? {})) server.setRateLimit(bucket, l.limit, l.windowSeconds);
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
    };
}
