// What a route is, between the server that serves it and the module that registers it: the request a handler
// is given, the reply it gives, and who may call it.
import type * as http from "http";
import type { BodyType } from "./admission";

export interface Ctx {
    method: string;
    path: string;
    params: Record<string, string>;
    query: Record<string, string>;
    body: unknown;
    headers: http.IncomingHttpHeaders;
    /** `http://127.0.0.1:<port>` */
    baseUrl: string;
    /** The scopes of the OAuth token that authenticated the call (undefined for API tokens: all allowed). */
    scopes?: string[];
}

export interface Reply {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
}

export type AuthKind = "org" | "pam" | "none";

export interface Route {
    method: string;
    /** Path template, `{name}` for parameters. */
    path: string;
    handler: (ctx: Ctx) => Reply | Promise<Reply>;
    auth?: AuthKind;
    /** OAuth scope a service-app token must carry. */
    scope?: string;
    /** Okta spec file whose operation validates the JSON body. */
    spec?: string;
    /** Answers its own rate limits differently (Privileged Access uses X-RateLimit-Retry-At). */
    rateLimitStyle?: "okta" | "pam";
    /** The media type a body must have (default JSON); another is refused before the body is read. */
    bodyType?: BodyType;
    /** The answer to a body of another media type, when the route words it its own way (the token endpoint). */
    wrongMediaType?: (ctx: Ctx) => Reply;
}

export interface AuthResult {
    ok: boolean;
    scheme?: string;
    scopes?: string[];
    reply?: Reply;
}

/** Decides whether a request may call a route of this kind; the first authorizer that answers wins. */
export type Authorizer = (kind: AuthKind, req: http.IncomingMessage, ctx: Ctx) => AuthResult | undefined | Promise<AuthResult | undefined>;
