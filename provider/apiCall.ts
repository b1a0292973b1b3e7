// The "Custom API Action" card as a function: an authenticated call to any Okta API. The rules that refuse a
// call before any request are pure; `executeApiCall` sends it through the shared client.
import { currentOrg, currentPam } from "./okta/context";
import { OktaClient, OktaResponse } from "./okta/client";
import { FRAMING_HEADERS } from "./okta/headers";
import { CONTROL_CHARS } from "./okta/pathSafety";
import { ConfigSource, resolveOrgSettings } from "./okta/settings";
import { Failure, isObject } from "./schema/validate";

export type ApiName = "management" | "privileged-access";
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export const METHODS: readonly HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export interface ApiCallArgs {
    /** "management" (default): the org's own APIs, Management and Devices (`/api/v1/devices`). "privileged-access": relative to `/v1/teams/{team}`. */
    api?: ApiName;
    method: HttpMethod;
    /** Starts with `/`; may carry a query string, merged with `query`. */
    relativeUrl: string;
    /** Query parameters, added to any in relativeUrl. */
    query?: Record<string, string | number | boolean>;
    /** Auth and content-type are set by the library. */
    headers?: Record<string, string>;
    /** JSON; only for POST, PUT, PATCH (and DELETE, as the card allows). */
    body?: unknown;
    /** Throw Okta's error on a non-2xx answer instead of returning it. */
    throwOnError?: boolean;
    /** On GET, follow `Link rel="next"` and return every page's items as one list. */
    allPages?: boolean;
}

export interface ApiCallResult {
    /** The HTTP status of the answer. */
    statusCode: number;
    /** The answer's headers, names in lower case. */
    headers: Record<string, string>;
    /** The answer's body, parsed when JSON (with allPages, every page's items as one list). */
    body: unknown;
}

/** Every reason to refuse the call, before any request. */
export function validateApiCall(a: Partial<ApiCallArgs>): Failure[] {
    const f: Failure[] = [];
    if (a.api !== undefined && a.api !== "management" && a.api !== "privileged-access") {
        f.push({ property: "api", reason: `must be "management" or "privileged-access" (got ${JSON.stringify(a.api)})` });
    }
    if (!METHODS.includes(a.method as HttpMethod)) f.push({ property: "method", reason: `must be one of ${METHODS.join(", ")} (got ${JSON.stringify(a.method)})` });
    f.push(...validateRelativeUrl(a.relativeUrl, "relativeUrl"));
    if (a.query !== undefined && !isObject(a.query)) f.push({ property: "query", reason: "must be an object of key/value pairs" });
    if (a.headers !== undefined) {
        if (!isObject(a.headers)) f.push({ property: "headers", reason: "must be an object of header names to values" });
        else {
            for (const [k, v] of Object.entries(a.headers)) {
                if (/[\r\n]/.test(k) || /[\r\n]/.test(String(v))) f.push({ property: `headers.${k}`, reason: "must not contain CR or LF (header injection)" });
                if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k)) f.push({ property: `headers.${k}`, reason: "is not a valid header name" });
                if (/^(authorization|dpop|host|cookie|proxy-authorization)$/i.test(k)) f.push({ property: `headers.${k}`, reason: "is set by the library from the configured credentials and cannot be passed" });
                if (FRAMING_HEADERS.test(k)) f.push({ property: `headers.${k}`, reason: "frames the message or the connection, which the library sets from the body it sends" });
            }
        }
    }
    if (a.body !== undefined && (a.method === "GET")) f.push({ property: "body", reason: "a GET carries no body (the card allows a body only for POST, PUT, PATCH and DELETE)" });
    if (a.allPages && a.method !== "GET") f.push({ property: "allPages", reason: "only a GET can follow pages" });
    return f;
}

/** A path relative to the API's base: no scheme, no host, no `..` that climbs out of it. */
export function validateRelativeUrl(u: unknown, property: string): Failure[] {
    if (typeof u !== "string" || u === "") return [{ property, reason: "is required: a path starting with / (like /api/v1/devices)" }];
    if (/^[a-z][a-z0-9+.-]*:/i.test(u)) return [{ property, reason: `must be relative to the API's base, not an absolute URL (got "${u}")` }];
    if (u.startsWith("//") || u.startsWith("/\\")) return [{ property, reason: `must not be scheme-relative (//host/...): it would leave the org (got "${u}")` }];
    if (!u.startsWith("/")) return [{ property, reason: `must start with / (got "${u}")` }];
    // Tab, CR and LF are removed by URL parsing after this check (`.\t.` would become `..`), others trimmed.
    if (CONTROL_CHARS.test(u)) return [{ property, reason: "must not contain control characters (tab, CR, LF, NUL...)" }];
    const pathPart = u.split(/[?#]/)[0];
    // A server that decodes %2F or takes \ as a separator would see segments (`..%2f..%2f`) this check cannot.
    if (/%2f|%5c|\\/i.test(pathPart)) return [{ property, reason: `must not contain an encoded / or \\ (%2F, %5C) or a \\ in its path (got "${u}")` }];
    let depth = 0;
    for (const raw of pathPart.split("/")) {
        const seg = decodeURIComponentSafe(raw);
        if (seg === "..") depth--;
        else if (seg !== "" && seg !== ".") depth++;
        if (depth < 0) return [{ property, reason: `must not use .. to leave the API's base (got "${u}")` }];
    }
    return [];
}

function decodeURIComponentSafe(s: string): string {
    try {
        return decodeURIComponent(s);
    } catch {
        return s;
    }
}

export class ApiCallError extends Error {
    constructor(readonly failures: Failure[]) {
        super(`callApi refused the call: ${failures.map((x) => `${x.property} ${x.reason}`).join("; ")}`);
        this.name = "ApiCallError";
    }
}

/** The client for an API, with the base its relative URLs hang from. */
export function clientForApi(api: ApiName = "management", config?: ConfigSource): { client: OktaClient; base: string } {
    if (api === "privileged-access") {
        const pam = currentPam(config);
        return { client: pam.client, base: pam.baseUrl };
    }
    const org = currentOrg(config ? resolveOrgSettings(config) : undefined);
    return { client: org.client, base: org.orgUrl };
}

/** Sends the call (after `validateApiCall` said nothing against it). */
export async function executeApiCall(a: ApiCallArgs, config?: ConfigSource): Promise<ApiCallResult> {
    const failures = validateApiCall(a);
    if (failures.length) throw new ApiCallError(failures);
    const { client } = clientForApi(a.api, config);
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(a.query ?? {})) query[k] = String(v);
    const opts = {
        query,
        body: a.body,
        headers: a.headers,
        anyStatus: !a.throwOnError,
        idempotency: a.method === "POST" || a.method === "PATCH" ? ("create" as const) : ("idempotent" as const),
    };
    const res: OktaResponse = await client.request(a.method, a.relativeUrl, opts);
    if (!a.allPages || res.status < 200 || res.status >= 300) return { statusCode: res.status, headers: res.headers, body: res.body };
    const items: unknown[] = [];
    // The first page is the answer above; the rest come under the same page bound and deadline as any listing.
    for await (const page of client.pages(a.relativeUrl, { query, headers: a.headers }, res)) items.push(...pageItems(page.body));
    return { statusCode: res.status, headers: res.headers, body: items };
}

function pageItems(body: unknown): unknown[] {
    if (Array.isArray(body)) return [...body];
    if (isObject(body)) for (const k of ["data", "list", "items"]) if (Array.isArray(body[k])) return [...(body[k] as unknown[])];
    return [];
}
