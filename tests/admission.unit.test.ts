// What the emulator decides from a request's head: which Host and Origin names are this machine, which media
// types a route takes, and the shared byte budget. The HTTP behaviour is in tests/emulatorAbuse.
import * as assert from "assert";
import { ByteBudget, hostAllowed, mediaTypeFits, originAllowed, parseAllowedHost } from "../emulator/admission";

describe("emulator admission (pure)", () => {
    const allowed = new Set(["okta.test"]);

    it("Host: loopback names with or without a port, and the allowed ones; nothing that only starts or ends like them", () => {
        for (const h of ["localhost", "LocalHost:4010", "127.0.0.1", "127.255.0.9:1", "[::1]", "[::1]:4010", "okta.test:4010", undefined]) assert.ok(hostAllowed(h, allowed), String(h));
        for (const h of ["attacker.example", "0.0.0.0:4010", "127.0.0.1.nip.io", "localhost.attacker.example", "127.256.0.1", "[::2]:1", "okta.test.evil", "", "a b", "x:1:2"]) assert.ok(!hostAllowed(h, allowed), h);
    });

    it("Origin: absent (not a browser) or a loopback or allowed site; `null` and other sites are refused", () => {
        for (const o of [undefined, "http://localhost:3000", "https://127.0.0.1", "http://[::1]:8080", "https://okta.test"]) assert.ok(originAllowed(o, allowed), String(o));
        for (const o of ["null", "https://attacker.example", "file://", "chrome-extension://abc", "http://0.0.0.0:4010", "not a url"]) assert.ok(!originAllowed(o, allowed), o);
    });

    it("--allow-host takes a bare name and says what it expected otherwise", () => {
        assert.deepStrictEqual(parseAllowedHost(" Okta.Test "), { name: "okta.test" });
        assert.deepStrictEqual(parseAllowedHost("[::1]"), { name: "[::1]" });
        for (const bad of ["http://okta.test", "okta.test:80", "", "a/b"]) assert.match((parseAllowedHost(bad) as { error: string }).error, /expected a host name without a port or scheme/, bad);
    });

    it("media types: JSON routes take application/json and +json with parameters; the token endpoint a form", () => {
        for (const t of ["application/json", "Application/JSON; charset=UTF-8", "application/merge-patch+json"]) assert.ok(mediaTypeFits(t, "json"), t);
        for (const t of [undefined, "", "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp"]) assert.ok(!mediaTypeFits(t, "json"), String(t));
        assert.ok(mediaTypeFits("application/x-www-form-urlencoded; charset=utf-8", "form"));
        assert.ok(!mediaTypeFits("application/json", "form"));
    });

    it("the byte budget takes only what fits, gives back, and remembers the most held", () => {
        const b = new ByteBudget(10);
        assert.ok(b.take(6) && !b.take(5) && b.take(4));
        assert.strictEqual(b.inUse, 10);
        b.give(6);
        b.give(4);
        assert.deepStrictEqual([b.inUse, b.highWater], [0, 10]);
    });
});
