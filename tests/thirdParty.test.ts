// third_party/: the data copied from other projects stays with its license texts, and a missing file is named
// with the way to get it back (the tests, the emulator and the fidelity report read it; see each README).
import * as assert from "assert";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { MissingDataFile } from "../emulator";
import { REPO_ROOT } from "../harness/engine";
import { listRecordings, loadRecording } from "../reports/fidelity/recordings";

const THIRD_PARTY = path.join(REPO_ROOT, "third_party");
const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

describe("third_party/", () => {
    it("keeps the license texts: MPL-2.0 beside the recordings, Apache-2.0 beside Okta's specs", () => {
        // The Mozilla Foundation's text of MPL 2.0 (mozilla.org/MPL/2.0/index.txt), whole: 16,726 bytes.
        assert.strictEqual(sha256(path.join(THIRD_PARTY, "okta-recordings", "LICENSE")), "fab3dd6bdab226f1c08630b1dd917e11fcb4ec5e1e020e2c16f83a0a13863e85");
        assert.strictEqual(fs.readFileSync(path.join(THIRD_PARTY, "okta-openapi", "LICENSE"), "utf8"), fs.readFileSync(path.join(REPO_ROOT, "LICENSE"), "utf8"));
        for (const [dir, license] of [["okta-recordings", "Mozilla Public License 2.0"], ["okta-openapi", "Apache License 2.0"]]) {
            assert.ok(fs.readFileSync(path.join(THIRD_PARTY, dir, "README.md"), "utf8").replace(/\s+/g, " ").includes(license), `${dir}/README.md names ${license}`);
        }
    });

    it("has every recording its README lists, and no other", () => {
        const readme = fs.readFileSync(path.join(THIRD_PARTY, "okta-recordings", "README.md"), "utf8");
        const listed = [...readme.matchAll(/`((?:idaas|governance)\/TestAcc[^`]+\.yaml)`/g)].flatMap(([, f]) => {
            const m = /\{([^}]+)\}/.exec(f);
            return m ? m[1].split(",").map((alt) => f.replace(m[0], alt)) : [f];
        });
        assert.deepStrictEqual(listRecordings(), [...new Set(listed)].sort());
    });

    it("a missing recording, or a missing folder, is named with the command that restores it", () => {
        const restore = `restore it with \`git -C ${REPO_ROOT} checkout -- third_party/okta-recordings\``;
        assert.throws(() => loadRecording("idaas/TestAccNothing/oie-00.yaml"), (e: Error) => e instanceof MissingDataFile && e.message.startsWith(`third_party/okta-recordings/idaas/TestAccNothing/oie-00.yaml is missing: ${restore}`));
        const gone = path.join(THIRD_PARTY, "no-such-folder");
        assert.throws(() => listRecordings(gone), (e: Error) => e instanceof MissingDataFile && e.message.startsWith(`third_party/no-such-folder is missing: ${restore}`));
    });
});
