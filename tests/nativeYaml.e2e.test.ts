// The native door end to end, as a user of any Pulumi language runs it: the plugin tarball (`npm run plugin`) installed
// with `pulumi plugin install --file`, a YAML program under plain `pulumi` (the YAML language host built by
// tools/pulumi-yaml.sh), against the emulator over HTTP. Create a request type and a hook key with the team from
// the getTeam function, preview with no changes, a status change as one update and one call, refresh after an
// out-of-band change, `pulumi import` whose generated code previews clean, destroy.
import * as assert from "assert";
import { generateKeyPairSync, randomBytes, randomUUID } from "crypto";
import { decodeProtectedHeader } from "jose";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { GROUP } from "./fixtures";
import { MIN_PULUMI_CLI } from "../native/config";
import { generatedResources, nativeProject, NativeProject, writesTo } from "./support/nativeCli";

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
    let project: NativeProject;
    let work: string;
    let cliVersion: string;
    let pulumi: NativeProject["pulumi"];
    let state: NativeProject["state"];
    const writes = () => writesTo(emu);

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        project = await nativeProject("okta-native-e2e-", "okta-native-e2e");
        ({ work, cliVersion, pulumi, state } = project);
        console.log(`      (Pulumi CLI ${cliVersion})`);
        fs.writeFileSync(path.join(work, "Pulumi.yaml"), program("DRAFT"));
        await pulumi(["stack", "init", "dev"]);
        await pulumi(["config", "set", "oktadynamic:orgUrl", emu.url]);
        await pulumi(["config", "set", "--secret", "oktadynamic:apiToken", TOKEN]);
    });
    after(async () => {
        await emu?.stop();
        project?.cleanup();
    });

    it(`runs on a CLI at or above the native door's stated minimum (${MIN_PULUMI_CLI})`, () => {
        assert.ok(!newer(MIN_PULUMI_CLI, cliVersion), `the native door needs Pulumi CLI ${MIN_PULUMI_CLI} or later (docs/native.md); this leg has ${cliVersion}`);
    });

    it("up creates the request type, owned by the team getTeam found, and the hook key: two POSTs, no credential in state", async () => {
        emu.clearLog();
        await pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepStrictEqual(writes().sort(), ["POST /api/v1/hook-keys", "POST /governance/api/v1/request-types"]);
        // The installed plugin names the package's version (not that of a package.json it finds beside the install).
        const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
        assert.deepStrictEqual([...new Set(emu.log.map((l) => l.userAgent?.split(" ")[0]))], [`pulumi-okta-dynamic/${version}`]);
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
        fs.writeFileSync(path.join(work, "Pulumi.yaml"), program("ACTIVE", generatedResources(generated)));
        await pulumi(["preview", "--expect-no-changes"]);
    });

    it("destroy deletes all three (the imported one is protected by `pulumi import`: unprotect first)", async () => {
        await pulumi(["state", "unprotect", "--all", "--yes"]);
        emu.clearLog();
        await pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.deepStrictEqual(writes().sort(), ["DELETE /api/v1/hook-keys/{id}", "DELETE /governance/api/v1/request-types/{id}", "DELETE /governance/api/v1/request-types/{id}"]);
        assert.strictEqual([...emu.requestTypes.values()].filter((t) => t.name.startsWith("native-e2e")).length, 0);
    });

    it("an explicit provider resource (pulumi:providers:oktadynamic) works on a second org beside the stack's; rotating its token changes no resource", async () => {
        const other = await startEmulator({ tokens: ["other-org-SECRET-4f1", "other-org-SECRET-rotated-9b2"] });
        const withToken = (token: string) =>
            `name: native-e2e
runtime: yaml
resources:
  orgB:
    type: pulumi:providers:oktadynamic
    properties:
      orgUrl: ${other.url}
      apiToken:
        fn::secret: ${token}
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
`;
        try {
            fs.writeFileSync(path.join(work, "Pulumi.yaml"), withToken("other-org-SECRET-4f1"));
            await pulumi(["up", "--yes", "--skip-preview"]);
            assert.deepStrictEqual([...emu.hookKeys.values()].map((k) => k.name), ["native-e2e-in-a"]);
            assert.deepStrictEqual([...other.hookKeys.values()].map((k) => k.name), ["native-e2e-in-b"]);
            assert.ok(!(await pulumi(["stack", "export"])).includes("other-org-SECRET-4f1"), "the explicit provider's token is in the state");
            await pulumi(["preview", "--expect-no-changes"]);
            // A rotated token (native/configDiff.ts): the provider is updated in place, no resource changes, nothing is written.
            fs.writeFileSync(path.join(work, "Pulumi.yaml"), withToken("other-org-SECRET-rotated-9b2"));
            other.clearLog();
            const rotated = await pulumi(["up", "--yes", "--skip-preview", "--diff"]);
            assert.match(rotated, /~ 1 updated/);
            assert.match(rotated, /3 unchanged/);
            assert.doesNotMatch(rotated, /created|replaced|deleted/);
            assert.doesNotMatch(rotated, /other-org-SECRET/);
            assert.deepStrictEqual(other.log.map((l) => `${l.method} ${l.path}`), ["GET /api/v1/users/me"], "the new token is verified with one read, and nothing is written");
            assert.strictEqual(other.log[0].authScheme, "SSWS");
            await pulumi(["preview", "--expect-no-changes"]);
            await pulumi(["destroy", "--yes", "--skip-preview"]);
            assert.strictEqual(other.hookKeys.size, 0);
        } finally {
            await other.stop();
        }
    });

    it("an explicit provider with a DPoP service app's private key and a Privileged Access key: both managed, keys in no state, output or error; rotating them writes nothing; another org is refused", async () => {
        const TEAM = "platform";
        const svc = await startEmulator({ pam: { team: TEAM }, logSecrets: true }); // the log keeps the assertions, to search for them
        const elsewhere = await startEmulator({ pam: { team: TEAM } });
        const texts: string[] = []; // everything the CLI printed in this test
        const run = async (args: string[], expectFail = false) => {
            const out = await pulumi(args, expectFail);
            texts.push(out);
            return out;
        };
        const newKey = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
        const keys = [newKey(), newKey()];
        const pems = keys.map((k) => k.privateKey.export({ type: "pkcs8", format: "pem" }) as string);
        const pamUsers = [0, 1].map((i) => svc.pam.addServiceUser({ keyId: randomUUID(), keySecret: `pam-SECRET-${i}-${randomBytes(32).toString("base64")}`, name: "pulumi-svc" }));
        for (const o of [svc, elsewhere]) o.registerServiceApp({ clientId: "0oae2esvc", publicJwk: keys[0].publicKey, scopes: ["okta.inlineHooks.manage"], requireDpop: true });
        // A user keeps the keys in stack config as secrets; the program hands them to the provider.
        const useKeys = async (i: number) => {
            await pulumi(["config", "set", "--secret", "svcPrivateKey", "--", pems[i]]);
            await pulumi(["config", "set", "--secret", "pamKeySecret", "--", pamUsers[i].keySecret]);
        };
        const program = (i: number, orgUrl = svc.url) => `name: native-e2e
runtime: yaml
config:
  svcPrivateKey:
    type: string
    secret: true
  pamKeySecret:
    type: string
    secret: true
resources:
  svc:
    type: pulumi:providers:oktadynamic
    properties:
      orgUrl: ${orgUrl}
      clientId: 0oae2esvc
      privateKey: \${svcPrivateKey}
      privateKeyId: kid-${i}
      scopes: [okta.inlineHooks.manage]
      dpop: true
      pamUrl: ${svc.url}
      pamTeam: ${TEAM}
      pamKeyId: ${pamUsers[i].keyId}
      pamKeySecret: \${pamKeySecret}
  svcKey:
    type: oktadynamic:index:HookKey
    properties:
      name: native-e2e-svc-key
    options:
      provider: \${svc}
  sudo:
    type: oktadynamic:index:ApiObject
    properties:
      api: privileged-access
      path: /sudo_command_bundles
      data:
        name: native_e2e_sudo
        structured_commands:
          - command_type: executable
            command: /bin/systemctl
            args_type: any
    options:
      provider: \${svc}
outputs:
  keyId: \${svcKey.keyId}
`;
        const svcWrites = () => svc.log.filter((l) => l.method !== "GET" && !/\/(oauth2\/v1\/token|service_token)$/.test(l.path)).map((l) => `${l.method} ${l.path.replace(/[0-9a-f-]{36}|HKY\w+/g, "{id}")}`);
        const lastAssertionKid = () => {
            const a = [...svc.log].reverse().find((l) => (l.body as { client_assertion?: string } | undefined)?.client_assertion);
            return decodeProtectedHeader((a!.body as { client_assertion: string }).client_assertion).kid;
        };
        try {
            await useKeys(0);
            fs.writeFileSync(path.join(work, "Pulumi.yaml"), program(0));
            await run(["up", "--yes", "--skip-preview"]);
            assert.deepStrictEqual(svcWrites().sort(), ["POST /api/v1/hook-keys", `POST /v1/teams/${TEAM}/sudo_command_bundles`]);
            assert.ok(svc.log.filter((l) => l.path === "/api/v1/hook-keys").every((l) => l.authScheme === "DPoP"), "the hook key calls carry DPoP proofs");
            assert.strictEqual(lastAssertionKid(), "kid-0");
            assert.strictEqual([...svc.pam.bundles.values()][0].created_by, "pulumi-svc");
            await run(["preview", "--expect-no-changes"]);

            // Rotation: a new key pair (and kid) for the service app, the service user's second key. The provider is
            // updated in place; no resource changes and nothing is written, and the new keys are the ones used.
            for (const o of [svc, elsewhere]) o.registerServiceApp({ clientId: "0oae2esvc", publicJwk: keys[1].publicKey, scopes: ["okta.inlineHooks.manage"], requireDpop: true });
            await useKeys(1);
            fs.writeFileSync(path.join(work, "Pulumi.yaml"), program(1));
            svc.clearLog();
            const rotated = await run(["up", "--yes", "--skip-preview", "--diff"]);
            assert.match(rotated, /~ 1 updated/);
            assert.doesNotMatch(rotated, /created|replaced|deleted/);
            assert.match(rotated, /privateKeyId/);
            assert.deepStrictEqual(svcWrites(), []);
            assert.strictEqual(lastAssertionKid(), "kid-1");
            assert.strictEqual((svc.log.find((l) => l.path.endsWith("/service_token"))!.body as { key_id: string }).key_id, pamUsers[1].keyId);
            await run(["preview", "--expect-no-changes"]);

            // Another org: the hook key refuses (it was made in svc), naming both orgs; the sudo bundle's team is unchanged.
            fs.writeFileSync(path.join(work, "Pulumi.yaml"), program(1, elsewhere.url));
            svc.clearLog();
            const moved = await run(["preview", "--diff"], true);
            assert.match(moved, new RegExp(`hook key native-e2e-svc-key was created in ${svc.url}, but its provider is now configured for ${elsewhere.url}\\. Refusing to act on another org`));
            assert.deepStrictEqual([svcWrites(), elsewhere.log.filter((l) => l.method !== "GET" && !l.path.endsWith("/token")).length], [[], 0]);
            fs.writeFileSync(path.join(work, "Pulumi.yaml"), program(1));

            // A key the org refuses: the message names the keys that set it, and shows none.
            svc.registerServiceApp({ clientId: "0oae2esvc", publicJwk: keys[0].publicKey, scopes: ["okta.inlineHooks.manage"], requireDpop: true });
            assert.match(await run(["preview"], true), /Okta refused the service app token \(401 invalid_client: .*\) for client 0oae2esvc .*configured by config oktadynamic:clientId\/privateKey/);
            svc.registerServiceApp({ clientId: "0oae2esvc", publicJwk: keys[1].publicKey, scopes: ["okta.inlineHooks.manage"], requireDpop: true });

            texts.push(await pulumi(["stack", "export"]), fs.readFileSync(path.join(work, "Pulumi.dev.yaml"), "utf8"));
            await run(["destroy", "--yes", "--skip-preview"]);
            assert.strictEqual(svc.hookKeys.size + svc.pam.bundles.size, 0);
            const backend = fs.readdirSync(path.join(project.root, "backend"), { recursive: true }).map(String).filter((f) => f.endsWith(".json"));
            for (const f of backend) texts.push(fs.readFileSync(path.join(project.root, "backend", f), "utf8"));
            const credentials = [
                ...pems.flatMap((p) => p.split("\n").filter((l) => l.length >= 40 && !l.startsWith("-----"))),
                ...pamUsers.map((u) => u.keySecret),
                ...svc.log.flatMap((l) => (l.body as { client_assertion?: string } | undefined)?.client_assertion ?? []),
            ];
            assert.ok(credentials.length >= 40 && texts.length >= 8 && backend.length > 0);
            for (const c of credentials) for (const t of texts) assert.ok(!t.includes(c), `a key is in the output or state: ...${t.slice(Math.max(0, t.indexOf(c) - 200), t.indexOf(c))}`);
        } finally {
            await svc.stop();
            await elsewhere.stop();
        }
    });
});
