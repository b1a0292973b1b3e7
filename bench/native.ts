// Issue 21, item 8 ("Speed"): the native plugin's start-up (spawn to port printed) and the wall time of create,
// no-change preview, refresh and delete through the native door, beside the dynamic door and beside a no-op native
// plugin of the same shape (bench/noopPlugin.ts: the engine's floor for this door). Both plugins are packed by
// tools/build-plugin.js and installed with `pulumi plugin install --file` into each stack's PULUMI_HOME, and all
// three doors run the same inline program shape through the real engine against the emulator. The start-ups also
// time the released standalone linux-amd64 executable (`npm run release`, built first if missing or stale).
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Emulator } from "../emulator";
import { RequestType } from "../sdk";
import { inlineStack, pulumiCliRoot, REPO_ROOT } from "../harness/engine";
import { OktaClient, staticAuth } from "../provider/okta/client";
import { rt, TOKEN } from "./requestTypeArgs";
import { startPlugin } from "./pluginStart";
import { pluginTarball, releaseDir } from "../tests/support/release";

/**
 * The issues' goals: a start-up median of at most 250 ms (issue 21), 150 ms for the released standalone linux-amd64
 * executable (issue 27), and each step at most 1.2x the no-op plugin's.
 */
export const NATIVE_GOALS = { startupMs: 250, standaloneStartupMs: 150, ratioToNoop: 1.2 } as const;

export type Door = "native" | "dynamic" | "noop";
export const DOORS: Door[] = ["native", "dynamic", "noop"];
export const STEPS = ["create", "preview", "refresh", "delete"] as const;
export type Step = (typeof STEPS)[number];

interface Plugin {
    tarball: string;
    launcher: string;
    bundleBytes: number;
    version: string;
}

interface BuildPlugin {
    buildPlugin(o: { main?: string; outDir: string }): Plugin;
}

/** The real plugin and the no-op, packed alike (the module served is the only difference). */
function packPlugins(dir: string): Record<"native" | "noop", Plugin> {
    const { buildPlugin } = require(path.join(REPO_ROOT, "tools", "build-plugin.js")) as BuildPlugin;
    return {
        native: buildPlugin({ outDir: path.join(dir, "native") }),
        noop: buildPlugin({ main: "./bench/noopPlugin", outDir: path.join(dir, "noop") }),
    };
}

export const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Starter {
    cmd: string;
    cwd?: string;
    env?: NodeJS.ProcessEnv;
}

/** Medians of `repeats` starts of each starter, taken in turn (each round beginning with the next), after one unmeasured start each. */
async function startups(starters: Record<string, Starter>, repeats: number): Promise<Record<string, number>> {
    const names = Object.keys(starters);
    const runs: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (const n of names) await startPlugin(starters[n].cmd, { ...starters[n], graceMs: 1000 });
    for (let i = 0; i < repeats; i++) {
        for (let j = 0; j < names.length; j++) {
            const n = names[(i + j) % names.length];
            runs[n].push((await startPlugin(starters[n].cmd, starters[n])).ms);
        }
    }
    return Object.fromEntries(names.map((n) => [n, Math.round(median(runs[n]))]));
}

function installPlugin(plugin: Plugin, env: Record<string, string>): Promise<void> {
    const pulumiBin = path.join(pulumiCliRoot(), "bin", "pulumi");
    return new Promise((resolve, reject) =>
        execFile(pulumiBin, ["plugin", "install", "resource", "oktadynamic", plugin.version, "--file", plugin.tarball, "--non-interactive"], { env: { ...process.env, ...env } }, (e, _o, stderr) =>
            e ? reject(new Error(`pulumi plugin install failed: ${stderr}`)) : resolve(),
        ),
    );
}

/**
 * One of each call the steps make, before any is timed: the emulator builds its OpenAPI validators on first use
 * (~200 ms for the first create), which would otherwise land on whichever door comes first.
 */
async function warmEmulator(emu: Emulator): Promise<void> {
    const client = new OktaClient({ baseUrl: emu.url, auth: staticAuth({ kind: "apiToken", token: TOKEN }) });
    await client.get("/api/v1/users/me");
    const made = await client.request<{ id: string }>("POST", "/governance/api/v1/request-types", { body: rt(emu, "bench-warm-up") });
    await client.get(`/governance/api/v1/request-types/${made.body.id}`);
    await client.request("DELETE", `/governance/api/v1/request-types/${made.body.id}`);
}

/** A request type through the native door, as a generated SDK declares it: by type token, served by the installed plugin. */
class NativeRequestType extends pulumi.CustomResource {
    constructor(name: string, args: object) {
        super("oktadynamic:index:RequestType", name, { ...args });
    }
}

/** One round of the four steps through one door, n request types; seconds per step, checked as it goes. */
async function stepsOnce(door: Door, emu: Emulator, n: number, round: number, plugins: Record<"native" | "noop", Plugin>): Promise<Record<Step, number>> {
    const names = Array.from({ length: n }, (_, i) => `bench-${door}-${round}-${i}`);
    const es = await inlineStack({
        projectName: `bench-door-${door}`,
        program: async () => {
            for (const [i, name] of names.entries()) {
                if (door === "dynamic") new RequestType(`rt-${i}`, rt(emu, name));
                else new NativeRequestType(`rt-${i}`, rt(emu, name));
            }
        },
        env: { OKTA_ORG_URL: emu.url, OKTA_API_TOKEN: TOKEN },
    });
    const inOkta = () => [...emu.requestTypes.values()].filter((t) => names.includes(t.name)).length;
    const expectInOkta = (k: number, step: Step) => {
        if (door !== "noop" && inOkta() !== k) throw new Error(`${door} ${step}: ${inOkta()} of the round's request types in the emulator, expected ${k}`);
    };
    const out = {} as Record<Step, number>;
    const timed = async <T>(step: Step, act: () => Promise<T>): Promise<T> => {
        const t = Date.now();
        const r = await act();
        out[step] = (Date.now() - t) / 1000;
        return r;
    };
    try {
        if (door !== "dynamic") await installPlugin(plugins[door], es.env);
        await timed("create", () => es.stack.up());
        expectInOkta(n, "create");
        const preview = await timed("preview", () => es.stack.preview());
        const changed = Object.entries(preview.changeSummary).filter(([k, v]) => k !== "same" && v > 0);
        if (changed.length || preview.changeSummary.same !== n + 1) throw new Error(`${door} preview was not a no-change preview: ${JSON.stringify(preview.changeSummary)}`);
        await timed("refresh", () => es.stack.refresh());
        await timed("delete", () => es.stack.destroy());
        expectInOkta(0, "delete");
    } finally {
        await es.cleanup();
    }
    return out;
}

export interface NativeStepRow {
    step: Step;
    nativeSeconds: number;
    dynamicSeconds: number;
    noopSeconds: number;
    /** Native against the no-op plugin: the goal is at most NATIVE_GOALS.ratioToNoop. */
    ratioToNoop: number;
    ratioToDynamic: number;
}

export interface NativeResults {
    when: string;
    n: number;
    repeats: number;
    startupRepeats: number;
    /** Start-up medians in ms, spawn to port printed. */
    startupMs: {
        /** The plugin as users run it, with the code cache its tarball ships (tools/plugin-loader.js): the goal's figure. */
        native: number;
        /** The same with the code cache off (NODE_DISABLE_COMPILE_CACHE=1), as under a Node other than the one that built it. */
        nativeNoCache: number;
        noop: number;
        /** The dynamic door's plugin as the engine launches it (pulumi-resource-pulumi-nodejs from @pulumi/pulumi). */
        dynamic: number;
        /** The released linux-amd64 executable (dist/release, a Node SEA without code cache); absent in older results. */
        standalone?: number;
    };
    bundleBytes: { native: number; noop: number };
    steps: NativeStepRow[];
    goals: typeof NATIVE_GOALS;
    startupGoalMet: boolean;
    /** The standalone executable's start-up within its goal; absent in older results. */
    standaloneGoalMet?: boolean;
    stepGoalMet: boolean;
    /** The machine's 1-minute load average when the section started and ended (other work skews the figures). */
    loadAverage: { start: number; end: number; cores: number };
}

/** The whole section: start-ups, then `repeats` rounds of the four steps through each door in turn. */
export async function nativeSection(emu: Emulator, opts: { smoke: boolean; log?: (s: string) => void }): Promise<NativeResults> {
    const log = opts.log ?? console.log;
    const n = opts.smoke ? 2 : 10;
    const repeats = opts.smoke ? 1 : 5;
    const startupRepeats = opts.smoke ? 3 : 21;
    const loadStart = os.loadavg()[0];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "okta-bench-native-"));
    try {
        const plugins = packPlugins(dir);
        const dynamicPlugin = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "pulumi-resource-pulumi-nodejs");
        const noCache = { ...process.env, NODE_DISABLE_COMPILE_CACHE: "1" };
        const standalone = path.join(dir, "standalone");
        fs.mkdirSync(standalone);
        execFileSync("tar", ["-xzf", path.join(releaseDir(), pluginTarball("linux-amd64")), "-C", standalone]);
        const startupMs = (await startups(
            {
                native: { cmd: plugins.native.launcher },
                nativeNoCache: { cmd: plugins.native.launcher, env: noCache },
                noop: { cmd: plugins.noop.launcher },
                dynamic: { cmd: dynamicPlugin, cwd: REPO_ROOT },
                standalone: { cmd: path.join(standalone, "pulumi-resource-oktadynamic") },
            },
            startupRepeats,
        )) as NativeResults["startupMs"];
        log(`plugin start-up, spawn to port printed (median of ${startupRepeats}): ${JSON.stringify(startupMs)}`);

        await warmEmulator(emu);
        const runs: Record<Door, Record<Step, number>[]> = { native: [], dynamic: [], noop: [] };
        for (let round = 0; round < repeats; round++) {
            for (let j = 0; j < DOORS.length; j++) {
                const door = DOORS[(round + j) % DOORS.length];
                const r = await stepsOnce(door, emu, n, round, plugins);
                runs[door].push(r);
                log(`round ${round + 1}/${repeats} ${door}: ${STEPS.map((s) => `${s} ${r[s].toFixed(2)} s`).join(", ")}`);
            }
        }
        const med = (door: Door, step: Step) => median(runs[door].map((r) => r[step]));
        const steps: NativeStepRow[] = STEPS.map((step) => ({
            step,
            nativeSeconds: +med("native", step).toFixed(2),
            dynamicSeconds: +med("dynamic", step).toFixed(2),
            noopSeconds: +med("noop", step).toFixed(2),
            ratioToNoop: +(med("native", step) / med("noop", step)).toFixed(2),
            ratioToDynamic: +(med("native", step) / med("dynamic", step)).toFixed(2),
        }));
        return {
            when: new Date().toISOString(),
            n,
            repeats,
            startupRepeats,
            startupMs,
            bundleBytes: { native: plugins.native.bundleBytes, noop: plugins.noop.bundleBytes },
            steps,
            goals: NATIVE_GOALS,
            startupGoalMet: startupMs.native <= NATIVE_GOALS.startupMs,
            standaloneGoalMet: startupMs.standalone! <= NATIVE_GOALS.standaloneStartupMs,
            stepGoalMet: steps.every((s) => s.ratioToNoop <= NATIVE_GOALS.ratioToNoop),
            loadAverage: { start: +loadStart.toFixed(2), end: +os.loadavg()[0].toFixed(2), cores: os.cpus().length },
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
