// Where a credential that Okta hands back in an answer (an OpenID Connect app's generated client_secret) shows
// up once a program has it: every surface a user or CI sees or keeps, searched for every secret the emulator
// handed out. Through the real engine against the emulator, for both ways a program gets an answer
// (callApiOutput, ApiObject: made, brought, adopted with `import`), and for the explicit opt-out (`secret: false`).
// The native door's side is harness/nativeAnswerSecrets.ts. Used by
// tests/secretsInAnswers.e2e.test.ts and reports/reliability.ts (docs/internals/reliability.md).
import { execFile } from "child_process";
import { promisify } from "util";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, Emulator } from "../emulator";
import { ApiObject, callApiOutput } from "../sdk";
import { inlineStack, EngineStack, pulumiCliRoot } from "./engine";
import type { EngineEvent } from "@pulumi/pulumi/automation";

/**
 * @pulumi/pulumi's runtime logs each RegisterResource answer, secret outputs decrypted, as a debug diagnostic
 * (runtime/resource.js), for every provider: in the engine's event stream, and printed by `--debug`.
 */
export const DEBUG_SURFACE = "debug diagnostics (Pulumi's SDK; printed by --debug)";

const TOKEN = "answers-SECRET-token-6a2d";
/** A client secret the program brings (Okta keeps one given at create), 64 characters as Okta's are. */
export const BROUGHT_SECRET = `brought-${"b".repeat(56)}`;

/** An OIDC web app as Okta's own example declares it (management-minimal.yaml `OpenidConnectEx`). */
export const oidcApp = (label: string) => ({
    name: "oidc_client",
    label,
    signOnMode: "OPENID_CONNECT",
    credentials: { oauthClient: { token_endpoint_auth_method: "client_secret_post" } },
    settings: { oauthClient: { redirect_uris: ["https://example.com/oauth2/callback"], response_types: ["code"], grant_types: ["authorization_code"], application_type: "web" } },
});

type App = { id: string; credentials: { oauthClient: { client_id: string; client_secret: string } } };

export interface SurfaceRow {
    surface: string;
    characters: number;
    /** Occurrences of any client secret the emulator handed out (rotated ones included). */
    secretsInClear: number;
}

export interface AnswerSecretsResult {
    secretsHandedOut: number;
    rows: SurfaceRow[];
    /** Where a secret was found (debug diagnostics aside), with the text around it, for a failing test to show. */
    firstLeak?: string;
    /** How the debug diagnostics that carry a secret begin (Pulumi's "RegisterResource RPC finished: ..."). */
    debugLeakSources: string[];
    /** Each stack output of the main program and whether the engine holds it as secret. */
    outputsSecret: Record<string, boolean>;
    /** The program could still use the secret: its length and a Basic header made from it came out right. */
    usable: boolean;
    /** The managed app's `object` still holds its secret for the program (it is secret, not dropped). */
    managedObjectHasSecret: boolean;
    /** The changed ApiObject's preview --diff showed the change (so the search above read a real diff). */
    diffShown: boolean;
    /** The state holds the three ApiObjects' `object` as ciphertext. */
    apiObjectsEncrypted: boolean;
    /** `secret: false`: whether the result was then plain, printed by `up` and stored in clear. */
    optOut: { secret: boolean; valueMatches: boolean; inUpOutput: boolean; inState: boolean };
}

function occurrences(text: string, needles: Iterable<string>): number {
    let n = 0;
    for (const s of needles) for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) n++;
    return n;
}

/**
 * One row per surface: how much text was searched and how many of the secrets handed out it holds; where one was
 * first found (debug diagnostics aside), and how the debug diagnostics that carry one begin.
 */
export function surfaceRows(seen: { surface: string; text: string }[], handedOut: Set<string>): { rows: SurfaceRow[]; firstLeak?: string; debugLeakSources: string[] } {
    const rows = new Map<string, SurfaceRow>();
    let firstLeak: string | undefined;
    const debugLeakSources = new Set<string>();
    for (const { surface, text } of seen) {
        const row = rows.get(surface) ?? { surface, characters: 0, secretsInClear: 0 };
        row.characters += text.length;
        const n = occurrences(text, handedOut);
        row.secretsInClear += n;
        if (n && surface === DEBUG_SURFACE) debugLeakSources.add(String((JSON.parse(text) as EngineEvent).diagnosticEvent?.message).split(":")[0]);
        else if (n && !firstLeak) {
            const at = Math.max(...[...handedOut].map((s) => text.indexOf(s)));
            firstLeak = `${surface}: ...${text.slice(Math.max(0, at - 300), at + 80)}...`;
        }
        rows.set(surface, row);
    }
    return { rows: [...rows.values()], firstLeak, debugLeakSources: [...debugLeakSources].sort() };
}

export async function runAnswerSecrets(): Promise<AnswerSecretsResult> {
    const emu: Emulator = await startEmulator({ tokens: [TOKEN] });
    const stacks: EngineStack[] = [];
    try {
        const handedOut = new Set<string>();
        const noteSecrets = () => {
            for (const a of emu.apps.values()) if (a.oauthClient.client_secret) handedOut.add(a.oauthClient.client_secret);
        };
        const seen: { surface: string; text: string }[] = [];
        const capture = (surface: string) => ({
            onOutput: (s: string) => seen.push({ surface, text: s }),
            onError: (s: string) => seen.push({ surface, text: s }),
            onEvent: (e: EngineEvent) =>
                // The type lists no "debug", but the engine sends it.
                seen.push({ surface: String(e.diagnosticEvent?.severity) === "debug" ? DEBUG_SURFACE : "engine events (all runs, debug diagnostics aside)", text: JSON.stringify(e) }),
        });
        /** An admin rotates an app's secret in Okta: the next answer carries a new one. */
        const rotate = (id: string) => {
            noteSecrets();
            emu.apps.get(id)!.oauthClient.client_secret = `rotated-${Math.random().toString(36).slice(2)}-${"x".repeat(40)}`;
            noteSecrets();
        };
        /** `pulumi <args>` on the stack, as a user runs it in a terminal or in CI (not sync: the emulator is in this process). */
        const cli = async (es: EngineStack, args: string[]) => {
            const r = await promisify(execFile)(path.join(pulumiCliRoot(), "bin", "pulumi"), [...args, "--stack", "dev", "--non-interactive"], { cwd: es.workDir, env: { ...process.env, ...es.env }, maxBuffer: 64 << 20 });
            return `${r.stdout}${r.stderr}`;
        };
        const stack = async (projectName: string, program: () => Promise<Record<string, unknown>>) => {
            const es = await inlineStack({
                projectName,
                program,
                // The calls run in the program, which reads the org from the stack config; ApiObject's in the plugin.
                config: { "pulumi-okta-dynamic:orgUrl": { value: emu.url }, "okta:apiToken": { value: TOKEN, secret: true } },
            });
            stacks.push(es);
            return es;
        };

        // An app an admin made: the program reads it with a GET, which previews send too.
        const adminMakes = async (label: string) => {
            const made = await fetch(`${emu.url}/api/v1/apps`, { method: "POST", headers: { Authorization: `SSWS ${TOKEN}`, "Content-Type": "application/json" }, body: JSON.stringify(oidcApp(label)) });
            return (await made.json()) as App;
        };
        const seeded = await adminMakes("made-by-an-admin");
        // Another, adopted with the `import` option: the dynamic door's import (the native door's is `pulumi import`).
        const toAdopt = await adminMakes("adopted-by-import");

        let label = "secrets-e2e";
        const es = await stack("okta-answer-secrets", async () => {
            const read = callApiOutput({ method: "GET", relativeUrl: `/api/v1/apps/${seeded.id}` });
            const created = callApiOutput({ method: "POST", relativeUrl: "/api/v1/apps", body: oidcApp("made-by-callApiOutput") });
            const managed = new ApiObject("oidc-app", { path: "/api/v1/apps", data: oidcApp(label) });
            // A secret the program brings, as a Pulumi secret: Okta echoes it, and refresh reads it back into `data`.
            const own = oidcApp("brings-its-own-secret");
            const brought = new ApiObject("oidc-app-own-secret", {
                path: "/api/v1/apps",
                data: { ...own, credentials: { oauthClient: { ...own.credentials.oauthClient, client_secret: pulumi.secret(BROUGHT_SECRET) } } },
            });
            const adopted = new ApiObject("oidc-app-adopted", { path: "/api/v1/apps", data: oidcApp("adopted-by-import") }, { import: toAdopt.id });
            const secretOf = (r: pulumi.Output<{ body: unknown }>) => r.apply((x) => (x.body as App).credentials.oauthClient.client_secret);
            return {
                readApp: read.body,
                createdApp: created.body,
                managedApp: managed.object,
                broughtData: brought.data,
                adoptedApp: adopted.object,
                // The value stays usable: derived values carry it.
                secretLength: secretOf(read).apply((s) => s.length),
                basicAuth: pulumi.interpolate`Basic ${secretOf(read).apply((s) => Buffer.from(`${seeded.id}:${s}`).toString("base64"))}`,
            };
        });

        await es.stack.preview({ diff: true, ...capture("preview --diff (first, as CI comments it)") });
        const up = await es.stack.up({ diff: true, ...capture("up --diff") });
        const expectedAuth = `Basic ${Buffer.from(`${seeded.id}:${seeded.credentials.oauthClient.client_secret}`).toString("base64")}`;
        const usable = up.outputs.secretLength.value === seeded.credentials.oauthClient.client_secret.length && up.outputs.basicAuth.value === expectedAuth;
        const managedApp = up.outputs.managedApp.value as App;
        const managedObjectHasSecret = managedApp.credentials.oauthClient.client_secret === emu.apps.get(managedApp.id)?.oauthClient.client_secret;

        // A changed ApiObject whose secret Okta rotated meanwhile: a diff must show neither the old nor the new one.
        rotate(managedApp.id);
        rotate(seeded.id);
        label = "secrets-e2e-renamed";
        const changePreview = await es.stack.preview({ diff: true, refresh: true, ...capture("preview --diff --refresh (a changed ApiObject)") });
        // The diff is really shown: the new label, and the answer that holds the secrets, as [secret].
        const diffShown = changePreview.stdout.includes("secrets-e2e-renamed") && changePreview.changeSummary.update === 1;
        await es.stack.up({ diff: true, ...capture("up --diff (the change)") });
        rotate(managedApp.id);
        await es.stack.refresh(capture("refresh"));
        rotate(managedApp.id);
        seen.push({ surface: "pulumi refresh --diff", text: await cli(es, ["refresh", "--diff", "--yes"]) });
        seen.push({ surface: "pulumi stack export", text: await cli(es, ["stack", "export"]) });
        seen.push({ surface: "pulumi stack output --json", text: await cli(es, ["stack", "output", "--json"]) });
        const state = es.storedState();
        seen.push({ surface: "the state file", text: state.text });
        const apiObjects = state.json.checkpoint.latest.resources.filter((r: { type: string }) => r.type.endsWith(":ApiObject"));
        const apiObjectsEncrypted = apiObjects.length === 3 && apiObjects.every((r: { outputs: { object?: { ciphertext?: string } } }) => typeof r.outputs.object?.ciphertext === "string");
        const outputsSecret = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.secret]));

        noteSecrets();
        const { rows, firstLeak, debugLeakSources } = surfaceRows(seen, handedOut);

        // The opt-out, on its own stack: the same read, explicitly not secret.
        const plain = await stack("okta-answer-plain", async () => ({
            readApp: callApiOutput({ method: "GET", relativeUrl: `/api/v1/apps/${seeded.id}`, secret: false }).body,
        }));
        const plainUp = await plain.stack.up();
        const now = emu.apps.get(seeded.id)!.oauthClient.client_secret!;
        const optOut = {
            secret: plainUp.outputs.readApp.secret,
            valueMatches: (plainUp.outputs.readApp.value as App).credentials.oauthClient.client_secret === now,
            inUpOutput: plainUp.stdout.includes(now),
            inState: plain.storedState().text.includes(now),
        };
        return { secretsHandedOut: handedOut.size, rows, firstLeak, debugLeakSources, diffShown, outputsSecret, usable, managedObjectHasSecret, apiObjectsEncrypted, optOut };
    } finally {
        for (const s of stacks) await s.cleanup();
        await emu.stop();
    }
}

/** The docs/internals/reliability.md section (issue 20: secrets by default in answers). */
export function answerSecretsMarkdown(r: AnswerSecretsResult, versions: string): string {
    const rows = r.rows.map((x) => `| ${x.surface} | ${x.characters} | ${x.secretsInClear} |`).join("\n");
    const secretOutputs = Object.entries(r.outputsSecret).filter(([, v]) => v).length;
    return `## Credentials in Okta's answers

An OpenID Connect app's \`client_secret\`, which Okta returns in every answer about the app, as a program gets it:
read with \`callApiOutput\` (GET, sent in previews too), created with \`callApiOutput\` (POST), managed with
\`ApiObject\` (one with a secret Okta made, one with a secret the program brings as \`pulumi.secret\`, one an admin made,
adopted with the \`import\` option).
Through the real engine (${versions}) against the emulator: preview --diff, up --diff, a changed
\`ApiObject\` after Okta rotated its secret (preview --diff --refresh, up --diff), refresh, \`pulumi refresh --diff\`, then
\`pulumi stack export\` (without --show-secrets), \`pulumi stack output --json\` and the state file, each searched
for all ${r.secretsHandedOut} secrets the emulator handed out, rotated ones included (\`harness/answerSecrets.ts\`,
\`tests/secretsInAnswers.e2e\`).

| surface | characters searched | secrets in clear |
| --- | --- | --- |
${rows}

${secretOutputs} of ${Object.keys(r.outputsSecret).length} stack outputs made from the answers are secret; the program still reads the value
(its length and a Basic header made from it came out right${r.usable ? "" : ": NOT"}). \`secret: false\` is the explicit opt-out:
the answer is then plain (\`up\` printed it: ${r.optOut.inUpOutput ? "yes" : "no"}; the state holds it in clear: ${r.optOut.inState ? "yes" : "no"}), the risk
docs/resources.md states.

Before (commit c79481f, \`callApiOutput\` secret only when an argument was): the same run found the secrets in
clear in every surface: 1 in the first preview --diff (the comment CI posts), 2 in up --diff, 2 and 4 in the
changed object's preview and up, 2 in refresh and in \`pulumi refresh --diff\`, 2 in \`stack export\`, in
\`stack output\` and in the state file, 34 in the engine events; 4 of 6 outputs were plain. \`ApiObject\` already
marked \`object\` secret (\`additionalSecretOutputs\`: the dynamic-provider plugin accepts no secrets, in 3.248
as in 3.276, so a provider cannot return one); without that option the same run finds 3 in up --diff and in the
state, 1 in refresh. Run by hand on Node 26.12.1 with @pulumi/pulumi and its CLI 3.276.0, the same run finds the
same: 0 everywhere but the debug row (9).

The debug row is Pulumi's own: \`@pulumi/pulumi\` logs each RegisterResource answer as a debug message with secret
outputs decrypted (for every provider's resources, not only these), which \`--debug\` prints and the event
stream carries; the test checks that every such message is Pulumi's ("${r.debugLeakSources.join('", "')}"), none of
ours. Lookups stay plain: teams, request types, hook key ids, names and public keys carry no credential (a hook
key has no secret half in Okta's API, and only the public JWK members are read).
`;
}
