// A server on 127.0.0.1 that answers with recorded Okta answers. Each operation under test says which
// recorded interactions it should cause; every request must be the next of them (same method, path, JSON body
// and Authorization scheme), or it is answered 418 and noted. What the library did is then compared with that.
import * as http from "http";
import { AddressInfo } from "net";
import { Interaction } from "./recordings";
import { deepEqualJson } from "./shape";

export interface SentRequest {
    method: string;
    path: string;
    query: Record<string, string>;
    body: unknown;
    /** The interaction that answered it, or undefined when none matched. */
    answeredBy?: number;
}

export interface ReplayServer {
    url: string;
    /** The interactions the next operation should cause, in order. */
    expect(interactions: Interaction[]): void;
    /** The requests since the last `expect`. */
    readonly sent: SentRequest[];
    /** Expected interactions not (yet) requested. */
    readonly pending: Interaction[];
    close(): Promise<void>;
}

// A 4xx the client neither retries nor takes for "gone" (a 5xx would be retried, a 404 read as deleted).
const NO_MATCH = 418;

export async function startReplayServer(): Promise<ReplayServer> {
    let queue: Interaction[] = [];
    let sent: SentRequest[] = [];
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            const url = new URL(req.url ?? "/", "http://127.0.0.1");
            const raw = Buffer.concat(chunks).toString("utf8");
            let body: unknown;
            try {
                body = raw === "" ? undefined : JSON.parse(raw);
            } catch {
                body = raw;
            }
            const entry: SentRequest = { method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), body };
            sent.push(entry);
            const next = queue[0];
            const scheme = String(req.headers.authorization ?? "").split(" ")[0] || undefined;
            if (!next || next.method !== entry.method || next.path !== entry.path || !deepEqualJson(next.body, entry.body) || (next.authScheme !== undefined && next.authScheme !== scheme)) {
                res.writeHead(NO_MATCH, { "Content-Type": "application/json" });
                return void res.end(JSON.stringify({ errorCode: "REPLAY", errorSummary: `no recorded answer for ${entry.method} ${entry.path}`, errorCauses: [] }));
            }
            queue.shift();
            entry.answeredBy = next.id;
            // Date and Content-Type as recorded; no rate-limit headers (the recorder kept none).
            const headers: Record<string, string> = {};
            if (next.responseHeaders["content-type"]) headers["Content-Type"] = next.responseHeaders["content-type"];
            if (next.responseHeaders["link"]) headers["Link"] = next.responseHeaders["link"];
            res.writeHead(next.status, headers);
            res.end(next.responseBody === undefined ? undefined : JSON.stringify(next.responseBody));
        });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
        url,
        expect(interactions) {
            queue = [...interactions];
            sent = [];
        },
        get sent() {
            return sent;
        },
        get pending() {
            return queue;
        },
        close: () =>
            new Promise<void>((r) => {
                server.closeAllConnections?.();
                server.close(() => r());
            }),
    };
}
