// Writes docs/fidelity.md: every recording replayed against the library and the emulator, Okta's SDK run
// against the emulator, and the differences that remain with their reasons. Exits 1 on any unexplained one.
import * as fs from "fs";
import * as path from "path";
import { compareRecording, isEmulated } from "./fidelity/emulatorReplay";
import { replayState, runOperation, SCENARIOS } from "./fidelity/libraryScenarios";
import { listRecordings, loadRecording } from "./fidelity/recordings";
import { startReplayServer } from "./fidelity/replayServer";
import { figures, FidelityRun, renderReport } from "./fidelity/report";
import { runSdkCalls } from "./fidelity/sdkCalls";
import { setStackConfig } from "../provider/okta/settings";

async function main(): Promise<void> {
    const files = listRecordings();
    if (!files.length) throw new Error("no recordings found: place them in ../shared/okta-recordings or set OKTA_RECORDINGS_DIR");
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
    const out = path.resolve(__dirname, "..", "..", "docs", "fidelity.md");
    fs.writeFileSync(out, renderReport(run));
    const f = figures(run);
    console.log(
        `${path.relative(process.cwd(), out)}: ${f.recordings} recordings, ${f.libraryOperations} library operations (${f.libraryFailures} failing), ` +
            `${f.emulatorInteractions} requests to the emulator (${f.explained} differences explained, ${f.unexplained} unexplained), ${f.sdkCalls} SDK calls (${f.sdkFailures} failing)`,
    );
    if (f.libraryFailures || f.unexplained || f.sdkFailures) process.exitCode = 1;
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
