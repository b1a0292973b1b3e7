// The emulator under abuse, as users run it in their own CI: a request line no URL parser accepts, bodies over
// the limit (declared or streamed), a log that must stay bounded, and secrets that must not be in it.
import * as assert from "assert";
import * as net from "net";
import fetch from "node-fetch";
import { Emulator, startEmulator } from "../emulator";

/** Sends raw bytes and returns the status line of the answer ("" if the connection closed without one). */
function raw(url: string, bytes: string): Promise<string> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve) => {
        const sock = net.connect(Number(port), hostname, () => sock.write(bytes));
        let got = "";
        sock.on("data", (d) => (got += d.toString("latin1")));
        sock.on("error", () => undefined);
        sock.on("close", () => resolve(got.split("\r\n")[0]));
        setTimeout(() => sock.destroy(), 1000).unref();
    });
}

describe("the emulator under abuse", () => {
    let emu: Emulator;
    afterEach(async () => emu?.stop());
    const alive = async () => assert.strictEqual((await fetch(`${emu.url}/api/v1/hook-keys`, { headers: { Authorization: "SSWS t" } })).status, 200);

    it("answers 400 to request lines no URL parser accepts, and keeps serving", async () => {
        emu = await startEmulator({ tokens: ["t"] });
        for (const target of ["//[/x", "//[::1/x", "//a:b:c/x", "//%zz/x"]) {
            assert.match(await raw(emu.url, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`), /^HTTP\/1\.1 400/, target);
        }
        assert.strictEqual(emu.log.filter((l) => l.path === "(unparsable)").length, 4);
        await alive();
    });

    for (const chunked of [false, true]) {
        it(`refuses a body over maxBodyBytes with 413 without reading it whole (${chunked ? "chunked" : "Content-Length"}), and keeps serving`, async () => {
            emu = await startEmulator({ tokens: ["t"], maxBodyBytes: 16 * 1024 });
            const body = JSON.stringify({ name: "x".repeat(64 * 1024) });
            const headers: Record<string, string> = { Authorization: "SSWS t", "Content-Type": "application/json", ...(chunked ? { "Transfer-Encoding": "chunked" } : {}) };
            const res = await fetch(`${emu.url}/api/v1/hook-keys`, { method: "POST", headers, body: chunked ? (require("stream").Readable.from([body]) as never) : body }).catch((e: Error) => e);
            // The upload may be cut off before the client reads the answer; either way nothing is created.
            if (!(res instanceof Error)) assert.strictEqual(res.status, 413);
            assert.strictEqual(emu.hookKeys.size, 0);
            assert.strictEqual(emu.log.at(-1)!.status, 413);
            await alive();
        });
    }

    it("keeps only the latest maxLogEntries requests", async () => {
        emu = await startEmulator({ tokens: ["t"], maxLogEntries: 100 });
        for (let i = 0; i < 300; i++) await fetch(`${emu.url}/api/v1/hook-keys?i=${i}`, { headers: { Authorization: "SSWS t" } });
        assert.ok(emu.log.length <= 110, `the log holds ${emu.log.length}`);
        assert.strictEqual(emu.log.at(-1)!.query.i, "299");
    });

    it("redacts key secrets, client assertions and passwords in the log (bodies and queries)", async () => {
        emu = await startEmulator({ tokens: ["t"], pam: { team: "t1" } });
        const user = emu.pam.addServiceUser({ keyId: "kid-1", keySecret: "SUPER-SECRET-KEY" });
        await fetch(`${emu.url}/v1/teams/t1/service_token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ key_id: user.keyId, key_secret: user.keySecret }) });
        await fetch(`${emu.url}/oauth2/v1/token?client_assertion=ASSERTION-IN-QUERY`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: "grant_type=client_credentials&client_assertion=ASSERTION-IN-BODY&scope=x",
        });
        const text = JSON.stringify(emu.log);
        for (const secret of ["SUPER-SECRET-KEY", "ASSERTION-IN-QUERY", "ASSERTION-IN-BODY"]) assert.ok(!text.includes(secret), `${secret} is in the log`);
        assert.deepStrictEqual(emu.log[0].body, { key_id: "kid-1", key_secret: "[redacted]" });
    });
});
