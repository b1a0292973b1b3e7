// createOnce: a create whose outcome is unknown is looked up before it is sent again, as often as an idempotent
// call would be retried, with a pause between sends.
import * as assert from "assert";
import { createOnce } from "../provider/createOnce";
import { OktaApiError, OktaNetworkError } from "../provider/okta/errors";

const unavailable = () => new OktaApiError({ status: 503, method: "POST", path: "/x", body: { errorCode: "E0000009" } });
const reset = () => new OktaNetworkError("POST", "/x", "ECONNRESET", true);

describe("createOnce", () => {
    it("a reset, a lost answer's timeout and two 503s in a row on one create still end in one object, with a lookup and a pause before each resend", async () => {
        const faults = [reset(), new OktaNetworkError("POST", "/x", "no answer within 1500 ms", true), unavailable(), unavailable()];
        const events: string[] = [];
        const r = await createOnce(
            async () => {
                events.push("POST");
                const f = faults.shift();
                if (f) throw f;
                return "made";
            },
            async () => (events.push("lookup"), undefined),
            undefined,
            async (i) => void events.push(`pause ${i}`),
        );
        assert.deepStrictEqual(r, { value: "made", recovered: false });
        assert.deepStrictEqual(events, ["POST", "lookup", "pause 0", "POST", "lookup", "pause 1", "POST", "lookup", "pause 2", "POST", "lookup", "pause 3", "POST"]);
    });

    it("a refusal is not repeated, a found object is adopted, and the budget ends with the last error", async () => {
        let posts = 0;
        const refused = new OktaApiError({ status: 400, method: "POST", path: "/x", body: { errorCode: "E0000001" } });
        await assert.rejects(createOnce(async () => (posts++, Promise.reject(refused)), async () => undefined, 6, async () => undefined), (e) => e === refused);
        assert.strictEqual(posts, 1);
        assert.deepStrictEqual(await createOnce(async () => Promise.reject(reset()), async () => "there", 6, async () => undefined), { value: "there", recovered: true });
        posts = 0;
        await assert.rejects(createOnce(async () => (posts++, Promise.reject(unavailable())), async () => undefined, 6, async () => undefined), /503/);
        assert.strictEqual(posts, 6);
    });
});
