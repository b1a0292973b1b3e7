// mocha's spec output, plus a results file that .ci/run turns into its closing "N passed, N failed" line.
import * as fs from "fs";
import * as path from "path";
import Mocha = require("mocha");

class Reporter extends Mocha.reporters.Spec {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
        super(runner, options);
        let passed = 0;
        let failed = 0;
        let skipped = 0;
        runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, () => passed++);
        runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, () => failed++);
        runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, () => skipped++);
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const file = process.env.TEST_RESULTS_FILE ?? path.resolve(__dirname, "..", "..", "..", "test-results.json");
            fs.writeFileSync(file, JSON.stringify({ passed, failed, skipped }) + "\n");
        });
    }
}
export = Reporter;
