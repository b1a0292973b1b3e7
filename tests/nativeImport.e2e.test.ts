// `pulumi import` through the native door, end to end: plain `pulumi` with the installed plugin tarball
// (tests/support/nativeCli.ts, as tests/nativeYaml.e2e.test.ts) against the emulator over HTTP. A hook key and an
// ApiObject one at a time, then a whole org from the import file the package's import command writes
// (`pulumi-okta-dynamic-import --format import-file`) with `pulumi import --file`. Each import shows import steps and
// no create, the emulator sees no write, and the code `pulumi import` generates, pasted into the program, previews
// with no changes.
import * as assert from "assert";
import { execFile } from "child_process";
import { randomBytes, randomUUID } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { REPO_ROOT } from "../harness/engine";
import { APP, GROUP } from "./fixtures";
import { generatedResources, nativeProject, NativeProject, writesTo } from "./support/nativeCli";

const TOKEN = "native-import-SECRET-token-7d2e";
const PAM_TEAM = "import-team";
/** Writes to objects; a Privileged Access service user's token mint (POST .../service_token) is a sign-in, not one. */
const objectWrites = (emu: Emulator) => writesTo(emu).filter((w) => !w.endsWith("/service_token"));

describe("native plugin: pulumi import of existing objects", function () {
    this.timeout(900_000);
    let emu: Emulator;
    let project: NativeProject;
    let work: string;
    let pulumi: NativeProject["pulumi"];
    let pamKeySecret: string;
    /** The program's resources so far, as `pulumi import` generated them. */
    let resources = "";
    const writeProgram = () => fs.writeFileSync(path.join(work, "Pulumi.yaml"), `name: native-import\nruntime: yaml\n${resources ? `resources:\n${resources}` : ""}`);

    /** `pulumi import` with these arguments: one import step per object, no create, no write; the code it generated. */
    async function importNoWrites(args: string[], count: number): Promise<string> {
        emu.clearLog();
        const out = await pulumi(["import", ...args, "--yes", "--out", "imported.yaml"]);
        assert.match(out, new RegExp(`= ${count} imported`), out);
        assert.doesNotMatch(out, /created|\+ \d+ to create/, out);
        assert.deepStrictEqual(objectWrites(emu), [], "an import sends nothing but GETs");
        return fs.readFileSync(path.join(work, "imported.yaml"), "utf8");
    }

    /** The generated code goes into the program as written, and the program previews with no changes. */
    async function pasteAndPreview(generated: string): Promise<void> {
        resources += generatedResources(generated);
        writeProgram();
        emu.clearLog();
        await pulumi(["preview", "--expect-no-changes"]);
        assert.deepStrictEqual(objectWrites(emu), []);
    }

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN], pam: { team: PAM_TEAM } });
        const serviceUser = emu.pam.addServiceUser({ keyId: randomUUID(), keySecret: randomBytes(48).toString("base64"), name: "pulumi-import" });
        pamKeySecret = serviceUser.keySecret;
        project = await nativeProject("okta-native-import-", "okta-native-import");
        ({ work, pulumi } = project);
        console.log(`      (Pulumi CLI ${project.cliVersion})`);
        writeProgram();
        await pulumi(["stack", "init", "dev"]);
        await pulumi(["config", "set", "oktadynamic:orgUrl", emu.url]);
        await pulumi(["config", "set", "--secret", "oktadynamic:apiToken", TOKEN]);
        await pulumi(["config", "set", "oktadynamic:pamUrl", emu.url]);
        await pulumi(["config", "set", "oktadynamic:pamTeam", PAM_TEAM]);
        await pulumi(["config", "set", "oktadynamic:pamKeyId", serviceUser.keyId]);
        await pulumi(["config", "set", "--secret", "oktadynamic:pamKeySecret", serviceUser.keySecret]);
        await pulumi(["up", "--yes", "--skip-preview"]); // the stack resource, so that an import creates nothing at all
    });
    after(async () => {
        await emu?.stop();
        project?.cleanup();
    });

    it("a hook key by its id: an import step, no create, no write; the generated code previews clean", async () => {
        const key = emu.seedHookKey("native-import-signing");
        const generated = await importNoWrites(["oktadynamic:index:HookKey", "signing", key.id], 1);
        assert.match(generated, /type: oktadynamic:(index:)?HookKey/);
        assert.match(generated, /name: native-import-signing/);
        await pasteAndPreview(generated);
        const stored = (await project.state()).deployment.resources.find((r) => r.type === "oktadynamic:index:HookKey")!;
        assert.strictEqual(stored.id, key.id, "the same Okta id");
    });

    it("an ApiObject by [privileged-access:]<collection path>/<object id>: the same; its id in state is the object's", async () => {
        const key = emu.seedHookKey("native-import-as-object");
        const generated = await importNoWrites(["oktadynamic:index:ApiObject", "object", `/api/v1/hook-keys/${key.id}`], 1);
        assert.match(generated, /type: oktadynamic:(index:)?ApiObject/);
        assert.match(generated, /path: \/api\/v1\/hook-keys/);
        await pasteAndPreview(generated);
        const stored = (await project.state()).deployment.resources.find((r) => r.type === "oktadynamic:index:ApiObject")!;
        assert.strictEqual(stored.id, key.id);
        // A refresh reads it back by that id (it fails if the stored id were still the import form).
        emu.clearLog();
        await pulumi(["refresh", "--yes", "--expect-no-changes"]);
        assert.deepStrictEqual(objectWrites(emu), []);
    });

    it("a Privileged Access object by privileged-access:<collection path>/<object id>: the same", async () => {
        const bundle = emu.pam.seedBundle({ name: "import_create_directories", description: "Made in the admin console", structured_commands: [{ command_type: "executable", command: "/bin/mkdir", args_type: "any" }] });
        const generated = await importNoWrites(["oktadynamic:index:ApiObject", "bundle", `privileged-access:/sudo_command_bundles/${bundle.id}`], 1);
        assert.match(generated, /api: privileged-access/);
        assert.match(generated, /name: import_create_directories/);
        await pasteAndPreview(generated);
        const stored = (await project.state()).deployment.resources.filter((r) => r.type === "oktadynamic:index:ApiObject").map((r) => r.id);
        assert.ok(stored.includes(bundle.id));
        assert.strictEqual(emu.pam.bundles.get(bundle.id)?.description, "Made in the admin console");
        const text = await pulumi(["stack", "export"]);
        assert.ok(!text.includes(pamKeySecret) && !text.includes(TOKEN), "a credential is in the state");
    });

    it("a whole org from the import command's import file: one import step per object, no create, generated code previews clean", async () => {
        const ownerId = emu.teams.find((t) => t.name === "IT")!.id;
        const seeded = [
            emu.seedRequestType({ name: "Group access", ownerId, resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP }] }, approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] }, status: "ACTIVE" }),
            emu.seedRequestType({ name: "group access", description: "same name but for case: the resource names must differ", ownerId, resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP }] }, approvalSettings: { type: "NONE" } }),
            emu.seedRequestType({ name: "App (with questions)", ownerId, resourceSettings: { type: "APPS", targetResources: [{ resourceId: APP }] }, requestSettings: { type: "EVERYONE", requesterFields: [{ prompt: "Why?", type: "TEXT" }] }, approvalSettings: { type: "SERIAL", approvals: [{ approverType: "RESOURCE_OWNER" }] }, accessDuration: "PT8H" }),
        ];
        const key = emu.seedHookKey("Prod signing key");
        emu.seedRequestType({ name: "ui-only-custom", ownerId, resourceSettings: { type: "CUSTOM" } as never, approvalSettings: { type: "CUSTOM" } as never });
        const file = path.join(work, "okta-import.json");
        emu.clearLog();
        // The command as a user runs it (the package's bin), credentials from the environment.
        const said = await new Promise<string>((resolve, reject) =>
            execFile(process.execPath, [path.join(REPO_ROOT, "dist", "sdk", "codegen", "cli.js"), "--format", "import-file", "--out", file, "--org-url", emu.url], { env: { ...process.env, OKTA_API_TOKEN: TOKEN } }, (err, stdout, stderr) =>
                err ? reject(new Error(`the import command failed: ${stderr}`)) : resolve(stderr),
            ),
        );
        assert.deepStrictEqual(writesTo(emu), [], "the command only reads");
        assert.match(said, /skipped "ui-only-custom" \([0-9a-f]{24}\): resourceSettings, approvalSettings of type CUSTOM/);
        const listed = JSON.parse(fs.readFileSync(file, "utf8")) as { resources: { type: string; name: string; id: string }[] };
        // The org's request types but the CUSTOM one, and all its hook keys.
        const expected = emu.requestTypes.size - 1 + emu.hookKeys.size;
        assert.strictEqual(listed.resources.length, expected);
        for (const t of seeded) assert.ok(listed.resources.some((r) => r.type === "oktadynamic:index:RequestType" && r.id === t.id), t.name);
        assert.ok(listed.resources.some((r) => r.type === "oktadynamic:index:HookKey" && r.id === key.id && r.name === "hk-prod-signing-key"));

        // The stack already holds the two hook keys of the tests above, under other names: a user drops them from the
        // file (importing an object twice would make two resources manage it).
        const inStack = new Set((await project.state()).deployment.resources.map((r) => r.id));
        const rest = { resources: listed.resources.filter((r) => !inStack.has(r.id)) };
        fs.writeFileSync(file, JSON.stringify(rest, null, 2));
        const generated = await importNoWrites(["--file", file], rest.resources.length);
        for (const t of seeded) assert.ok(generated.includes(`name: ${t.name}`) || generated.includes(`name: "${t.name}"`) || generated.includes(`name: '${t.name}'`), `${t.name} in the generated code`);
        await pasteAndPreview(generated);
        const stored = (await project.state()).deployment.resources;
        const ids = stored.filter((r) => r.type === "oktadynamic:index:RequestType").map((r) => r.id).sort();
        assert.deepStrictEqual(ids, seeded.map((t) => t.id).sort(), "the same Okta ids");
        assert.ok(stored.some((r) => r.type === "oktadynamic:index:HookKey" && r.id === key.id));
    });
});
