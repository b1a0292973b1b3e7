// `npm run reliability`: runs every injected fault against every operation, and every bad-input class
// through check(), and writes docs/reliability.md.
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { runFaultMatrix, FaultResult } from "./faultMatrix";
import { REPO_ROOT } from "./engine";
import { requestTypeProvider } from "../provider/requestType";
import { hookKeyProvider } from "../provider/hookKey";
import { apiObjectProvider } from "../provider/apiObject";
import { validateApiCall } from "../provider/apiCall";

const RUNS = 1000;

async function badInputs() {
    const rows: { class: string; tried: number; refused: number; threw: number; unnamed: number }[] = [];
    const run = async (name: string, gen: fc.Arbitrary<any>, check: (x: any) => Promise<{ property: string }[] | undefined>) => {
        const row = { class: name, tried: 0, refused: 0, threw: 0, unnamed: 0 };
        for (const x of fc.sample(gen, RUNS)) {
            row.tried++;
            try {
                const f = await check(x);
                if (f && f.length) {
                    row.refused++;
                    if (f.some((e) => !e.property)) row.unnamed++;
                }
            } catch {
                row.threw++;
            }
        }
        rows.push(row);
    };
    const anyObj = fc.dictionary(fc.string(), fc.anything(), { maxKeys: 8 });
    await run("request type: arbitrary objects", anyObj, async (x) => (await requestTypeProvider.check!({}, x)).failures);
    await run("hook key: arbitrary objects", anyObj, async (x) => (await hookKeyProvider.check!({}, x)).failures);
    await run("API object: arbitrary objects", anyObj, async (x) => (await apiObjectProvider.check!({}, x)).failures);
    await run("custom API call: arbitrary arguments", fc.record({ method: fc.oneof(fc.string(), fc.constantFrom("GET", "POST", "TRACE")), relativeUrl: fc.oneof(fc.string(), fc.constantFrom("//x", "/../a", "https://a")), headers: fc.dictionary(fc.string(), fc.string()) }), async (x) => validateApiCall(x));
    return rows;
}

function table(rows: any[], cols: string[]): string {
    return [`| ${cols.join(" | ")} |`, `| ${cols.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${cols.map((c) => String(r[c]).replace(/\|/g, "\\|").replace(/\n/g, " ")).join(" | ")} |`)].join("\n");
}

async function main() {
    for (const k of Object.keys(process.env)) if (k.startsWith("OKTA_")) delete process.env[k];
    const faults: FaultResult[] = await runFaultMatrix((r) => console.log(`${r.operation} / ${r.fault}: ${r.converged ? "converged" : "NOT converged"}`));
    const inputs = await badInputs();
    const total = (k: keyof FaultResult) => faults.reduce((a, r) => a + Number(r[k]), 0);
    const doc = `# Reliability

Written by \`npm run reliability\` on ${new Date().toISOString()}. Each fault is injected by the emulator on the
route of one operation, once; the operation then runs as \`pulumi up\` would run it (the providers' code,
over real HTTP, client timeout 0.8 s). "reran" means the first run failed and a second, clean run was needed.
Converged: Okta holds exactly the declared object (by id and by name), a refresh reads back exactly the
declared inputs, and nothing else exists.

## Faults

${table(
        faults.map((r) => ({ ...r, firstRun: r.firstRun === "ok" ? "ok" : r.firstRun.slice(0, 120) })),
        ["operation", "fault", "firstRun", "reran", "converged", "duplicates", "orphans", "leaks", "calls"],
    )}

Totals over ${faults.length} cases: converged ${faults.filter((r) => r.converged).length}, duplicates ${total("duplicates")}, orphans ${total("orphans")}, leaked credentials ${total("leaks")}.

Faults through the real engine (\`tests/reliability.e2e.test.ts\`): an \`up\` of five request types and a hook
key through a lost create answer, a connection reset, two 503s and a 429 burst converges in one run; a
create Okta refuses fails with its code and request id, and the rerun converges; a destroy through a lost
delete answer converges.

## Bad input

${RUNS} generated inputs per class, through the same check() the engine calls. "threw" counts crashes
(an exception instead of a failure list); "unnamed" counts failures that do not name a property.

${table(inputs, ["class", "tried", "refused", "threw", "unnamed"])}

## Secrets

Checked by tests, each of which greps for the token it configured: the stored state (\`tests/engine.e2e\`,
\`tests/reliability.e2e\`), the serialized provider (\`tests/serialization\`), the engine's and plugin's
output at \`--debug\` and at \`-v=9\` with the token in the environment, every error message (the fault matrix
above, \`tests/requestTypeProvider\`, \`tests/client\`). Redirects are not followed (\`tests/client\`), and an
error never echoes a response body. Plain http is refused except for loopback.

Refused credentials, each answered by the emulator as Okta does and each tested for how the library reacts
(\`tests/oauth\`, \`tests/privilegedAccess\`, \`tests/client\`): a wrong API token (401 E0000004: surfaced, not
renewed), an expired or revoked OAuth token (401 E0000011: renewed exactly once, then surfaced), a token without
the route's scope (403 E0000006: surfaced, not renewed), a client assertion signed by an unregistered key, a
replayed or mis-bound DPoP proof, an ungranted scope at the token endpoint, and a wrong Privileged Access key
secret (one refused call, no retry storm). No private key, client assertion, access token or key secret appears
in any of those errors.

Known limit: Pulumi's own engine logs at \`-v=7\` and above print a provider's decrypted stack config, for
every provider. Run verbose CI jobs with the token in \`OKTA_API_TOKEN\` (the engine never holds it then).
`;
    fs.mkdirSync(path.join(REPO_ROOT, "docs"), { recursive: true });
    fs.writeFileSync(path.join(REPO_ROOT, "docs", "reliability.md"), doc);
    console.log(`wrote docs/reliability.md: ${faults.filter((r) => r.converged).length}/${faults.length} converged; duplicates ${total("duplicates")}, orphans ${total("orphans")}, leaks ${total("leaks")}`);
    console.table(inputs);
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
