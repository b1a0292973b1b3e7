// The native door's section of docs/performance.md, written from bench/native.ts's results (pure, so that
// `--doc-only` re-renders it from bench/results.json).
import type { NativeResults } from "./native";

const table = (head: string[], rows: (string | number)[][]) =>
    [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

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
at most ${r.goals.ratioToNoop}x the no-op native plugin: ${verdict(r.stepGoalMet)} (the largest, ${worst.step}: ${worst.ratioToNoop}x).

### Start-up

From spawning the launcher as the engine does (\`pulumi-resource-oktadynamic <engine address>\`) to the port on its
stdout, which the engine waits for before its first call; median of ${r.startupRepeats} starts each, taken in turn after one
unmeasured start (which writes the compile cache).

${table(
    ["plugin", "ms"],
    [
        ["native plugin, as installed (Node's compile cache written by an earlier start): the goal's figure", s.native],
        ["native plugin, first start (\`NODE_DISABLE_COMPILE_CACHE=1\`)", s.nativeNoCompileCache],
        ["no-op native plugin of the same shape", s.noop],
        ["the dynamic door's plugin as the engine launches it (\`pulumi-resource-pulumi-nodejs\`)", s.dynamic],
    ],
)}

Bundles: ${Math.round(r.bundleBytes.native / 1024)} KB (native), ${Math.round(r.bundleBytes.noop / 1024)} KB (no-op). What a start costs: Node itself (~40 ms),
compiling the bundle, and evaluating \`@grpc/grpc-js\` (~30 ms) and \`@pulumi/pulumi/provider\`'s server with its generated
protobuf code (~20 ms), which every plugin on \`@pulumi/pulumi/provider\` pays, the no-op too. The plugin's own part is
small: its launcher points \`NODE_COMPILE_CACHE\` at \`.node-compile-cache\` beside the bundle (in the plugin's folder,
so \`pulumi plugin rm\` removes it with the plugin; a folder it cannot write only means no cache; a
\`NODE_COMPILE_CACHE\` already set wins), and the plugin writes the cache once the port is printed, since the engine ends
plugins with a signal. The bundle leaves out whatwg-url and its Unicode tables (node-fetch 2 uses Node's own \`URL\`),
16 ms of every start and a \`punycode\` deprecation warning. Full minification was measured slower (15-25 ms) and is not used.

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
