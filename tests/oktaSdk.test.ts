// Okta's own Node SDK against the emulator: users/me and every hook-key and device call must succeed and its answer fit
// the SDK's models (field types checked, since the SDK's deserializer never complains itself).
import * as assert from "assert";
import { runSdkCalls, SdkCall } from "../reports/fidelity/sdkCalls";
import { modelProblems } from "../reports/fidelity/sdkModels";
const { ObjectSerializer } = require("@okta/okta-sdk-nodejs/src/generated/models/ObjectSerializer") as { ObjectSerializer: { deserialize(data: unknown, type: string, format: string): unknown } };

describe("Okta's Node SDK as a client of the emulator", () => {
    let calls: SdkCall[];
    before(async function () {
        this.timeout(60_000);
        calls = (await runSdkCalls()).calls;
    });

    it("makes 15 calls", () => assert.strictEqual(calls.length, 15, calls.map((c) => c.call).join(", ")));
    for (const name of ["getUser", "createHookKey", "getHookKey", "listHookKeys", "replaceHookKey", "getPublicKey", "deleteHookKey", "listDevices", "getDevice", "suspendDevice", "unsuspendDevice", "deactivateDevice", "activateDevice", "deleteDevice"]) {
        it(`${name}: succeeds and fits the SDK's model`, () => {
            const mine = calls.filter((c) => c.call.includes(`.${name}`));
            assert.ok(mine.length > 0);
            assert.deepStrictEqual(mine.flatMap((c) => c.problems.map((p) => `${c.call}: ${p}`)), []);
        });
    }

    it("the model check itself fails on what the SDK lets through: isUsed as the string \"false\"", () => {
        const k = ObjectSerializer.deserialize({ id: "HKY", keyId: "k", name: "n", isUsed: "false", created: "2025-10-24T13:06:07.000Z" }, "HookKey", "");
        assert.deepStrictEqual(modelProblems(k, "HookKey"), ['$.isUsed: "false" is not a boolean']);
    });
});
