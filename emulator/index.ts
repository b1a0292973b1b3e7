// An Okta that runs on 127.0.0.1, for tests, examples and offline use: request types and teams (Access
// Requests V1), hook keys, devices, OpenID Connect apps (with their client secret), the org authorization
// server (service apps, DPoP) and Okta Privileged Access, with Okta's status codes, defaults, errors, paging,
// rate limits and faults on demand.
import type { RequestTypeObject, Team } from "../provider/schema/requestType";
import type { StoredHookKey } from "./hookKeys";
import type { EmulatorServer, Fault, LoggedRequest } from "./server";
import type { DeviceSeed, StoredDevice } from "./devices";
import type { PamState } from "./privilegedAccess";
import { OrgAuthorizationServer, ServiceApp, TOKEN_REQUEST_SCHEMA } from "./oauth";
import { specFilePath } from "./openapi";
import { assembleEmulator } from "./assemble";
import type { EmulatorOptions } from "./options";
import type { StoredApp } from "./apps";

export type { LoggedRequest, Fault, FaultKind } from "./server";
export type { ServiceApp, IssuedToken } from "./oauth";
export { findSpecDir, specFilePath, specSchemaValidator, validateRequestBody } from "./openapi";
export { MissingDataFile } from "./dataFiles";
export type { DeviceSeed, StoredDevice } from "./devices";
export type { PamOptions, PamServiceUser, PamState } from "./privilegedAccess";
export type { StoredApp } from "./apps";
export type { EmulatorOptions } from "./options";

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
