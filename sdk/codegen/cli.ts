#!/usr/bin/env node
// pulumi-okta-dynamic-import: reads an org (or the emulator) and writes a TypeScript file declaring its
// request types and hook keys, each with { import: id } (the dynamic door), or with `--format import-file` the
// import file `pulumi import --file` reads (the native door). The org and credentials come from the environment
// (OKTA_ORG_URL or OKTA_ORG_NAME/OKTA_BASE_URL, OKTA_API_TOKEN, ...), as for the providers.
import * as fs from "fs";
import { Command } from "commander";
import { currentOrg } from "../../provider/okta/context";
import { ConfigurationError, resolveOrgSettings } from "../../provider/okta/settings";
import { REQUEST_TYPES_PATH, RequestTypeObject, RequestTypeSparse } from "../../provider/schema/requestType";
import { HOOK_KEYS_PATH, HookKeyObject } from "../../provider/schema/hookKey";
import { generateProgram, nameMatcher, terminalSafe } from "./generate";
import { generateImportFile } from "./importFile";
import { idSegment } from "../../provider/okta/pathSafety";

export interface ImportOptions {
    /** The file to write; by default okta-imported.ts, or okta-import.json for the import file. */
    out?: string;
    orgUrl?: string;
    status?: string;
    name?: string;
    type: string;
    /** typescript (default): a program adopting each object; import-file: Pulumi's import file, native type tokens. */
    format?: string;
}

export const STATUSES = ["DRAFT", "ACTIVE"] as const;
export const FORMATS = { typescript: { out: "okta-imported.ts", generate: generateProgram }, "import-file": { out: "okta-import.json", generate: generateImportFile } };

/** The command reads no stack config, so its messages name only its own flag and the environment. */
function importOrg(opts: ImportOptions): ReturnType<typeof currentOrg> {
    const env = opts.orgUrl ? { ...process.env, OKTA_ORG_URL: opts.orgUrl } : process.env;
    if (!opts.orgUrl && !env.OKTA_ORG_URL?.trim() && !env.OKTA_ORG_NAME?.trim()) {
        throw new ConfigurationError("no Okta org: pass --org-url https://<your-org>.okta.com, or set OKTA_ORG_URL (or OKTA_ORG_NAME and OKTA_BASE_URL)");
    }
    const settings = resolveOrgSettings({ get: () => undefined }, env);
    if (!settings.credentials) {
        throw new ConfigurationError(
            `no Okta credentials for ${settings.orgUrl}: set OKTA_API_TOKEN (or OKTA_ACCESS_TOKEN, or a service app's OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY and OKTA_API_SCOPES)`,
        );
    }
    return currentOrg(settings);
}

export async function runImport(opts: ImportOptions, log: (s: string) => void = console.error): Promise<ReturnType<typeof generateProgram>> {
    const types = new Set(opts.type.split(",").map((t) => t.trim()));
    for (const t of types) if (t !== "request-types" && t !== "hook-keys") throw new Error(`--type: unknown object type "${t}" (use request-types, hook-keys or both)`);
    const formatName = opts.format ?? "typescript";
    if (!Object.keys(FORMATS).includes(formatName)) throw new Error(`--format: unknown format "${formatName}" (use ${Object.keys(FORMATS).join(" or ")})`);
    const format = FORMATS[formatName as keyof typeof FORMATS];
    const out = opts.out ?? format.out;
    const status = opts.status?.toUpperCase();
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
        throw new Error(`--status: "${opts.status}" is not a status Okta gives request types that can be adopted (use ${STATUSES.join(" or ")})`);
    }
    const { client, orgUrl } = importOrg(opts);
    const matches = nameMatcher(opts.name);

    let requestTypes: RequestTypeObject[] = [];
    if (types.has("request-types")) {
        const filter = status ? `status eq "${status}"` : undefined;
        const sparse = (await client.listAll<RequestTypeSparse>(REQUEST_TYPES_PATH, { filter, limit: 200 })).filter((t) => matches(t.name));
        // List items are abbreviated (no owner, no settings): one GET each for the full object.
        requestTypes = await Promise.all(sparse.map(async (t) => (await client.get<RequestTypeObject>(`${REQUEST_TYPES_PATH}/${idSegment(t.id)}`)).body));
    }
    let hookKeys: HookKeyObject[] = [];
    if (types.has("hook-keys") && !status) {
        hookKeys = (await client.listAll<HookKeyObject>(HOOK_KEYS_PATH)).filter((k) => matches(k.name));
    }
    const result = format.generate({ requestTypes, hookKeys, orgUrl });
    fs.writeFileSync(out, result.source);
    log(`wrote ${out}: ${result.declared.length} object(s) to adopt, ${result.skipped.length} skipped`);
    for (const s of result.skipped) log(`  skipped "${terminalSafe(s.name)}" (${terminalSafe(s.id)}): ${s.why}`);
    return result;
}

if (require.main === module) {
    const program = new Command()
        .name("pulumi-okta-dynamic-import")
        .description("Write a Pulumi TypeScript file that adopts an org's request types and hook keys, or the import file `pulumi import --file` reads")
        .option("-o, --out <file>", `file to write (default: ${Object.values(FORMATS).map((f) => f.out).join(" or ")})`)
        .option("--format <format>", "typescript: a program adopting each object with { import: id } (the dynamic door); import-file: Pulumi's import file with the native plugin's types (`pulumi import --file`)", "typescript")
        .option("--org-url <url>", "org URL (default: OKTA_ORG_URL, or OKTA_ORG_NAME + OKTA_BASE_URL)")
        .option("--status <status>", `request types with this status only (${STATUSES.join(", ")}); hook keys are then left out`)
        .option("--name <pattern>", "names matching this pattern only (* and ? wildcards)")
        .option("--type <types>", "request-types, hook-keys, or both, comma-separated", "request-types,hook-keys")
        .configureOutput({ outputError: (str, write) => write(str) })
        .parse();
    runImport(program.opts() as ImportOptions).catch((e) => {
        console.error(`pulumi-okta-dynamic-import: ${e instanceof Error ? e.message : e}`);
        process.exit(1);
    });
}
