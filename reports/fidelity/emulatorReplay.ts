// The emulator against real Okta answers: every recorded request on an API the emulator implements is sent to
// the emulator (recorded ids mapped to the emulator's), and its answer is compared with the recorded one:
// status, keys at every level, JSON types, id formats. Differences not explained in KNOWN_DIFFERENCES fail.
import fetch from "node-fetch";
import { Emulator, startEmulator } from "../../emulator";
import { explain } from "./knownDifferences";
import { Interaction, loadRecording, Recording } from "./recordings";
import { shapeDifferences, ShapeDifference } from "./shape";

const TOKEN = "fidelity-token";

/** The APIs the emulator implements, by path: recordings of others are not sent. */
export const EMULATED = [/^\/api\/v1\/hook-keys(\/|$)/, /^\/api\/v1\/devices(\/|$)/, /^\/governance\/api\/v1\/(request-types|teams)(\/|$)/, /^\/api\/v1\/users\/me$/];
export const isEmulated = (path: string) => EMULATED.some((re) => re.test(path));

export interface ComparedInteraction {
    file: string;
    interaction: number;
    request: string;
    recordedStatus: number;
    actualStatus: number;
    explained: (ShapeDifference & { reason: string })[];
    unexplained: ShapeDifference[];
}

/** Makes the emulator hold what the org held before the recording began; returns recorded id -> emulator id. */
function seed(emu: Emulator, r: Recording): Map<string, string> {
    const ids = new Map<string, string>();
    const first = r.interactions[0];
    const body = first.responseBody as Record<string, any> | undefined;
    // An object the recording reads without creating it first was there already.
    if (first.method === "GET" && first.status === 200 && body && typeof body.id === "string") {
        if (first.path.startsWith("/api/v1/devices/")) {
            emu.seedDevice({ id: body.id, status: body.status, created: body.created, lastUpdated: body.lastUpdated, profile: body.profile });
            ids.set(body.id, body.id);
        } else if (first.path.startsWith("/api/v1/hook-keys/")) {
            const k = emu.seedHookKey(body.name);
            ids.set(body.id, k.id);
            ids.set(body.keyId, k.keyId);
        }
    }
    return ids;
}

const mapIds = (s: string, ids: Map<string, string>) => [...ids].reduce((acc, [from, to]) => acc.split(from).join(to), s);

/** Learns ids the emulator made where Okta made the recorded ones (a create's answer). */
function learnIds(recorded: unknown, actual: unknown, ids: Map<string, string>): void {
    if (!recorded || !actual || typeof recorded !== "object" || typeof actual !== "object") return;
    const r = recorded as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const k of ["id", "keyId"]) if (typeof r[k] === "string" && typeof a[k] === "string" && !ids.has(r[k] as string)) ids.set(r[k] as string, a[k] as string);
}

async function send(emu: Emulator, i: Interaction, ids: Map<string, string>): Promise<{ status: number; body: unknown }> {
    const q = new URLSearchParams(Object.fromEntries(Object.entries(i.query).map(([k, v]) => [k, mapIds(v, ids)]))).toString();
    const res = await fetch(`${emu.url}${mapIds(i.path, ids)}${q ? `?${q}` : ""}`, {
        method: i.method,
        headers: { Authorization: `SSWS ${TOKEN}`, Accept: "application/json", ...(i.body !== undefined ? { "Content-Type": "application/json" } : {}) },
        body: i.body === undefined ? undefined : mapIds(JSON.stringify(i.body), ids),
    });
    const text = await res.text();
    return { status: res.status, body: text === "" ? undefined : JSON.parse(text) };
}

/** Replays one recording against a fresh emulator (only its interactions on emulated APIs). */
export async function compareRecording(file: string): Promise<ComparedInteraction[]> {
    const r = loadRecording(file);
    const emu = await startEmulator({ tokens: [TOKEN] });
    try {
        const ids = seed(emu, r);
        const out: ComparedInteraction[] = [];
        for (const i of r.interactions) {
            if (!isEmulated(i.path)) continue;
            const actual = await send(emu, i, ids);
            learnIds(i.responseBody, actual.body, ids);
            const diffs: ShapeDifference[] = [];
            if (actual.status !== i.status) diffs.push({ path: "status", kind: "status", recorded: String(i.status), actual: String(actual.status) });
            diffs.push(...shapeDifferences(i.responseBody, actual.body));
            const explained: ComparedInteraction["explained"] = [];
            const unexplained: ShapeDifference[] = [];
            for (const d of diffs) {
                const reason = explain(file, i, d);
                if (reason) explained.push({ ...d, reason });
                else unexplained.push(d);
            }
            out.push({ file, interaction: i.id, request: `${i.method} ${i.path}`, recordedStatus: i.status, actualStatus: actual.status, explained, unexplained });
        }
        return out;
    } finally {
        await emu.stop();
    }
}

export const formatDifference = (d: ShapeDifference) => `${d.path}: ${d.kind} (recorded ${d.recorded}, emulator ${d.actual})`;
