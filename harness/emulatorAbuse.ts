// The emulator abuse corpus of docs/internals/reliability.md: malformed request lines, headers, bodies and sizes sent
// over raw sockets to one emulator with its default limits. For each: the answer's status line, whether the
// emulator still answers a normal request afterwards, and peak memory (RSS above the case's start). Then floods
// of large bodies at once against the okta-emulator command in a child process, whose RSS is read from outside.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
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

/**
 * Writes `head` (then `bodyBytes` of filler streamed with backpressure, then `tail`) and resolves with the status
 * line; it stops sending once the answer starts, and gives up after 30 s.
 */
export function send(url: string, head: string, bodyBytes = 0, tail = ""): Promise<string> {
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
                if (tail && !sock.destroyed) sock.write(tail);
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

/** The okta-emulator command in a child process, so its memory is its own: RSS read from /proc (Linux). */
export interface ChildEmulator {
    url: string;
    pid: number;
    /** Resident memory now, in MiB. */
    rssMb(): number;
    stop(): Promise<void>;
}

export const HAS_PROC = fs.existsSync("/proc/self/status");

export async function startChildEmulator(args: string[]): Promise<ChildEmulator> {
    const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, "..", "emulator", "cli.js"), "-p", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`okta-emulator did not start in 20 s: ${out}`)), 20_000);
        child.stdout!.on("data", (d: Buffer) => {
            out += d.toString();
            const m = /Okta emulator on (http:\/\/\S+)/.exec(out);
            if (m) {
                clearTimeout(timer);
                resolve(m[1]);
            }
        });
        child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
        child.once("exit", (code) => reject(new Error(`okta-emulator exited with ${code}: ${out}`)));
    });
    const pid = child.pid!;
    return {
        url,
        pid,
        rssMb: () => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024,
        stop: () =>
            new Promise<void>((resolve) => {
                if (child.exitCode !== null) return resolve();
                const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
                child.once("exit", () => {
                    clearTimeout(kill);
                    resolve();
                });
                child.kill("SIGTERM");
            }),
    };
}

export interface FloodResult {
    /** How many answers had each status ("closed" when the connection closed without one). */
    answers: Record<string, number>;
    idleMb: number;
    peakMb: number;
    seconds: number;
}

/**
 * `count` POSTs of `bodyBytes` each to the hook-keys endpoint, all at once over their own sockets; RSS is
 * sampled every 5 ms from before the first to after the last answer. Each socket stops sending once answered.
 */
export async function flood(emu: Pick<ChildEmulator, "url" | "rssMb">, opts: { count: number; bodyBytes: number; token?: string; host?: string }): Promise<FloodResult> {
    const { port } = new URL(emu.url);
    const prefix = '{"name":"';
    const suffix = '"}';
    const head =
        `POST /api/v1/hook-keys HTTP/1.1\r\nHost: ${opts.host ?? `127.0.0.1:${port}`}\r\n` +
        (opts.token ? `Authorization: SSWS ${opts.token}\r\n` : "") +
        `Content-Type: application/json\r\nContent-Length: ${prefix.length + opts.bodyBytes + suffix.length}\r\nConnection: close\r\n\r\n${prefix}`;
    let idle = 0;
    for (let i = 0; i < 20; i++) {
        idle = Math.max(idle, emu.rssMb());
        await new Promise((r) => setTimeout(r, 10));
    }
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, emu.rssMb())), 5);
    const t0 = Date.now();
    const lines = await Promise.all(Array.from({ length: opts.count }, () => send(emu.url, head, opts.bodyBytes, suffix)));
    for (let i = 0; i < 20; i++) {
        peak = Math.max(peak, emu.rssMb());
        await new Promise((r) => setTimeout(r, 10));
    }
    clearInterval(sampler);
    const answers: Record<string, number> = {};
    for (const l of lines) {
        const status = /^HTTP\/1\.1 (\d{3})/.exec(l)?.[1] ?? "closed";
        answers[status] = (answers[status] ?? 0) + 1;
    }
    return { answers, idleMb: Math.round(idle), peakMb: Math.round(peak), seconds: Math.round((Date.now() - t0) / 100) / 10 };
}

/** One small create and one list, so the idle figure is of an emulator that has loaded its specs and served. */
export async function warmUp(emu: ChildEmulator, token: string): Promise<void> {
    const headers = { Authorization: `SSWS ${token}`, "Content-Type": "application/json" };
    await (await fetch(`${emu.url}/api/v1/hook-keys`, { method: "POST", headers, body: JSON.stringify({ name: "warm-up" }) })).text();
    await (await fetch(`${emu.url}/api/v1/hook-keys`, { headers })).text();
}

export interface FloodRow extends FloodResult {
    input: string;
    afterwards: string;
}

/** The floods of docs/internals/reliability.md (issue 20): 40 bodies of 8 MiB at once, without and with the token. */
export async function runEmulatorFloods(onRow?: (r: FloodRow) => void): Promise<FloodRow[]> {
    const token = "flood-token";
    const emu = await startChildEmulator(["-t", token]);
    const rows: FloodRow[] = [];
    try {
        const normal = async () => (await fetch(`${emu.url}/api/v1/hook-keys`, { headers: { Authorization: `SSWS ${token}` } })).status;
        await warmUp(emu, token);
        const cases: { input: string; token?: string; host?: string }[] = [
            { input: "40 x 8 MiB at once, no credentials" },
            { input: "40 x 8 MiB at once, the token, Host attacker.example", token, host: "attacker.example" },
            { input: "40 x 8 MiB at once, the token", token },
        ];
        for (const c of cases) {
            const r = await flood(emu, { count: 40, bodyBytes: 8 * 1024 * 1024, token: c.token, host: c.host });
            const row = { input: c.input, ...r, afterwards: String(await normal()) };
            onRow?.(row);
            rows.push(row);
        }
        return rows;
    } finally {
        await emu.stop();
    }
}

if (require.main === module) {
    const floods = process.argv.includes("--floods");
    (floods ? runEmulatorFloods((r) => console.log(JSON.stringify(r))).then(() => ({ log: "" })) : runEmulatorAbuse((r) => console.log(JSON.stringify(r)))).then(
        (r) => console.log(JSON.stringify(r.log)),
        (e) => {
            console.error(e);
            process.exit(1);
        },
    );
}
