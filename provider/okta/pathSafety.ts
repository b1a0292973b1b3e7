// Ids and paths that could address something other than what they name. The WHATWG URL parser (which fetch
// uses) removes tabs and newlines anywhere in a URL and resolves `.` and `..` segments, so `/.\t./x` becomes
// `/../x` after any check on the string, and an id `..` turns `/collection/{id}` into the collection's parent.

/** An id as one path segment: percent-encoded, and never `.` or `..` (which no encoding can neutralise: URL parsers decode %2E there). */
export function idSegment(id: string, what = "id"): string {
    if (id === "" || id === "." || id === "..") {
        throw new Error(`${what} ${JSON.stringify(id)} cannot be used in a URL path: it would address ${id === "" ? "the collection" : "a parent"} instead of one object`);
    }
    return encodeURIComponent(id);
}

/** C0 controls and DEL: the URL parser drops some silently (tab, CR, LF) and trims others at the ends. */
export const CONTROL_CHARS = /[\x00-\x1f\x7f]/;

/**
 * The last guard before a request leaves: the URL as fetch will resolve it must stay under the base (a
 * Privileged Access team's `/v1/teams/{team}`), and the path must carry no control character.
 */
export function assertStaysUnderBase(baseUrl: string, url: string, method: string): void {
    const base = new URL(baseUrl);
    const basePath = base.pathname.replace(/\/+$/, "");
    const target = url.split(/[?#]/)[0];
    if (CONTROL_CHARS.test(target)) throw new PathError(method, "contains a control character, which URL parsing removes after any check");
    const resolved = new URL(url);
    if (resolved.origin !== base.origin || !(resolved.pathname === basePath || resolved.pathname.startsWith(basePath + "/"))) {
        throw new PathError(method, `resolves to ${resolved.pathname}, outside the API's base ${basePath || "/"}`);
    }
}

/** A request refused before sending because of where it would go. */
export class PathError extends Error {
    constructor(method: string, why: string) {
        super(`${method} was not sent: its path ${why}`);
        this.name = "PathError";
    }
}
