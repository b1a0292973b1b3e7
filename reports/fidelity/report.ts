// docs/internals/fidelity.md from the runs of the three judges (pure: data in, Markdown out).
import { KNOWN_DIFFERENCES } from "./knownDifferences";
import { ComparedInteraction, formatDifference } from "./emulatorReplay";
import { OperationResult } from "./libraryScenarios";
import { DISAGREEMENTS, HELD_FIELDS } from "./notes";
import { SdkCall } from "./sdkCalls";

export interface FidelityRun {
    recordings: { file: string; interactions: number; emulated: boolean }[];
    library: OperationResult[];
    emulator: ComparedInteraction[];
    sdk: SdkCall[];
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function figures(run: FidelityRun) {
    const explained = run.emulator.reduce((n, c) => n + c.explained.length, 0);
    const unexplained = run.emulator.reduce((n, c) => n + c.unexplained.length, 0);
    return {
        recordings: run.recordings.length,
        interactions: run.recordings.reduce((n, r) => n + r.interactions, 0),
        libraryOperations: run.library.length,
        libraryFailures: run.library.filter((o) => o.problems.length > 0).length,
        emulatorInteractions: run.emulator.length,
        explained,
        unexplained,
        sdkCalls: run.sdk.length,
        sdkFailures: run.sdk.filter((c) => c.problems.length > 0).length,
    };
}

export function renderReport(run: FidelityRun): string {
    const f = figures(run);
    const out: string[] = [];
    out.push("# Fidelity: real Okta as the judge");
    out.push("");
    out.push("Written by `npm run fidelity` (reports/fidelity.ts); do not edit by hand. The same checks run in `npm test`:");
    out.push("`tests/replayLibrary.test.ts`, `tests/replayEmulator.test.ts`, `tests/oktaSdk.test.ts`, `tests/specExamples.test.ts`,");
    out.push("`tests/heldWhenOmitted.test.ts`. Three judges, none written by this project:");
    out.push("");
    out.push("1. **Recorded traffic from real orgs** (`third_party/okta-recordings`): a server on 127.0.0.1 answers each recorded request");
    out.push("   with the recorded response. The library must send exactly the recorded requests (method, path, JSON body, as many");
    out.push("   times) and produce the right outputs; the emulator, sent the same requests (ids mapped), must answer with the same");
    out.push("   status, keys at every level, JSON types, id formats and vocabulary values (`status`, `type`, `alg`, `use`, ...).");
    out.push("2. **Okta's own Node SDK** (`@okta/okta-sdk-nodejs` 8.1) as a client of the emulator; each answer is checked field by");
    out.push("   field against the SDK's models (its deserializer never complains by itself).");
    out.push("3. **Okta's published specs and examples** (`third_party/okta-openapi`): request bodies are validated against them, and");
    out.push("   error answers must read as their examples do.");
    out.push("");
    out.push("## Figures");
    out.push("");
    out.push("| | count |");
    out.push("| --- | --- |");
    out.push(`| recordings replayed | ${f.recordings} (${f.interactions} recorded interactions) |`);
    out.push(`| library operations checked against replayed answers | ${f.libraryOperations} (${f.libraryFailures} failing) |`);
    out.push(`| recorded requests sent to the emulator | ${f.emulatorInteractions} |`);
    out.push(`| mismatches explained | ${f.explained} |`);
    out.push(`| mismatches unexplained | ${f.unexplained} |`);
    out.push(`| Okta SDK calls | ${f.sdkCalls} (${f.sdkFailures} failures) |`);
    out.push("");
    out.push("## The library against recorded answers");
    out.push("");
    for (const r of run.recordings) {
        const ops = run.library.filter((o) => o.file === r.file);
        if (!ops.length) continue;
        out.push(`### \`${r.file}\``);
        out.push("");
        out.push("| operation | recorded requests it must cause | result |");
        out.push("| --- | --- | --- |");
        for (const o of ops) {
            const result = o.problems.length ? `**fails**: ${o.problems.join("; ")}` : "same requests, outputs right";
            const extra = [...o.notes, ...(o.derived ? [`derived: ${o.derived}`] : [])];
            out.push(`| ${cell(o.operation)} | ${cell(o.expected.join(", "))} | ${cell(result + (extra.length ? ` (${extra.join("; ")})` : ""))} |`);
        }
        out.push("");
    }
    out.push("## The emulator against recorded answers");
    out.push("");
    for (const r of run.recordings) {
        out.push(`### \`${r.file}\``);
        out.push("");
        const rows = run.emulator.filter((c) => c.file === r.file);
        if (!r.emulated || !rows.length) {
            out.push("Not sent: the emulator does not implement this API (it is replayed against the library above).");
            out.push("");
            continue;
        }
        out.push("| # | request | status recorded / emulator | result |");
        out.push("| --- | --- | --- | --- |");
        for (const c of rows) {
            const parts = [
                ...c.unexplained.map((d) => `**unexplained** ${formatDifference(d)}`),
                ...c.explained.map((d) => `explained: ${formatDifference(d)}`),
            ];
            out.push(`| ${c.interaction} | ${cell(c.request)} | ${c.recordedStatus} / ${c.actualStatus} | ${cell(parts.length ? parts.join("; ") : "same shape")} |`);
        }
        out.push("");
    }
    out.push("## Okta's SDK against the emulator");
    out.push("");
    out.push("| call | model | result |");
    out.push("| --- | --- | --- |");
    for (const c of run.sdk) out.push(`| ${cell(c.call)} | ${c.model} | ${cell(c.problems.length ? `**fails**: ${c.problems.join("; ")}` : "parses into the model")} |`);
    out.push("");
    out.push("## Remaining differences, with their reasons");
    out.push("");
    out.push("| where | difference | reason |");
    out.push("| --- | --- | --- |");
    for (const k of KNOWN_DIFFERENCES) out.push(`| ${cell(`${k.file.source} ${k.request.source}`)} | ${cell(`${k.path.source}: ${k.kind}`)} | ${cell(k.reason)} |`);
    out.push("| hook-key GETs of the library | `?expand=publickey` | The library asks for the public key; the recorded GETs carried no query. Paths and bodies match, and a GET without `_embedded` keeps the key in state. |");
    out.push("| adoption of a hook key | `GET /api/v1/hook-keys/public/{keyId}` | No recording calls the public-key endpoint; the replay answers it with the key recorded at create (the same key). |");
    out.push("| request types, teams | not in any recording | Their fidelity rests on the governance spec's examples (`tests/specExamples.test.ts`). |");
    out.push("| Management API schema failures (hook keys, devices) | `Api validation failed: request body`, causes quoting the validator | No recording holds Okta's wording for these; the recorded Management errors show only the shape (`errorCauses` with `errorSummary` alone), which the emulator keeps. |");
    out.push("| `resourceName` | left out for unknown ids | The emulator keeps no directory of groups and apps: a name is answered only for ids it was given (`resources` option, Okta's examples). |");
    out.push("");
    out.push("## Where the recordings, the specs and the documentation disagree");
    out.push("");
    out.push("| topic | recordings | specs / docs / before | what won |");
    out.push("| --- | --- | --- | --- |");
    for (const d of DISAGREEMENTS) out.push(`| ${cell(d.topic)} | ${cell(d.recordings)} | ${cell(d.specsOrDocs)} | ${cell(d.won)} |`);
    out.push("");
    out.push("## Optional fields Okta fills in: \"whatever Okta holds\"");
    out.push("");
    out.push("A field Okta fills in when the program leaves it out means whatever Okta holds: no mismatch on adoption, no diff");
    out.push("after refresh, never a replacement because Okta's wording differs from a string in our code. A declared value");
    out.push("still counts, and its drift still shows (`tests/heldWhenOmitted.test.ts`).");
    out.push("");
    out.push("| resource | field | how |");
    out.push("| --- | --- | --- |");
    for (const h of HELD_FIELDS) out.push(`| ${h.resource} | ${h.field} | ${cell(h.how)} |`);
    out.push("");
    return out.join("\n");
}
