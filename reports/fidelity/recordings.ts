// Recorded traffic with real Okta orgs (third_party/okta-recordings: go-vcr YAML v2 from terraform-provider-okta,
// MPL-2.0, kept unchanged; its README says more), parsed for the tests and the fidelity report.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { gitRestoreHint, PACKAGE_ROOT, requireDataFile } from "../../emulator/dataFiles";

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

export const RECORDINGS_FOLDER = "third_party/okta-recordings";
export const RECORDINGS_DIR = path.join(PACKAGE_ROOT, RECORDINGS_FOLDER);

/** The full path of a recording; a missing one throws a MissingDataFile that names it and the way back. */
export function recordingPath(file: string, dir = RECORDINGS_DIR): string {
    return requireDataFile(dir, file, gitRestoreHint(RECORDINGS_FOLDER));
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

export function loadRecording(file: string, dir = RECORDINGS_DIR): Recording {
    return parseRecording(file, fs.readFileSync(recordingPath(file, dir), "utf8"));
}

/** Every recording file, sorted; a missing folder throws (as a missing file does). */
export function listRecordings(dir = RECORDINGS_DIR): string[] {
    requireDataFile(path.dirname(dir), path.basename(dir), gitRestoreHint(RECORDINGS_FOLDER));
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
