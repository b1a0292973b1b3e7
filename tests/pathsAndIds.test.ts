// Paths, ids and headers that could address or frame something other than what they say: `.\t.` (the URL
// parser drops the tab after any check), ids `.` and `..`, the import command's listed ids and the org's names
// it prints, and a caller's headers that collide with the library's by case or frame the message.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { OktaClient, staticAuth } from "../provider/okta/client";
import { executeApiCall, validateApiCall } from "../provider/apiCall";
import { validateApiObject } from "../provider/apiObject";
import { setStackConfig } from "../provider/okta/settings";
import { runImport } from "../sdk/codegen/cli";
import { terminalSafe } from "../sdk/codegen/generate";
import { startEmulator } from "../emulator";
import { hostileServer, HostileHandler, HostileServer, json } from "./support/hostileServer";
import { DOORS } from "./support/doors";
import { minimal } from "./fixtures";

const orgConfig = (url: string) => ({ get: (k: string) => ({ "pulumi-okta-dynamic:orgUrl": url, "okta:apiToken": "t" })[k] });

describe("paths, ids and headers", () => {
    let s: HostileServer | undefined;
    afterEach(async () => {
        setStackConfig(undefined);
        await s?.close();
        s = undefined;
    });
    const ok = () => hostileServer((_q, res) => json(res, 200, { id: "x", ok: true }));

    it("`.\\t.` in a custom call's or an ApiObject's path is refused: the URL parser would make it `..`", () => {
        for (const p of ["/.\t./other-team/sudo_command_bundles", "/a/.\t./.\t./.\t./.\t./api/v1/users", "/a/.\n./b", "/a\x00"]) {
            assert.deepStrictEqual(validateApiCall({ method: "GET", relativeUrl: p }).map((f) => f.property), ["relativeUrl"], JSON.stringify(p));
            assert.deepStrictEqual(validateApiObject({ path: p, data: {} }).map((f) => f.property), ["path"], JSON.stringify(p));
        }
    });

    it("the client sends nothing whose resolved URL leaves the base (a Privileged Access token never reaches the org root)", async () => {
        s = await ok();
        const c = new OktaClient({ baseUrl: `${s.url}/v1/teams/t1`, auth });
        await assert.rejects(c.get("/a/.\t./.\t./.\t./.\t./api/v1/users"), /GET was not sent: its path contains a control character/);
        await assert.rejects(c.get("/a/../../../api/v1/users"), /GET was not sent: its path resolves to \/v1\/api\/v1\/users, outside the API's base \/v1\/teams\/t1/);
        assert.deepStrictEqual(s.seen, []);
    });

    it("the import command encodes listed ids and refuses `..` (it built /request-types/.. = the collection's parent)", async () => {
        s = await hostileServer((req, res) => json(res, 200, req.url!.startsWith("/governance/api/v1/request-types?") ? { data: [{ id: "..", name: "evil", status: "ACTIVE" }] } : []));
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "import-")), "out.ts");
        process.env.OKTA_API_TOKEN = "t";
        try {
            await assert.rejects(runImport({ out, orgUrl: s.url, type: "request-types" }, () => undefined), /cannot be used in a URL path/);
        } finally {
            delete process.env.OKTA_API_TOKEN;
        }
        assert.deepStrictEqual(s.seen.map((r) => r.url.split("?")[0]), ["/governance/api/v1/request-types"]);
    });

    it("the import command prints the org's names without control characters (no ESC sequence or NUL reaches a CI log)", async () => {
        const emu = await startEmulator({ tokens: ["t"] });
        const evil = "payroll\x1b]0;pwned\x07\x1b[2J\x00\u202e";
        try {
            const o = emu.seedRequestType({ name: evil, description: "d", resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: "00g1emaKYZTWRYYRRTSK" }] }, approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] } } as never);
            emu.disableRequestType(o.id);
            const printed: string[] = [];
            const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "import-")), "out.ts");
            process.env.OKTA_API_TOKEN = "t";
            try {
                await runImport({ out, orgUrl: emu.url, type: "request-types" }, (l) => printed.push(l));
            } finally {
                delete process.env.OKTA_API_TOKEN;
            }
            const text = printed.join("\n");
            assert.match(text, /skipped "payroll\\u001b\]0;pwned\\u0007\\u001b\[2J\\u0000\\u202e"/);
            assert.doesNotMatch(text, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
        } finally {
            await emu.stop();
        }
        assert.strictEqual(terminalSafe("a\x1b[31mb"), "a\\u001b[31mb");
    });

    it("Okta's error texts (which may quote org names) reach the terminal without control characters", async () => {
        s = await hostileServer((_q, res) => json(res, 400, { errorCode: "E0000001", errorSummary: "name \x1b[2Jtaken\x00", errorCauses: [{ errorSummary: "\x1b]0;pwned\x07" }] }));
        const e = await new OktaClient({ baseUrl: s.url, auth }).get("/api/v1/x").then(() => assert.fail("expected a rejection"), (x: Error) => x);
        assert.doesNotMatch(e.message, /[\x00-\x08\x0b-\x1f]/);
        assert.match(e.message, /name \\u001b\[2Jtaken\\u0000 \| causes: \\u001b\]0;pwned\\u0007/);
    });

    it("a caller's lowercase content-type does not replace the library's JSON one", async () => {
        s = await ok();
        await executeApiCall({ method: "POST", relativeUrl: "/api/v1/x", headers: { "content-type": "text/plain" }, body: { a: 1 } }, orgConfig(s.url));
        assert.strictEqual(s.seen[0].headers["content-type"], "application/json");
    });

    it("headers that frame the message (Transfer-Encoding, Content-Length, Connection...) are refused before sending", () => {
        for (const h of ["Transfer-Encoding", "transfer-encoding", "Content-Length", "Connection", "TE", "Upgrade"]) {
            assert.deepStrictEqual(validateApiCall({ method: "POST", relativeUrl: "/api/v1/x", headers: { [h]: "chunked" }, body: {} }).map((f) => f.property), [`headers.${h}`], h);
        }
    });
});

const auth = staticAuth({ kind: "apiToken", token: "t" });

for (const door of DOORS) describe(`ids "." and ".." through the ${door.name} door`, () => {
    const rt = door.provider("RequestType");
    const api = door.provider("ApiObject");
    let s: HostileServer | undefined;
    afterEach(async () => {
        setStackConfig(undefined);
        await s?.close();
        s = undefined;
    });
    /** The door pointed at `handler`; what the door sent when configured (the native door's credential check) is forgotten. */
    async function behind(handler: HostileHandler): Promise<HostileServer> {
        s = await hostileServer(handler);
        await door.configure({ orgUrl: s.url, apiToken: "t" });
        s.seen.length = 0;
        return s;
    }

    /**
     * Adopting an object by an id the user typed, as each door does it: the dynamic door's `import` option (create
     * with importId), the native door's `pulumi import` (Read with the id alone; an ApiObject's id then carries its
     * path).
     */
    const adopt = (id: string) =>
        door.name === "dynamic"
            ? [rt.create({ ...minimal(), importId: id }), api.create({ api: "management", path: "/api/v1/groups", data: {}, importId: id })]
            : [rt.read!(id, {}), api.read!(`/api/v1/groups/${id}`, {})];

    it('are never sent as a path segment (delete("..") sent DELETE /governance/api/v1/), nor adopted', async () => {
        await behind((_q, res) => json(res, 200, { id: "x", ok: true }));
        for (const id of ["..", "."]) {
            await assert.rejects(rt.delete!(id, { name: "x" }), /cannot be used in a URL path/);
            await assert.rejects(api.delete!(id, { api: "management", path: "/api/v1/groups", data: {} }), /cannot be used in a URL path/);
            for (const adopted of adopt(id)) await assert.rejects(adopted, /cannot be used in a URL path/);
        }
        assert.deepStrictEqual(s!.seen, []);
    });

    it("an ApiObject create answered with id \"..\" is refused before that id is stored", async () => {
        await behind((_q, res) => json(res, 201, { id: ".." }));
        await assert.rejects(api.create({ api: "management", path: "/api/v1/groups", data: { a: 1 } }), /cannot be used in a URL path/);
    });
});
