// The emulator abuse corpus of docs/reliability.md: malformed request lines, headers, bodies and sizes sent
// over raw sockets to one emulator with its default limits. For each: the answer's status line, whether the
// emulator still answers a normal request afterwards, and peak memory (RSS above the case's start).
import * as net from "net";
import fetch from "node-fetch";
import { Emulator, startEmulator } from "../emulator";

export interface AbuseRow {
    input: string;
    answer: string;
    stillServing: boolean;
    peakMb: number;
    seconds: number;
}

const TOKEN = "abuse-token";

/** Writes `head` (and `bodyBytes` of filler, streamed with backpressure) and resolves with the status line. */
function send(url: string, head: string, bodyBytes = 0): Promise<string> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve) => {
        let got = "";
        const sock = net.connect(Number(port), hostname, () => {
            sock.write(head);
            const chunk = Buffer.alloc(1024 * 1024, 120);
            let sent = 0;
            const pump = () => {
                while (sent < bodyBytes && !sock.destroyed) {
                    const n = Math.min(chunk.length, bodyBytes - sent);
                    sent += n;
                    if (!sock.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void sock.once("drain", pump);
                }
            };
            pump();
        });
        sock.on("data", (d) => {
            got += d.toString("latin1");
            if (got.includes("\r\n")) sock.destroy();
        });
        sock.on("error", () => undefined);
        sock.on("close", () => resolve(got.split("\r\n")[0] || "(closed without an answer)"));
        setTimeout(() => sock.destroy(), 30_000).unref();
    });
}

const get = (target: string, extra = "") => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: SSWS ${TOKEN}\r\n${extra}Connection: close\r\n\r\n`;
const post = (target: string, headers: string, body = "") => `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: SSWS ${TOKEN}\r\n${headers}Connection: close\r\n\r\n${body}`;
const deep = (n: number) => "[".repeat(n) + "]".repeat(n);

const CORPUS: { input: string; head: string; bodyBytes?: number }[] = [
    { input: "request line GET //[/x", head: get("//[/x") },
    { input: "request line GET //[::1/x", head: get("//[::1/x") },
    { input: "request line GET //a:b:c/x", head: get("//a:b:c/x") },
    { input: "request line GET * (asterisk form)", head: get("*") },
    { input: "request line GET http://evil.example/api/v1/hook-keys (absolute form)", head: get("http://evil.example/api/v1/hook-keys") },
    { input: "request line with a bad percent escape in an id", head: get("/api/v1/hook-keys/%E0%A4%A") },
    { input: "request line with a NUL", head: "GET /api/v1/hook-keys\0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" },
    { input: "unknown method FOO", head: "FOO / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" },
    { input: "not HTTP at all", head: "hello\r\n\r\n" },
    { input: "64 KB URL", head: get(`/api/v1/hook-keys?x=${"a".repeat(64 * 1024)}`) },
    { input: "header of 20 KB", head: get("/api/v1/hook-keys", `X-Big: ${"a".repeat(20 * 1024)}\r\n`) },
    { input: "header with a control character", head: get("/api/v1/hook-keys", "X-Bad: a\x01b\r\n") },
    { input: "two different Content-Lengths", head: post("/api/v1/hook-keys", "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 5\r\n", "{}") },
    { input: "Content-Length with Transfer-Encoding", head: post("/api/v1/hook-keys", "Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n") },
    { input: "negative Content-Length", head: post("/api/v1/hook-keys", "Content-Type: application/json\r\nContent-Length: -1\r\n") },
    { input: "body that is not JSON", head: post("/api/v1/hook-keys", "Content-Type: application/json\r\nContent-Length: 9\r\n", "{not json") },
    { input: "JSON nested 100,000 deep", head: post("/api/v1/hook-keys", `Content-Type: application/json\r\nContent-Length: ${200_000}\r\n`, deep(100_000)) },
    { input: "JSON with a 5 MB name (under the limit)", head: post("/api/v1/hook-keys", `Content-Type: application/json\r\nContent-Length: ${5 * 1024 * 1024 + 11}\r\n`, `{"name":"${"a".repeat(5 * 1024 * 1024)}"}`) },
    { input: "700 MB body, Content-Length declared", head: post("/api/v1/hook-keys", `Content-Type: application/json\r\nContent-Length: ${700 * 1024 * 1024}\r\n`), bodyBytes: 700 * 1024 * 1024 },
    { input: "700 MB body, chunked", head: post("/api/v1/hook-keys", "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", `${(700 * 1024 * 1024).toString(16)}\r\n`), bodyBytes: 700 * 1024 * 1024 },
];

async function serving(emu: Emulator): Promise<boolean> {
    try {
        // Any HTTP answer counts (after 20,000 requests the bucket's rate limit answers 429, as it should).
        return (await fetch(`${emu.url}/api/v1/hook-keys`, { headers: { Authorization: `SSWS ${TOKEN}` } })).status > 0;
    } catch {
        return false;
    }
}

async function measure(run: () => Promise<string>): Promise<{ answer: string; peakMb: number; seconds: number }> {
    global.gc?.();
    const start = process.memoryUsage().rss;
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const t0 = Date.now();
    const answer = await run();
    clearInterval(sampler);
    return { answer, peakMb: Math.round((Math.max(peak, process.memoryUsage().rss) - start) / 1048576), seconds: Math.round((Date.now() - t0) / 100) / 10 };
}

export async function runEmulatorAbuse(onRow?: (r: AbuseRow) => void): Promise<{ rows: AbuseRow[]; log: { requests: number; entries: number; jsonBytes: number } }> {
    const emu = await startEmulator({ tokens: [TOKEN] });
    const rows: AbuseRow[] = [];
    try {
        for (const c of CORPUS) {
            const m = await measure(() => send(emu.url, c.head, c.bodyBytes));
            const row = { input: c.input, answer: m.answer, stillServing: await serving(emu), peakMb: m.peakMb, seconds: m.seconds };
            onRow?.(row);
            rows.push(row);
        }
        // The log after 20,000 requests: bounded in entries, and so in bytes.
        const requests = 20_000;
        const m = await measure(async () => {
            for (let i = 0; i < requests; i += 50) {
                await Promise.all(Array.from({ length: 50 }, (_, j) => fetch(`${emu.url}/api/v1/hook-keys?i=${i + j}`, { headers: { Authorization: `SSWS ${TOKEN}` } }).then((r) => r.text())));
            }
            return "";
        });
        const row = { input: `${requests} requests (the log)`, answer: `${emu.log.length} entries kept`, stillServing: await serving(emu), peakMb: m.peakMb, seconds: m.seconds };
        onRow?.(row);
        rows.push(row);
        return { rows, log: { requests, entries: emu.log.length, jsonBytes: JSON.stringify(emu.log).length } };
    } finally {
        await emu.stop();
    }
}

if (require.main === module) {
    runEmulatorAbuse((r) => console.log(JSON.stringify(r))).then(
        (r) => console.log(JSON.stringify(r.log)),
        (e) => {
            console.error(e);
            process.exit(1);
        },
    );
}
