// Moving a stack from the dynamic door to the native door, as docs/native.md ("Moving a stack from the dynamic
// door") tells a user: a TypeScript Automation API inline program (harness/engine.ts) makes a request type and a
// hook key through the dynamic door; then, with plain `pulumi` on the same project folder, stack and backend, the
// dynamic resources and their provider leave the state with `pulumi state delete` (which calls no provider), the
// project becomes a YAML program, and `pulumi import` brings the same Okta objects in through the native plugin.
// The emulator sees no POST, PUT or DELETE during the move, its objects keep their ids, the next preview is empty.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { HookKey, RequestType } from "../sdk";
import { inlineStack, EngineStack } from "../harness/engine";
import { GROUP } from "./fixtures";
import { generatedResources, nativeCli, NativeCli, writesTo } from "./support/nativeCli";

const TOKEN = "native-move-SECRET-token-93b0";
const PROJECT = "okta-move";

describe("moving a stack from the dynamic door to the native door", function () {
    this.timeout(900_000);
    let emu: Emulator;
    let es: EngineStack;
    let cli: NativeCli;

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        const ownerId = emu.teams.find((t) => t.name === "IT")!.id;
        es = await inlineStack({
            projectName: PROJECT,
            program: async () => {
                new RequestType("access", {
                    name: "move-access",
                    description: "Group access with manager approval",
                    ownerId,
                    resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP }] },
                    approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
                    status: "ACTIVE",
                });
                new HookKey("signing", { name: "move-signing" });
            },
            env: { OKTA_ORG_URL: emu.url },
            config: { "okta:apiToken": { value: TOKEN, secret: true } },
        });
    });
    after(async () => {
        await emu?.stop();
        await es?.cleanup();
    });

    it("state delete + pulumi import: same Okta ids, no POST/PUT/DELETE, and the next preview shows no changes", async () => {
        await es.stack.up();
        const dynamicIds = { access: [...emu.requestTypes.values()].find((t) => t.name === "move-access")!.id, signing: [...emu.hookKeys.values()].find((k) => k.name === "move-signing")!.id };

        // From here on, what a user runs in the project folder (the one the inline program's workspace wrote).
        cli = await nativeCli(es.workDir, es.env);
        const { pulumi } = cli;
        emu.clearLog();
        await pulumi(["stack", "select", "dev"]);
        await pulumi(["stack", "export", "--file", "before-move.json"]);
        await pulumi(["config", "set", "oktadynamic:orgUrl", emu.url]);
        await pulumi(["config", "set", "--secret", "oktadynamic:apiToken", TOKEN]);

        const before = (await cli.state()).deployment.resources;
        const dynamic = before.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/okta:"));
        assert.deepStrictEqual(dynamic.map((r) => [r.type, r.id]).sort(), [
            ["pulumi-nodejs:dynamic/okta:HookKey", dynamicIds.signing],
            ["pulumi-nodejs:dynamic/okta:RequestType", dynamicIds.access],
        ]);
        const listing = await pulumi(["stack", "--show-urns", "--show-ids"]);
        for (const r of dynamic) assert.ok(listing.includes(r.urn) && listing.includes(r.id!), `${r.urn} and its id are listed`);
        await pulumi(["state", "delete", ...dynamic.map((r) => r.urn), "--yes"]);
        // The dynamic door's provider is no longer used: out of the state too, so that no later update needs its plugin.
        const provider = before.find((r) => r.type === "pulumi:providers:pulumi-nodejs")!;
        await pulumi(["state", "delete", provider.urn, "--yes"]);

        // The same project and stack, now a YAML program; its resources are the code `pulumi import` writes.
        fs.writeFileSync(path.join(es.workDir, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: yaml\n`);
        let resources = "";
        for (const [type, name, id] of [
            ["oktadynamic:index:RequestType", "access", dynamicIds.access],
            ["oktadynamic:index:HookKey", "signing", dynamicIds.signing],
        ]) {
            const out = await pulumi(["import", type, name, id, "--yes", "--out", `${name}.yaml`]);
            assert.match(out, /= 1 imported/);
            assert.doesNotMatch(out, /created|deleted/);
            resources += generatedResources(fs.readFileSync(path.join(es.workDir, `${name}.yaml`), "utf8"));
        }
        fs.writeFileSync(path.join(es.workDir, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: yaml\nresources:\n${resources}`);
        assert.match(await pulumi(["preview", "--expect-no-changes"]), /3 unchanged/); // the stack, the request type, the hook key

        assert.deepStrictEqual(writesTo(emu), [], "the move sent only GETs");
        const after = (await cli.state()).deployment.resources;
        assert.deepStrictEqual(after.filter((r) => r.type.includes("pulumi-nodejs")), [], "nothing of the dynamic door is left");
        assert.deepStrictEqual(after.filter((r) => r.type.startsWith("oktadynamic:index:")).map((r) => [r.type, r.id]).sort(), [
            ["oktadynamic:index:HookKey", dynamicIds.signing],
            ["oktadynamic:index:RequestType", dynamicIds.access],
        ]);
        assert.strictEqual(emu.requestTypes.get(dynamicIds.access)?.name, "move-access", "the request type is still there, same id");
        assert.strictEqual(emu.hookKeys.get(dynamicIds.signing)?.name, "move-signing", "the hook key is still there, same id");
        assert.strictEqual(emu.requestTypes.get(dynamicIds.access)?.status, "ACTIVE");
    });
});
