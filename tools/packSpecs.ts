// Writes the spec subset the npm package ships (dist/emulator/okta-openapi, run by tools/build-package.sh), so
// an installed emulator validates request bodies as a checkout's does, without Okta's 4.5 MB of specs: for each
// spec file the emulator reads, what specSubset keeps, with the license and a notice saying it is derived.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { assembleEmulator } from "../emulator/assemble";
import { TOKEN_REQUEST_SCHEMA } from "../emulator/oauth";
import { BUNDLED_SPEC_DIR, loadSpec } from "../emulator/openapi";
import { specSubset } from "./specSubset";

/**
 * What the emulator reads from Okta's specs: the operations whose JSON bodies it validates (with the route's own
 * path) and the schemas it checks by name.
 */
export function specUses(): { operations: { spec: string; method: string; path: string }[]; schemas: { spec: string; name: string }[] } {
    return { operations: assembleEmulator({}).server.specOperations(), schemas: [TOKEN_REQUEST_SCHEMA] };
}

/** The default target: beside the compiled openapi.js, where an installed package looks (BUNDLED_SPEC_DIR). */
export const PACKED_SPEC_DIR = path.resolve(__dirname, "..", "emulator", "okta-openapi");

const NOTICE = (files: string[]) => `# A subset of Okta's published OpenAPI specs (Apache-2.0)

The files here are derived from Okta's OpenAPI 3.0 descriptions in the public repository
\`okta/okta-management-openapi-spec\`, folder \`dist/current/\`, release 2026.06.3 (commit fdda229, 2026-06-29),
licensed under the Apache License 2.0 (\`LICENSE\` beside this file): that repository's \`package.json\` declares
it, and each file's \`info\` is kept as Okta wrote it.

**Changed by this project:** each file keeps only the operations whose request bodies the Okta emulator validates,
the schemas it checks by name, and the components these reference, directly or not; everything else was left
out, and the YAML was written anew. What is kept is otherwise as Okta published it. Built by
\`tools/packSpecs.ts\` when the package is packed; a checkout of pulumi-okta-dynamic has Okta's files whole in
\`third_party/okta-openapi/\`.

Files: ${files.map((f) => `\`${f}\``).join(", ")}.
`;

/** Writes the subsets of the specs in specDir() (the checkout's unless OKTA_OPENAPI_DIR says) into `outDir`; returns each file's size in bytes. */
export function packSpecs(outDir = PACKED_SPEC_DIR): Record<string, number> {
    const uses = specUses();
    const files = [...new Set([...uses.operations.map((o) => o.spec), ...uses.schemas.map((s) => s.spec)])].sort();
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    const sizes: Record<string, number> = {};
    for (const file of files) {
        const subset = specSubset(
            loadSpec(file),
            uses.operations.filter((o) => o.spec === file),
            uses.schemas.filter((s) => s.spec === file).map((s) => s.name),
        );
        // noRefs: a component reached twice is written twice rather than as a YAML anchor.
        const text = yaml.dump(subset, { noRefs: true, lineWidth: -1 });
        fs.writeFileSync(path.join(outDir, file), text);
        sizes[file] = Buffer.byteLength(text);
    }
    fs.copyFileSync(path.join(BUNDLED_SPEC_DIR, "LICENSE"), path.join(outDir, "LICENSE"));
    fs.writeFileSync(path.join(outDir, "README.md"), NOTICE(files));
    return sizes;
}

if (require.main === module) {
    const sizes = packSpecs(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
    const kb = (n: number) => `${Math.round(n / 1024)} KB`;
    console.error(`okta-openapi subset: ${Object.entries(sizes).map(([f, n]) => `${f} ${kb(n)}`).join(", ")}`);
}
