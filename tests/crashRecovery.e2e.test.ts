// Through the real engine: an `up` of 20 resources SIGKILLed mid-way, Pulumi's documented recovery, then `up`
// (with the `{ import: "<id>" }` each error names added, as a user would) and `destroy`. Before, the errors named
// no id ("already exists", 409), nothing could be adopted, and destroy left the objects in the org.
import * as assert from "assert";
import { crashOnce } from "../harness/crashRecovery";

describe("SIGKILL in the middle of an up, then Pulumi's recovery (real engine)", function () {
    this.timeout(300_000);

    it("converges with 0 duplicates and 0 orphans, each hand edit named by an error, and destroy leaves the org empty", async () => {
        const r = await crashOnce(6);
        assert.ok(r.madeBeforeKill >= 6, JSON.stringify(r));
        assert.strictEqual(r.duplicates, 0, JSON.stringify(r));
        assert.strictEqual(r.orphansAfterUp, 0, JSON.stringify(r));
        assert.strictEqual(r.leftAfterDestroy, 0, JSON.stringify(r));
        // Every object the kill left outside state was named with its { import }, and nothing else needed editing.
        assert.ok(r.handEdits <= r.pendingInState, JSON.stringify(r));
    });
});
