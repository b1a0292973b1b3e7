// What the emulator decides from a request's head alone, before it reads a byte of the body: whether the Host
// (and a browser's Origin) names this machine, whether the body's media type fits the route, and whether the
// bytes it would hold fit a budget shared by every request in flight. Pure, but for the budget's counter.

const IPV4_LOOPBACK = /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** The host name of a `Host` value (`name`, `name:port`, `[v6]`, `[v6]:port`), lower-cased; undefined if malformed. */
export function hostName(value: string): string | undefined {
    const v = value.trim().toLowerCase();
    const m = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/.exec(v);
    return m ? m[1] : undefined;
}

/** localhost, 127.0.0.0/8 and [::1]: what a page on another site can only reach through DNS rebinding by another name. */
export function isLoopbackName(name: string): boolean {
    return name === "localhost" || IPV4_LOOPBACK.test(name) || name === "[::1]";
}

/**
 * A request may be answered when its Host names this machine (or a name the user allowed). A page that rebinds
 * its own domain to 127.0.0.1 still sends its domain as Host, so that is refused. No Host (HTTP/1.0) is let
 * through: Node already refuses an HTTP/1.1 request without one, and browsers always send it.
 */
export function hostAllowed(host: string | undefined, allowed: ReadonlySet<string>): boolean {
    if (host === undefined) return true;
    const name = hostName(host);
    return name !== undefined && (isLoopbackName(name) || allowed.has(name));
}

/**
 * Browsers send Origin with every cross-site POST, simple (`text/plain`) requests included; command-line and
 * server clients send none. An Origin that is not this machine (or `null`, from sandboxes and files) is a web
 * page talking to the emulator behind the user's back.
 */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
    if (origin === undefined) return true;
    let url: URL;
    try {
        url = new URL(origin);
    } catch {
        return false;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    const name = url.hostname.toLowerCase();
    return isLoopbackName(name) || allowed.has(name);
}

/** A name given to `--allow-host` / `allowHosts`, lower-cased; an error message naming the rule when it is not a bare host name. */
export function parseAllowedHost(value: string): { name: string } | { error: string } {
    const v = value.trim().toLowerCase();
    if (/^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)$/.test(v)) return { name: v };
    return { error: `expected a host name without a port or scheme (like okta.test, 10.0.0.5 or [::1]), got ${JSON.stringify(value)}` };
}

export type BodyType = "json" | "form";

/**
 * Whether a body declared with this Content-Type may be read for a route that takes `want`. JSON routes take
 * `application/json` and `application/*+json`; the token endpoint takes `application/x-www-form-urlencoded`.
 * Parameters (`; charset=UTF-8`) do not matter. A body without a Content-Type is refused: Node's fetch and
 * browsers label a string body `text/plain`, so that is refused as well.
 */
export function mediaTypeFits(contentType: string | undefined, want: BodyType): boolean {
    const type = String(contentType ?? "").split(";")[0].trim().toLowerCase();
    if (want === "form") return type === "application/x-www-form-urlencoded";
    return type === "application/json" || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type);
}

/** Bytes of request bodies held at once, across every request in flight. */
export class ByteBudget {
    private used = 0;
    /** The most ever held at once: what a test compares with the limit. */
    highWater = 0;

    constructor(readonly limit: number) {}

    get inUse(): number {
        return this.used;
    }

    /** Takes n bytes if they fit; false (and nothing taken) if not. */
    take(n: number): boolean {
        if (this.used + n > this.limit) return false;
        this.used += n;
        this.highWater = Math.max(this.highWater, this.used);
        return true;
    }

    give(n: number): void {
        this.used = Math.max(0, this.used - n);
    }
}
