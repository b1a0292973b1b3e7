// The emulator against real Okta answers: every recorded request on an API the emulator implements is sent to
// it, and its answer must have the recorded status, keys, JSON types and id formats, unless the difference is
// listed with its reason in reports/fidelity/knownDifferences.ts (and so in docs/internals/fidelity.md).
import * as assert from "assert";
import { compareRecording, formatDifference } from "../reports/fidelity/emulatorReplay";
import { listRecordings, RECORDINGS_FOLDER } from "../reports/fidelity/recordings";

describe("the emulator against recorded Okta traffic", () => {
    // A missing folder fails this test with its name (not the whole run, as a throw while loading would).
    let files: string[] = [];
    let missing: Error | undefined;
    try {
        files = listRecordings();
    } catch (e) {
        missing = e as Error;
    }
    it("finds the recordings", () => {
        if (missing) throw missing;
        assert.ok(files.length >= 12, `found ${files.length} in ${RECORDINGS_FOLDER}`);
    });
    for (const file of files) {
        it(file, async () => {
            const compared = await compareRecording(file);
            const unexplained = compared.flatMap((c) => c.unexplained.map((d) => `#${c.interaction} ${c.request}: ${formatDifference(d)}`));
            assert.deepStrictEqual(unexplained, []);
        });
    }
});
