// pulumi-okta-dynamic-import end to end: an org with five request types (one made in the admin UI with
// CUSTOM settings) and three hook keys; the generated program type-checks, and `pulumi up` on it adopts
// everything with no POST and leaves the next preview empty.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { startEmulator, Emulator } from "../emulator";
import { runImport } from "../sdk/codegen/cli";
import { inlineStack, EngineStack, REPO_ROOT } from "../harness/engine";
import { APP, GROUP, GROUP2, USER } from "./fixtures";

const requireFromString: (code: string, filename?: string) => unknown = require("require-from-string");
const TOKEN = "import-SECRET-token-4f4f";

/** The compiler's complaints about a generated file, under strict and noUnusedLocals, against the SDK's types. */
function typeErrors(file: string): string[] {
    const program = ts.createProgram([file], {
        strict: true,
        noUnusedLocals: true,
        noEmit: true,
        skipLibCheck: true,
        esModuleInterop: true,
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2020,
        baseUrl: REPO_ROOT,
        paths: { "pulumi-okta-dynamic": ["sdk/index.ts"] },
        typeRoots: [path.join(REPO_ROOT, "node_modules", "@types")],
    });
    // Only the generated file's own diagnostics: the SDK is compiled under the repo's options, not these.
    return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("the import command through the real engine", function () {
    this.timeout(300_000);
    let emu: Emulator;
    let es: EngineStack | undefined;
    let dir: string;

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "okta-import-"));
        const ownerId = emu.teams[0].id;
        emu.seedRequestType({ name: "ui-group-manager", description: "Made in the UI", ownerId, resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP }] }, approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] }, status: "ACTIVE" });
        emu.seedRequestType({
            name: "app-with-questions",
            description: "Questions for requester and approver",
            ownerId,
            resourceSettings: { type: "APPS", targetResources: [{ resourceId: APP }] },
            requestSettings: { type: "MEMBER_OF", requesterMemberOf: [GROUP2], requesterFields: [{ prompt: "Why?", type: "TEXT", required: false }, { prompt: "Role?", type: "SELECT", options: [{ value: "A" }, { value: "B" }] }] },
            approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MEMBER_OF", approverMemberOf: [GROUP], approverFields: [{ prompt: "Ticket?", type: "TEXT" }] }, { approverType: "USER", approverUserId: USER, description: "The app owner, Stan" }] },
            accessDuration: "PT12H",
        });
        emu.seedRequestType({ name: "no-approval", ownerId, resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP2 }] }, approvalSettings: { type: "NONE" }, description: "Self service" });
        emu.seedRequestType({ name: "resource-owner", description: "Owner approves", ownerId, resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP }] }, approvalSettings: { type: "SERIAL", approvals: [{ approverType: "RESOURCE_OWNER" }] }, status: "ACTIVE" });
        emu.seedRequestType({ name: "ui-only-custom", description: "Workflow-driven, UI only", ownerId, resourceSettings: { type: "CUSTOM" } as never, approvalSettings: { type: "CUSTOM" } as never });
        for (const n of ["hook-signing-prod", "hook-signing-stage", "legacy key"]) emu.seedHookKey(n);
    });

    after(async () => {
        await es?.cleanup();
        await emu.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("writes a program that declares 4 request types and 3 hook keys, and says why the CUSTOM one is left out", async () => {
        const out = path.join(dir, "okta-imported.ts");
        emu.clearLog();
        process.env.OKTA_API_TOKEN = TOKEN; // as a user runs it: credentials from the environment
        let result;
        try {
            result = await runImport({ out, orgUrl: emu.url, type: "request-types,hook-keys" }, () => {});
        } finally {
            delete process.env.OKTA_API_TOKEN;
        }
        assert.strictEqual(emu.count("POST") + emu.count("PUT") + emu.count("DELETE"), 0, "the command only reads");
        assert.deepStrictEqual(result.declared.filter((d) => d.kind === "RequestType").map((d) => d.name), ["app-with-questions", "no-approval", "resource-owner", "ui-group-manager"]);
        assert.strictEqual(result.declared.filter((d) => d.kind === "HookKey").length, 3);
        assert.deepStrictEqual(result.skipped.map((s) => s.name), ["ui-only-custom"]);
        const source = fs.readFileSync(out, "utf8");
        assert.match(source, /\/\/ Skipped request type "ui-only-custom" \("[0-9a-f]{24}"\): resourceSettings, approvalSettings of type CUSTOM were made in the admin UI/);
        assert.strictEqual((source.match(/\{ import: "/g) ?? []).length, 7);
        assert.ok(!source.includes(TOKEN));

        // Keys read as a person writes them: bare where TypeScript allows, so no `"name": ...`.
        assert.match(source, /^ {4}name: "app-with-questions",$/m);
        assert.ok(!/"\w+":/.test(source), source);
        assert.deepStrictEqual(typeErrors(out), []);
    });

    it("with request types only, imports RequestType alone: the file passes noUnusedLocals", async () => {
        const out = path.join(dir, "request-types-only.ts");
        process.env.OKTA_API_TOKEN = TOKEN;
        let result;
        try {
            result = await runImport({ out, orgUrl: emu.url, type: "request-types" }, () => {});
        } finally {
            delete process.env.OKTA_API_TOKEN;
        }
        assert.ok(result.declared.length > 0 && result.declared.every((d) => d.kind === "RequestType"));
        const source = fs.readFileSync(out, "utf8");
        assert.match(source, /^import \{ RequestType \} from "pulumi-okta-dynamic";$/m);
        assert.deepStrictEqual(typeErrors(out), []);
    });

    it("pulumi up adopts everything with no POST, and the next preview is empty", async () => {
        const source = fs.readFileSync(path.join(dir, "okta-imported.ts"), "utf8");
        const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
        es = await inlineStack({
            projectName: "okta-import",
            // The generated module declares its resources when loaded, as a Pulumi program does.
            program: async () => void requireFromString(js, path.join(REPO_ROOT, "generated.js")),
            env: { OKTA_ORG_URL: emu.url },
            config: { "okta:apiToken": { value: TOKEN, secret: true } },
        });
        emu.clearLog();
        const up = await es.stack.up();
        assert.strictEqual(up.summary.resourceChanges?.create, 8, JSON.stringify(up.summary.resourceChanges)); // 7 adopted + the stack
        assert.strictEqual(emu.count("POST"), 0, "adoption made no POST");
        assert.strictEqual(emu.count("PUT"), 0, "and renamed nothing");
        assert.strictEqual(emu.requestTypes.size, 5);
        assert.strictEqual(emu.hookKeys.size, 3);
        const p = await es.stack.preview();
        assert.deepStrictEqual(p.changeSummary, { same: 8 });
        await es.stack.refresh({ expectNoChanges: true });
    });
});
