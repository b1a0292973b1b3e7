// Errors the user sees. Each names what failed and carries Okta's error code, summary, causes and
// X-Okta-Request-Id, so an admin can look the call up in Okta's System Log. Nothing here ever includes a
// request header, so credentials cannot leak through an error.
import { isObject } from "../schema/validate";
import { terminalSafe } from "./terminalSafe";

export interface OktaErrorCause {
    errorSummary: string;
    reason?: string;
    location?: string;
}

export class OktaApiError extends Error {
    readonly status: number;
    readonly errorCode?: string;
    readonly errorSummary?: string;
    readonly errorCauses: OktaErrorCause[];
    readonly requestId?: string;
    readonly method: string;
    readonly path: string;

    constructor(opts: {
        status: number;
        method: string;
        path: string;
        body: unknown;
        requestId?: string;
        hint?: string;
    }) {
        const parsed = parseErrorBody(opts.body);
        const parts = [`Okta answered ${opts.status} to ${opts.method} ${opts.path}`];
        if (parsed.errorCode) parts.push(`${parsed.errorCode}: ${parsed.errorSummary ?? ""}`.trim());
        else if (parsed.errorSummary) parts.push(parsed.errorSummary);
        if (parsed.errorCauses.length) parts.push(`causes: ${parsed.errorCauses.map(causeText).join("; ")}`);
        if (opts.hint) parts.push(opts.hint);
        parts.push(`X-Okta-Request-Id: ${opts.requestId ?? "(none)"}`);
        super(parts.join(" | "));
        this.name = "OktaApiError";
        this.status = opts.status;
        this.errorCode = parsed.errorCode;
        this.errorSummary = parsed.errorSummary;
        this.errorCauses = parsed.errorCauses;
        this.requestId = opts.requestId;
        this.method = opts.method;
        this.path = opts.path;
    }
}

function causeText(c: OktaErrorCause): string {
    return c.location ? `${c.location}: ${c.errorSummary}` : c.errorSummary;
}

/**
 * Reads Okta's error shape loosely (only `errorSummary` is reliable inside a cause). Privileged Access uses
 * `{message, errors: [{path, message}]}`; both are accepted. Anything else contributes nothing, and the raw
 * body is never echoed (it may hold a token).
 */
export function parseErrorBody(body: unknown): { errorCode?: string; errorSummary?: string; errorCauses: OktaErrorCause[] } {
    if (!isObject(body)) return { errorCauses: [] };
    // Okta's texts may quote names from the org: escape sequences in them must not act on the terminal or CI log.
    const str = (v: unknown) => (typeof v === "string" ? terminalSafe(v) : undefined);
    const causesRaw = Array.isArray(body.errorCauses) ? body.errorCauses : Array.isArray(body.errors) ? body.errors : [];
    const errorCauses: OktaErrorCause[] = [];
    for (const c of causesRaw) {
        if (!isObject(c)) continue;
        const summary = str(c.errorSummary) ?? str(c.message);
        if (summary) errorCauses.push({ errorSummary: summary, reason: str(c.reason), location: str(c.location) ?? str(c.path) });
    }
    return { errorCode: str(body.errorCode), errorSummary: str(body.errorSummary) ?? str(body.message), errorCauses };
}

/** A transport failure: the request may or may not have reached Okta. */
export class OktaNetworkError extends Error {
    constructor(
        readonly method: string,
        readonly path: string,
        readonly reason: string,
        /** True when the failure happened after the request was sent (Okta may have acted on it). */
        readonly maybeApplied: boolean,
    ) {
        super(`${method} ${path} failed: ${reason}`);
        this.name = "OktaNetworkError";
    }
}

/**
 * A request header that cannot go on the wire (a control or non-Latin-1 character): nothing was sent, and sending
 * again cannot help. Only the header's name is given: the value is usually a credential.
 */
export class InvalidHeaderError extends Error {
    constructor(readonly method: string, readonly path: string, readonly header?: string) {
        const which = header ? `the ${header} header` : "a request header";
        const hint = header && /^(authorization|dpop)$/i.test(header) ? " (a newline or non-Latin-1 character in the configured credential?)" : "";
        super(`${method} ${path} was not sent: ${which} contains a character not allowed in HTTP headers${hint}`);
        this.name = "InvalidHeaderError";
    }
}

/** A 2xx answer whose body is not what the API promises. */
export class OktaResponseError extends Error {
    constructor(method: string, path: string, what: string, requestId?: string) {
        super(`Okta's answer to ${method} ${path} was not understood: ${what} | X-Okta-Request-Id: ${requestId ?? "(none)"}`);
        this.name = "OktaResponseError";
    }
}

/**
 * An answer whose body is larger than the client reads (`maxBodyBytes`). Not retried: the same answer would come
 * again. The status is kept: a 2xx to a create means the object was made.
 */
export class ResponseTooLargeError extends Error {
    constructor(readonly status: number, method: string, path: string, maxBytes: number) {
        super(`the answer (${status}) to ${method} ${path} is larger than ${maxBytes} bytes and was not read (the bound is set by OKTA_DYNAMIC_MAX_BODY_BYTES)`);
        this.name = "ResponseTooLargeError";
    }
}
