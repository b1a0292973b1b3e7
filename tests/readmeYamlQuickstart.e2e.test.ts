// The YAML quickstart (docs/quickstarts.md, the README's) under plain `pulumi` with the plugin installed from a clone's
// build as docs/native.md says (no download: tests/quickstarts.e2e.test.ts runs it with the engine downloading the
// released plugin), against the emulator with its default token: docs/native.md's install line, the quickstart's
// `pulumi stack init` and `config set` lines (the org URL pointed at this emulator's port, the token the page's user
// types given as the value), its Pulumi.yaml; then up, a preview with no changes, destroy. Twice: with the plugin
// `npm run plugin` builds (a launcher that runs node), and with the released linux-amd64 single executable (`npm run release`),
// on a PATH holding only the CLI and the YAML language host (no node), as on a machine without Node.js.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { startEmulator, Emulator } from "../emulator";
import { REPO_ROOT } from "../harness/engine";
import { buildPlugin, nativeWorkspace, NativeWorkspace, releasedPlugin } from "./support/nativeWorkspace";
import { NativeQuickstart, nativeQuickstart } from "./support/nativeQuickstart";

const flavours = [
    { standalone: false, title: "the plugin `npm run plugin` builds" },
    { standalone: true, title: "the released linux-amd64 single executable, and no node on PATH" },
];

for (const { standalone, title } of flavours) {
    describe(`the YAML quickstart, with ${title}`, function () {
        this.timeout(900_000);
        let qs: NativeQuickstart;
        let emu: Emulator;
        let ws: NativeWorkspace;
        const outputs = async () => JSON.parse(await ws.pulumi(["stack", "output", "--json"], { stdoutOnly: true })) as Record<string, unknown>;

        before(async () => {
            qs = nativeQuickstart();
            emu = await startEmulator(); // as `npx okta-emulator` starts it: the token test-token
            ws = nativeWorkspace("readme-yaml", { yamlHost: true, inheritPath: !standalone });
            const tarball = standalone ? releasedPlugin() : buildPlugin();
            if (standalone) {
                const withNode = ws.env.PATH!.split(path.delimiter).filter((d) => fs.existsSync(path.join(d, "node")));
                assert.deepStrictEqual(withNode, [], "a node is on the test's PATH");
                await ws.installPlugin(tarball);
            } else {
                assert.strictEqual(qs.install[qs.install.indexOf("--file") + 1], tarball, "docs/native.md installs another tarball than `npm run plugin` builds");
                await ws.pulumi(qs.install);
            }
            fs.writeFileSync(path.join(ws.work, "Pulumi.yaml"), qs.yaml);
            for (const args of qs.setup("test-token")) await ws.pulumi(args.map((a) => (a === qs.orgUrl ? emu.url : a)));
        });
        after(async () => {
            await emu?.stop();
            ws?.cleanup();
        });

        it("pulumi package get-schema answers with the checked-in schema's package, version, resources and functions", async () => {
            // The CLI passes the schema through its own model (dropping empty property lists), so not byte for byte.
            type Schema = { name: string; version: string; resources: object; functions: object };
            const pick = (s: Schema) => [s.name, s.version, Object.keys(s.resources).sort(), Object.keys(s.functions).sort()];
            const answered = JSON.parse(await ws.pulumi(["package", "get-schema", "oktadynamic"], { stdoutOnly: true })) as Schema;
            assert.deepStrictEqual(pick(answered), pick(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "native", "schema.json"), "utf8")) as Schema));
        });

        it("pulumi up creates the request type it declares, owned by the team getTeam found", async () => {
            await ws.pulumi(["up", "--yes"]);
            const declared = (yaml.load(qs.yaml) as { resources: Record<string, { properties: { name: string; status: string } }> }).resources.access.properties;
            const made = [...emu.requestTypes.values()];
            assert.deepStrictEqual(made.map((t) => [t.name, t.status, t.ownerId]), [[declared.name, declared.status, emu.teams.find((t) => t.name === "IT")!.id]]);
            assert.deepStrictEqual(await outputs(), { requestTypeId: made[0].id });
        });

        if (standalone) {
            it("the launcher `npm run plugin` builds says, on this PATH, that it needs Node.js and what to install instead", () => {
                const launcher = path.join(REPO_ROOT, "dist", "plugin", "stage", "pulumi-resource-oktadynamic");
                const r = spawnSync(launcher, [], { env: ws.env, encoding: "utf8" });
                assert.strictEqual(r.status, 1);
                assert.match(r.stderr, /needs Node\.js 22 or later on PATH; without Node\.js, install the standalone plugin \(npm run plugin:sea, see docs\/native\.md\)/);
            });
        }

        it("a preview shows no changes, and destroy deletes it", async () => {
            await ws.pulumi(["preview", "--expect-no-changes"]);
            await ws.pulumi(["destroy", "--yes"]);
            assert.strictEqual(emu.requestTypes.size, 0);
        });
    });
}
