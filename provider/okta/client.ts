// The one HTTP client every provider uses: auth headers, rate-limit pacing, retries, paging and Okta's errors.
import fetch, { Headers, Response } from "node-fetch";
import { isLoopback } from "./settings";
import type { Credentials } from "./credentials";
import { InvalidHeaderError, OktaApiError, OktaNetworkError, OktaResponseError, ResponseTooLargeError } from "./errors";
import { backoffMs, DEFAULT_RETRY, isRetryableStatus, rateLimitWait, RetryPolicy } from "./retry";
import { bucketKeyFor, OrgLimiter } from "./limiter";
import { nextLink } from "./paging";
import { BoundError, Bounds, boundsFromEnv, rateLimitWaitBoundMs } from "./bounds";
import { Deadline } from "./deadline";
import { mergeHeaders } from "./headers";
import { assertStaysUnderBase } from "./pathSafety";

/** How a call may be repeated when its outcome is unknown. */
export type Idempotency =
    /** GET, PUT, DELETE, publish, un-publish: repeating has the same effect. */
    | "idempotent"
    /** A create: repeated only when Okta surely did not act (429, or a connection never made). */
    | "create";

export interface RequestOptions {
    query?: Record<string, string | number | undefined>;
    body?: unknown;
    idempotency?: Idempotency;
    /** Statuses returned to the caller instead of thrown (404 on read or delete, say). */
    expect?: number[];
    /** Return every answer as it is (the custom API call reports non-2xx instead of throwing). */
    anyStatus?: boolean;
    headers?: Record<string, string>;
    /** The operation's deadline, when this call is one step of a longer one (a page of a listing). */
    deadline?: Deadline;
}

export interface OktaResponse<T = unknown> {
    status: number;
    headers: Record<string, string>;
    body: T;
    requestId?: string;
}

/** What an auth strategy reads of an answer's headers (structural, so published types need no @types/node-fetch). */
export interface HeaderReader {
    get(name: string): string | null;
}

/** Supplies the Authorization header (and any proof headers) for one request. */
export interface AuthStrategy {
    headers(method: string, url: string): Promise<Record<string, string>>;
    /**
     * Called once after a 401, with the auth headers that were refused; true if fresh credentials were obtained
     * (by this call or another since) and the call may be repeated.
     */
    renew?(refused?: Record<string, string>): Promise<boolean>;
    /** Lets the strategy learn from a response (a DPoP nonce, say), given the auth headers sent; true asks for one immediate repeat. */
    inspect?(res: { status: number; headers: HeaderReader }, sent?: Record<string, string>): boolean;
    /** Told the client's timeout, retry policy and sleep, for its own requests (a token endpoint's). */
    useWire?(wire: WireSettings): void;
    /** Where the credential came from (a config key or environment variable, never its value), named on a 401. */
    source?: string;
}

export interface WireSettings {
    timeoutMs: number;
    maxBodyBytes?: number;
    /** The longest wait a 429 may ask for (the client's bound; one Okta window is always allowed). */
    maxWaitMs?: number;
    retry: RetryPolicy;
    sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** What an auth strategy uses before (or without) a client telling it. */
export function defaultWire(): WireSettings {
    const n = Number(process.env.OKTA_DYNAMIC_TIMEOUT_MS);
    return { timeoutMs: Number.isFinite(n) && n > 0 ? n : DEFAULT_TIMEOUT_MS, retry: DEFAULT_RETRY, sleep };
}

export function staticAuth(c: Extract<Credentials, { token: string }>): AuthStrategy {
    const value = c.kind === "apiToken" ? `SSWS ${c.token}` : `Bearer ${c.token}`;
    return { headers: async () => ({ Authorization: value }) };
}

export interface ClientOptions {
    baseUrl: string;
    auth?: AuthStrategy;
    retry?: RetryPolicy;
    timeoutMs?: number;
    limiter?: OrgLimiter;
    sleep?: (ms: number) => Promise<void>;
    /** Waits, pages, body sizes and the deadline (default: the environment over DEFAULT_BOUNDS). */
    bounds?: Partial<Bounds>;
    /** Hook for tests and the benchmark: counts calls as the client sends them. */
    onRequest?: (method: string, path: string) => void;
}

// What node-fetch (and Node's http) accept in a header name and value.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE_BAD = /[^\t\x20-\x7e\x80-\xff]/;

const USER_AGENT = `pulumi-okta-dynamic/${version()} node/${process.version}`;

/** Set by the plugin's bundler (tools/build-plugin.js); unset where dist/ sits beside package.json. */
declare const __OKTA_DYNAMIC_VERSION__: string | undefined;

function version(): string {
    if (typeof __OKTA_DYNAMIC_VERSION__ === "string") return __OKTA_DYNAMIC_VERSION__;
    try {
        return require("../../../package.json").version as string;
    } catch {
        return "0";
    }
}

/** Node fires a timer longer than 2^31 - 1 ms after 1 ms: a wait that long would become a spin. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(Math.max(0, ms), 2 ** 31 - 1)));

export class OktaClient {
    readonly baseUrl: string;
    private readonly retry: RetryPolicy;
    private readonly timeoutMs: number;
    private readonly limiter: OrgLimiter;
    private readonly sleep: (ms: number) => Promise<void>;
    readonly bounds: Bounds;

    constructor(private readonly opts: ClientOptions) {
        this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
        this.retry = opts.retry ?? DEFAULT_RETRY;
        this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        this.limiter = opts.limiter ?? new OrgLimiter();
        this.sleep = opts.sleep ?? sleep;
        this.bounds = { ...boundsFromEnv(), ...(opts.bounds ?? {}) };
        opts.auth?.useWire?.({ timeoutMs: this.timeoutMs, retry: this.retry, sleep: this.sleep, maxBodyBytes: this.bounds.maxBodyBytes, maxWaitMs: this.bounds.maxWaitMs });
    }

    /** Obtains the credential (a service app's access token, say) without an API call; fails as a call would. */
    async authenticate(): Promise<void> {
        await this.opts.auth?.headers("GET", `${this.baseUrl}/`);
    }

    get<T>(path: string, opts: RequestOptions = {}): Promise<OktaResponse<T>> {
        return this.request<T>("GET", path, { idempotency: "idempotent", ...opts });
    }

    /** Follows `Link: rel="next"` (and, loosely, body links) and gathers every page's items. */
    async listAll<T>(path: string, query: RequestOptions["query"] = {}, itemsOf: (body: unknown) => T[] = defaultItems): Promise<T[]> {
        const items: T[] = [];
        for await (const res of this.pages(path, { query })) items.push(...itemsOf(res.body));
        return items;
    }

    /**
     * Every page of a GET, the first included, under one deadline and at most `maxPages` pages: a server whose
     * every next link is new would otherwise be followed for ever.
     */
    async *pages(path: string, opts: RequestOptions = {}, first?: OktaResponse): AsyncGenerator<OktaResponse> {
        const what = `listing GET ${stripQuery(path.startsWith(this.baseUrl) ? path.slice(this.baseUrl.length) : path)}`;
        const deadline = opts.deadline ?? new Deadline(this.bounds.deadlineMs, what);
        let next: string | undefined = this.absoluteUrl(path, opts.query);
        // Absolute throughout: next links are, and a link back to the first page must be recognised.
        const seen = new Set<string>();
        while (next && !seen.has(next)) {
            if (seen.size >= this.bounds.maxPages) {
                throw new BoundError(`${what} stopped after ${this.bounds.maxPages} pages, and the server still gives a next page: the list is not complete`, "maxPages");
            }
            seen.add(next);
            const res: OktaResponse = first && seen.size === 1 ? first : await this.get(next, { ...opts, query: undefined, deadline });
            yield res;
            next = nextLink(res.headers, res.body, this.baseUrl);
        }
    }

    /** The full URL a request for this path (relative to the base) and query goes to. */
    absoluteUrl(pathAndQuery: string, query?: RequestOptions["query"]): string {
        return new URL(this.baseUrl + this.buildPath(pathAndQuery, query)).href;
    }

    async request<T = unknown>(method: string, pathAndQuery: string, opts: RequestOptions = {}): Promise<OktaResponse<T>> {
        const path = this.buildPath(pathAndQuery, opts.query);
        const url = this.baseUrl + path;
        const idempotency = opts.idempotency ?? (method === "POST" || method === "PATCH" ? "create" : "idempotent");
        const bucket = bucketKeyFor(method, path);
        assertStaysUnderBase(this.baseUrl, url, method);
        const deadline = opts.deadline ?? new Deadline(this.bounds.deadlineMs, `${method} ${stripQuery(path)}`);
        const maxWaitMs = this.bounds.maxWaitMs;
        let firstRequestId: string | undefined;
        let renewed = false;
        let inspected = false;
        let sent = 0;
        for (let attempt = 0; ; attempt++) {
            const release = await this.limiter.acquire(bucket, this.sleep, { maxWaitMs, deadline });
            let res: Response;
            let authHeaders: Record<string, string> = {};
            try {
                authHeaders = this.opts.auth ? await this.opts.auth.headers(method, url) : {};
                const own: Record<string, string> = { ...authHeaders };
                if (opts.body !== undefined) own["Content-Type"] = "application/json";
                if (firstRequestId) {
                    own["X-Okta-Retry-For"] = firstRequestId;
                    // Repeats sent so far, not attempts: a nonce or renewal repeat does not use up an attempt.
                    own["X-Okta-Retry-Count"] = String(sent);
                }
                // By name whatever the case: the caller's headers never sit beside (or win over) the library's own.
                const headers = mergeHeaders({ Accept: "application/json", "User-Agent": USER_AGENT }, opts.headers, own);
                this.opts.onRequest?.(method, path);
                sent++;
                if (deadline.remainingMs() <= 0) throw deadline.error(`a slot to send ${method} ${stripQuery(path)}`);
                res = await this.send(method, url, headers, opts.body, Math.min(this.timeoutMs, deadline.remainingMs()));
            } catch (e) {
                release();
                // Only transport failures are worth repeating: a refused credential (OAuthError, say) would just
                // be refused again, hammering the token endpoint with fresh assertions under backoff.
                if (!(e instanceof OktaNetworkError) && (e as Error).name !== "FetchError") throw e;
                const err = e as OktaNetworkError;
                const canRepeat = !err.maybeApplied || idempotency === "idempotent";
                if (canRepeat && attempt < this.retry.maxRetries) {
                    await this.backoff(attempt, deadline, `a retry after ${err.reason}`);
                    continue;
                }
                throw err;
            }
            release();
            const requestId = res.headers.get("x-okta-request-id") ?? undefined;
            firstRequestId ??= requestId;
            this.observeRateLimit(bucket, res);

            if (res.status === 429) {
                const reset = numberHeader(res.headers, "x-rate-limit-reset") ?? numberHeader(res.headers, "x-ratelimit-retry-at");
                this.limiter.exhausted(bucket, reset, dateHeader(res.headers));
                const text = await res.text().catch(() => "");
                // Okta refuses a rate-limited call before acting on it, so even a create may be repeated.
                if (attempt < this.retry.maxRetries) {
                    const wait = rateLimitWait((n) => res.headers.get(n), attempt, this.retry);
                    const longest = rateLimitWaitBoundMs(maxWaitMs);
                    if (wait.askedMs !== undefined && wait.askedMs > longest) {
                        throw new BoundError(
                            `Okta answered 429 to ${method} ${stripQuery(path)} and asks for a wait of ${Math.ceil(wait.askedMs / 1000)} s, beyond the longest wait allowed, ${Math.round(longest / 1000)} s | X-Okta-Request-Id: ${requestId ?? "(none)"}`,
                            "maxWaitMs",
                        );
                    }
                    const ms = Math.min(wait.delayMs, longest);
                    deadline.allow(ms, `the rate limit of ${bucket} (429)`);
                    await this.sleep(ms);
                    continue;
                }
                const body = parseJson(text);
                // The custom call reports a 429 like any other answer, once the waiting is over.
                if (opts.anyStatus || opts.expect?.includes(429)) {
                    return { status: 429, headers: headerRecord(res.headers), body: (body ?? (opts.anyStatus && text !== "" ? text : undefined)) as T, requestId };
                }
                throw new OktaApiError({ status: 429, method, path: stripQuery(path), body, requestId, hint: `rate limit still exceeded after ${attempt + 1} attempts` });
            }
            if (this.opts.auth?.inspect && !inspected && this.opts.auth.inspect({ status: res.status, headers: res.headers }, authHeaders)) {
                inspected = true;
                await res.text().catch(() => "");
                attempt--;
                continue;
            }
            if (res.status === 401 && !renewed && this.opts.auth?.renew) {
                renewed = true;
                await res.text().catch(() => "");
                if (await this.opts.auth.renew(authHeaders)) {
                    attempt--;
                    continue;
                }
            }
            if (isRetryableStatus(res.status) && idempotency === "idempotent" && attempt < this.retry.maxRetries) {
                await res.text().catch(() => "");
                await this.backoff(attempt, deadline, `a retry after ${res.status}`);
                continue;
            }
            let body: unknown;
            try {
                body = await this.parseBody(res, method, path, requestId, opts.anyStatus);
            } catch (e) {
                // A cut-off or garbled answer to an idempotent call is worth another try; a create's is not.
                if (idempotency === "idempotent" && attempt < this.retry.maxRetries) {
                    await this.backoff(attempt, deadline, "a retry after an unreadable answer");
                    continue;
                }
                throw e;
            }
            const out: OktaResponse<T> = { status: res.status, headers: headerRecord(res.headers), body: body as T, requestId };
            if ((res.status >= 200 && res.status < 300) || opts.expect?.includes(res.status) || opts.anyStatus) return out;
            if (res.status >= 300 && res.status < 400) {
                throw new OktaApiError({ status: res.status, method, path: stripQuery(path), body: undefined, requestId, hint: "redirects are not followed (credentials are never sent to another location)" });
            }
            const hint = res.status === 401 && this.opts.auth?.source ? `the credential from ${this.opts.auth.source} was refused: check that it is valid for ${this.baseUrl}` : undefined;
            throw new OktaApiError({ status: res.status, method, path: stripQuery(path), body, requestId, hint });
        }
    }

    private buildPath(pathAndQuery: string, query?: RequestOptions["query"]): string {
        let p = pathAndQuery;
        // Next-page links are absolute; the base may carry a path (Privileged Access: /v1/teams/{team}).
        if (p.startsWith(this.baseUrl + "/") || p.startsWith(this.baseUrl + "?")) p = p.slice(this.baseUrl.length);
        if (!p.startsWith("/")) throw new Error(`internal: path must start with "/" (got ${p})`);
        if (!query) return p;
        const u = new URL(p, "http://x");
        for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v));
        // URLSearchParams encodes spaces as "+"; Okta's filters want percent-encoding.
        return u.pathname + u.search.replace(/\+/g, "%20");
    }

    private backoff(attempt: number, deadline: Deadline, waitingFor: string): Promise<void> {
        const ms = Math.min(backoffMs(attempt, this.retry), this.bounds.maxWaitMs);
        deadline.allow(ms, waitingFor);
        return this.sleep(ms);
    }

    private send(method: string, url: string, headers: Record<string, string>, body: unknown, timeoutMs: number): Promise<Response> {
        return fetchWithin(timeoutMs, method, url, headers, body === undefined ? undefined : JSON.stringify(body), this.bounds.maxBodyBytes);
    }

    private async parseBody(res: Response, method: string, path: string, requestId?: string, lenient?: boolean): Promise<unknown> {
        let text: string;
        try {
            text = await res.text();
        } catch (e) {
            throw new OktaNetworkError(method, stripQuery(path), `the answer was cut off (${(e as Error).message})`, true);
        }
        if (text === "") return undefined;
        try {
            return JSON.parse(text);
        } catch {
            if (lenient) return text; // the custom call hands back whatever came
            if (res.status >= 200 && res.status < 300) throw new OktaResponseError(method, stripQuery(path), "the body is not JSON", requestId);
            return undefined; // an HTML error page from a proxy: the status says enough
        }
    }

    private observeRateLimit(bucket: string, res: Response): void {
        this.limiter.observe(
            bucket,
            numberHeader(res.headers, "x-rate-limit-limit"),
            numberHeader(res.headers, "x-rate-limit-remaining"),
            numberHeader(res.headers, "x-rate-limit-reset"),
            dateHeader(res.headers),
        );
    }
}

/**
 * @internal (its node-fetch types stay out of the published declarations)
 * One request, body read included, within `timeoutMs`; transport failures become OktaNetworkError and unsendable
 * headers InvalidHeaderError. No redirect is followed. The token endpoints use it too.
 */
export async function fetchWithin(timeoutMs: number, method: string, url: string, headers: Record<string, string>, body?: string, maxBodyBytes = boundsFromEnv().maxBodyBytes): Promise<Response> {
    const path = stripQuery(new URL(url).pathname);
    // node-fetch's own refusal quotes the value, and the value is usually the credential.
    for (const [name, value] of Object.entries(headers)) {
        if (!HEADER_NAME.test(name)) throw new InvalidHeaderError(method, path);
        if (HEADER_VALUE_BAD.test(value)) throw new InvalidHeaderError(method, path, name);
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let res: Response | undefined;
    try {
        res = await fetch(url, {
            method,
            headers,
            body,
            redirect: "manual",
            signal: controller.signal as never,
            // node-fetch stops reading past this and rejects with type "max-size": a huge answer is never held whole.
            size: maxBodyBytes,
        });
        const declared = Number(res.headers.get("content-length"));
        if (Number.isFinite(declared) && declared > maxBodyBytes) throw tooLarge(res.status, method, path, maxBodyBytes);
        // Read under the same timer: a server that sends headers and then stalls must time out too.
        const text = await res.text();
        return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (e) {
        const err = e as { name?: string; code?: string; message?: string; type?: string };
        if (res && (e instanceof ResponseTooLargeError || err.type === "max-size")) {
            // A 429 is a 429 whatever its body: Okta refused before acting, and the client waits it out.
            if (res.status === 429) return new Response("", { status: res.status, statusText: res.statusText, headers: res.headers });
            throw tooLarge(res.status, method, path, maxBodyBytes);
        }
        if (err.code === "ERR_INVALID_CHAR" || err.code === "ERR_INVALID_HTTP_TOKEN" || /not a legal HTTP header/.test(err.message ?? "")) {
            throw new InvalidHeaderError(method, path);
        }
        if (err.name === "AbortError") throw new OktaNetworkError(method, path, `no answer within ${timeoutMs} ms`, true);
        if (res) {
            // Okta refused a rate-limited call before acting on it, whatever became of the body.
            if (res.status === 429) return new Response("", { status: res.status, statusText: res.statusText, headers: res.headers });
            throw new OktaNetworkError(method, path, `the answer was cut off (${err.code ?? "connection lost"})`, true);
        }
        // A refused or unresolvable connection never reached Okta; anything later might have.
        const notSent = err.code === "ECONNREFUSED" || err.code === "ENOTFOUND" || err.code === "EAI_AGAIN";
        throw new OktaNetworkError(method, path, err.code ?? err.message ?? "network error", !notSent);
    } finally {
        clearTimeout(timer);
        // Whatever is left of an answer we stopped reading (too large, or failed) is not downloaded.
        controller.abort();
    }
}

function tooLarge(status: number, method: string, path: string, max: number): ResponseTooLargeError {
    return new ResponseTooLargeError(status, method, path, max);
}

/**
 * @internal (its node-fetch types stay out of the published declarations)
 * A token endpoint's POST (service-app OAuth, Privileged Access service_token), built afresh for each send since
 * a client assertion or DPoP proof is single-use. It waits out a 429 as the client does for any call; a transport
 * failure there means the API call that wanted the token was never sent.
 */
export async function tokenRequest(
    wire: WireSettings,
    url: string,
    build: () => Promise<{ headers: Record<string, string>; body: string }>,
    onSend: () => void,
): Promise<Response> {
    for (let limited = 0; ; limited++) {
        const { headers, body } = await build();
        onSend();
        let res: Response;
        try {
            res = await fetchWithin(wire.timeoutMs, "POST", url, headers, body, wire.maxBodyBytes);
        } catch (e) {
            if (e instanceof OktaNetworkError) throw new OktaNetworkError(e.method, e.path, e.reason, false);
            throw e;
        }
        if (res.status !== 429 || limited >= wire.retry.maxRetries) return res;
        const wait = rateLimitWait((n) => res.headers.get(n), limited, wire.retry);
        const longest = rateLimitWaitBoundMs(wire.maxWaitMs ?? boundsFromEnv().maxWaitMs);
        // Asked to wait beyond the bound: the 429 goes back to the caller, which reports it, instead of a long sleep.
        if (wait.askedMs !== undefined && wait.askedMs > longest) return res;
        await wire.sleep(Math.min(wait.delayMs, longest));
    }
}

function defaultItems(body: unknown): never[] {
    if (Array.isArray(body)) return body as never[];
    const b = body as { data?: unknown; list?: unknown } | undefined;
    if (b && Array.isArray(b.data)) return b.data as never[];
    if (b && Array.isArray(b.list)) return b.list as never[];
    return [];
}

function parseJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

function numberHeader(h: Headers, name: string): number | undefined {
    const v = h.get(name);
    if (v === null || v.trim() === "") return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
}

function dateHeader(h: Headers): number | undefined {
    const v = h.get("date");
    const t = v ? Date.parse(v) : NaN;
    return Number.isNaN(t) ? undefined : t;
}

function headerRecord(h: Headers): Record<string, string> {
    const out: Record<string, string> = {};
    h.forEach((v, k) => (out[k] = v));
    return out;
}

function stripQuery(p: string): string {
    return p.split("?")[0];
}

export function assertSafeBaseUrl(u: string): void {
    const url = new URL(u);
    if (url.protocol === "http:" && !isLoopback(url.hostname)) throw new Error(`plain http is refused for ${url.hostname}`);
}
