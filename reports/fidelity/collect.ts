// One run of the three judges: the library and the emulator against every recording, and Okta's SDK against
// the emulator. What docs/internals/fidelity.md is written from, and what its freshness test compares it with.
import { setStackConfig } from "../../provider/okta/settings";
import { compareRecording, isEmulated } from "./emulatorReplay";
import { replayState, runOperation, SCENARIOS } from "./libraryScenarios";
import { listRecordings, loadRecording, RECORDINGS_FOLDER } from "./recordings";
import { gitRestoreHint } from "../../emulator/dataFiles";
import { startReplayServer } from "./replayServer";
import { FidelityRun } from "./report";
import { runSdkCalls } from "./sdkCalls";

export async function collectFidelityRun(): Promise<FidelityRun> {
    const files = listRecordings();
    if (!files.length) throw new Error(`no recordings in ${RECORDINGS_FOLDER}: ${gitRestoreHint(RECORDINGS_FOLDER)}`);
    const run: FidelityRun = { recordings: [], library: [], emulator: [], sdk: [] };
    for (const file of files) {
        const r = loadRecording(file);
        run.recordings.push({ file, interactions: r.interactions.length, emulated: r.interactions.some((i) => isEmulated(i.path)) });
    }
    const server = await startReplayServer();
    try {
        for (const scenario of SCENARIOS) {
            const state = replayState(server, scenario.file);
            for (const op of scenario.operations) run.library.push(await runOperation(state, op));
        }
    } finally {
        setStackConfig(undefined);
        await server.close();
    }
    for (const file of files) run.emulator.push(...(await compareRecording(file)));
    run.sdk = (await runSdkCalls()).calls;
    return run;
}
