// The released linux-arm64 plugin, run here under Debian's qemu-user (qemu-aarch64 with the arm64 glibc and
// libstdc++ of libc6-arm64-cross and libstdc++6-arm64-cross as its sysroot; .ci/run installs them): installed from
// its tarball with `pulumi plugin install --file` as users install it, then the installed executable moved aside
// for a two-line wrapper that execs it under qemu (no binfmt_misc here), so the engine starts it as a plugin.
// Through plain `pulumi` on a PATH with no node: get-schema, and the README's YAML quickstart up, a preview with
// no changes, destroy, against the emulator. Without qemu it fails saying what to install.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { REPO_ROOT } from "../harness/engine";
import { nativeWorkspace, NativeWorkspace, PLUGIN_VERSION } from "./support/nativeWorkspace";
import { NativeQuickstart, nativeQuickstart } from "./support/nativeQuickstart";
import { readExecutable } from "./support/executableFormats";
import { pluginTarball, releaseDir } from "./support/release";

const QEMU = "/usr/bin/qemu-aarch64";
const SYSROOT = "/usr/aarch64-linux-gnu";

describe("the released linux-arm64 plugin, under qemu-aarch64", function () {
    this.timeout(1_800_000);
    let qs: NativeQuickstart;
    let emu: Emulator;
    let ws: NativeWorkspace;
    let log: string;
    const starts = () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean).length : 0);

    before(async () => {
        assert.ok(fs.existsSync(QEMU) && fs.existsSync(path.join(SYSROOT, "lib", "ld-linux-aarch64.so.1")), `needs ${QEMU} and ${SYSROOT}: apt-get install qemu-user libc6-arm64-cross libstdc++6-arm64-cross libatomic1-arm64-cross`);
        const tarball = path.join(releaseDir(), pluginTarball("linux-arm64"));
        qs = nativeQuickstart();
        emu = await startEmulator();
        ws = nativeWorkspace("release-arm64", { yamlHost: true, inheritPath: false });
        await ws.installPlugin(tarball);
        const dir = path.join(ws.env.PULUMI_HOME!, "plugins", `resource-oktadynamic-v${PLUGIN_VERSION}`);
        const exe = path.join(dir, "pulumi-resource-oktadynamic");
        assert.strictEqual(readExecutable(fs.readFileSync(exe)).cpu, "arm64", "the installed executable is not the arm64 one");
        fs.renameSync(exe, `${exe}.aarch64`);
        log = path.join(dir, "qemu-starts.log");
        fs.writeFileSync(exe, `#!/bin/sh\necho "$$" >> "${log}"\nexec ${QEMU} -L ${SYSROOT} "$0.aarch64" "$@"\n`, { mode: 0o755 });
        fs.writeFileSync(path.join(ws.work, "Pulumi.yaml"), qs.yaml);
        for (const args of qs.setup("test-token")) await ws.pulumi(args.map((a) => (a === qs.orgUrl ? emu.url : a)));
    });
    after(async () => {
        await emu?.stop();
        ws?.cleanup();
    });

    it("pulumi package get-schema answers with the checked-in schema's package, version, resources and functions", async () => {
        type Schema = { name: string; version: string; resources: object; functions: object };
        const pick = (s: Schema) => [s.name, s.version, Object.keys(s.resources).sort(), Object.keys(s.functions).sort()];
        const before = starts();
        const answered = JSON.parse(await ws.pulumi(["package", "get-schema", "oktadynamic"], { stdoutOnly: true })) as Schema;
        assert.deepStrictEqual(pick(answered), pick(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "native", "schema.json"), "utf8")) as Schema));
        assert.ok(starts() > before, "the engine did not start the plugin through qemu");
    });

    it("pulumi up creates the README's request type, a preview shows no changes, destroy deletes it", async () => {
        const before = starts();
        await ws.pulumi(["up", "--yes"]);
        assert.strictEqual(emu.requestTypes.size, 1);
        await ws.pulumi(["preview", "--expect-no-changes"]);
        await ws.pulumi(["destroy", "--yes"]);
        assert.strictEqual(emu.requestTypes.size, 0);
        assert.ok(starts() >= before + 3, `the engine started the plugin ${starts() - before} times through qemu for up, preview and destroy`);
    });
});
