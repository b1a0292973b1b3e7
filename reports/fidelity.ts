// Writes docs/internals/fidelity.md: every recording replayed against the library and the emulator, Okta's SDK run
// against the emulator, and the differences that remain with their reasons. Exits 1 on any unexplained one.
import * as fs from "fs";
import * as path from "path";
import { collectFidelityRun } from "./fidelity/collect";
import { figures, renderReport } from "./fidelity/report";

async function main(): Promise<void> {
    const run = await collectFidelityRun();
    const out = path.resolve(__dirname, "..", "..", "docs", "internals", "fidelity.md");
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
