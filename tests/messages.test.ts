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
import { setStackConfig } from "../provider/okta/settings";
import { requestTypeProvider } from "../provider/requestType";
import { REPO_ROOT } from "../harness/engine";
import { packSpecs } from "../tools/packSpecs";
import { APP, minimal } from "./fixtures";
import { DOORS, dynamicDoor } from "./support/doors";

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
    });

    // The `import` option's importId is the dynamic door's adoption machinery; the native door leaves adoption to
    // the engine (Read, then Check), so these words exist on the dynamic door only.
    describe("adoption through the dynamic door's `import` option, against the emulator", () => {
        let emu: Emulator;
        before(async () => {
            emu = await startEmulator({ tokens: [TOKEN] });
        });
        after(async () => {
            setStackConfig(undefined);
            await emu?.stop(); // undefined when before() failed (a missing spec file says so there)
        });

        it("an adoption mismatch or a vanished id is reported against the `import` option, not importId", async () => {
            await dynamicDoor.configure({ orgUrl: emu.url, apiToken: TOKEN });
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

        /** Starts `node <bin> -p 0 ...` and resolves with what it printed once it says what it validates. */
        const first = async (args: string[], env: NodeJS.ProcessEnv = { PATH: process.env.PATH }, main = bin): Promise<string> => {
            const proc = spawn(process.execPath, [main, "-p", "0", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
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

        it("validates against the specs the repository holds by default; --openapi-dir points it at others, --no-validate at none", async () => {
            const bundled = path.join(REPO_ROOT, "third_party", "okta-openapi");
            assert.ok((await first([])).includes(`request bodies: validated against Okta's OpenAPI specs in ${bundled}\n`));
            const other = fs.mkdtempSync(path.join(os.tmpdir(), "okta-specs-"));
            try {
                for (const f of fs.readdirSync(bundled)) fs.copyFileSync(path.join(bundled, f), path.join(other, f));
                assert.ok((await first(["--openapi-dir", other])).includes(`request bodies: validated against Okta's OpenAPI specs in ${other}\n`));
                // A folder that lacks one of the files: its name, and how to go back to the bundled copy.
                fs.rmSync(path.join(other, "opa-minimal.yaml"));
                const r = cli(["-p", "0", "--openapi-dir", other]);
                assert.strictEqual(r.status, 1, r.stdout);
                oneLine(r);
                assert.ok(r.stderr.startsWith(`okta-emulator: ${other}/opa-minimal.yaml is missing: OKTA_OPENAPI_DIR (or --openapi-dir) names ${other}`), r.stderr);
                assert.ok(r.stderr.includes(`unset it to use the copy in ${bundled}`), r.stderr);
            } finally {
                fs.rmSync(other, { recursive: true, force: true });
            }
            assert.match(await first(["--no-validate"]), /request bodies: not validated \(--no-validate\)/);
            const r = cli(["-p", "0", "--openapi-dir", "/nonexistent/specs"]);
            assert.strictEqual(r.status, 2);
            assert.match(r.stderr, /--openapi-dir: no such folder/);
        });

        it("a missing spec file stops it with the file's name and how to get it back, in a checkout and in an installed package", async () => {
            // The compiled emulator laid out as a checkout (its sources beside dist/) and as an installed package
            // (dist/ only), neither with its specs.
            const layout = (checkout: boolean): string => {
                const root = fs.mkdtempSync(path.join(os.tmpdir(), checkout ? "okta-checkout-" : "okta-installed-"));
                for (const d of ["emulator", "provider"]) fs.cpSync(path.join(DIST, d), path.join(root, "dist", d), { recursive: true });
                fs.rmSync(path.join(root, "dist", "emulator", "okta-openapi"), { recursive: true, force: true });
                fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(root, "node_modules"));
                if (checkout) {
                    fs.mkdirSync(path.join(root, "emulator"));
                    fs.copyFileSync(path.join(REPO_ROOT, "emulator", "dataFiles.ts"), path.join(root, "emulator", "dataFiles.ts"));
                }
                return root;
            };
            const checkout = layout(true);
            const installed = layout(false);
            try {
                const inCheckout = spawnSync(process.execPath, [path.join(checkout, "dist", "emulator", "cli.js"), "-p", "0"], { encoding: "utf8", timeout: 20_000, env: { PATH: process.env.PATH } });
                assert.strictEqual(inCheckout.status, 1);
                oneLine(inCheckout);
                assert.strictEqual(
                    inCheckout.stderr.trim(),
                    `okta-emulator: third_party/okta-openapi/oauth-minimal.yaml is missing: restore it with \`git -C ${checkout} checkout -- third_party/okta-openapi\` (third_party/okta-openapi/README.md says what it is)`,
                );
                const installedCli = path.join(installed, "dist", "emulator", "cli.js");
                const inPackage = spawnSync(process.execPath, [installedCli, "-p", "0"], { encoding: "utf8", timeout: 20_000, env: { PATH: process.env.PATH } });
                assert.strictEqual(inPackage.status, 1);
                oneLine(inPackage);
                assert.strictEqual(
                    inPackage.stderr.trim(),
                    `okta-emulator: ${installed}/dist/emulator/okta-openapi/oauth-minimal.yaml is missing: this install of pulumi-okta-dynamic is incomplete: install the package again`,
                );
                // With the subset the package ships (what tools/build-package.sh writes), it validates against it.
                packSpecs(path.join(installed, "dist", "emulator", "okta-openapi"));
                assert.ok((await first([], undefined, installedCli)).includes(`request bodies: validated against Okta's OpenAPI specs in ${installed}/dist/emulator/okta-openapi\n`));
            } finally {
                for (const d of [checkout, installed]) fs.rmSync(d, { recursive: true, force: true });
            }
        });
    });
});

for (const door of DOORS) describe(`messages through the ${door.name} door, against the emulator`, () => {
    const rt = door.provider("RequestType");
    const hk = door.provider("HookKey");
    // Each door names its own config keys: a native provider sees only its namespace (docs/native.md, Configure).
    const tokenKey = { dynamic: "okta:apiToken", native: "oktadynamic:apiToken" }[door.name];
    let emu: Emulator;
    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
    });
    after(async () => {
        setStackConfig(undefined);
        await emu?.stop(); // undefined when before() failed (a missing spec file says so there)
    });

    it("request type check: a missing ownerId says to use getTeam; a wrong-length id says what kind of id it must be", async () => {
        await door.configure({ orgUrl: emu.url, apiToken: TOKEN });
        emu.clearLog();
        const noOwner = await rt.check!({}, { ...minimal(), ownerId: undefined });
        assert.deepStrictEqual(noOwner.failures?.map((f) => f.property), [""]);
        assert.match(noOwner.failures![0].reason, /^ownerId is required: .*getTeam\(\{ name: "IT" \}\)/);

        const shortApp = await rt.check!({}, { ...minimal(), resourceSettings: { type: "APPS", targetResources: [{ resourceId: APP.slice(0, 19) }] } });
        assert.strictEqual(shortApp.failures?.length, 1);
        const f = shortApp.failures![0];
        assert.strictEqual(f.property, "resourceSettings");
        assert.match(f.reason, /^targetResources\[0\]\.resourceId must be an app id: "0oa" and 17 letters or digits \(exactly 20 characters; got 19\)$/);
        assert.doesNotMatch(f.reason, /20 to 20/);

        const badOwner = await rt.check!({}, { ...minimal(), ownerId: "abc" });
        assert.match(badOwner.failures![0].reason, /Access Requests team id .*getTeam/);
        assert.strictEqual(emu.log.length, 0, "check judges the declaration without a call");
    });

    /**
     * The first Check differs by door: the native door's verifies the credential on every run (the engine does not
     * say whether it is a preview), the dynamic door's only in a preview (its SDK asks), so an `up`'s Check makes no
     * call there. The create fails the same way through both.
     */
    async function firstCheckFailure(): Promise<string | undefined> {
        const r = await hk.check!({}, { name: "msg-key" });
        if (door.name === "dynamic") {
            assert.deepStrictEqual(r.failures ?? [], []);
            return undefined;
        }
        assert.strictEqual(r.failures?.length, 1);
        assert.match(r.failures![0].reason, /^this stack cannot reach Okta as configured, so `up` would fail: /);
        return r.failures![0].reason;
    }

    it("a missing token names this door's config key and the environment variable", async () => {
        await door.configure({ orgUrl: emu.url });
        const words = `set \`pulumi config set --secret ${tokenKey} <token>\` (or ${tokenKey.replace("apiToken", "accessToken")}), or the environment variable OKTA_API_TOKEN`;
        const checked = await firstCheckFailure();
        if (checked) assert.ok(checked.includes(words), checked);
        const err = await hk.create({ name: "msg-key" }).then(() => assert.fail("created with no token"), (e: Error) => e);
        assert.ok(err.message.includes(words), err.message);
        assert.strictEqual(emu.count("POST"), 0);
    });

    it("a 401 says which credential source was refused (this door's config key, or the environment variable), never the value", async () => {
        const saved = process.env.OKTA_API_TOKEN;
        try {
            for (const [apiToken, env, source] of [
                ["wrong-config-token", undefined, `config ${tokenKey}`],
                [undefined, "wrong-env-token", "environment OKTA_API_TOKEN"],
            ] as const) {
                if (env) process.env.OKTA_API_TOKEN = env;
                else delete process.env.OKTA_API_TOKEN;
                await door.configure({ orgUrl: emu.url, apiToken });
                const checked = await firstCheckFailure();
                const err = await hk.create({ name: "msg-key" }).then(() => assert.fail("no 401"), (e: Error) => e);
                for (const message of [checked, err.message]) {
                    if (message === undefined) continue;
                    assert.ok(message.includes(`the credential from ${source} was refused`), message);
                    assert.doesNotMatch(message, /wrong-(config|env)-token/);
                }
                assert.match(err.message, /401/);
            }
        } finally {
            if (saved === undefined) delete process.env.OKTA_API_TOKEN;
            else process.env.OKTA_API_TOKEN = saved;
        }
    });
});
