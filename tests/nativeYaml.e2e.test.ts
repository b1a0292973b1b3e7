// The native door end to end, as a user of any Pulumi language runs it: the plugin tarball (`npm run plugin`) installed
// with `pulumi plugin install --file`, a YAML program under plain `pulumi` (the YAML language host built by
// scripts/pulumi-yaml.sh), against the emulator over HTTP. Create a request type and a hook key with the team from
// the getTeam function, preview with no changes, a status change as one update and one call, refresh after an
// out-of-band change, `pulumi import` whose generated code previews clean, destroy.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { GROUP } from "./fixtures";
import { buildPlugin, nativeWorkspace, NativeWorkspace } from "./support/nativeWorkspace";
import { MIN_PULUMI_CLI } from "../native/config";

const TOKEN = "native-e2e-SECRET-token-41c9";

const program = (status: "DRAFT" | "ACTIVE", extra = "") => `name: native-e2e
runtime: yaml
variables:
  it:
    fn::invoke:
      function: oktadynamic:index:getTeam
      arguments:
        name: IT
resources:
${extra}  access:
    type: oktadynamic:index:RequestType
    properties:
      name: native-e2e-access
      description: Group access with manager approval
      ownerId: \${it.id}
      resourceSettings:
        type: GROUPS
        targetResources:
          - resourceId: ${GROUP}
      approvalSettings:
        type: SERIAL
        approvals:
          - approverType: MANAGER
      status: ${status}
  signing:
    type: oktadynamic:index:HookKey
    properties:
      name: native-e2e-key
outputs:
  status: \${access.status}
  publicKeyPem: \${signing.publicKeyPem}
`;

const newer = (a: string, b: string) => {
    const [x, y] = [a, b].map((v) => v.replace(/^v/, "").split(/[.-]/).slice(0, 3).map(Number));
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
    return false;
};

describe("native plugin: a YAML program under plain pulumi", function () {
    this.timeout(900_000);
    let emu: Emulator;
    let ws: NativeWorkspace;
    let work: string;
    let cliVersion: string;
    const writes = () => emu.log.filter((l) => l.method !== "GET").map((l) => `${l.method} ${l.path.replace(/[0-9a-f]{24}|[0-9a-zA-Z]{20}/g, "{id}")}`);

    /** Runs the CLI: stdout and stderr together, or stdout alone with `stdoutOnly`. */
    const pulumi = (args: string[], expectFail = false, stdoutOnly = false) => ws.pulumi(args, { expectFail, stdoutOnly });
    const state = async () => JSON.parse(await pulumi(["stack", "export"], false, true)) as { deployment: { resources: { type: string; id?: string; outputs?: Record<string, unknown> }[] } };

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        ws = nativeWorkspace("native-e2e", { yamlHost: true });
        work = ws.work;
        cliVersion = (await pulumi(["version"], false, true)).trim();
        console.log(`      (Pulumi CLI ${cliVersion})`);
        // The plugin as users get it: the tarball `npm run plugin` builds, installed by the CLI.
        await ws.installPlugin(buildPlugin());
        fs.writeFileSync(path.join(work, "Pulumi.yaml"), program("DRAFT"));
        await pulumi(["stack", "init", "dev"]);
        await pulumi(["config", "set", "oktadynamic:orgUrl", emu.url]);
        await pulumi(["config", "set", "--secret", "oktadynamic:apiToken", TOKEN]);
    });
    after(async () => {
        await emu?.stop();
        ws?.cleanup();
    });

    it(`runs on a CLI at or above the native door's stated minimum (${MIN_PULUMI_CLI})`, () => {
        assert.ok(!newer(MIN_PULUMI_CLI, cliVersion), `the native door needs Pulumi CLI ${MIN_PULUMI_CLI} or later (docs/native.md); this leg has ${cliVersion}`);
    });

    it("up creates the request type, owned by the team getTeam found, and the hook key: two POSTs, no credential in state", async () => {
        emu.clearLog();
        await pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepStrictEqual(writes().sort(), ["POST /api/v1/hook-keys", "POST /governance/api/v1/request-types"]);
        const rt = [...emu.requestTypes.values()].find((t) => t.name === "native-e2e-access")!;
        assert.strictEqual(rt.ownerId, emu.teams.find((t) => t.name === "IT")!.id);
        assert.ok([...emu.hookKeys.values()].some((k) => k.name === "native-e2e-key"));
        const text = await pulumi(["stack", "export"]);
        assert.ok(!text.includes(TOKEN), "the token is in the state");
    });

    it("preview shows no changes; with a refused token it fails naming the native config key, token unshown", async () => {
        await pulumi(["preview", "--expect-no-changes"]);
        await pulumi(["config", "set", "--secret", "oktadynamic:apiToken", "not-a-token"]);
        try {
            const out = await pulumi(["preview"], true);
            // The getTeam function is the first call of this program; without it, the first Check says the same
            // through provider/verifyAccess.ts (tests/nativeDoor.test.ts).
            assert.match(out, /the credential from config oktadynamic:apiToken was refused/);
            assert.ok(!out.includes("not-a-token"));
        } finally {
            await pulumi(["config", "set", "--secret", "oktadynamic:apiToken", TOKEN]);
        }
    });

    it("a status change is one update and one call (publish)", async () => {
        fs.writeFileSync(path.join(work, "Pulumi.yaml"), program("ACTIVE"));
        emu.clearLog();
        const out = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.match(out, /1 updated/);
        assert.deepStrictEqual(writes(), ["POST /governance/api/v1/request-types/{id}/publish"]);
        assert.strictEqual([...emu.requestTypes.values()].find((t) => t.name === "native-e2e-access")!.status, "ACTIVE");
    });

    it("refresh takes in an out-of-band change; the next up puts the declared state back with one call", async () => {
        const rt = [...emu.requestTypes.values()].find((t) => t.name === "native-e2e-access")!;
        rt.status = "DRAFT"; // un-published in the admin UI
        await pulumi(["refresh", "--yes"]);
        const after = (await state()).deployment.resources.find((r) => r.type === "oktadynamic:index:RequestType")!;
        assert.strictEqual(after.outputs!.status, "DRAFT");
        assert.match(await pulumi(["preview"]), /~ 1 to update/);
        emu.clearLog();
        await pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepStrictEqual(writes(), ["POST /governance/api/v1/request-types/{id}/publish"]);
        await pulumi(["refresh", "--yes", "--expect-no-changes"]);
    });

    it("pulumi import brings an existing request type in with no create, and the generated code previews clean", async () => {
        const made = emu.seedRequestType({
            name: "native-e2e-outside",
            ownerId: emu.teams.find((t) => t.name === "IT")!.id,
            resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP }] },
            approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
        });
        emu.clearLog();
        const out = await pulumi(["import", "oktadynamic:index:RequestType", "outside", made.id, "--yes", "--out", "imported.yaml"]);
        assert.match(out, /= 1 imported/);
        assert.doesNotMatch(out, /created/);
        assert.deepStrictEqual(writes(), [], "an import sends nothing but GETs");
        const generated = fs.readFileSync(path.join(work, "imported.yaml"), "utf8");
        assert.match(generated, /type: oktadynamic:(index:)?RequestType/);
        assert.match(generated, /name: native-e2e-outside/);
        // The generated resource goes into the program as written, and the program then previews with no changes.
        const resources = generated.replace(/^resources:\n/, "");
        fs.writeFileSync(path.join(work, "Pulumi.yaml"), program("ACTIVE", resources));
        await pulumi(["preview", "--expect-no-changes"]);
    });

    it("destroy deletes all three (the imported one is protected by `pulumi import`: unprotect first)", async () => {
        await pulumi(["state", "unprotect", "--all", "--yes"]);
        emu.clearLog();
        await pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.deepStrictEqual(writes().sort(), ["DELETE /api/v1/hook-keys/{id}", "DELETE /governance/api/v1/request-types/{id}", "DELETE /governance/api/v1/request-types/{id}"]);
        assert.strictEqual([...emu.requestTypes.values()].filter((t) => t.name.startsWith("native-e2e")).length, 0);
    });

    it("an explicit provider resource (pulumi:providers:oktadynamic) works on a second org beside the stack's", async () => {
        const other = await startEmulator({ tokens: ["other-org-SECRET-4f1"] });
        try {
            fs.writeFileSync(
                path.join(work, "Pulumi.yaml"),
                `name: native-e2e
runtime: yaml
resources:
  orgB:
    type: pulumi:providers:oktadynamic
    properties:
      orgUrl: ${other.url}
      apiToken:
        fn::secret: other-org-SECRET-4f1
  keyA:
    type: oktadynamic:index:HookKey
    properties:
      name: native-e2e-in-a
  keyB:
    type: oktadynamic:index:HookKey
    properties:
      name: native-e2e-in-b
    options:
      provider: \${orgB}
`,
            );
            await pulumi(["up", "--yes", "--skip-preview"]);
            assert.deepStrictEqual([...emu.hookKeys.values()].map((k) => k.name), ["native-e2e-in-a"]);
            assert.deepStrictEqual([...other.hookKeys.values()].map((k) => k.name), ["native-e2e-in-b"]);
            assert.ok(!(await pulumi(["stack", "export"])).includes("other-org-SECRET-4f1"), "the explicit provider's token is in the state");
            await pulumi(["preview", "--expect-no-changes"]);
            await pulumi(["destroy", "--yes", "--skip-preview"]);
            assert.strictEqual(other.hookKeys.size, 0);
        } finally {
            await other.stop();
        }
    });
});
