// The emulator's HTTP core: routing, authentication, Okta's rate-limit headers and 429s, request ids, the
// request log, spec validation of request bodies, and faults injected on demand for reliability tests.
// A request is judged on its head before a byte of its body is read: Host (and Origin), route, credentials,
// media type, declared length, and the bytes every request in flight holds together (admission.ts).
import * as http from "http";
import { randomBytes } from "crypto";
import { AddressInfo, Socket } from "net";
import { oktaError } from "./errors";
import { specViolations, validateRequestBody } from "./openapi";
import { governanceSchemaFailure } from "./governanceErrors";
import { redactSecrets } from "./redact";
import { ByteBudget, hostAllowed, mediaTypeFits, originAllowed } from "./admission";
import type { AuthKind, AuthResult, Authorizer, Ctx, Reply, Route } from "./route";

export interface LoggedRequest {
    method: string;
    path: string;
    query: Record<string, string>;
    status: number;
    body?: unknown;
    requestId: string;
    time: number;
    authScheme?: string;
    retryFor?: string;
    retryCount?: string;
    /** The client's User-Agent (what an org's System Log records of it). */
    userAgent?: string;
    fault?: string;
}

export type FaultKind =
    | "429"
    | "429-no-headers"
    | "500"
    | "502"
    | "503"
    /** The connection drops before the server acts. */
    | "reset-before"
    /** The server acts, then the connection drops before the answer: the client cannot know. */
    | "lost-response"
    /** The answer comes later than any client waits. */
    | "timeout"
    /** 200 with a body that is not JSON. */
    | "malformed-json";

export interface Fault {
    method?: string;
    /** Matches the start of the path (the whole path with `exact`). */
    path?: string;
    exact?: boolean;
    kind: FaultKind;
    /** How many matching requests it hits (default 1). */
    times?: number;
    delayMs?: number;
}

interface Window {
    limit: number;
    windowSeconds: number;
    count: number;
    resetAt: number;
}

const DEFAULT_LIMIT = { limit: 600, windowSeconds: 60 };

export interface ServerOptions {
    maxConcurrent: number;
    latencyMs: number;
    validateSpec: boolean;
    /** Request bodies larger than this are refused with 413 and never held whole (default 10 MiB). */
    maxBodyBytes?: number;
    /** The request log keeps the latest this many entries (default 10,000). */
    maxLogEntries?: number;
    /** Keep secrets (key secrets, client assertions, passwords) in the logged bodies, for tests that inspect them. */
    logSecrets?: boolean;
    /** Host names answered besides localhost, 127.0.0.0/8 and [::1] (lower case, no port). */
    allowHosts?: string[];
    /**
     * Body bytes held at once across every request in flight (default 32 MiB, and never less than maxBodyBytes).
     * A body that would not fit is answered 503 with Retry-After before it is read.
     */
    maxBufferedBytes?: number;
    /** The clock of rate-limit windows and the Date header (default Date.now). */
    clock?: () => number;
}

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_LOG_ENTRIES = 10_000;
export const DEFAULT_MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** Bodies larger than this are logged as their size only: the log must not hold megabytes per entry. */
export const MAX_LOGGED_BODY_BYTES = 64 * 1024;
/** How long the rest of a refused upload is read and dropped, so the client can see the answer before the close. */
const LINGER_MS = 2000;

class BodyTooLarge extends Error {}
class BudgetSpent extends Error {}

export class EmulatorServer {
    readonly log: LoggedRequest[] = [];
    readonly faults: Fault[] = [];
    readonly authorizers: Authorizer[] = [];
    private readonly routes: { route: Route; re: RegExp; names: string[]; bucket: string }[] = [];
    private readonly limits = new Map<string, { limit: number; windowSeconds: number }>();
    private readonly windows = new Map<string, Window>();
    private readonly sockets = new Set<Socket>();
    private inFlight = 0;
    private server?: http.Server;
    private readonly allowHosts: ReadonlySet<string>;
    /** Body bytes held by requests in flight; `highWater` is the most ever held at once. */
    readonly bodyBudget: ByteBudget;
    url = "";

    constructor(private readonly opts: ServerOptions) {
        this.allowHosts = new Set((opts.allowHosts ?? []).map((h) => h.toLowerCase()));
        this.bodyBudget = new ByteBudget(Math.max(opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES, this.maxBody));
    }

    private get maxBody(): number {
        return this.opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    }

    addRoute(route: Route): void {
        const names: string[] = [];
        const re = new RegExp(
            "^" +
                route.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{([^}]+)\\?\}|\{([^}]+)\}/g, (_m, a, b) => {
                    names.push(a ?? b);
                    return "([^/]+)";
                }) +
                "$",
        );
        this.routes.push({ route, re, names, bucket: `${route.method} ${route.path.replace(/\{[^}]+\}/g, "{id}")}` });
    }

    /** The operations whose JSON bodies are checked against a spec, as `{ spec, method, path }` with the route's path. */
    specOperations(): { spec: string; method: string; path: string }[] {
        return this.routes.filter((r) => r.route.spec).map(({ route }) => ({ spec: route.spec!, method: route.method, path: route.path }));
    }

    setRateLimit(bucket: string, limit: number, windowSeconds: number): void {
        this.limits.set(bucket, { limit, windowSeconds });
        this.windows.delete(bucket);
    }

    async listen(port: number): Promise<void> {
        this.server = http.createServer((req, res) => void this.handle(req, res));
        this.server.on("connection", (s) => {
            this.sockets.add(s);
            s.on("close", () => this.sockets.delete(s));
        });
        await new Promise<void>((resolve, reject) => {
            this.server!.once("error", reject);
            this.server!.listen(port, "127.0.0.1", () => resolve());
        });
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    async close(): Promise<void> {
        if (!this.server) return;
        for (const s of this.sockets) s.destroy();
        this.server.closeAllConnections?.();
        await new Promise<void>((r) => this.server!.close(() => r()));
    }

    /** Never lets one request end the process: whatever goes wrong is that request's 500, or its dropped connection. */
    private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        res.on("error", () => undefined);
        req.on("error", () => undefined);
        try {
            await this.handleRequest(req, res);
        } catch (e) {
            try {
                if (!res.headersSent) this.send(res, { status: 500, body: oktaError("E0000009", "Internal Server Error") }, randomBytes(12).toString("base64url"), this.window("unrouted"), "okta", false);
                else res.destroy();
            } catch {
                req.socket.destroy();
            }
        }
    }

    /** Appends to the log, keeping only the latest entries, with secrets redacted unless asked otherwise. */
    private record(entry: LoggedRequest): void {
        this.log.push(entry);
        const max = this.opts.maxLogEntries ?? DEFAULT_MAX_LOG_ENTRIES;
        // Trimmed in batches, so a full log costs one move per max/10 requests, not one per request.
        if (this.log.length > max + Math.ceil(max / 10)) this.log.splice(0, this.log.length - max);
    }

    private async handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const requestId = randomBytes(12).toString("base64url");
        let url: URL;
        try {
            url = new URL(req.url ?? "/", this.url);
        } catch {
            // `GET //[/x`: a request line no URL parser accepts. Okta's edge answers 400.
            const entry = { method: req.method ?? "GET", path: "(unparsable)", query: {}, status: 400, requestId, time: Date.now() };
            this.record(entry);
            return this.refuse(req, res, entry, { status: 400, body: oktaError("E0000003", "The request URL is not well-formed.") }, requestId, "unrouted", "okta");
        }
        // Until the request is admitted, the log keeps its method, path and status only: nothing it carried.
        const entry: LoggedRequest = { method: req.method ?? "GET", path: url.pathname, query: {}, status: 0, requestId, time: Date.now() };
        this.record(entry);
        this.inFlight++;
        let held = 0;
        try {
            const found = this.match(entry.method, entry.path);
            const bucket = found?.bucket ?? "unrouted";
            const style = found?.route.rateLimitStyle ?? "okta";
            const ctx: Ctx = { method: entry.method, path: entry.path, params: found?.params ?? {}, query: {}, body: undefined, headers: req.headers, baseUrl: this.url };
            const refused = await this.admit(req, found, ctx);
            if (refused) return this.refuse(req, res, entry, refused, requestId, bucket, style);
            entry.query = this.opts.logSecrets ? Object.fromEntries(url.searchParams) : (redactSecrets(Object.fromEntries(url.searchParams)) as Record<string, string>);
            entry.authScheme = String(req.headers.authorization ?? "").split(" ")[0] || undefined;
            entry.retryFor = header(req, "x-okta-retry-for");
            entry.userAgent = header(req, "user-agent");
            entry.retryCount = header(req, "x-okta-retry-count");
            ctx.query = entry.query;

            // The declared length is taken from the budget before reading; a chunked body takes as it arrives.
            const declared = Number(req.headers["content-length"] ?? 0) || 0;
            if (!this.bodyBudget.take(declared)) return this.refuse(req, res, entry, this.budgetSpent(style), requestId, bucket, style);
            held = declared;
            let raw: string;
            try {
                raw = await readBody(req, this.maxBody, declared, this.bodyBudget, (n) => (held += n));
            } catch (e) {
                if (e instanceof BodyTooLarge) return this.refuse(req, res, entry, tooLarge(), requestId, bucket, style);
                if (e instanceof BudgetSpent) return this.refuse(req, res, entry, this.budgetSpent(style), requestId, bucket, style);
                throw e;
            }
            if (this.opts.latencyMs) await sleep(this.opts.latencyMs);
            const fault = this.takeFault(entry.method, entry.path);
            if (fault) entry.fault = fault.kind;
            if (fault?.kind === "reset-before") return void req.socket.destroy();
            if (fault?.kind === "timeout") await sleep(fault.delayMs ?? 60_000);

            let reply: Reply;
            const window = this.window(bucket);
            if (fault && /^(429|50[023])/.test(fault.kind)) {
                reply = this.faultReply(fault.kind, window, style, entry.path);
                // An injected burst ends with the next second, whatever the bucket's window.
                if (fault.kind.startsWith("429")) window.resetAt = Math.min(window.resetAt, this.now() + 1000);
            } else if (this.inFlight > this.opts.maxConcurrent || window.count >= window.limit) {
                reply = this.tooMany(window, style, true, entry.path);
            } else {
                window.count++;
                reply = await this.dispatch(found!, req, entry, ctx, raw);
            }
            entry.status = reply.status;
            if (fault?.kind === "lost-response") return void req.socket.destroy();
            if (fault?.kind === "malformed-json") reply = { status: 200, body: "{not json" };
            this.send(res, reply, requestId, window, style, fault?.kind === "429-no-headers");
        } catch (e) {
            if (res.headersSent) return void res.destroy();
            // A malformed percent-escape in a path parameter (`/hook-keys/%E0%A4%A`) is the client's fault.
            const bad = e instanceof URIError;
            const reply = { status: bad ? 400 : 500, body: bad ? oktaError("E0000003", "The request URL is not well-formed.") : oktaError("E0000009", `Internal Server Error: ${(e as Error).message}`) };
            this.refuse(req, res, entry, reply, requestId, "unrouted", "okta");
        } finally {
            this.inFlight--;
            this.bodyBudget.give(held);
        }
    }

    /**
     * Everything decided from the head, in this order: Host and Origin (a web page must not drive the emulator
     * through DNS rebinding or a simple request), the route, the credentials, the media type, the declared
     * length. An answer here means the body is never read.
     */
    private async admit(req: http.IncomingMessage, found: ReturnType<EmulatorServer["match"]>, ctx: Ctx): Promise<Reply | undefined> {
        const host = header(req, "host");
        if (!hostAllowed(host, this.allowHosts)) {
            return { status: 403, body: oktaError("E0000006", "You do not have permission to perform the requested action", [`The emulator answers loopback names only; Host ${JSON.stringify(host)} is not one (allow it with --allow-host or allowHosts)`]) };
        }
        const origin = header(req, "origin");
        if (!originAllowed(origin, this.allowHosts)) {
            return { status: 403, body: oktaError("E0000006", "You do not have permission to perform the requested action", [`The emulator answers no web page from another site; Origin ${JSON.stringify(origin)} is not a loopback name (allow it with --allow-host or allowHosts)`]) };
        }
        if (!found) {
            const allow = [...new Set(this.routes.filter((r) => r.re.test(ctx.path)).map((r) => r.route.method))];
            if (allow.length) return { status: 405, body: oktaError("E0000022", "The endpoint does not support the provided HTTP method"), headers: { Allow: allow.join(", ") } };
            return { status: 404, body: oktaError("E0000007", `Not found: Resource not found: ${ctx.path} (Route)`) };
        }
        const kind = found.route.auth ?? "org";
        if (kind !== "none") {
            const auth = await this.authenticate(kind, req, ctx);
            if (!auth.ok) return auth.reply!;
            ctx.scopes = auth.scopes;
            if (auth.scopes && found.route.scope && !scopeAllows(auth.scopes, found.route.scope)) {
                return { status: 403, body: oktaError("E0000006", "You do not have permission to perform the requested action", [`The access token does not carry the scope ${found.route.scope}`]) };
            }
        }
        if (hasBody(req) && !mediaTypeFits(header(req, "content-type"), found.route.bodyType ?? "json")) {
            if (found.route.wrongMediaType) return found.route.wrongMediaType(ctx);
            // Privileged Access has not been seen answering one: HTTP's own status, in its shape.
            if (found.route.rateLimitStyle === "pam") return { status: 415, body: { message: "Unsupported Media Type: the body must be application/json" } };
            // What Okta answers (error catalog; a form body sent to a JSON endpoint, recorded in zaproxy#5004).
            return { status: 400, body: oktaError("E0000021", "Bad request.  Accept and/or Content-Type headers likely do not match supported values.") };
        }
        if (Number(req.headers["content-length"]) > this.maxBody) return tooLarge();
        return undefined;
    }

    private budgetSpent(style: "okta" | "pam"): Reply {
        const headers = { "Retry-After": "1" };
        if (style === "pam") return { status: 503, headers, body: { message: "Service Unavailable: too many request bodies at once" } };
        return { status: 503, headers, body: oktaError("E0000009", "Service Unavailable") };
    }

    /**
     * Answers a request whose body was not (or not wholly) read. The rest of the upload is read and dropped, never
     * held, for a short while so the client sees the answer (closing at once resets the connection, and the answer
     * is lost in the reset); then the connection is closed.
     */
    private refuse(req: http.IncomingMessage, res: http.ServerResponse, entry: LoggedRequest, reply: Reply, requestId: string, bucket: string, style: "okta" | "pam"): void {
        entry.status = reply.status;
        if (!req.complete && hasBody(req)) {
            req.on("data", () => undefined).resume();
            res.shouldKeepAlive = true; // even if the client asked to close: Node would close (and reset) right after the answer
            const cut = setTimeout(() => req.socket.destroy(), LINGER_MS);
            // Once the upload has ended the connection is clean, and may carry the client's next request.
            req.once("end", () => clearTimeout(cut));
            req.socket.once("close", () => clearTimeout(cut));
        }
        this.send(res, reply, requestId, this.window(bucket), style, false);
    }

    private async dispatch(found: NonNullable<ReturnType<EmulatorServer["match"]>>, req: http.IncomingMessage, entry: LoggedRequest, ctx: Ctx, raw: string): Promise<Reply> {
        let body: unknown;
        if (raw !== "") {
            const type = String(req.headers["content-type"] ?? "");
            if (type.includes("application/x-www-form-urlencoded")) body = Object.fromEntries(new URLSearchParams(raw));
            else {
                try {
                    body = JSON.parse(raw);
                } catch {
                    return { status: 400, body: oktaError("E0000003", "The request body was not well-formed.") };
                }
            }
        }
        entry.body = Buffer.byteLength(raw) > MAX_LOGGED_BODY_BYTES ? `[a body of ${Buffer.byteLength(raw)} bytes, not kept]` : this.opts.logSecrets ? body : redactSecrets(body);
        ctx.body = body;
        if (this.opts.validateSpec && found.route.spec && body !== undefined) {
            // The governance APIs name each failure's reason and location (Okta's examples in their spec).
            if (entry.path.startsWith("/governance/")) {
                const v = specViolations(found.route.spec, entry.method, entry.path, body);
                if (v.length) return governanceSchemaFailure(v);
            }
            const errors = validateRequestBody(found.route.spec, entry.method, entry.path, body);
            if (errors.length) {
                // Privileged Access answers in its own shape: {message, errors: [{path, message}]}.
                if (found.route.rateLimitStyle === "pam") {
                    return { status: 400, body: { message: "Bad request: the body does not match the schema", errors: errors.map((e) => ({ path: e.split(" ")[0], message: e.slice(e.indexOf(" ") + 1) })) } };
                }
                return { status: 400, body: oktaError("E0000001", "Api validation failed: request body", errors.map((e) => `does not match Okta's schema: ${e}`)) };
            }
        }
        return found.route.handler(ctx);
    }

    private async authenticate(kind: AuthKind, req: http.IncomingMessage, ctx: Ctx): Promise<AuthResult> {
        for (const a of this.authorizers) {
            const r = await a(kind, req, ctx);
            if (r) return r;
        }
        return { ok: false, reply: { status: 401, body: oktaError("E0000004", "Authentication failed.") } };
    }

    private match(method: string, path: string) {
        for (const r of this.routes) {
            if (r.route.method !== method) continue;
            const m = r.re.exec(path);
            if (!m) continue;
            const params: Record<string, string> = {};
            r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
            return { route: r.route, params, bucket: r.bucket };
        }
        return undefined;
    }

    private takeFault(method: string, path: string): Fault | undefined {
        const i = this.faults.findIndex((f) => (!f.method || f.method === method) && (!f.path || (f.exact ? path === f.path : path.startsWith(f.path))));
        if (i < 0) return undefined;
        const f = this.faults[i];
        f.times = (f.times ?? 1) - 1;
        if (f.times <= 0) this.faults.splice(i, 1);
        return f;
    }

    private now(): number {
        return this.opts.clock ? this.opts.clock() : Date.now();
    }

    private window(bucket: string): Window {
        const now = this.now();
        let w = this.windows.get(bucket);
        if (!w || now >= w.resetAt) {
            const l = this.limits.get(bucket) ?? DEFAULT_LIMIT;
            // Okta's X-Rate-Limit-Reset is a whole epoch second: windows end on one, so the header is exact.
            w = { ...l, count: 0, resetAt: Math.ceil((now + l.windowSeconds * 1000) / 1000) * 1000 };
            this.windows.set(bucket, w);
        }
        return w;
    }

    private tooMany(w: Window, style: "okta" | "pam", _exceeded: boolean, path = ""): Reply {
        if (style === "pam") return { status: 429, body: { message: "Too many requests" } };
        // The governance APIs word it as their spec's example does; the Management API as its own.
        const summary = path.startsWith("/governance/") ? "The API call exceeded the rate limit due to too many requests." : "API call exceeded rate limit due to too many requests.";
        return { status: 429, body: oktaError("E0000047", summary) };
    }

    private faultReply(kind: FaultKind, w: Window, style: "okta" | "pam", path: string): Reply {
        if (kind.startsWith("429")) return this.tooMany(w, style, true, path);
        const status = Number(kind);
        return { status, body: status === 500 ? oktaError("E0000009", "Internal Server Error") : oktaError("E0000009", status === 502 ? "Bad Gateway" : "Service Unavailable") };
    }

    private send(res: http.ServerResponse, reply: Reply, requestId: string, w: Window, style: "okta" | "pam", noRateHeaders: boolean): void {
        const headers: Record<string, string> = { "X-Okta-Request-Id": requestId, Date: new Date(this.now()).toUTCString(), ...(reply.headers ?? {}) };
        if (!noRateHeaders && style === "pam") {
            // Privileged Access sends no X-Rate-Limit-* headers; a 429 says when to retry with X-RateLimit-Retry-At.
            if (reply.status === 429) headers["X-RateLimit-Retry-At"] = String(Math.ceil(w.resetAt / 1000));
        } else if (!noRateHeaders) {
            const reset = String(Math.ceil(w.resetAt / 1000));
            headers["X-Rate-Limit-Limit"] = String(w.limit);
            headers["X-Rate-Limit-Remaining"] = String(Math.max(0, w.limit - w.count));
            headers["X-Rate-Limit-Reset"] = reset;
        }
        let text: string | undefined;
        if (reply.body !== undefined) {
            text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
            headers["Content-Type"] = "application/json";
        }
        res.writeHead(reply.status, headers);
        res.end(text);
    }
}

function scopeAllows(granted: string[], needed: string): boolean {
    if (granted.includes(needed)) return true;
    // A .manage scope implies its .read.
    return needed.endsWith(".read") && granted.includes(needed.replace(/\.read$/, ".manage"));
}

function hasBody(req: http.IncomingMessage): boolean {
    return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
}

const tooLarge = (): Reply => ({ status: 413, body: oktaError("E0000001", "Api validation failed: the request body is too large") });

/**
 * The body, refused (BodyTooLarge) once it is known to exceed `max` bytes, or (BudgetSpent) once bytes beyond
 * the `declared` ones already taken do not fit the budget (a chunked body). A declared body is copied into one
 * buffer of its size as it arrives, so it is held once, not once per chunk and once whole.
 */
function readBody(req: http.IncomingMessage, max: number, declared: number, budget: ByteBudget, took: (n: number) => void): Promise<string> {
    return new Promise((resolve, reject) => {
        const whole = declared > 0 ? Buffer.allocUnsafe(declared) : undefined;
        const chunks: Buffer[] = [];
        let size = 0;
        const stop = (e: Error) => {
            req.off("data", onData);
            chunks.length = 0;
            req.pause();
            reject(e);
        };
        const onData = (c: Buffer) => {
            if (size + c.length > max) return stop(new BodyTooLarge());
            if (size + c.length > declared) {
                const more = size + c.length - Math.max(size, declared);
                if (!budget.take(more)) return stop(new BudgetSpent());
                took(more);
            }
            // Node holds a body with a Content-Length to exactly that many bytes.
            if (whole) c.copy(whole, size);
            else chunks.push(c);
            size += c.length;
        };
        req.on("data", onData);
        req.on("end", () => resolve(whole ? whole.toString("utf8", 0, size) : Buffer.concat(chunks).toString("utf8")));
        req.on("error", reject);
    });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
