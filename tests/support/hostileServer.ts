// A misbehaving HTTP server on 127.0.0.1 for hostile-server tests and the reliability report: each request is
// answered by a handler that may lie in its headers, page for ever, or send more than anyone should read.
import * as http from "http";
import { AddressInfo } from "net";

export type HostileHandler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;

export interface HostileServer {
    url: string;
    /** Method and URL of every request, as the server saw it. */
    seen: { method: string; url: string; headers: http.IncomingHttpHeaders }[];
    close(): Promise<void>;
}

export async function hostileServer(handler: HostileHandler): Promise<HostileServer> {
    const seen: HostileServer["seen"] = [];
    const s = http.createServer((req, res) => {
        seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
        res.on("error", () => undefined);
        req.resume();
        req.on("end", () => handler(req, res, seen.length));
    });
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
    return {
        url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
        seen,
        close: () => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r()))),
    };
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
}

/** Rate-limit headers saying the bucket is spent until `resetEpochSeconds`. */
export function spent(resetEpochSeconds: number, date?: string): Record<string, string> {
    return { "X-Rate-Limit-Limit": "10", "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Reset": String(resetEpochSeconds), ...(date ? { Date: date } : {}) };
}

/** Settles within `ms` or reports "still pending": a hang shows as a failed assertion, not a stuck test. */
export async function within<T>(ms: number, p: Promise<T>): Promise<{ value?: T; error?: Error; pending?: true; ms: number }> {
    const t0 = Date.now();
    const r = await Promise.race([
        p.then(
            (value) => ({ value }),
            (error: Error) => ({ error }),
        ),
        new Promise<{ pending: true }>((r) => setTimeout(() => r({ pending: true }), ms).unref()),
    ]);
    return { ...r, ms: Date.now() - t0 };
}
