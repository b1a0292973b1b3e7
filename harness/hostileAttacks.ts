// The hostile-server table of docs/internals/reliability.md: each attack a misbehaving server can make, against each
// operation it can reach, with the library's default bounds. Outcome, time and peak memory (RSS above the
// start of the case, sampled every 10 ms) per case.
import * as http from "http";
import { OktaClient, staticAuth } from "../provider/okta/client";
import { executeApiCall } from "../provider/apiCall";
import { requestTypeProvider } from "../provider/requestType";
import { apiObjectProvider } from "../provider/apiObject";
import { setStackConfig } from "../provider/okta/settings";
import { runImport } from "../sdk/codegen/cli";
import { hostileServer, json, spent } from "../tests/support/hostileServer";
import * as os from "os";
import * as path from "path";
import * as fs from "fs";

export interface AttackRow {
    attack: string;
    operation: string;
    outcome: string;
    seconds: number;
    peakMb: number;
}

const RT_ID = "61eb2db568c7c300079fefd0";
const nowS = () => Math.floor(Date.now() / 1000);
const requestType = (id = RT_ID) => ({
    id,
    name: "hostile",
    description: "d",
    ownerId: "61eb0f06c462d20007f051ac",
    status: "DRAFT",
    resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: "00g1emaKYZTWRYYRRTSK" }] },
    requestSettings: { type: "EVERYONE", requesterFields: [] },
    approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER", approverFields: [] }] },
});

type Answer = (req: http.IncomingMessage, res: http.ServerResponse, n: number, base: string) => void;

/** A plausible answer for any route the operations use. */
function normal(req: http.IncomingMessage, res: http.ServerResponse, headers: Record<string, string> = {}): void {
    const p = req.url!.split("?")[0];
    if (req.method === "POST") return json(res, 201, requestType(), headers);
    if (p.endsWith("/request-types") || p.endsWith("/devices") || p.endsWith("/groups")) return json(res, 200, { data: [{ id: RT_ID, name: "hostile", status: "DRAFT" }] }, headers);
    return json(res, 200, requestType(), headers);
}

/**
 * Streams `bytes` of a JSON string body, 1 MiB at a time with backpressure, until done or the client goes away:
 * the server runs in the measured process, so it must not hold the body itself.
 */
function stream(res: http.ServerResponse, bytes: number, status = 200, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    const chunk = Buffer.alloc(1024 * 1024, 120);
    let sent = 0;
    let closed = false;
    res.on("close", () => (closed = true));
    res.write('{"data":"');
    const pump = () => {
        while (!closed && sent < bytes) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
        }
        if (!closed) res.end('"}');
    };
    pump();
}

const ATTACKS: { name: string; answer: Answer; listsOnly?: boolean }[] = [
    { name: "200 with Remaining 0 and Reset 1 h ahead", answer: (q, r) => normal(q, r, spent(nowS() + 3600)) },
    { name: "200 with Reset 30 days ahead (past Node's 24.8-day timer)", answer: (q, r) => normal(q, r, spent(nowS() + 30 * 86400)) },
    { name: "429 with Reset 10 min ahead", answer: (_q, r) => json(r, 429, { errorCode: "E0000047" }, spent(nowS() + 600)) },
    { name: "429 once with Date 1970 and Reset 5 s ahead", answer: (q, r, n) => (n === 1 ? json(r, 429, {}, spent(nowS() + 5, "Thu, 01 Jan 1970 00:00:00 GMT")) : normal(q, r)) },
    {
        name: "every next link new (endless paging)",
        listsOnly: true,
        answer: (q, r, n, base) => json(r, 200, { data: [{ id: RT_ID, name: `page-${n}`, status: "DRAFT" }] }, { Link: `<${base}${q.url!.split("?")[0]}?after=${n}>; rel="next"` }),
    },
    { name: "100 MB answer", answer: (_q, r) => stream(r, 100 * 1024 * 1024) },
    { name: "429 once with a 100 MB body, Reset 1 s ahead", answer: (q, r, n) => (n === 1 ? stream(r, 100 * 1024 * 1024, 429, spent(nowS() + 1)) : normal(q, r)) },
    { name: "600 MB answer", answer: (_q, r) => stream(r, 600 * 1024 * 1024) },
    { name: 'id ".." in answers', answer: (q, r) => (q.method === "POST" ? json(r, 201, { id: ".." }) : json(r, 200, { data: [{ id: "..", name: "evil", status: "DRAFT" }] })) },
];

const OPERATIONS: { name: string; list?: boolean; run: (base: string) => Promise<unknown> }[] = [
    { name: "refresh two request types (read)", run: async () => (await requestTypeProvider.read!(RT_ID, {}), await requestTypeProvider.read!(RT_ID, {})) },
    { name: "create ApiObject (POST, then its id)", run: () => apiObjectProvider.create({ api: "management", path: "/api/v1/groups", data: { a: 1 } }) },
    { name: "listAll (lookups, lost-create recovery)", list: true, run: (base) => new OktaClient({ baseUrl: base, auth: staticAuth({ kind: "apiToken", token: "t" }) }).listAll("/governance/api/v1/request-types") },
    { name: "callApi allPages", list: true, run: (base) => executeApiCall({ method: "GET", relativeUrl: "/api/v1/devices", allPages: true }, config(base)) },
    {
        name: "import command",
        list: true,
        run: async (base) => {
            process.env.OKTA_API_TOKEN = "t";
            try {
                return await runImport({ out: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hostile-")), "o.ts"), orgUrl: base, type: "request-types" }, () => undefined);
            } finally {
                delete process.env.OKTA_API_TOKEN;
            }
        },
    },
];

const config = (base: string) => ({ get: (k: string) => ({ "pulumi-okta-dynamic:orgUrl": base, "okta:apiToken": "t" })[k] });

export async function runHostileAttacks(onRow?: (r: AttackRow) => void): Promise<AttackRow[]> {
    const rows: AttackRow[] = [];
    for (const attack of ATTACKS) {
        for (const op of OPERATIONS) {
            if (attack.listsOnly && !op.list) continue;
            let base = "";
            const s = await hostileServer((q, r, n) => attack.answer(q, r, n, base));
            base = s.url;
            setStackConfig(config(base));
            global.gc?.();
            const start = process.memoryUsage().rss;
            let peak = start;
            const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
            const t0 = Date.now();
            let outcome: string;
            try {
                await op.run(base);
                outcome = "ok";
            } catch (e) {
                outcome = `error: ${(e as Error).message.replace(/\s+/g, " ").slice(0, 150)}`;
            }
            clearInterval(sampler);
            peak = Math.max(peak, process.memoryUsage().rss);
            const row = { attack: attack.name, operation: op.name, outcome, seconds: Math.round((Date.now() - t0) / 100) / 10, peakMb: Math.round((peak - start) / 1048576) };
            onRow?.(row);
            rows.push(row);
            setStackConfig(undefined);
            await s.close();
        }
    }
    return rows;
}

if (require.main === module) {
    runHostileAttacks((r) => console.log(JSON.stringify(r))).catch((e) => {
        console.error(e);
        process.exit(1);
    });
}
