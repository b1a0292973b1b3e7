// The Go SDK is committed at its module path (native/sdk, module github.com/<owner>/<repo>/native/sdk from
// package.json's repository), so that `go get <module>@v<version>` finds it at the tag native/sdk/v<version>. This
// fails when the committed module (go.mod, go.sum and every generated file) differs from what native/schema.json
// generates today (`bash tools/gen-sdks.sh go` regenerates it).
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../harness/engine";
import { GO_PACKAGE_DIR, GO_SDK_DIR, repositoryHome } from "../tools/repositoryHome";

/** Every file under `dir`, relative, sorted, with its text. */
function tree(dir: string): Map<string, string> {
    const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    return new Map(files.map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
}

describe("the committed Go SDK (native/sdk)", function () {
    this.timeout(600_000);
    const committed = path.join(REPO_ROOT, GO_SDK_DIR);
    let fresh: string;
    before(() => {
        fresh = fs.mkdtempSync(path.join(os.tmpdir(), "okta-go-sdk-"));
        execFileSync("bash", [path.join(REPO_ROOT, "tools", "gen-sdks.sh"), "go"], { cwd: REPO_ROOT, env: { ...process.env, GO_SDK_OUT: fresh }, stdio: ["ignore", "ignore", "inherit"] });
    });
    after(() => fs.rmSync(fresh, { recursive: true, force: true }));

    it("is a module at the path package.json's repository gives, with the package under go/oktadynamic", () => {
        const home = repositoryHome();
        assert.strictEqual(/^module (\S+)$/m.exec(fs.readFileSync(path.join(committed, "go.mod"), "utf8"))?.[1], home.goModule);
        assert.ok(fs.existsSync(path.join(committed, GO_PACKAGE_DIR, "doc.go")));
        assert.ok(fs.existsSync(path.join(committed, "go.sum")), "go.sum is not committed");
    });

    it("is exactly what the schema generates today (else: bash tools/gen-sdks.sh go)", () => {
        const want = tree(fresh);
        const have = tree(committed);
        assert.deepStrictEqual([...have.keys()], [...want.keys()], "the files differ");
        const differing = [...want].filter(([f, text]) => have.get(f) !== text).map(([f]) => f);
        assert.deepStrictEqual(differing, [], "these committed files differ from the generated ones");
    });
});
