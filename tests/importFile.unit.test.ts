// The import file the import command writes for `pulumi import --file` (sdk/codegen/importFile.ts): native type
// tokens, the Okta ids, resource names unique and valid in every language, the same selection and names as the
// TypeScript program. The whole path through the engine is in tests/nativeImport.e2e.
import * as assert from "assert";
import { generateImportFile, PulumiImportFile } from "../sdk/codegen/importFile";
import { generateProgram } from "../sdk/codegen/generate";
import { runImport } from "../sdk/codegen/cli";
import type { RequestTypeObject } from "../provider/schema/requestType";
import type { HookKeyObject } from "../provider/schema/hookKey";
import { minimal } from "./fixtures";

const rt = (name: string, id: string, extra: Partial<RequestTypeObject> = {}) => ({ ...minimal({ name }), id, status: "DRAFT", ...extra }) as unknown as RequestTypeObject;
const hk = (name: string, id: string) => ({ id, keyId: `k-${id}`, name, created: "", lastUpdated: "", isUsed: false }) as unknown as HookKeyObject;

const org = {
    requestTypes: [
        rt("Group access", "0123456789abcdef0123456a"),
        rt("group access", "0123456789abcdef0123456b"),
        rt("Ünïcode / only!", "0123456789abcdef0123456c"),
        rt("***", "0123456789abcdef0123456d"),
        rt("made in the UI", "0123456789abcdef0123456e", { resourceSettings: { type: "CUSTOM" } as never }),
        rt("broken", "0123456789abcdef0123456f", { status: "DISABLED" } as never),
    ],
    hookKeys: [hk("group access", "HKY0123456789abcdefg"), hk("line\nbreak \"quoted\"", "HKY0123456789abcdefh")],
};

describe("the import file for `pulumi import --file` (pure)", () => {
    const result = generateImportFile(org);
    const file = JSON.parse(result.source) as PulumiImportFile;

    it("lists each manageable object once, with the native type token and its Okta id", () => {
        assert.deepStrictEqual(
            file.resources.map((r) => [r.type, r.id]),
            [
                ["oktadynamic:index:RequestType", "0123456789abcdef0123456d"],
                ["oktadynamic:index:RequestType", "0123456789abcdef0123456b"], // "group access" sorts before "Group access"
                ["oktadynamic:index:RequestType", "0123456789abcdef0123456a"],
                ["oktadynamic:index:RequestType", "0123456789abcdef0123456c"],
                ["oktadynamic:index:HookKey", "HKY0123456789abcdefg"],
                ["oktadynamic:index:HookKey", "HKY0123456789abcdefh"],
            ],
        );
        assert.deepStrictEqual(Object.keys(file), ["resources"]);
        for (const r of file.resources) assert.deepStrictEqual(Object.keys(r), ["type", "name", "id"]);
    });

    it("gives names that are unique and valid Pulumi resource names (a letter first, then letters, digits, dashes)", () => {
        const names = file.resources.map((r) => r.name);
        assert.deepStrictEqual(names, ["rt-unnamed", "rt-group-access", "rt-group-access-2", "rt-n-code-only", "hk-group-access", "hk-line-break-quoted"]);
        assert.strictEqual(new Set(names).size, names.length);
        for (const n of names) assert.match(n, /^[a-z][a-z0-9-]*$/);
    });

    it("skips what cannot be declared through the API, saying why, as the TypeScript program does", () => {
        assert.deepStrictEqual(result.skipped.map((s) => s.name), ["broken", "made in the UI"]);
        assert.match(result.skipped[1].why, /resourceSettings of type CUSTOM were made in the admin UI/);
        const program = generateProgram({ ...org, orgUrl: "https://example.okta.com" });
        assert.deepStrictEqual(result.declared, program.declared);
        assert.deepStrictEqual(result.skipped, program.skipped);
        for (const r of file.resources) assert.ok(program.source.includes(`new ${r.type.split(":")[2]}("${r.name}", `), `${r.name} named alike in both outputs`);
    });

    it("an org with nothing to import gives an empty list, still a file the CLI reads", () => {
        assert.deepStrictEqual(JSON.parse(generateImportFile({ requestTypes: [], hookKeys: [] }).source), { resources: [] });
    });

    it("the command refuses an unknown --format before it reads anything, naming the formats", async () => {
        await assert.rejects(runImport({ type: "request-types", format: "yaml" }, () => {}), /--format: unknown format "yaml" \(use typescript or import-file\)/);
    });
});
