// The native door's side of harness/answerSecrets.ts: where an OpenID Connect app's generated client_secret shows up
// once a YAML program has it, through plain `pulumi` with the installed plugin (tests/support/nativeCli.ts) against
// the emulator. A `callApi` GET of the app exported as a stack output, and `pulumi import` of another app as an
// ApiObject with `--out`: the code it writes (which gets committed), every command's output, `pulumi stack export`,
// `pulumi stack output` and every file of the backend, searched for every secret the emulator handed out. The
// written code goes into the program and previews with no changes. `secret: false` is the explicit opt-out, and
// shows that the search finds a secret where there is one.
import * as fs from "fs";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { generatedResources, nativeProject, NativeProject } from "../tests/support/nativeCli";
import { oidcApp, SurfaceRow, surfaceRows } from "./answerSecrets";

const TOKEN = "native-answers-SECRET-token-3b9e";

type App = { id: string; credentials: { oauthClient: { client_secret: string } } };
type Resource = { type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };

export interface NativeAnswerSecretsResult {
    cliVersion: string;
    secretsHandedOut: number;
    rows: SurfaceRow[];
    firstLeak?: string;
    /** What `pulumi import --out` wrote. */
    generatedCode: string;
    /** The import showed one import step and no create. */
    imported: boolean;
    /** The written code, pasted into the program, previewed with `--expect-no-changes` (and the error if not). */
    cleanPreview: true | string;
    /** `up` and `pulumi stack output` show the exported callApi answer as [secret]. */
    shownAsSecret: { up: boolean; stackOutput: boolean };
    /** In `pulumi stack export`: the exported answer and the ApiObject's object are ciphertext. */
    encrypted: { readApp: boolean; readHeaders: boolean; object: boolean };
    /** With --show-secrets, the imported object still holds the app's client secret (it is secret, not dropped). */
    objectHasSecret: boolean;
    /** `secret: false`: whether the answer was then printed by `up` and stored in clear. */
    optOut: { inUpOutput: boolean; inState: boolean };
}

const SIG = "4dabf18193072939515e22adb298388d";
const isCiphertext = (v: unknown) => typeof v === "object" && v !== null && SIG in v && typeof (v as { ciphertext?: unknown }).ciphertext === "string";

function filesUnder(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export async function runNativeAnswerSecrets(): Promise<NativeAnswerSecretsResult> {
    const emu: Emulator = await startEmulator({ tokens: [TOKEN] });
    let project: NativeProject | undefined;
    try {
        const handedOut = new Set<string>();
        const noteSecrets = () => {
            for (const a of emu.apps.values()) if (a.oauthClient.client_secret) handedOut.add(a.oauthClient.client_secret);
        };
        const seen: { surface: string; text: string }[] = [];
        const adminMakes = async (label: string) => {
            const res = await fetch(`${emu.url}/api/v1/apps`, { method: "POST", headers: { Authorization: `SSWS ${TOKEN}`, "Content-Type": "application/json" }, body: JSON.stringify(oidcApp(label)) });
            return (await res.json()) as App;
        };
        const readable = await adminMakes("read-by-callApi");
        const importable = await adminMakes("imported-as-ApiObject");
        const rotate = (id: string) => {
            noteSecrets();
            emu.apps.get(id)!.oauthClient.client_secret = `rotated-${Math.random().toString(36).slice(2)}-${"y".repeat(40)}`;
            noteSecrets();
        };

        project = await nativeProject("okta-native-answer-secrets-", "okta-native-answer-secrets");
        const { work, pulumi } = project;
        const run = async (surface: string, args: string[]) => {
            const out = await pulumi(args);
            seen.push({ surface, text: out });
            return out;
        };
        const writeProgram = (resources: string, callArgs = "") =>
            fs.writeFileSync(
                path.join(work, "Pulumi.yaml"),
                `name: native-answer-secrets
runtime: yaml
variables:
  answer:
    fn::invoke:
      function: oktadynamic:index:callApi
      arguments:
        method: GET
        relativeUrl: /api/v1/apps/${readable.id}${callArgs}
outputs:
  readApp: \${answer.body}
  readHeaders: \${answer.headers}
${resources ? `resources:\n${resources}` : ""}`,
            );
        writeProgram("");
        await pulumi(["stack", "init", "dev"]);
        await pulumi(["config", "set", "oktadynamic:orgUrl", emu.url]);
        await pulumi(["config", "set", "--secret", "oktadynamic:apiToken", TOKEN]);

        await run("pulumi preview --diff (as CI comments it)", ["preview", "--diff"]);
        const up = await run("pulumi up --diff", ["up", "--yes", "--diff"]);

        const importOut = await run("pulumi import --out (its output)", ["import", "oktadynamic:index:ApiObject", "imported-app", `/api/v1/apps/${importable.id}`, "--yes", "--out", "imported.yaml"]);
        const imported = /= 1 imported/.test(importOut) && !/\+ \d+ (to )?create/.test(importOut);
        const generatedCode = fs.readFileSync(path.join(work, "imported.yaml"), "utf8");
        seen.push({ surface: "the code pulumi import wrote", text: generatedCode });

        writeProgram(generatedResources(generatedCode));
        let cleanPreview: true | string = true;
        try {
            await run("pulumi preview --diff of the written code", ["preview", "--diff", "--expect-no-changes"]);
        } catch (e) {
            cleanPreview = (e as Error).message;
        }

        // An admin rotates both secrets: refresh and the next up read the new ones.
        rotate(readable.id);
        rotate(importable.id);
        await run("pulumi refresh --diff", ["refresh", "--yes", "--diff"]);
        await run("pulumi up --diff (after rotation)", ["up", "--yes", "--diff"]);
        const stackOutput = await run("pulumi stack output", ["stack", "output"]);
        await run("pulumi stack output --json", ["stack", "output", "--json"]);
        const exported = await run("pulumi stack export", ["stack", "export"]);
        for (const f of filesUnder(path.join(project.root, "backend"))) seen.push({ surface: "the backend's files", text: fs.readFileSync(f, "utf8") });

        const resources = (JSON.parse(exported) as { deployment: { resources: Resource[] } }).deployment.resources;
        const stack = resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
        const object = resources.find((r) => r.type === "oktadynamic:index:ApiObject");
        const encrypted = { readApp: isCiphertext(stack.outputs?.readApp), readHeaders: isCiphertext(stack.outputs?.readHeaders), object: isCiphertext(object?.outputs?.object) };
        const shown = JSON.parse(await pulumi(["stack", "export", "--show-secrets"], false, true)) as { deployment: { resources: Resource[] } };
        // --show-secrets writes a secret as { <sig>, plaintext: "<its JSON>" }.
        const shownObject = shown.deployment.resources.find((r) => r.type === "oktadynamic:index:ApiObject")?.outputs?.object as { plaintext?: string } | undefined;
        const plainObject = typeof shownObject?.plaintext === "string" ? (JSON.parse(shownObject.plaintext) as App) : undefined;
        const objectHasSecret = plainObject?.credentials?.oauthClient?.client_secret === emu.apps.get(importable.id)!.oauthClient.client_secret;
        const shownAsSecret = { up: /readApp\s*:\s*\[secret\]/.test(up) && /readHeaders\s*:\s*\[secret\]/.test(up), stackOutput: /readApp\s+\[secret\]/.test(stackOutput) };

        noteSecrets();
        const { rows, firstLeak } = surfaceRows(seen, handedOut);

        // The opt-out: the same call, explicitly not secret (searched apart: the leak is the point).
        writeProgram(generatedResources(generatedCode), "\n        secret: false");
        const plainUp = await pulumi(["up", "--yes"]);
        const now = emu.apps.get(readable.id)!.oauthClient.client_secret!;
        const optOut = { inUpOutput: plainUp.includes(now), inState: (await pulumi(["stack", "export"])).includes(now) };
        return { cliVersion: project.cliVersion, secretsHandedOut: handedOut.size, rows, firstLeak, generatedCode, imported, cleanPreview, shownAsSecret, encrypted, objectHasSecret, optOut };
    } finally {
        project?.cleanup();
        await emu.stop();
    }
}
