// The forms of a hook key Okta has been seen to send: recorded real answers carry isUsed as a boolean and
// `use: null`; notes from other orgs saw "true"/"false" and "null" strings. The library reads all of them.
import * as assert from "assert";
import { extractJwk, parseIsUsed } from "../provider/schema/hookKey";
import { hookKeyOutputs } from "../provider/hookKey";

describe("hook key wire forms", () => {
    it("isUsed: booleans and their strings", () => {
        assert.deepStrictEqual([true, false, "true", "false"].map(parseIsUsed), [true, false, true, false]);
    });
    it("the JWK flat, under _embedded, or under _embedded.publicKey; use null or \"null\" both read as null", () => {
        const jwk = { kty: "RSA", alg: "RSA", e: "AQAB", n: "abc", kid: "k1" };
        for (const body of [{ ...jwk, use: null }, { _embedded: { ...jwk, use: "null" } }, { _embedded: { publicKey: { ...jwk, use: null } } }]) {
            assert.deepStrictEqual(extractJwk(body), { ...jwk, use: null });
        }
        assert.strictEqual(extractJwk({ _embedded: { ...jwk, use: "sig" } })?.use, "sig");
    });
    it("only the public members are read: a private half in an answer (d, p, q...) never reaches outputs or state", () => {
        const jwk = { kty: "RSA", alg: "RSA", e: "AQAB", n: "abc", kid: "k1", use: null };
        const privateHalf = { d: "PRIVATE-d", p: "PRIVATE-p", q: "PRIVATE-q", dp: "PRIVATE-dp", dq: "PRIVATE-dq", qi: "PRIVATE-qi" };
        const read = extractJwk({ _embedded: { ...jwk, ...privateHalf } });
        assert.deepStrictEqual(read, jwk);
        const outs = hookKeyOutputs({ id: "HKY1", keyId: "k1", name: "n", isUsed: false, _embedded: { ...jwk, ...privateHalf } } as never, read, "https://x.okta.com");
        assert.ok(!JSON.stringify(outs).includes("PRIVATE"));
    });
});
