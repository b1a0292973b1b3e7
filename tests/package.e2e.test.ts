// The package as a new user meets it: `npm pack` from a clean copy of the tree, the tarball installed into a fresh
// project outside the repository, every export type-checked under strict without skipLibCheck (CommonJS as in
// Pulumi's template, and nodenext), the samples of the README and the docs compiled as written, a program run through the engine
// against the emulator started from the installed bin, and the installed import command.
import * as assert from "assert";
import { ChildProcess, execFileSync, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { pulumiCliRoot, REPO_ROOT } from "../harness/engine";
import { tsBlocks } from "./support/readme";
import { treeFiles } from "./support/treeFiles";

const TOKEN = "consumer-SECRET-token-8c1d";

function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): string {
    try {
        return execFileSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
    } catch (e) {
        const err = e as { status?: number; stdout?: string; stderr?: string };
        throw new Error(`${cmd} ${args.join(" ")} exited ${err.status}:\n${err.stdout ?? ""}\n${err.stderr ?? ""}`);
    }
}

const versionIn = (dir: string, pkg: string) => (JSON.parse(fs.readFileSync(path.join(dir, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
const versionOf = (pkg: string) => versionIn(REPO_ROOT, pkg);

/** The TypeScript users compile with: the repo's, or on the newest leg the newest (CONSUMER_TYPESCRIPT). */
const CONSUMER_TYPESCRIPT = process.env.CONSUMER_TYPESCRIPT || versionOf("typescript");
const CONSUMER_TS_MAJOR = Number(CONSUMER_TYPESCRIPT.split(".")[0]);
const TYPESCRIPT_DOC = fs.readFileSync(path.join(REPO_ROOT, "docs", "typescript.md"), "utf8");

/** Pulumi's `typescript` template's compiler options (no skipLibCheck). */
const TEMPLATE_OPTIONS = {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
    // TypeScript 6 refuses `moduleResolution: node` (node10) unless told to accept it for now, as Pulumi's
    // template still sets it; users on TypeScript 6 add this line.
    ...(CONSUMER_TS_MAJOR === 6 ? { ignoreDeprecations: "6.0" } : {}),
};

/** docs/typescript.md's TypeScript 7 section, as a user copies it: its install commands and its tsconfig.json. */
function typeScript7Recipe(): { commands: string[][]; options: Record<string, unknown> } {
    const section = TYPESCRIPT_DOC.slice(TYPESCRIPT_DOC.indexOf("### TypeScript 7"), TYPESCRIPT_DOC.indexOf("## Configure the org"));
    const sh = /```sh\n([\s\S]*?)```/.exec(section);
    const json = /```json\n([\s\S]*?)```/.exec(section);
    assert.ok(sh && json, "docs/typescript.md has no TypeScript 7 section with a sh and a json block");
    const commands = sh[1].trim().split("\n").map((l) => l.trim().split(/\s+/).map((w) => w.replace(/^'(.*)'$/, "$1")));
    return { commands, options: (JSON.parse(json[1]) as { compilerOptions: Record<string, unknown> }).compilerOptions };
}

/** What a user of this TypeScript compiles with: Pulumi's template up to 6; TypeScript 7 refuses it (TS5108), so there docs/typescript.md's. */
const TS7_RECIPE = CONSUMER_TS_MAJOR >= 7 ? typeScript7Recipe() : undefined;
const USER_OPTIONS = TS7_RECIPE?.options ?? TEMPLATE_OPTIONS;
const NODENEXT_OPTIONS = { strict: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", noEmit: true };

function typecheck(dir: string, name: string, options: object, files: string[]): void {
    fs.writeFileSync(path.join(dir, name), JSON.stringify({ compilerOptions: options, files }, null, 2));
    run(process.execPath, [path.join(dir, "node_modules", "typescript", "bin", "tsc"), "-p", name], { cwd: dir });
}

const ENTRY_POINTS = ["pulumi-okta-dynamic", "pulumi-okta-dynamic/provider", "pulumi-okta-dynamic/emulator", "pulumi-okta-dynamic/automation"];

/** Every name an entry point exports, with whether it is a value and how many type parameters its type takes. */
function exportsOf(dts: string): { name: string; value: boolean; type: boolean; typeParams: number }[] {
    const program = ts.createProgram([dts], { strict: true, types: [] });
    const checker = program.getTypeChecker();
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(dts)!)!;
    return checker.getExportsOfModule(moduleSymbol).map((s) => {
        const t = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
        const typeParams = Math.max(0, ...(t.declarations ?? []).map((d) => ((d as ts.InterfaceDeclaration).typeParameters?.length ?? 0)));
        // `export type { AClass }` exports only the type of a value.
        const typeOnly = (s.declarations ?? []).some((d) => ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly));
        return { name: s.name, value: !typeOnly && !!(t.flags & ts.SymbolFlags.Value), type: !!(t.flags & ts.SymbolFlags.Type), typeParams };
    });
}

/** A module that names every export of every entry point, so the compiler has to resolve each declaration. */
function everyExportModule(consumer: string): { source: string; count: number } {
    const lines: string[] = [];
    let count = 0;
    ENTRY_POINTS.forEach((entry, i) => {
        const dts = require.resolve(`${entry}`, { paths: [consumer] }).replace(/\.js$/, ".d.ts");
        const names = exportsOf(dts);
        assert.ok(names.length > 0, `${entry} exports nothing`);
        lines.push(`import * as M${i} from "${entry}";`);
        const values = names.filter((n) => n.value).map((n) => `M${i}.${n.name}`);
        const types = names.filter((n) => n.type).map((n) => `M${i}.${n.name}${n.typeParams ? `<${Array(n.typeParams).fill("any").join(", ")}>` : ""}`);
        lines.push(`export const values${i} = [${values.join(", ")}];`);
        lines.push(`export type Types${i} = [${types.join(", ")}];`);
        count += names.length;
    });
    return { source: lines.join("\n") + "\n", count };
}

async function startInstalledEmulator(consumer: string): Promise<{ url: string; lines: string[]; proc: ChildProcess }> {
    const proc = spawn(path.join(consumer, "node_modules", ".bin", "okta-emulator"), ["--port", "0", "--token", TOKEN], { cwd: consumer, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`okta-emulator did not start: ${out}`)), 20_000);
        proc.stdout!.on("data", (d) => {
            out += d;
            const m = /Okta emulator on (http:\/\/\S+)/.exec(out);
            if (m && out.includes("request bodies")) {
                clearTimeout(timer);
                resolve(m[1]);
            }
        });
        proc.on("exit", (code) => reject(new Error(`okta-emulator exited ${code}: ${out}`)));
    });
    return { url, lines: out.split("\n"), proc };
}

describe("the package as users install it (npm pack, a fresh project, the engine)", function () {
    this.timeout(900_000);
    let root: string;
    let tarball: string;
    let packed: string[];
    let consumer: string;

    before(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "okta-dynamic-package-"));
        // The tree as a clone has it (tracked and new files; no dist/), with the repo's node_modules for the build tools.
        const src = path.join(root, "src");
        const files = treeFiles(REPO_ROOT);
        for (const f of files) {
            // Deleted but not yet committed, or a link (a node_modules link is untracked but not ignored).
            if (!fs.existsSync(path.join(REPO_ROOT, f)) || !fs.lstatSync(path.join(REPO_ROOT, f)).isFile()) continue;
            fs.mkdirSync(path.dirname(path.join(src, f)), { recursive: true });
            fs.copyFileSync(path.join(REPO_ROOT, f), path.join(src, f));
        }
        fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(src, "node_modules"), "dir");
        const info = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", root], { cwd: src }).replace(/^[^[]*/, "")) as { filename: string; files: { path: string }[] }[];
        tarball = path.join(root, info[0].filename);
        packed = info[0].files.map((f) => f.path);
        consumer = path.join(root, "consumer");
        fs.mkdirSync(consumer);
    });

    after(() => {
        if (root) fs.rmSync(root, { recursive: true, force: true });
    });

    it("packs the build, its declarations, both bins, README, LICENSE, the spec subset and the docs the README links; no source maps, no tests, not Okta's whole specs", () => {
        const subset = ["LICENSE", "README.md", "management-minimal.yaml", "governance-production-requests-admin-v1-reference-minimal.yaml", "opa-minimal.yaml", "oauth-minimal.yaml"].map((f) => `dist/emulator/okta-openapi/${f}`);
        for (const f of ["dist/sdk/index.js", "dist/sdk/index.d.ts", "dist/provider/index.d.ts", "dist/emulator/index.d.ts", "dist/sdk/automation.d.ts", "dist/emulator/cli.js", "dist/sdk/codegen/cli.js", "README.md", "LICENSE", "package.json", ...subset]) {
            assert.ok(packed.includes(f), `${f} is not in the tarball (${packed.length} files)`);
        }
        assert.deepStrictEqual(packed.filter((f) => f.endsWith(".map") || f.startsWith("dist/tests") || f.startsWith("dist/bench") || f.startsWith("dist/tools") || f.startsWith("dist/harness") || f.startsWith("dist/reports") || f.startsWith("third_party")), []);
        const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
        for (const [, link] of readme.matchAll(/\]\((?!https?:|#)([^)#]+)(?:#[^)]*)?\)/g)) assert.ok(packed.includes(link), `README links ${link}, which is not in the tarball`);
    });

    it("installs into a fresh project outside the repository, beside the newest tested @pulumi/pulumi", () => {
        assert.ok(!consumer.startsWith(REPO_ROOT));
        fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }, null, 2));
        const npmInstall = ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];
        run("npm", [...npmInstall, tarball, `@pulumi/pulumi@${versionOf("@pulumi/pulumi")}`, `@types/node@${versionOf("@types/node")}`], { cwd: consumer });
        if (TS7_RECIPE) {
            // As docs/typescript.md tells users: @pulumi/pulumi's peer range says typescript < 7, so the override comes first.
            const [pkgSet, install] = TS7_RECIPE.commands;
            assert.deepStrictEqual([pkgSet.slice(0, 3), install.slice(0, 3)], [["npm", "pkg", "set"], ["npm", "install", "--save-dev"]]);
            run("npm", pkgSet.slice(1), { cwd: consumer });
            run("npm", [...npmInstall, ...install.slice(2, -1), `typescript@${CONSUMER_TYPESCRIPT}`], { cwd: consumer });
        } else {
            run("npm", [...npmInstall, "--save-dev", `typescript@${CONSUMER_TYPESCRIPT}`], { cwd: consumer });
        }
        assert.strictEqual(versionIn(consumer, "typescript"), CONSUMER_TYPESCRIPT);
        assert.ok(fs.existsSync(path.join(consumer, "node_modules", "pulumi-okta-dynamic", "dist", "sdk", "index.js")));
    });

    it("every export type-checks under strict without skipLibCheck: CommonJS (Pulumi's template) and nodenext", () => {
        for (const f of ["index.ts", "run.ts"]) fs.copyFileSync(path.join(REPO_ROOT, "tests", "consumer", f), path.join(consumer, f));
        const every = everyExportModule(consumer);
        assert.ok(every.count > 60, `only ${every.count} exports found`);
        fs.writeFileSync(path.join(consumer, "every-export.ts"), every.source);
        typecheck(consumer, "tsconfig.json", USER_OPTIONS, ["index.ts", "run.ts", "every-export.ts"]);
        typecheck(consumer, "tsconfig.nodenext.json", NODENEXT_OPTIONS, ["index.ts", "run.ts", "every-export.ts"]);
    });

    it("the TypeScript samples of the README and the docs it ships compile as written (but the native door's, on its own SDK)", () => {
        const installed = path.join(consumer, "node_modules", "pulumi-okta-dynamic");
        const pages = ["README.md", ...fs.readdirSync(path.join(installed, "docs"), { recursive: true }).map(String).filter((f) => f.endsWith(".md")).map((f) => path.join("docs", f))];
        // docs/native.md's sample imports the native door's SDK, which tests/nativeTypeScriptImport.e2e.test.ts compiles.
        const blocks = pages.flatMap((p) => tsBlocks(fs.readFileSync(path.join(installed, p), "utf8"))).filter((b) => !b.includes('from "@pulumi-okta-dynamic/oktadynamic"'));
        assert.ok(blocks.length >= 8, `only ${blocks.length} samples`);
        const files = blocks.map((b, i) => {
            fs.writeFileSync(path.join(consumer, `readme-${i}.ts`), b);
            return `readme-${i}.ts`;
        });
        typecheck(consumer, "tsconfig.readme.json", { ...USER_OPTIONS, noEmit: true, noUnusedLocals: false }, files);
    });

    it("runs through the engine against the installed okta-emulator; the installed import command adopts what it made", async () => {
        const emu = await startInstalledEmulator(consumer);
        try {
            const specs = path.join(consumer, "node_modules", "pulumi-okta-dynamic", "dist", "emulator", "okta-openapi");
            assert.ok(emu.lines.includes(`  request bodies: validated against Okta's OpenAPI specs in ${fs.realpathSync(specs)}`), emu.lines.join("\n"));
            const state = fs.mkdtempSync(path.join(os.tmpdir(), "consumer-state-"));
            const env = { ...process.env, OKTA_ORG_URL: emu.url, OKTA_API_TOKEN: TOKEN, CONSUMER_STATE: state, PULUMI_CLI_ROOT: pulumiCliRoot() };
            const lastJson = (out: string) => JSON.parse(out.trim().split("\n").pop()!) as Record<string, any>;

            const up = lastJson(run(process.execPath, ["bin/run.js", "up"], { cwd: consumer, env }));
            assert.deepStrictEqual(up.up, { create: 4 });
            assert.deepStrictEqual(up.preview, { same: 4 });
            assert.strictEqual(up.outputs.requestTypeStatus, "ACTIVE");
            assert.strictEqual(up.outputs.keyName, "consumer-signing");
            assert.strictEqual(up.outputs.pem, true);
            assert.strictEqual(up.outputs.isUsed, false);
            assert.strictEqual(up.outputs.devicesStatus, 200);
            assert.strictEqual(up.outputs.hookKeysStatus, 200);
            assert.strictEqual(up.outputs.requestTypeName, "consumer-group-access");
            assert.ok(up.outputs.teams >= 1 && up.outputs.requestTypes >= 0, JSON.stringify(up.outputs));

            const bin = path.join(consumer, "node_modules", ".bin", "pulumi-okta-dynamic-import");
            const said = spawnSync(bin, ["--org-url", emu.url, "--out", "imported.ts"], { cwd: consumer, env: { ...process.env, OKTA_API_TOKEN: TOKEN }, encoding: "utf8" });
            assert.strictEqual(said.status, 0, said.stderr);
            assert.match(said.stderr, /wrote imported\.ts: 3 object\(s\) to adopt/);
            const imported = fs.readFileSync(path.join(consumer, "imported.ts"), "utf8");
            for (const n of ["consumer-group-access", "consumer-signing", "consumer-api-object"]) assert.ok(imported.includes(JSON.stringify(n)), `${n} not in imported.ts:\n${imported}`);
            // With request types only, it imports RequestType alone: an unused import would fail noUnusedLocals.
            const typesOnly = spawnSync(bin, ["--org-url", emu.url, "--out", "imported-request-types.ts", "--type", "request-types"], { cwd: consumer, env: { ...process.env, OKTA_API_TOKEN: TOKEN }, encoding: "utf8" });
            assert.strictEqual(typesOnly.status, 0, typesOnly.stderr);
            assert.match(fs.readFileSync(path.join(consumer, "imported-request-types.ts"), "utf8"), /^import \{ RequestType \} from "pulumi-okta-dynamic";$/m);
            typecheck(consumer, "tsconfig.imported.json", { ...USER_OPTIONS, noEmit: true, noUnusedLocals: true }, ["imported.ts", "imported-request-types.ts"]);

            const destroy = lastJson(run(process.execPath, ["bin/run.js", "destroy"], { cwd: consumer, env }));
            assert.deepStrictEqual(destroy.destroy, { delete: 4 });
            fs.rmSync(state, { recursive: true, force: true });
        } finally {
            emu.proc.kill();
        }
    });
});
