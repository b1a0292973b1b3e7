// The real Pulumi engine (Automation API, file backend) against the emulator over HTTP: what users run.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, Emulator } from "../emulator";
import { RequestType, RequestTypeArgs } from "../sdk";
import { inlineStack, EngineStack, REPO_ROOT } from "../harness/engine";
import { APP, GROUP, GROUP2, USER } from "./fixtures";

const TOKEN = "e2e-SECRET-api-token-5b1f0c";

interface Declared {
    key: string;
    args: RequestTypeArgs;
    import?: string;
}

describe("through the real Pulumi engine", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let es: EngineStack;
    let declared: Declared[] = [];
    let team: string;

    const program = async () => {
        const out: Record<string, unknown> = {};
        for (const d of declared) {
            const r = new RequestType(d.key, d.args, d.import ? { import: d.import } : undefined);
            out[d.key] = r.status;
        }
        return out;
    };
    const names = () => [...emu.requestTypes.values()].map((t) => t.name).sort();
    const byName = (n: string) => [...emu.requestTypes.values()].find((t) => t.name === n);
    const writes = () => emu.log.filter((l) => l.method !== "GET").map((l) => `${l.method} ${l.path.replace(/[0-9a-f]{24}/g, "{id}")}`);

    before(async () => {
        emu = await startEmulator({ tokens: [TOKEN] });
        team = emu.teams.find((t) => t.name === "IT")!.id;
        es = await inlineStack({
            projectName: "okta-e2e",
            program,
            env: { OKTA_ORG_URL: emu.url },
            config: { "okta:apiToken": { value: TOKEN, secret: true } },
        });
        declared = [
            {
                key: "group-access",
                args: {
                    name: "e2e-group-access",
                    description: "Group access with manager approval",
                    ownerId: team,
                    resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP }] },
                    approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
                },
            },
            {
                key: "app-access",
                args: {
                    name: "e2e-app-access",
                    description: "App access approved by a group",
                    ownerId: team,
                    resourceSettings: { type: "APPS", targetResources: [{ resourceId: APP }] },
                    requestSettings: { type: "EVERYONE", requesterFields: [{ prompt: "Why?", type: "TEXT" }] },
                    approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MEMBER_OF", approverMemberOf: [GROUP2] }] },
                    status: "ACTIVE",
                },
            },
            {
                key: "user-approved",
                args: {
                    name: "e2e-user-approved",
                    description: "Approved by one user, for 8 hours",
                    ownerId: team,
                    resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP2 }] },
                    approvalSettings: { type: "SERIAL", approvals: [{ approverType: "USER", approverUserId: USER }] },
                    accessDuration: "PT8H",
                    status: "ACTIVE",
                },
            },
        ];
    });

    after(async () => {
        await es?.cleanup();
        await emu?.stop();
    });

    const output: string[] = [];
    it("1. up creates exactly the declared request types, one POST each", async () => {
        emu.clearLog();
        const r = await es.stack.up({ debug: true, onOutput: (s) => output.push(s), onError: (s) => output.push(s) });
        assert.strictEqual(r.summary.result, "succeeded");
        assert.deepStrictEqual(names(), ["e2e-app-access", "e2e-group-access", "e2e-user-approved"]);
        assert.strictEqual(byName("e2e-app-access")!.status, "ACTIVE");
        assert.deepStrictEqual(writes().sort(), Array(3).fill("POST /governance/api/v1/request-types"));
    });

    it("2. preview right after shows no changes; refresh --expect-no-changes passes", async () => {
        emu.clearLog();
        const p = await es.stack.preview();
        assert.deepStrictEqual(p.changeSummary, { same: 4 });
        // Diff costs no API call; the preview's one call is its credential check (provider/verifyAccess.ts).
        assert.deepStrictEqual(emu.log.map((l) => `${l.method} ${l.path}`), ["GET /api/v1/users/me"], "diff costs no API call");
        emu.clearLog();
        await es.stack.refresh({ expectNoChanges: true });
        assert.strictEqual(emu.count("GET"), 3, "refresh is one GET per request type");
    });

    it("3, 9. ACTIVE to DRAFT: preview --diff names the status change; up costs one un-publish call", async () => {
        declared[1].args = { ...declared[1].args, status: "DRAFT" };
        const p = await es.stack.preview({ diff: true });
        assert.strictEqual(p.changeSummary.update, 1, JSON.stringify(p.changeSummary));
        assert.match(p.stdout, /~ pulumi-nodejs:dynamic\/okta:RequestType: \(update\)[\s\S]*\[urn=.*app-access\][\s\S]*~ status\s*: "ACTIVE" => "DRAFT"/);
        emu.clearLog();
        await es.stack.up();
        assert.deepStrictEqual(writes(), ["POST /governance/api/v1/request-types/{id}/un-publish"]);
        assert.strictEqual(byName("e2e-app-access")!.status, "DRAFT");
    });

    it("4, 9. a description change: preview --diff shows the replacement; up deletes first, then creates under the same name", async () => {
        const before = byName("e2e-group-access")!.id;
        declared[0].args = { ...declared[0].args, description: "Group access, reworded" };
        const p = await es.stack.preview({ diff: true });
        assert.strictEqual(p.changeSummary.replace, 1, JSON.stringify(p.changeSummary));
        assert.match(p.stdout, /\+-pulumi-nodejs:dynamic\/okta:RequestType: \(replace\)[\s\S]*group-access[\s\S]*~ description\s*: "Group access with manager approval" => "Group access, reworded"/);
        emu.clearLog();
        await es.stack.up();
        assert.deepStrictEqual(writes(), ["DELETE /governance/api/v1/request-types/{id}", "POST /governance/api/v1/request-types"]);
        const after = byName("e2e-group-access")!;
        assert.notStrictEqual(after.id, before);
        assert.strictEqual(after.description, "Group access, reworded");
        assert.strictEqual(names().filter((n) => n === "e2e-group-access").length, 1);
    });

    it("5. drift: deleted out of band is dropped by refresh and recreated by up; published out of band shows in preview", async () => {
        const gone = byName("e2e-user-approved")!;
        emu.requestTypes.delete(gone.id);
        const r = await es.stack.refresh();
        assert.strictEqual(r.summary.resourceChanges?.delete, 1, JSON.stringify(r.summary.resourceChanges));
        emu.clearLog();
        await es.stack.up();
        assert.deepStrictEqual(writes(), ["POST /governance/api/v1/request-types"]);
        assert.ok(byName("e2e-user-approved"));

        byName("e2e-app-access")!.status = "ACTIVE"; // an admin published it in the UI
        await es.stack.refresh();
        const p = await es.stack.preview({ diff: true });
        assert.strictEqual(p.changeSummary.update, 1);
        assert.match(p.stdout, /~ status\s*: "ACTIVE" => "DRAFT"/);
        await es.stack.up();
        assert.strictEqual(byName("e2e-app-access")!.status, "DRAFT");
    });

    it("6. import: { import: id } adopts with no POST; a mismatch fails the preview field by field", async () => {
        const existing = emu.seedRequestType({
            name: "e2e-made-in-okta",
            description: "Made before Pulumi",
            ownerId: team,
            resourceSettings: { type: "APPS", targetResources: [{ resourceId: APP }] },
            approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
            status: "ACTIVE",
        });
        const args: RequestTypeArgs = {
            name: "e2e-made-in-okta",
            description: "Made before Pulumi",
            ownerId: team,
            resourceSettings: { type: "APPS", targetResources: [{ resourceId: APP }] },
            approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
            status: "ACTIVE",
        };
        declared.push({ key: "adopted", args: { ...args, description: "Something else" }, import: existing.id });
        await assert.rejects(es.stack.preview(), (e: Error) => {
            assert.match(e.message, /description: Okta has "Made before Pulumi", the program declares "Something else"/);
            return true;
        });
        declared[declared.length - 1].args = args;
        emu.clearLog();
        await es.stack.up();
        assert.strictEqual(emu.count("POST"), 0, `no POST: ${writes()}`);
        assert.strictEqual(emu.count("GET", `/governance/api/v1/request-types/${existing.id}`), 1, "adopting is one GET (check's, reused by create)");
        assert.strictEqual(emu.requestTypes.size, 4);
        const p = await es.stack.preview();
        assert.deepStrictEqual(p.changeSummary, { same: 5 });
        delete declared[declared.length - 1].import; // keeping or removing the option changes nothing
        assert.deepStrictEqual((await es.stack.preview()).changeSummary, { same: 5 });
    });

    it("7. the stored state holds no credential, and every __provider is at most 1,024 bytes", async () => {
        const { text, json } = es.storedState();
        assert.ok(!text.includes(TOKEN), "the API token is in the state");
        assert.ok(output.join("").length > 1000 && !output.join("").includes(TOKEN), "the config secret is in `up --debug` output");
        // Pulumi keeps the stack config on the default provider: the token must be there only as ciphertext.
        const provider = json.checkpoint.latest.resources.find((r: any) => r.type === "pulumi:providers:pulumi-nodejs");
        assert.ok(provider.inputs["okta:apiToken"].ciphertext, JSON.stringify(provider.inputs));
        const resources = json.checkpoint.latest.resources.filter((r: any) => r.type === "pulumi-nodejs:dynamic/okta:RequestType");
        assert.strictEqual(resources.length, 4);
        for (const r of resources) {
            const size = Buffer.byteLength(r.inputs.__provider, "utf8");
            assert.ok(size <= 1024, `__provider is ${size} bytes`);
            assert.strictEqual(r.outputs.orgUrl, emu.url);
        }
    });

    it("8. upgrading the package's provider code leaves the next preview with no changes", async () => {
        const target = path.join(REPO_ROOT, "dist", "provider", "requestTypeDiff.js");
        const mark = path.join(es.workDir, "upgrade-mark");
        const original = fs.readFileSync(target, "utf8");
        const before = JSON.stringify((await es.stack.exportStack()).deployment.resources.map((r: any) => r.inputs?.__provider));
        try {
            fs.writeFileSync(target, original + `\nif (process.env.OKTA_DYNAMIC_UPGRADE_MARK) require("fs").writeFileSync(process.env.OKTA_DYNAMIC_UPGRADE_MARK, "v2");\n`);
            (es.stack.workspace as any).envVars.OKTA_DYNAMIC_UPGRADE_MARK = mark;
            process.env.OKTA_DYNAMIC_UPGRADE_MARK = mark;
            const p = await es.stack.preview();
            assert.deepStrictEqual(p.changeSummary, { same: 5 });
            assert.ok(fs.existsSync(mark), "the plugin ran the upgraded code");
            await es.stack.refresh({ expectNoChanges: true });
        } finally {
            fs.writeFileSync(target, original);
            delete process.env.OKTA_DYNAMIC_UPGRADE_MARK;
            delete (es.stack.workspace as any).envVars.OKTA_DYNAMIC_UPGRADE_MARK;
        }
        const afterState = JSON.stringify((await es.stack.exportStack()).deployment.resources.map((r: any) => r.inputs?.__provider));
        assert.strictEqual(afterState, before, "the serialized provider in state did not change");
    });

    it("9-10. destroy leaves the emulator holding nothing", async () => {
        emu.clearLog();
        await es.stack.destroy();
        assert.strictEqual(emu.requestTypes.size, 0);
        assert.strictEqual(emu.count("DELETE"), 4, "one DELETE per request type in the stack");
    });
});
