// The pure pieces behind the bounds and the path and header checks.
import * as assert from "assert";
import { boundsFromEnv, DEFAULT_BOUNDS } from "../provider/okta/bounds";
import { Deadline } from "../provider/okta/deadline";
import { clockOffsetMs } from "../provider/okta/serverClock";
import { mergeHeaders, FRAMING_HEADERS } from "../provider/okta/headers";
import { assertStaysUnderBase, idSegment } from "../provider/okta/pathSafety";
import { alreadyExists } from "../provider/createOnce";
import { OktaApiError } from "../provider/okta/errors";
import { redactSecrets } from "../emulator/redact";

describe("bounds, clocks, headers and paths (pure)", () => {
    it("bounds come from the environment over the defaults; junk is ignored", () => {
        assert.deepStrictEqual(boundsFromEnv({}), DEFAULT_BOUNDS);
        assert.deepStrictEqual(boundsFromEnv({ OKTA_DYNAMIC_MAX_PAGES: "5", OKTA_DYNAMIC_MAX_WAIT_MS: "-1", OKTA_DYNAMIC_DEADLINE_MS: "x" }), { ...DEFAULT_BOUNDS, maxPages: 5 });
    });

    it("a deadline refuses a wait that would end after it, naming what was waited for and the setting", () => {
        let now = 0;
        const d = new Deadline(10_000, "GET /x", () => now);
        d.allow(9_000, "a");
        now = 5_000;
        assert.throws(() => d.allow(6_000, "the rate limit of GET /x"), /GET \/x did not finish within 10 s: it was waiting for the rate limit of GET \/x \(the bound is set by OKTA_DYNAMIC_DEADLINE_MS\)/);
    });

    it("the server's clock counts only between Date's rounding and an hour off", () => {
        assert.strictEqual(clockOffsetMs(100_000, undefined), 0);
        assert.strictEqual(clockOffsetMs(100_000, 99_000), 0);
        assert.strictEqual(clockOffsetMs(100_000, 70_000), 30_000);
        assert.strictEqual(clockOffsetMs(Date.UTC(2026, 0, 1), 0), 0, "a Date of 1970 is broken, not skewed");
    });

    it("headers merge by name whatever the case, the later source winning with its spelling", () => {
        assert.deepStrictEqual(mergeHeaders({ Accept: "a" }, { accept: "b", "content-type": "text/plain" }, { "Content-Type": "application/json" }), { accept: "b", "Content-Type": "application/json" });
        assert.ok(FRAMING_HEADERS.test("transfer-ENCODING") && !FRAMING_HEADERS.test("X-Trace"));
    });

    it("ids: . and .. and empty are refused, the rest encoded", () => {
        for (const id of ["", ".", ".."]) assert.throws(() => idSegment(id), /cannot be used in a URL path/);
        assert.strictEqual(idSegment("a/b?c"), "a%2Fb%3Fc");
        assert.strictEqual(idSegment("..."), "...");
    });

    it("a URL must resolve under the base and carry no control character", () => {
        assertStaysUnderBase("https://o.pam.okta.com/v1/teams/t", "https://o.pam.okta.com/v1/teams/t/a/../b?x=1", "GET");
        assert.throws(() => assertStaysUnderBase("https://o.pam.okta.com/v1/teams/t", "https://o.pam.okta.com/v1/teams/t/../u", "GET"), /outside the API's base \/v1\/teams\/t/);
        assert.throws(() => assertStaysUnderBase("https://o.okta.com", "https://o.okta.com/a/.\t./b", "GET"), /control character/);
    });

    it('"already exists" is Okta\'s 400 with that text, or a 409', () => {
        const e = (status: number, summary: string) => new OktaApiError({ status, method: "POST", path: "/x", body: { errorSummary: "Api validation failed: name", errorCauses: [{ errorSummary: summary }] } });
        assert.ok(alreadyExists(e(400, "A request type with this name already exists.")));
        assert.ok(alreadyExists(e(409, "Conflict")));
        assert.ok(!alreadyExists(e(400, "name: must be 1 to 50 characters")));
        assert.ok(!alreadyExists(new Error("already exists")));
    });

    it("the emulator's log redaction replaces secret-named fields at any depth and keeps the rest", () => {
        assert.deepStrictEqual(redactSecrets({ key_id: "k", key_secret: "s", nested: [{ client_assertion: "a", name: "n" }], password: "" }), {
            key_id: "k",
            key_secret: "[redacted]",
            nested: [{ client_assertion: "[redacted]", name: "n" }],
            password: "",
        });
    });
});
