// The native provider's configuration through the real engine and the YAML host (native/checkConfig.ts): a token
// set with `pulumi config set` but without `--secret` is kept secret in the provider's state, as bridged providers do,
// and a bad provider configuration fails the preview, naming its key, before any resource or any call to Okta.
// Before, CheckConfig went unanswered: the token stayed in clear in the default provider's inputs, and a preview of
// a program holding only a provider passed whatever its orgUrl said.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { nativeProject, NativeProject } from "./support/nativeCli";

const TOKEN = "native-config-SECRET-token-c07a";
const SIG = "4dabf18193072939515e22adb298388d";

/** Every file under `dir`, recursively. */
function files(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe("native plugin: the provider's configuration checked by CheckConfig (real engine, YAML)", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let project: NativeProject;

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        project = await nativeProject("okta-native-config-", "okta-native-config");
        console.log(`      (Pulumi CLI ${project.cliVersion})`);
        fs.writeFileSync(path.join(project.work, "Pulumi.yaml"), "name: native-config\nruntime: yaml\n");
        await project.pulumi(["stack", "init", "dev"]);
    });
    after(async () => {
        await emu?.stop();
        project?.cleanup();
    });

    it("apiToken set without --secret: up works, and the token is nowhere in clear in `pulumi stack export` or the backend's files (but the CLI's own copy of the stack config)", async () => {
        const { pulumi, work, root } = project;
        fs.writeFileSync(path.join(work, "Pulumi.yaml"), "name: native-config\nruntime: yaml\nresources:\n  key:\n    type: oktadynamic:index:HookKey\n    properties:\n      name: native-config-key\n");
        await pulumi(["config", "set", "oktadynamic:orgUrl", emu.url]);
        // No --secret: the CLI would guess this one is a secret and ask, so it is stored in plain text as told.
        await pulumi(["config", "set", "--plaintext", "oktadynamic:apiToken", TOKEN]);
        await pulumi(["up", "--yes", "--skip-preview"]);
        assert.deepStrictEqual([...emu.hookKeys.values()].map((k) => k.name), ["native-config-key"]);
        const exported = await pulumi(["stack", "export"], false, true);
        assert.ok(!exported.includes(TOKEN), "the token is in clear in the exported state");
        const provider = (JSON.parse(exported) as { deployment: { resources: { type: string; inputs?: Record<string, { [SIG]?: string; ciphertext?: string }> }[] } }).deployment.resources.find(
            (r) => r.type === "pulumi:providers:oktadynamic",
        );
        assert.ok(provider?.inputs?.apiToken?.[SIG] && provider.inputs.apiToken.ciphertext, `the default provider's apiToken is a secret: ${JSON.stringify(provider?.inputs?.apiToken)}`);
        // The CLI's update history records the stack config it ran with, as Pulumi.dev.yaml holds it (here in plain
        // text, as told): that copy is Pulumi's, written before any plugin runs. Everything else must be clean.
        const backend = files(path.join(root, "backend"));
        assert.ok(backend.some((f) => f.includes(`${path.sep}stacks${path.sep}`)), `the backend holds the state: ${backend.join(", ")}`);
        for (const f of backend) {
            const text = fs.readFileSync(f, "utf8");
            const rest = f.endsWith(".history.json") ? JSON.stringify({ ...(JSON.parse(text) as object), config: undefined }) : text;
            assert.ok(!rest.includes(TOKEN), `the token is in clear in ${path.relative(root, f)}`);
        }
        await pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.strictEqual(emu.hookKeys.size, 0);
    });

    it("a preview of a program holding only an explicit provider with a bad orgUrl fails, naming oktadynamic:orgUrl, and calls nothing", async () => {
        const { pulumi, work } = project;
        fs.writeFileSync(
            path.join(work, "Pulumi.yaml"),
            `name: native-config\nruntime: yaml\nresources:\n  remote:\n    type: pulumi:providers:oktadynamic\n    properties:\n      orgUrl: http://acme.okta.example\n      apiToken:\n        fn::secret: ${TOKEN}\n`,
        );
        emu.clearLog();
        const out = await pulumi(["preview"], true);
        assert.match(out, /oktadynamic:orgUrl: plain http is refused for acme\.okta\.example; use https/);
        assert.ok(!out.includes(TOKEN));
        assert.deepStrictEqual(emu.log, []);
    });
});
