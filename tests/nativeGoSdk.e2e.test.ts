// The Go SDK generated from native/schema.json (scripts/gen-sdks.sh) compiles against Pulumi's Go SDK of the generator's
// version (the code it writes calls what that SDK has: `ctx.ExistsResource` is not in 3.248's): what a Go program using
// the native plugin would import. (Go's build cache makes reruns quick.)
import * as assert from "assert";
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../scripts/engine";

describe("native plugin: the generated Go SDK", function () {
    this.timeout(900_000);

    it("compiles (go build, go vet) against github.com/pulumi/pulumi/sdk/v3 of the generator's version", async () => {
        execFileSync("bash", [path.join(REPO_ROOT, "scripts", "gen-sdks.sh"), "go"], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
        const sdkVersion = fs.readFileSync(path.join(REPO_ROOT, "dist", "plugin", "codegen-version"), "utf8").trim();
        const src = path.join(REPO_ROOT, "dist", "plugin", "go", "oktadynamic");
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "okta-native-go-"));
        try {
            fs.cpSync(src, dir, { recursive: true });
            const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "native", "schema.json"), "utf8"));
            fs.writeFileSync(path.join(dir, "go.mod"), `module ${schema.language.go.importBasePath}\n\ngo 1.23\n`);
            const env = { ...process.env, GOFLAGS: "-mod=mod", GOSUMDB: process.env.GOSUMDB ?? "off" };
            const go = (args: string[]) =>
                new Promise<string>((resolve, reject) =>
                    execFile("go", args, { cwd: dir, env, encoding: "utf8", maxBuffer: 64 << 20 }, (err, out, errText) => (err ? reject(new Error(`go ${args.join(" ")}:\n${out}${errText}`)) : resolve(out))),
                );
            await go(["get", `github.com/pulumi/pulumi/sdk/v3@${sdkVersion}`]);
            await go(["build", "./..."]);
            await go(["vet", "./..."]);
            assert.ok(fs.existsSync(path.join(dir, "requestType.go")));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
