// The library against real Okta answers (third_party/okta-recordings): a server on 127.0.0.1 answers each
// recorded request with the recorded response; every operation must send the recorded requests (method, path,
// JSON body), no more and no fewer, and produce the right outputs.
import * as assert from "assert";
import { replayState, runOperation, SCENARIOS, ScenarioState } from "../reports/fidelity/libraryScenarios";
import { startReplayServer, ReplayServer } from "../reports/fidelity/replayServer";
import { setStackConfig } from "../provider/okta/settings";

describe("the library against recorded Okta traffic", () => {
    let server: ReplayServer;
    before(async () => {
        server = await startReplayServer();
    });
    after(async () => {
        setStackConfig(undefined);
        await server.close();
    });

    for (const scenario of SCENARIOS) {
        describe(`${scenario.file}: ${scenario.what}`, () => {
            let state: ScenarioState;
            before(() => {
                state = replayState(server, scenario.file);
            });
            for (const op of scenario.operations) {
                it(op.name, async () => {
                    const r = await runOperation(state, op);
                    assert.deepStrictEqual(r.problems, [], `sent: ${r.sent.join(", ")}`);
                });
            }
        });
    }
});
