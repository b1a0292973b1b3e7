// The native door's section of docs/internals/performance.md, written from bench/native.ts's results (pure, so that
// `--doc-only` re-renders it from bench/results.json).
import type { NativeResults } from "./native";

const table = (head: string[], rows: (string | number)[][]) =>
    [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

// Measured with this section's method (bench/pluginStart.ts, starts taken in turn) against the plugin of commit
// aba1cae and against Node's own compile cache (commit 5aeb29e); not rerun by the benchmark.
const BEFORE =
    "Measured the same way, four plugins in turn (41 starts each, load average 0.8 to 1.7, 2026-12-06): the plugin " +
    "before these measures (commit aba1cae) 158 and 183 ms in two runs; with Node's own compile cache instead of the " +
    "code cache 115 and 132 ms; with the code cache then written at the first start 97 and 115 ms, and 154 and 173 ms with " +
    "it off.";

const verdict = (met: boolean) => (met ? "met" : "**missed**");

export function describeNative(r: NativeResults): string {
    const s = r.startupMs;
    const worst = r.steps.reduce((a, b) => (b.ratioToNoop > a.ratioToNoop ? b : a));
    return `## The native door (\`oktadynamic\` plugin)

Measured by \`npm run bench\` (alone: \`npm run bench -- --only=native\` or \`BENCH_ONLY=native npm run bench\`, a few
minutes) on ${r.when}, with a 1-minute load average of ${r.loadAverage.start} at the start and ${r.loadAverage.end} at the end
on ${r.loadAverage.cores} cores. Other work on the machine makes every figure here slower and noisier (start-ups most);
compare figures taken in one run, and rerun on a quiet machine before reading much into a single number.

Goals (issue 21): start-up at most ${r.goals.startupMs} ms median: ${verdict(r.startupGoalMet)}; every step through the native door
at most ${r.goals.ratioToNoop}x the no-op native plugin: ${verdict(r.stepGoalMet)} (the largest, ${worst.step}: ${worst.ratioToNoop}x).${
        s.standalone === undefined ? "" : ` The released standalone linux-amd64 executable (issue 27) starts in at most ${r.goals.standaloneStartupMs ?? 150} ms median: ${verdict(r.standaloneGoalMet === true)}.`
    }

### Start-up

From spawning the launcher as the engine does (\`pulumi-resource-oktadynamic <engine address>\`) to the port on its
stdout, which the engine waits for before its first call; median of ${r.startupRepeats} starts each, taken in turn after one
unmeasured start.

${table(
    ["plugin", "ms"],
    [
        ["native plugin, as installed (with the code cache its tarball ships): the goal's figure", s.native],
        ["native plugin with the code cache off (\`NODE_DISABLE_COMPILE_CACHE=1\`), as under a Node other than the build's", s.nativeNoCache],
        ["no-op native plugin of the same shape", s.noop],
        ["the dynamic door's plugin as the engine launches it (\`pulumi-resource-pulumi-nodejs\`)", s.dynamic],
        ...(s.standalone === undefined ? [] : [["the released standalone linux-amd64 executable (\`npm run release\`: Node 26 SEA, no code cache)", s.standalone]]),
    ],
)}

Bundles: ${Math.round(r.bundleBytes.native / 1024)} KB (native), ${Math.round(r.bundleBytes.noop / 1024)} KB (no-op). What a start costs (the bundle's module loader
timed once, at a load average of 3): Node itself (~40 ms), compiling the bundle (~25 ms without the cache), and
evaluating \`@grpc/grpc-js\` (~30 ms) and \`@pulumi/pulumi/provider\`'s server with its generated protobuf code (~20 ms),
which every plugin on \`@pulumi/pulumi/provider\` pays, the no-op too; \`provider/\` itself adds little.

Two measures make the plugin's start shorter:
- V8's code cache of the bundle, made at build time by running the bundle once to its port printed, and shipped in
  the tarball: the launcher starts a small loader (tools/plugin-loader.js) that runs the bundle as Node runs a
  CommonJS module, with that cache when the bundle's and the cache's SHA-256 are those the build recorded and Node's
  V8 version and flags are the build's (V8 itself matches a cache to its source by length only, and runs a cache of
  other source). Nothing is written at run time; under another Node the bundle is compiled from source (the
  cache-off figure); \`NODE_DISABLE_COMPILE_CACHE=1\` turns it off. Node's own compile cache (\`NODE_COMPILE_CACHE\`)
  was tried first: it keeps only the code compiled before the bundle runs (its top level, ~190 KB), while this cache,
  taken after the start, holds the modules' bodies too (~1.2 MB): 10-20 ms more off.
- The bundle leaves out whatwg-url and its Unicode tables (node-fetch 2 uses Node's own \`URL\`): 16 ms of every
  start, and a \`punycode\` deprecation warning on stderr.

Full minification was measured slower (15-25 ms, with or without \`keepNames\`) and is not used. ${BEFORE}

### Create, no-change preview, refresh, delete

Each step is a whole \`pulumi\` command through the Automation API (CLI start, plugin start, engine, checkpoint) on
${r.n} request types declared alike through each door: the native plugin and the no-op installed with
\`pulumi plugin install --file\` into the stack's own PULUMI_HOME (the same inline program, \`oktadynamic:index:RequestType\`),
the dynamic door's \`RequestType\`. Median of ${r.repeats} rounds, the doors in turn with each round starting with the next;
each round checks its outcome (${r.n} created in the emulator, a preview with no changes, none left after delete).

${table(
    ["step", "native s", "dynamic s", "no-op native s", "native / no-op", "native / dynamic"],
    r.steps.map((x) => [x.step, x.nativeSeconds, x.dynamicSeconds, x.noopSeconds, x.ratioToNoop, x.ratioToDynamic]),
)}

The no-op answers every call at once without HTTP; the native door's difference from it is the provider's own work:
loading \`provider/\`, validation, one call to Okta per object (and the one credential check per run), and Okta's
answers kept as outputs.
`;
}
