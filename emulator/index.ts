// An Okta that runs on 127.0.0.1, for tests, examples and offline use: request types and teams (Access
// Requests V1) and hook keys, with Okta's status codes, defaults, errors, paging and rate limits.
import type { RequestTypeObject, Team } from "../provider/schema/requestType";
import { AccessRequestsState, registerAccessRequests } from "./requestTypes";
import { HookKeyState, registerHookKeys, StoredHookKey } from "./hookKeys";
import { EmulatorServer, Fault, LoggedRequest } from "./server";
import { staticTokenAuthorizer } from "./tokens";

export type { LoggedRequest, Fault, FaultKind } from "./server";
export { findSpecDir, specSchemaValidator, validateRequestBody } from "./openapi";

export interface EmulatorOptions {
    /** Default 0: any free port. */
    port?: number;
    /** Accepted for both `SSWS <t>` and `Bearer <t>`; default ["test-token"]. */
    tokens?: string[];
    /** Extra Access Requests teams; the default team "IT" always exists. */
    teams?: { id?: string; name: string }[];
    /** Per bucket ("POST /governance/api/v1/request-types", "GET /api/v1/hook-keys/{id}"...); others: 600 per 60 s. */
    rateLimits?: Record<string, { limit: number; windowSeconds: number }>;
    /** In-flight requests beyond this answer 429 (Okta's default concurrency limit is 75). */
    maxConcurrent?: number;
    /** Validate request bodies against Okta's OpenAPI specs when they are found (default true). */
    validateSpec?: boolean;
    /** Artificial latency per request. */
    latencyMs?: number;
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
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const server = new EmulatorServer({ maxConcurrent: options.maxConcurrent ?? 75, latencyMs: options.latencyMs ?? 0, validateSpec: options.validateSpec ?? true });
    const ar = new AccessRequestsState(options.teams);
    const hk = new HookKeyState();
    server.authorizers.push(staticTokenAuthorizer(new Set(options.tokens ?? ["test-token"])));
    registerAccessRequests(server, ar);
    registerHookKeys(server, hk);
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
    };
}
