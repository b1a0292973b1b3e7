// Request headers merged by name regardless of case, as HTTP compares them: a caller's `content-type` must not
// sit beside (and, on the wire, win over) the library's `Content-Type`. Pure.

/** Later sources win; the winning source's spelling of the name is kept. */
export function mergeHeaders(...sources: (Record<string, string> | undefined)[]): Record<string, string> {
    const byLower = new Map<string, [string, string]>();
    for (const src of sources) for (const [name, value] of Object.entries(src ?? {})) byLower.set(name.toLowerCase(), [name, value]);
    return Object.fromEntries(byLower.values());
}

/**
 * Headers that frame the message or the connection. The client sets them from the body it sends; a caller's
 * `Transfer-Encoding` beside the real `Content-Length` is a request-smuggling shape, so they are refused.
 */
export const FRAMING_HEADERS = /^(content-length|transfer-encoding|connection|keep-alive|te|trailer|upgrade|expect|proxy-connection)$/i;
