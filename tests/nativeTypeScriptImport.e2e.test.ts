// `pulumi import` for a TypeScript program on the native door, as a user meets it: in a fresh folder outside the
// repository, the Node.js SDK tarball and @pulumi/pulumi installed as docs/native.md says, an existing
// request type and hook key imported from the emulator with the installed plugin tarball, the TypeScript written for
// them compiled unchanged under strict, and run as the program (an Automation API inline program that loads the
// compiled file): the preview shows no changes.
//
// What differs from a user's `pulumi import` (docs/native.md): the Node.js language host cannot be built here, so the
// import runs in a YAML project of the same name and stack, and the TypeScript comes from `gen-sdks.sh import-code`
// (the CLI's importer on the exported state, then the host's bind options and codegen/nodejs, of the generator's
// Pulumi version) rather than from the CLI itself.
import * as assert from "assert";
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { pulumiCliRoot, REPO_ROOT } from "../harness/engine";
import { GROUP } from "./fixtures";
import { tsBlockWith } from "./support/readme";

const TOKEN = "native-ts-SECRET-token-7d2a";
const PROJECT = "okta-ts-import";

const versionIn = (dir: string, pkg: string) => (JSON.parse(fs.readFileSync(path.join(dir, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
const atLeast = (a: string, b: string) => {
    const [x, y] = [a, b].map((v) => v.split(/[.-]/).slice(0, 3).map(Number));
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
    return true;
};

/** The TypeScript users compile with: the repo's, or on the newest leg the newest (CONSUMER_TYPESCRIPT). */
const CONSUMER_TYPESCRIPT = process.env.CONSUMER_TYPESCRIPT || versionIn(REPO_ROOT, "typescript");
const TSC = path.join(REPO_ROOT, "node_modules", CONSUMER_TYPESCRIPT === versionIn(REPO_ROOT, "typescript") ? "typescript" : "typescript-7", "bin", "tsc");
/** Pulumi's `typescript` template's compiler options; on TypeScript 7, which refuses them (TS5108), docs/typescript.md's. */
const USER_OPTIONS = Number(CONSUMER_TYPESCRIPT.split(".")[0]) >= 7
    ? { strict: true, target: "es2020", module: "nodenext", moduleResolution: "nodenext", outDir: "bin", sourceMap: true }
    : { strict: true, outDir: "bin", target: "es2020", module: "commonjs", moduleResolution: "node", sourceMap: true, experimentalDecorators: true, pretty: true, noFallthroughCasesInSwitch: true, noImplicitReturns: true, forceConsistentCasingInFileNames: true };

/** Runs a command asynchronously (the emulator answers from this process); stdout, or stdout and stderr on failure. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
    return new Promise((resolve, reject) =>
        execFile(cmd, args, { cwd, env, encoding: "utf8", timeout: 600_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
            err ? reject(new Error(`${cmd} ${args.join(" ")} failed:\n${stdout}\n${stderr}`)) : resolve(stdout),
        ),
    );
}

/** The driver: the user's compiled program as an Automation API inline program, with the app's own @pulumi/pulumi. */
const DRIVER = `const { LocalWorkspace } = require("@pulumi/pulumi/automation");
(async () => {
    const stack = await LocalWorkspace.selectStack({ projectName: ${JSON.stringify(PROJECT)}, stackName: "dev", program: async () => { require("./bin/index.js"); } }, { workDir: __dirname });
    const preview = await stack.preview();
    console.log(JSON.stringify(preview.changeSummary));
})().catch((e) => { console.error(e); process.exit(1); });
`;

describe("native plugin: pulumi import writes TypeScript that compiles and previews clean", function () {
    this.timeout(900_000);
    let emu: Emulator;
    let root: string;
    let importer: string;
    let app: string;
    let env: NodeJS.ProcessEnv;
    let sdkTarball: string;
    let generated: string;
    const writes = () => emu.log.filter((l) => l.method !== "GET").map((l) => `${l.method} ${l.path}`);
    const pulumi = (args: string[], cwd = importer) => run("pulumi", [...args, "--non-interactive"], cwd, env);

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        root = fs.mkdtempSync(path.join(os.tmpdir(), "okta-native-ts-"));
        importer = path.join(root, "importer");
        app = path.join(root, "app");
        for (const d of [importer, app, path.join(root, "home"), path.join(root, "backend")]) fs.mkdirSync(d);
        const yamlBin = execFileSync("bash", [path.join(REPO_ROOT, "tools", "pulumi-yaml.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!;
        env = {
            ...process.env,
            PATH: [path.join(pulumiCliRoot(), "bin"), yamlBin, process.env.PATH].join(path.delimiter),
            PULUMI_HOME: path.join(root, "home"),
            PULUMI_BACKEND_URL: `file://${path.join(root, "backend")}`,
            PULUMI_CONFIG_PASSPHRASE: "okta-native-ts",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            OKTA_API_TOKEN: "", OKTA_ORG_URL: "",
        };
        // What `npm run plugin` builds: the plugin tarball, installed by the CLI, and the Node.js SDK tarball.
        const built = execFileSync("node", [path.join(REPO_ROOT, "tools", "build-plugin.js")], { cwd: REPO_ROOT, encoding: "utf8" });
        const version = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).version;
        await pulumi(["plugin", "install", "resource", "oktadynamic", version, "--file", path.join(REPO_ROOT, built.trim().split(" ")[0])]);
        const sdk = execFileSync("bash", [path.join(REPO_ROOT, "tools", "gen-sdks.sh"), "nodejs"], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
        sdkTarball = path.join(REPO_ROOT, sdk.trim().split("\n").find((l) => l.endsWith(".tgz"))!);
        // The import runs in a YAML project of the same name (no Node.js language host here): the engine's import
        // does not run the program, and the stack and its config are the app's.
        fs.writeFileSync(path.join(importer, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: yaml\n`);
        await pulumi(["stack", "init", "dev"]);
        await pulumi(["config", "set", "oktadynamic:orgUrl", emu.url]);
        await pulumi(["config", "set", "--secret", "oktadynamic:apiToken", TOKEN]);
    });
    after(async () => {
        await emu?.stop();
        if (root) fs.rmSync(root, { recursive: true, force: true });
    });

    it("installs the Node.js SDK tarball and @pulumi/pulumi as docs/native.md says, into a folder outside the repository", async () => {
        assert.ok(!app.startsWith(REPO_ROOT));
        const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "native", "schema.json"), "utf8"));
        const range: string = schema.language.nodejs.dependencies["@pulumi/pulumi"];
        const docs = fs.readFileSync(path.join(REPO_ROOT, "docs", "native.md"), "utf8");
        const line = `npm install @pulumi/pulumi@${range} <this repository>/dist/plugin/${path.basename(sdkTarball)}`;
        assert.ok(docs.includes(line), `docs/native.md does not say \`${line}\``);
        // The SDK's floor on the oldest leg (what the range promises), the repo's @pulumi/pulumi when it is newer.
        const floor = range.replace(/^\^/, "");
        const repoPulumi = versionIn(REPO_ROOT, "@pulumi/pulumi");
        const pulumiVersion = atLeast(repoPulumi, floor) ? repoPulumi : floor;
        // A project as `pulumi new typescript` leaves it (its @types/node), then the docs' install.
        fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: PROJECT, version: "1.0.0", private: true }, null, 2));
        const npmInstall = ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];
        await run("npm", [...npmInstall, `@types/node@${versionIn(REPO_ROOT, "@types/node")}`], app, env);
        await run("npm", [...npmInstall, `@pulumi/pulumi@${pulumiVersion}`, sdkTarball], app, env);
        assert.strictEqual(versionIn(app, "@pulumi/pulumi"), pulumiVersion);
        assert.strictEqual(versionIn(app, schema.language.nodejs.packageName), schema.version);
        // One @pulumi/pulumi: the SDK's resources register with the program's runtime.
        assert.ok(!fs.existsSync(path.join(app, "node_modules", schema.language.nodejs.packageName, "node_modules", "@pulumi")));
        console.log(`      (@pulumi/pulumi ${pulumiVersion}, TypeScript ${CONSUMER_TYPESCRIPT})`);
    });

    it("imports an existing request type and hook key (GETs only); the TypeScript written for them names both", async () => {
        const it = emu.teams.find((t) => t.name === "IT")!;
        const rt = emu.seedRequestType({
            name: "native-ts-outside",
            description: "Made in the admin console",
            ownerId: it.id,
            resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP }] },
            approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
        });
        const key = emu.seedHookKey("native-ts-key");
        const file = path.join(importer, "import.json");
        fs.writeFileSync(file, JSON.stringify({ resources: [
            { type: "oktadynamic:index:RequestType", name: "outside", id: rt.id },
            { type: "oktadynamic:index:HookKey", name: "signing", id: key.id },
        ] }));
        emu.clearLog();
        const out = await pulumi(["import", "--file", file, "--yes", "--generate-code=false"]);
        assert.match(out, /= 2 imported/);
        assert.deepStrictEqual(writes(), [], "an import sends nothing but GETs");

        const exported = path.join(root, "export.json");
        fs.writeFileSync(exported, await pulumi(["stack", "export", "--show-secrets"]));
        const schema = path.join(root, "schema.json");
        fs.writeFileSync(schema, await pulumi(["package", "get-schema", "oktadynamic"])); // as the installed plugin serves it
        const urns = (JSON.parse(fs.readFileSync(exported, "utf8")) as { deployment: { resources: { urn: string; type: string }[] } })
            .deployment.resources.filter((r) => r.type.startsWith("oktadynamic:index:")).map((r) => r.urn);
        assert.strictEqual(urns.length, 2);
        generated = await run("bash", [path.join(REPO_ROOT, "tools", "gen-sdks.sh"), "import-code", schema, exported, ...urns], REPO_ROOT, env);
        assert.match(generated, /import \* as oktadynamic from "@pulumi-okta-dynamic\/oktadynamic";/);
        assert.match(generated, /new oktadynamic\.RequestType\("outside"/);
        assert.match(generated, /new oktadynamic\.HookKey\("signing"/);
        assert.match(generated, /name: "native-ts-outside"/);
        assert.match(generated, /protect: true/);
    });

    it("the written TypeScript, and docs/native.md's sample, compile unchanged under strict against what was installed", async () => {
        fs.writeFileSync(path.join(app, "index.ts"), generated);
        fs.writeFileSync(path.join(app, "tsconfig.json"), JSON.stringify({ compilerOptions: USER_OPTIONS, files: ["index.ts"] }, null, 2));
        await run(process.execPath, [TSC, "-p", "tsconfig.json"], app, env);
        assert.ok(fs.existsSync(path.join(app, "bin", "index.js")));
        // And docs/native.md's TypeScript sample, against the same install.
        fs.writeFileSync(path.join(app, "sample.ts"), tsBlockWith(path.join(REPO_ROOT, "docs", "native.md"), "@pulumi-okta-dynamic/oktadynamic"));
        fs.writeFileSync(path.join(app, "tsconfig.sample.json"), JSON.stringify({ compilerOptions: { ...USER_OPTIONS, noEmit: true }, files: ["sample.ts"] }, null, 2));
        await run(process.execPath, [TSC, "-p", "tsconfig.sample.json"], app, env);
    });

    it("run as the program on the stack it was imported into, it previews with no changes; an edited copy shows the update", async () => {
        // The user's project: the stack's config (org, secret token, passphrase salt) is the one the import used.
        fs.writeFileSync(path.join(app, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: nodejs\n`);
        fs.copyFileSync(path.join(importer, "Pulumi.dev.yaml"), path.join(app, "Pulumi.dev.yaml"));
        fs.writeFileSync(path.join(app, "driver.js"), DRIVER);
        const preview = async () => JSON.parse((await run(process.execPath, ["driver.js"], app, env)).trim().split("\n").pop()!) as Record<string, number>;
        emu.clearLog();
        assert.deepStrictEqual(await preview(), { same: 3 }); // the stack, the request type, the hook key
        assert.deepStrictEqual(writes(), []);
        // The no-change preview is not blind: the status flipped in the compiled program is an update (a protected
        // resource cannot be replaced, so the edit is one Okta updates in place).
        const js = path.join(app, "bin", "index.js");
        const text = fs.readFileSync(js, "utf8");
        const status = /status: "(ACTIVE|DRAFT)"/.exec(text);
        assert.ok(status, `no status in the written code:\n${generated}`);
        fs.writeFileSync(js, text.replace(status[0], `status: "${status[1] === "ACTIVE" ? "DRAFT" : "ACTIVE"}"`));
        assert.deepStrictEqual(await preview(), { same: 2, update: 1 });
    });
});
