// Docs that cannot lie: every example in native/schema.json's descriptions (written in native/docs/<name>.md, the
// text the Registry's pages and each SDK's doc comments are generated from) is taken from the schema and run in its
// language against the emulator, on the SDK generated from that schema and the plugin tarball `npm run plugin`
// builds: TypeScript as Automation API inline programs (the Node.js language host cannot be built here) on the
// Node.js SDK tarball installed in a fresh folder, Python as Automation API inline programs, Go through Go's
// Automation API, YAML under plain `pulumi` with the YAML host. Each example of a resource: up, a preview with no
// changes, destroy; of a function (nothing to preview or destroy): up. All examples of one language in one process.
// Lookups find what the before hook seeds (what their prose says exists).
import * as assert from "assert";
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { ADMIN_PROFILE } from "../emulator/users";
import { pulumiCliRoot, REPO_ROOT } from "../harness/engine";
import { EXAMPLE_LANGUAGES, ExampleLanguage, examplesOf } from "../native/schemaExamples";
import { GO_SDK_DIR, repositoryHome } from "../tools/repositoryHome";
import { minimal } from "./fixtures";
import { releasedPlugin, nativeWorkspace, NativeWorkspace, pulumiRunner, pythonWithSdk } from "./support/nativeWorkspace";

const TOKEN = "examples-native-SECRET-token-5e1b";
const PAM_TEAM = "platform";
const PAM_USER = { keyId: "2b7d0c4e-6f1a-4d3b-8e9c-5a0f1b2c3d4e", keySecret: "examples-native-PAM-SECRET-c41d", name: "pulumi-examples" };
const DRIVERS = path.join(REPO_ROOT, "tests", "native", "examples");
const SCHEMA = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "native", "schema.json"), "utf8"));

interface Case {
    /** The resource's or function's name (`RequestType`, `getTeam`), its doc file's name. */
    name: string;
    token: string;
    kind: "resource" | "function";
    code: Record<ExampleLanguage, string>;
}
/** What one language's driver reports of each example: its stack outputs, the preview's change summary. */
type Results = Record<string, { outputs: Record<string, unknown>; preview?: Record<string, number> }>;

/** Every example in the schema, by the element it documents (the generator refuses an element without one). */
function schemaCases(): Case[] {
    const cases: Case[] = [];
    for (const kind of ["resource", "function"] as const) {
        for (const [token, spec] of Object.entries<{ description: string }>(SCHEMA[`${kind}s`])) {
            const name = token.split(":")[2];
            for (const [i, ex] of examplesOf(spec.description, token).entries()) cases.push({ name: i ? `${name}${i + 1}` : name, token, kind, code: ex.code });
        }
    }
    return cases;
}

/** Runs a program asynchronously (the emulator answers from this process); its stdout, or both streams on failure. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
    return new Promise((resolve, reject) =>
        execFile(cmd, args, { cwd, env, encoding: "utf8", timeout: 1_200_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
            err ? reject(new Error(`${path.basename(cmd)} ${args.join(" ")} failed:\n${stdout}\n${stderr}`)) : resolve(stdout),
        ),
    );
}
const lastJson = (stdout: string): Results => JSON.parse(stdout.trim().split("\n").pop()!);
const versionIn = (dir: string, pkg: string) => (JSON.parse(fs.readFileSync(path.join(dir, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
const atLeast = (a: string, b: string) => {
    const [x, y] = [a, b].map((v) => v.split(/[.-]/).slice(0, 3).map(Number));
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
    return true;
};
/**
 * Outputs to compare across languages: absent and null fields dropped (languages differ in which they keep), and
 * fields the schema does not declare (the Node.js SDK passes on Okta's `_links`, which the typed SDKs drop); keys in
 * camelCase (Python exports an SDK object, a team say, under its Python names: `last_updated`).
 */
function normal(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(normal);
    if (v && typeof v === "object") {
        const kept = Object.entries(v).filter(([k, x]) => x !== null && x !== undefined && !k.startsWith("_"));
        return Object.fromEntries(kept.map(([k, x]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), normal(x)]));
    }
    return v;
}

describe("native/schema.json's examples, each run in its language against the emulator", function () {
    this.timeout(1_800_000);
    const cases = schemaCases();
    const results: Partial<Record<ExampleLanguage, Results>> = {};
    /** Each language's time: all of it (SDK install, compile), and the examples' runs alone. */
    const seconds: Partial<Record<ExampleLanguage, { all: number; runs: number }>> = {};
    const lookups = cases.filter((c) => c.kind === "function").map((c) => c.name);
    let emu: Emulator;
    let ws: NativeWorkspace;
    let env: NodeJS.ProcessEnv;
    let config: Record<string, { value: string; secret?: boolean }>;
    let seeded: { requestTypeId: string; draftId: string; hookKeyId: string; keyId: string };
    let scratch: string;

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN], pam: { team: PAM_TEAM, serviceUsers: [PAM_USER] } });
        // What the lookups' prose says exists: a published request type made in the app, a draft, a hook key.
        const it = emu.teams.find((t) => t.name === "IT")!;
        const rt = emu.seedRequestType({ ...minimal({ name: "admin-group-access", ownerId: it.id }), status: "ACTIVE" });
        const draft = emu.seedRequestType({ ...minimal({ name: "admin-group-access-draft", ownerId: it.id }), status: "DRAFT" });
        const key = emu.seedHookKey("inline-hook-signing");
        seeded = { requestTypeId: rt.id, draftId: draft.id, hookKeyId: key.id, keyId: key.keyId };
        execFileSync("bash", [path.join(REPO_ROOT, "tools", "gen-sdks.sh"), "nodejs"], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
        ws = nativeWorkspace("examples", { yamlHost: true });
        await ws.installPlugin(releasedPlugin());
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "okta-examples-"));
        config = {
            "oktadynamic:orgUrl": { value: emu.url },
            "oktadynamic:apiToken": { value: TOKEN, secret: true },
            "oktadynamic:pamUrl": { value: emu.url },
            "oktadynamic:pamTeam": { value: PAM_TEAM },
            "oktadynamic:pamKeyId": { value: PAM_USER.keyId },
            "oktadynamic:pamKeySecret": { value: PAM_USER.keySecret, secret: true },
        };
        env = { ...ws.env, WORK_DIR: ws.work, EXAMPLE_CONFIG: JSON.stringify(config), PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true" };
    });
    after(async () => {
        const times = EXAMPLE_LANGUAGES.filter((l) => seconds[l]).map((l) => `${l} ${seconds[l]!.all.toFixed(1)} s (runs ${seconds[l]!.runs.toFixed(1)} s)`);
        if (times.length) console.log(`      (${cases.length} examples per language: ${times.join(", ")})`);
        await emu?.stop();
        ws?.cleanup();
        if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    });

    /** What every run must show: each example ran with outputs, previewed clean, and left nothing in the org. */
    function checkRun(lang: ExampleLanguage, r: Results): void {
        results[lang] = r;
        for (const c of cases) {
            const got = r[c.name];
            assert.ok(got, `${lang}: ${c.name}'s example did not report`);
            assert.ok(Object.keys(got.outputs).length > 0, `${lang}: ${c.name}'s example exports nothing`);
            for (const [k, v] of Object.entries(got.outputs)) assert.ok(v !== undefined && v !== null && v !== "", `${lang}: ${c.name}'s output ${k} is empty`);
            if (c.kind === "resource" && lang !== "yaml") assert.ok(got.preview, `${lang}: ${c.name}'s example was not previewed`);
            if (got.preview) assert.deepStrictEqual(Object.keys(got.preview).filter((k) => k !== "same"), [], `${lang}: ${c.name}'s preview after up shows changes`);
        }
        assert.deepStrictEqual([...emu.requestTypes.keys()].sort(), [seeded.requestTypeId, seeded.draftId].sort(), `${lang}: a request type outlived destroy`);
        assert.deepStrictEqual([...emu.hookKeys.keys()], [seeded.hookKeyId], `${lang}: a hook key outlived destroy`);
        assert.strictEqual(emu.pam.bundles.size, 0, `${lang}: a sudo command bundle outlived destroy`);
        // What the prose says they find.
        const out = (name: string) => r[name].outputs;
        assert.strictEqual(out("getTeam").teamId, emu.teams.find((t) => t.name === "IT")!.id);
        assert.deepStrictEqual({ ...out("getRequestType") }, { requestTypeId: seeded.requestTypeId, status: "ACTIVE" });
        assert.deepStrictEqual((out("getRequestTypes").requestTypes as { name: string }[]).map((t) => t.name), ["admin-group-access"], `${lang}: getRequestTypes' example lists other than the published one`);
        assert.deepStrictEqual({ ...out("getHookKey") }, { keyId: seeded.keyId, isUsed: false });
        assert.match(String(out("getHookKeyPublicKey").publicKeyPem), /^-----BEGIN PUBLIC KEY-----\n/);
        assert.strictEqual(out("callApi").login, ADMIN_PROFILE.login);
    }

    /** Runs one language's examples: `body` sets up, then calls `runs` for the part that runs them. */
    async function timed(lang: ExampleLanguage, body: (runs: (go: () => Promise<Results>) => Promise<Results>) => Promise<Results>): Promise<void> {
        const start = Date.now();
        let runSeconds = 0;
        const r = await body(async (go) => {
            const t = Date.now();
            try {
                return await go();
            } finally {
                runSeconds = (Date.now() - t) / 1000;
            }
        });
        seconds[lang] = { all: (Date.now() - start) / 1000, runs: runSeconds };
        checkRun(lang, r);
    }
    const names = cases.map((c) => c.name).join(",");

    it("every resource and function has an example in each language, on the names the schema gives its SDKs", () => {
        const documented = new Set(cases.map((c) => c.token));
        assert.deepStrictEqual([...documented].sort(), [...Object.keys(SCHEMA.resources), ...Object.keys(SCHEMA.functions)].sort());
        for (const c of cases) {
            assert.ok(c.code.typescript.includes(`from "${SCHEMA.language.nodejs.packageName}"`), `${c.name}: the TypeScript does not import ${SCHEMA.language.nodejs.packageName}`);
            assert.ok(c.code.python.includes(`import ${SCHEMA.language.python.packageName}`), `${c.name}: the Python does not import ${SCHEMA.language.python.packageName}`);
            assert.ok(c.code.go.includes(`"${SCHEMA.language.go.importBasePath}"`), `${c.name}: the Go does not import ${SCHEMA.language.go.importBasePath}`);
            assert.ok(c.code.yaml.includes(c.token), `${c.name}: the YAML does not use ${c.token}`);
        }
    });

    it("docs/_index.md, the Registry's overview page, shows RequestType's example in each language, as the schema has it", () => {
        const page = fs.readFileSync(path.join(REPO_ROOT, "docs", "_index.md"), "utf8");
        const front = /^---\n([\s\S]*?)\n---\n/.exec(page)?.[1] ?? "";
        assert.match(front, /^title: \S/m);
        assert.match(front, /^meta_desc: \S/m);
        assert.match(front, /^layout: package$/m);
        assert.ok(page.includes(`{{< chooser language "${EXAMPLE_LANGUAGES.join(",")}" >}}`));
        const shown = cases.find((c) => c.name === "RequestType")!;
        for (const lang of EXAMPLE_LANGUAGES) {
            const block = new RegExp(`\\{\\{% choosable language ${lang} %\\}\\}\\s*\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, "m").exec(page)?.[1];
            assert.strictEqual(block, shown.code[lang], `docs/_index.md's ${lang} example is not RequestType's (native/docs/RequestType.md)`);
        }
    });

    it("TypeScript: compiled under strict against the Node.js SDK tarball in a fresh folder, run as inline programs", async () => {
        await timed("typescript", async (runs) => {
            const app = path.join(scratch, "ts");
            fs.mkdirSync(path.join(app, "ex"), { recursive: true });
            const floor = (SCHEMA.language.nodejs.dependencies["@pulumi/pulumi"] as string).replace(/^\^/, "");
            const repoPulumi = versionIn(REPO_ROOT, "@pulumi/pulumi");
            const tarball = path.join(REPO_ROOT, "dist", "plugin", fs.readdirSync(path.join(REPO_ROOT, "dist", "plugin")).find((f) => f.endsWith(".tgz") && f.includes("oktadynamic-"))!);
            fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "okta-examples", version: "1.0.0", private: true }));
            await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", `@pulumi/pulumi@${atLeast(repoPulumi, floor) ? repoPulumi : floor}`, `@types/node@${versionIn(REPO_ROOT, "@types/node")}`, tarball], app, env);
            for (const c of cases) fs.writeFileSync(path.join(app, "ex", `${c.name}.ts`), c.code.typescript);
            fs.writeFileSync(path.join(app, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "es2020", module: "commonjs", moduleResolution: "node", outDir: "bin" }, include: ["ex"] }));
            await run(process.execPath, [path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], app, env);
            fs.copyFileSync(path.join(DRIVERS, "driver.js"), path.join(app, "driver.js"));
            return runs(async () => lastJson(await run(process.execPath, ["driver.js"], app, { ...env, EXAMPLES: names, LOOKUPS: lookups.join(",") })));
        });
    });

    it("Python: as Automation API inline programs on the generated SDK", async () => {
        await timed("python", async (runs) => {
            const python = pythonWithSdk();
            const dir = path.join(scratch, "py");
            fs.mkdirSync(dir, { recursive: true });
            const pairs = cases.map((c) => {
                const file = path.join(dir, `${c.name}.py`);
                fs.writeFileSync(file, c.code.python);
                return `${c.name}=${file}`;
            });
            return runs(async () => lastJson(await run(python, [path.join(DRIVERS, "driver.py")], dir, { ...env, EXAMPLES: pairs.join(","), LOOKUPS: lookups.join(",") })));
        });
    });

    it("Go: gofmt-clean, built with the generated Go SDK module, run through Go's Automation API", async () => {
        await timed("go", async (runs) => {
            const goEnv = { ...env, GOFLAGS: "-mod=mod" };
            const raw = path.join(scratch, "go-raw");
            const prog = path.join(scratch, "go");
            for (const d of [raw, prog]) fs.mkdirSync(d, { recursive: true });
            for (const c of cases) {
                fs.writeFileSync(path.join(raw, `${c.name}.go`), c.code.go);
                // Each example is a whole program; as one of many in the driver, its main registers its function.
                const head = "func main() {\n\tpulumi.Run(";
                assert.strictEqual(c.code.go.split(head).length, 2, `${c.name}: the Go example's main is not \`${head.replace(/\n\t/, " ")}...)\``);
                fs.writeFileSync(path.join(prog, `ex_${c.name}.go`), c.code.go.replace(head, `func init() {\n\tregister(${JSON.stringify(c.name)}, `));
            }
            assert.strictEqual(execFileSync("gofmt", ["-l", raw], { encoding: "utf8" }).trim(), "", "these Go examples are not gofmt-formatted");
            fs.copyFileSync(path.join(DRIVERS, "go", "driver.go"), path.join(prog, "main.go"));
            // The committed Go SDK by its module path, a replace onto the clone standing in for the module proxy.
            const { goModule } = repositoryHome();
            fs.writeFileSync(path.join(prog, "go.mod"), "module example.com/okta-examples\n\ngo 1.23\n");
            await run("go", ["mod", "edit", `-require=${goModule}@v0.0.0`, `-replace=${goModule}=${path.join(REPO_ROOT, GO_SDK_DIR)}`], prog, goEnv);
            await run("go", ["mod", "tidy"], prog, goEnv);
            await run("go", ["vet", "."], prog, goEnv);
            await run("go", ["build", "-o", "examples", "."], prog, goEnv);
            return runs(async () => lastJson(await run(path.join(prog, "examples"), [], prog, { ...env, EXAMPLES: names, LOOKUPS: lookups.join(",") })));
        });
    });

    it("YAML: under plain pulumi with the YAML host, one project each", async () => {
        await timed("yaml", (runs) => runs(async () => {
            const r: Results = {};
            const cli = path.join(pulumiCliRoot(), "bin", "pulumi");
            const setAll = Object.entries(config).flatMap(([k, v]) => [v.secret ? "--secret" : "--plaintext", `${k}=${v.value}`]);
            for (const c of cases) {
                const dir = path.join(ws.work, `ex-yaml-${c.name}`);
                fs.mkdirSync(dir);
                fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ex-yaml-${c.name}\nruntime: yaml\n${c.code.yaml}`);
                const pulumi = pulumiRunner(cli, dir, ws.env);
                await pulumi(["stack", "init", "dev"]);
                await pulumi(["config", "set-all", ...setAll]);
                await pulumi(["up", "--yes", "--skip-preview"]);
                const outputs = JSON.parse(await pulumi(["stack", "output", "--json", "--show-secrets"], { stdoutOnly: true }));
                r[c.name] = { outputs };
                if (c.kind === "function") continue;
                await pulumi(["preview", "--expect-no-changes"]);
                await pulumi(["destroy", "--yes", "--skip-preview"]);
            }
            return r;
        }));
    });

    it("the four languages' examples export the same outputs, and the lookups the same values", () => {
        const ran = EXAMPLE_LANGUAGES.filter((l) => results[l]);
        const [first, ...rest] = ran;
        for (const c of cases) {
            for (const lang of rest) {
                const [a, b] = [results[first]![c.name].outputs, results[lang]![c.name].outputs];
                assert.deepStrictEqual(Object.keys(b).sort(), Object.keys(a).sort(), `${c.name}: ${lang} exports other outputs than ${first}`);
                if (c.kind === "function") assert.deepStrictEqual(normal(b), normal(a), `${c.name}: ${lang} and ${first} found different values`);
            }
        }
        assert.deepStrictEqual(ran, [...EXAMPLE_LANGUAGES], "not every language ran");
    });
});
