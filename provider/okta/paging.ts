// Finds the next page. Okta's contract is the `Link: <url>; rel="next"` header; real governance traffic has also
// carried the link only in the body (`_links` or `links`, with `"next": {}` on the last page), so both count.
import { isObject } from "../schema/validate";

export function parseLinkHeader(header: string | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    if (!header) return out;
    for (const part of header.split(/,(?=\s*<)/)) {
        const m = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
        if (!m) continue;
        const rel = /rel="?([^";]+)"?/.exec(m[2]);
        if (rel) for (const r of rel[1].split(/\s+/)) out[r] = m[1];
    }
    return out;
}

/**
 * The next page as an absolute URL on our host, or undefined on the last page. A link to another host throws:
 * credentials are only ever sent to the configured org, and stopping there would pass a partial list as whole.
 */
export function nextLink(headers: Record<string, string>, body: unknown, baseUrl: string): string | undefined {
    const fromHeader = parseLinkHeader(headers["link"]).next;
    let href = fromHeader;
    if (!href && isObject(body)) {
        for (const key of ["_links", "links"]) {
            const links = body[key];
            if (isObject(links) && isObject(links.next) && typeof links.next.href === "string" && links.next.href) {
                href = links.next.href;
                break;
            }
        }
    }
    if (!href) return undefined;
    const base = new URL(baseUrl);
    const u = new URL(href, baseUrl);
    if (u.origin !== base.origin) {
        throw new Error(`the next page link points to another host (${u.origin}, not ${base.origin}): not followed, so the list cannot be completed`);
    }
    return u.href;
}
