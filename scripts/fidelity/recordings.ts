// Recorded traffic with real Okta orgs (../shared/okta-recordings, go-vcr YAML v2), read at run time as the
// OpenAPI specs are: never copied into the repository.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";

export interface Interaction {
    /** The interaction's index in its file. */
    id: number;
    method: string;
    /** Path only; the recorded host is a real org's. */
    path: string;
    query: Record<string, string>;
    /** Parsed JSON, or undefined when the request had none. */
    body: unknown;
    /** The Authorization header's scheme (`SSWS`; the credential itself was redacted). */
    authScheme?: string;
    status: number;
    responseHeaders: Record<string, string>;
    /** Parsed JSON, or undefined for an empty answer (204). */
    responseBody: unknown;
}

export interface Recording {
    /** Relative to the recordings folder, e.g. `idaas/TestAccResourceHookKey_crud/oie-00.yaml`. */
    file: string;
    interactions: Interaction[];
}

/** OKTA_RECORDINGS_DIR, or ../shared/okta-recordings beside the repository (as findSpecDir does). */
export function findRecordingsDir(): string | undefined {
    const candidates = [
        process.env.OKTA_RECORDINGS_DIR,
        path.resolve(__dirname, "..", "..", "..", "..", "shared", "okta-recordings"),
        path.resolve(__dirname, "..", "..", "..", "shared", "okta-recordings"),
    ];
    return candidates.find((d) => d && fs.existsSync(d));
}

interface VcrInteraction {
    id: number;
    request: { method: string; url: string; body?: string; headers?: Record<string, string[]> };
    response: { code: number; body?: string; headers?: Record<string, string[]> };
}

const parseJson = (text: string | undefined): unknown => (text && text.trim() !== "" ? JSON.parse(text) : undefined);

export function parseRecording(file: string, text: string): Recording {
    const doc = yaml.load(text) as { interactions: VcrInteraction[] };
    return {
        file,
        interactions: doc.interactions.map((i) => {
            const url = new URL(i.request.url);
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(i.response.headers ?? {})) headers[k.toLowerCase()] = v.join(", ");
            return {
                id: i.id,
                method: i.request.method,
                path: url.pathname,
                query: Object.fromEntries(url.searchParams),
                body: parseJson(i.request.body),
                authScheme: i.request.headers?.Authorization?.[0]?.split(" ")[0],
                status: i.response.code,
                responseHeaders: headers,
                responseBody: parseJson(i.response.body),
            };
        }),
    };
}

export function loadRecording(file: string, dir = findRecordingsDir()): Recording {
    if (!dir) throw new Error("the recordings are not found: set OKTA_RECORDINGS_DIR or place them in ../shared/okta-recordings");
    return parseRecording(file, fs.readFileSync(path.join(dir, file), "utf8"));
}

/** Every recording file, sorted. */
export function listRecordings(dir = findRecordingsDir()): string[] {
    if (!dir) return [];
    const out: string[] = [];
    const walk = (rel: string) => {
        for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
            const r = rel ? `${rel}/${e.name}` : e.name;
            if (e.isDirectory()) walk(r);
            else if (e.name.endsWith(".yaml")) out.push(r);
        }
    };
    walk("");
    return out.sort();
}
