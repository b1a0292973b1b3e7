import * as assert from "assert";
import { validateApiCall, validateRelativeUrl } from "../provider/apiCall";
import { validateApiObject, projectOnto } from "../provider/apiObject";

const props = (a: object) => validateApiCall(a as never).map((f) => `${f.property}: ${f.reason}`);

describe("custom API call rules (refused before any request)", () => {
    it("accepts the card's calls", () => {
        assert.deepStrictEqual(props({ method: "GET", relativeUrl: "/api/v1/devices?limit=20", query: { search: 'status eq "ACTIVE"' } }), []);
        assert.deepStrictEqual(props({ api: "privileged-access", method: "POST", relativeUrl: "/sudo_command_bundles", body: { name: "x" } }), []);
        assert.deepStrictEqual(props({ method: "DELETE", relativeUrl: "/api/v1/devices/guo1", body: {} }), [], "a DELETE may carry a body, as the card allows");
        assert.deepStrictEqual(props({ method: "GET", relativeUrl: "/api/v1/a/../b" }), [], "a .. that stays inside the base is fine");
    });

    const refusals: [string, object, RegExp][] = [
        ["absolute URL", { method: "GET", relativeUrl: "https://evil.example/api/v1/users" }, /relativeUrl: must be relative.*absolute URL/],
        ["scheme-relative URL", { method: "GET", relativeUrl: "//evil.example/api/v1/users" }, /relativeUrl: must not be scheme-relative/],
        ["no leading slash", { method: "GET", relativeUrl: "api/v1/users" }, /relativeUrl: must start with \//],
        ["climbing out with ..", { method: "GET", relativeUrl: "/../../admin" }, /relativeUrl: must not use \.\. to leave/],
        ["encoded ..", { method: "GET", relativeUrl: "/api/%2e%2e/%2e%2e/%2e%2e/x" }, /must not use \.\./],
        ["CR/LF in a header", { method: "GET", relativeUrl: "/api/v1/users", headers: { "X-A": "1\r\nX-Injected: 2" } }, /headers.X-A: must not contain CR or LF/],
        ["caller's Authorization", { method: "GET", relativeUrl: "/api/v1/users", headers: { authorization: "SSWS stolen" } }, /headers.authorization: is set by the library/],
        ["GET with a body", { method: "GET", relativeUrl: "/api/v1/users", body: { a: 1 } }, /body: a GET carries no body/],
        ["unknown method", { method: "TRACE", relativeUrl: "/api/v1/users" }, /method: must be one of GET, POST, PUT, PATCH, DELETE/],
        ["unknown api", { api: "workflows", method: "GET", relativeUrl: "/x" }, /api: must be "management" or "privileged-access"/],
        ["paging a POST", { method: "POST", relativeUrl: "/x", allPages: true }, /allPages: only a GET/],
    ];
    for (const [what, args, want] of refusals) {
        it(`refuses ${what}`, () => assert.match(props(args).join("\n"), want));
    }

    it("checks ApiObject paths and options the same way", () => {
        assert.deepStrictEqual(validateApiObject({ path: "/sudo_command_bundles", data: { name: "x" } }), []);
        assert.match(JSON.stringify(validateApiObject({ path: "https://x/y", data: {} })), /absolute URL/);
        assert.match(JSON.stringify(validateApiObject({ path: "/x", data: "no", updateMethod: "POST" })), /data.*updateMethod/);
        assert.deepStrictEqual(validateRelativeUrl("/a/b", "p"), []);
    });

    it("refuses encoded slashes and backslashes that a server might take as separators (..%2f climbs out)", () => {
        for (const u of ["/sudo_command_bundles/..%2f..%2fother_team", "/x/..%5C..%5Cy", "/x\\..\\..\\y"]) {
            assert.match(validateRelativeUrl(u, "relativeUrl").map((f) => f.reason).join(), /must not contain an encoded \/ or \\/, u);
        }
        assert.deepStrictEqual(validateRelativeUrl("/api/v1/users?search=profile.email%2Fx", "relativeUrl"), [], "the query may carry encoded slashes");
    });

    it("compares only declared fields: server additions vanish, drift in declared ones stays", () => {
        const server = { id: "1", name: "x", created: "t", structured_commands: [{ command: "ls" }], nested: { a: 1, b: 2 } };
        assert.deepStrictEqual(projectOnto(server, { name: "x", nested: { a: 0 } }), { name: "x", nested: { a: 1 } });
        const withArgs = { structured_commands: [{ command: "ls", args: null, rendered_command: "ls" }] };
        assert.deepStrictEqual(projectOnto(withArgs, { structured_commands: [{ command: "ls" }] }), { structured_commands: [{ command: "ls" }] }, "additions inside list items vanish");
        assert.deepStrictEqual(projectOnto(withArgs, { structured_commands: [{ command: "ls" }, { command: "pwd" }] }), withArgs, "a list of another length is drift as a whole");
        // Refresh keeps what the answer never reports (a write-only secret), so it is neither drift nor an update.
        assert.deepStrictEqual(projectOnto({ name: "c1" }, { name: "c1", password: "p" }, true), { name: "c1", password: "p" });
        assert.deepStrictEqual(projectOnto({ name: "c1", nested: {} }, { name: "c1", nested: { secret: "s" } }, true), { name: "c1", nested: { secret: "s" } });
        assert.deepStrictEqual(projectOnto({ name: "c2" }, { name: "c1", password: "p" }, true), { name: "c2", password: "p" }, "a reported field still drifts");
    });
});
