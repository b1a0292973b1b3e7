// What users read when something is wrong: each message names what Pulumi or the user knows (the top-level
// property, the `import` option, the kind of id, the lookup to call, the credential's source, the flags).
import * as assert from "assert";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { engineFailures } from "../provider/checkFailures";
import { hookKeyProvider } from "../provider/hookKey";
import { currentOrg } from "../provider/okta/context";
import { OktaApiError } from "../provider/okta/errors";
import { resolveOrgSettings, setStackConfig } from "../provider/okta/settings";
import { requestTypeProvider } from "../provider/requestType";
import { REPO_ROOT } from "../scripts/engine";
import { APP, minimal } from "./fixtures";

const TOKEN = "messages-SECRET-token-77aa";
const DIST = path.join(REPO_ROOT, "dist");

describe("messages", () => {
    describe("check failures as the engine prints them", () => {
        it("a nested failure names the top-level property and puts the nested path in the reason (no {<nil>})", () => {
            const inputs = { approvalSettings: { type: "SERIAL", approvals: [{}] } };
            assert.deepStrictEqual(engineFailures([{ property: "approvalSettings.approvals[0].approverType", reason: "is required" }], inputs), [
                { property: "approvalSettings", reason: "approvals[0].approverType is required" },
            ]);
        });

        it("a missing top-level property, or an odd key the engine cannot look up, is named in the reason", () => {
            assert.deepStrictEqual(engineFailures([{ property: "ownerId", reason: "is required" }], {}), [{ property: "", reason: "ownerId is required" }]);
            assert.deepStrictEqual(engineFailures([{ property: '["a b"]', reason: "is not a property" }], { "a b": 1 }), [{ property: "", reason: '["a b"] is not a property' }]);
            assert.deepStrictEqual(engineFailures([{ property: "name", reason: "must be ..." }], { name: "" }), [{ property: "name", reason: "must be ..." }]);
        });

        it("request type check: a missing ownerId says to use getTeam; a wrong-length id says what kind of id it must be", async () => {
            const noOwner = await requestTypeProvider.check!({}, { ...minimal(), ownerId: undefined });
            assert.deepStrictEqual(noOwner.failures?.map((f) => f.property), [""]);
            assert.match(noOwner.failures![0].reason, /^ownerId is required: .*getTeam\(\{ name: "IT" \}\)/);

            const shortApp = await requestTypeProvider.check!({}, { ...minimal(), resourceSettings: { type: "APPS", targetResources: [{ resourceId: APP.slice(0, 19) }] } });
            assert.strictEqual(shortApp.failures?.length, 1);
            const f = shortApp.failures![0];
            assert.strictEqual(f.property, "resourceSettings");
            assert.match(f.reason, /^targetResources\[0\]\.resourceId must be an app id: "0oa" and 17 letters or digits \(exactly 20 characters; got 19\)$/);
            assert.doesNotMatch(f.reason, /20 to 20/);

            const badOwner = await requestTypeProvider.check!({}, { ...minimal(), ownerId: "abc" });
            assert.match(badOwner.failures![0].reason, /Access Requests team id .*getTeam/);
        });
    });

    describe("against the emulator", () => {
        let emu: Emulator;
        before(async () => {
            emu = await startEmulator({ tokens: [TOKEN] });
        });
        after(async () => {
            setStackConfig(undefined);
            await emu.stop();
        });

        it("an adoption mismatch or a vanished id is reported against the `import` option, not importId", async () => {
            setStackConfig({ get: (k) => ({ "pulumi-okta-dynamic:orgUrl": emu.url, "okta:apiToken": TOKEN } as Record<string, string>)[k] });
            const made = emu.seedRequestType({ ...minimal({ ownerId: emu.teams[0].id, name: "msg-adopt" }), status: "DRAFT" });
            const r = await requestTypeProvider.check!({}, { ...minimal({ ownerId: emu.teams[0].id, name: "msg-adopt", description: "not what Okta holds" }), importId: made.id });
            assert.ok(r.failures?.length);
            for (const f of r.failures!) {
                assert.strictEqual(f.property, "");
                assert.match(f.reason, /^the `import` option: /);
            }
            const k = await hookKeyProvider.check!({}, { name: "x", importId: "HKYdoesnotexist12345" });
            assert.deepStrictEqual(k.failures?.map((f) => f.property), [""]);
            assert.match(k.failures![0].reason, /^the `import` option: no hook key with id HKYdoesnotexist12345/);
        });

        it("a 401 says which credential source was refused (config key or environment variable), never the value", async () => {
            for (const [config, env, source] of [
                [{ "okta:apiToken": "wrong-config-token" }, {}, "config okta:apiToken"],
                [{}, { OKTA_API_TOKEN: "wrong-env-token" }, "environment OKTA_API_TOKEN"],
            ] as const) {
                const settings = resolveOrgSettings({ get: (k) => ({ "pulumi-okta-dynamic:orgUrl": emu.url, ...config } as Record<string, string>)[k] }, env);
                const err = await currentOrg(settings).client.get("/api/v1/hook-keys").then(
                    () => assert.fail("no 401"),
                    (e: unknown) => e as OktaApiError,
                );
                assert.strictEqual(err.status, 401);
                assert.ok(err.message.includes(`the credential from ${source} was refused`), err.message);
                assert.doesNotMatch(err.message, /wrong-(config|env)-token/);
            }
        });
    });

    describe("the import command", () => {
        const bin = path.join(DIST, "sdk", "codegen", "cli.js");
        const clean = (extra: Record<string, string> = {}) => {
            const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
            return env;
        };

        it("refuses an unknown --status and writes nothing", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-msg-"));
            const r = spawnSync(process.execPath, [bin, "--status", "FOO", "--out", "x.ts", "--org-url", "http://127.0.0.1:9"], { cwd: dir, env: clean({ OKTA_API_TOKEN: "t" }), encoding: "utf8" });
            assert.notStrictEqual(r.status, 0);
            assert.match(r.stderr, /--status.*FOO.*(DRAFT|choices)/s);
            assert.ok(!fs.existsSync(path.join(dir, "x.ts")));
            fs.rmSync(dir, { recursive: true, force: true });
        });

        it("with no org, names --org-url and the environment, not `pulumi config set`", () => {
            const r = spawnSync(process.execPath, [bin], { env: clean(), encoding: "utf8" });
            assert.strictEqual(r.status, 1);
            assert.match(r.stderr, /--org-url/);
            assert.match(r.stderr, /OKTA_ORG_URL/);
            assert.doesNotMatch(r.stderr, /pulumi config set/);
            assert.strictEqual(r.stderr.trim().split("\n").length, 1, r.stderr);
        });
    });

    describe("okta-emulator", () => {
        const bin = path.join(DIST, "emulator", "cli.js");
        const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 20_000 });
        const oneLine = (r: { stderr: string }) => {
            assert.strictEqual(r.stderr.trim().split("\n").length, 1, r.stderr);
            assert.doesNotMatch(r.stderr, /\n\s+at /);
        };

        it("--help prints the usage and exits 0", () => {
            const r = cli(["--help"]);
            assert.strictEqual(r.status, 0, r.stderr);
            assert.match(r.stdout, /Usage: okta-emulator/);
            for (const flag of ["-p, --port", "-t, --token", "--openapi-dir", "--no-validate", "--allow-host"]) assert.ok(r.stdout.includes(flag), flag);
        });

        it("-p with no value, --port abc and an unknown flag end in one line and exit 2", () => {
            for (const args of [["-p"], ["--port", "abc"], ["--port", "70000"], ["--bogus"], ["--allow-host", "http://okta.test:80"]]) {
                const r = cli(args);
                assert.strictEqual(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
                oneLine(r);
            }
            assert.match(cli(["--port", "abc"]).stderr, /port number/);
        });

        it("a port in use ends in one line that says so, and exit 1", async () => {
            const blocker = net.createServer();
            await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
            const port = (blocker.address() as net.AddressInfo).port;
            try {
                const r = cli(["--port", String(port)]);
                assert.strictEqual(r.status, 1, r.stderr);
                oneLine(r);
                assert.match(r.stderr, new RegExp(`port ${port} is already in use`));
            } finally {
                blocker.close();
            }
        });

        it("says at start whether it validates against Okta's specs, and --openapi-dir points it at them", async () => {
            const first = async (args: string[], env: NodeJS.ProcessEnv): Promise<string> => {
                const proc = spawn(process.execPath, [bin, "-p", "0", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
                let out = "";
                try {
                    return await new Promise<string>((resolve, reject) => {
                        proc.stdout.on("data", (d) => {
                            out += d;
                            if (out.includes("request bodies")) resolve(out);
                        });
                        proc.on("exit", (c) => reject(new Error(`exited ${c}: ${out}`)));
                    });
                } finally {
                    proc.kill();
                }
            };
            const specs = path.resolve(REPO_ROOT, "..", "shared", "okta-openapi");
            const env = { PATH: process.env.PATH };
            assert.match(await first(["--openapi-dir", specs], env), /request bodies: validated against Okta's OpenAPI specs in /);
            assert.match(await first(["--no-validate"], env), /request bodies: not validated/);
            const r = cli(["-p", "0", "--openapi-dir", "/nonexistent/specs"]);
            assert.strictEqual(r.status, 2);
            assert.match(r.stderr, /--openapi-dir: no such folder/);
        });
    });
});
