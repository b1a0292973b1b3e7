// Pulumi's import file, the JSON `pulumi import --file <file>` reads, for an org's request types and hook keys with
// the native door's type tokens: the whole org imported in one run, each object keeping its Okta id. The same
// selection and resource names as the TypeScript program (generate.ts). Pure: objects in, text out.
import { nativeType } from "../../provider/nativePackage";
import { GenerateInput, GenerateResult, selectDeclarations } from "./generate";

/** The part of Pulumi's import file this command writes (the CLI also takes parents, providers and versions). */
export interface PulumiImportFile {
    resources: { type: string; name: string; id: string }[];
}

export function generateImportFile(input: Omit<GenerateInput, "orgUrl">): GenerateResult {
    const { declared, skipped } = selectDeclarations(input);
    const file: PulumiImportFile = { resources: declared.map((d) => ({ type: nativeType(d.kind), name: d.resourceName, id: d.id })) };
    return { source: JSON.stringify(file, null, 2) + "\n", declared: declared.map(({ kind, id, name }) => ({ kind, id, name })), skipped };
}
