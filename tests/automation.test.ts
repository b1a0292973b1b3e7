// dynamicProviderEnv resolves the plugin and the package as the engine's plugin does: from the workDir up.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { dynamicProviderEnv } from "../sdk/automation";
import { REPO_ROOT } from "../harness/engine";

describe("dynamicProviderEnv", () => {
    it("from the project folder or a folder below it (a compiled program in bin/), puts the project's @pulumi/pulumi first on PATH", () => {
        const want = path.join(fs.realpathSync(REPO_ROOT), "node_modules", "@pulumi", "pulumi");
        for (const workDir of [REPO_ROOT, path.join(REPO_ROOT, "dist", "sdk")]) {
            const env = dynamicProviderEnv({ workDir, path: "/usr/bin" });
            assert.deepStrictEqual(env.PATH.split(path.delimiter), [want, "/usr/bin"], workDir);
            assert.ok(fs.existsSync(path.join(want, "pulumi-resource-pulumi-nodejs")));
        }
    });

    it("from a folder that cannot load the packages, says so and names the folder", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "no-project-"));
        try {
            assert.throws(() => dynamicProviderEnv({ workDir: dir }), new RegExp(`no @pulumi/pulumi can be loaded from ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
