// The crash-recovery measurement for docs/internals/reliability.md: a 20-resource `up` through the real engine, the
// engine SIGKILLed after the emulator has seen k creates, then Pulumi's documented recovery (cancel, export,
// remove the pending operations, import, refresh), then `up` until it converges (adding, by hand as a user would,
// the `{ import: "<id>" }` each error names), then `destroy`. Counts duplicates, orphans and hand edits.
import * as fs from "fs";
import { randomUUID } from "crypto";
import { Emulator, startEmulator } from "../emulator";
import { ApiObject, HookKey, RequestType } from "../sdk";
import { inlineStack } from "./engine";

const TOKEN = "crash-recovery-token";
const TEAM = "crashteam";
const GROUP = "00g1emaKYZTWRYYRRTSK";
const CREATE_PATHS = ["/governance/api/v1/request-types", `/v1/teams/${TEAM}/sudo_command_bundles`, "/api/v1/hook-keys"];

export interface CrashRow {
    killAfterCreates: number;
    /** Objects Okta held when the engine died, and how many of them the state had lost (in flight at the kill). */
    madeBeforeKill: number;
    pendingInState: number;
    upsToConverge: number;
    handEdits: number;
    duplicates: number;
    orphansAfterUp: number;
    leftAfterDestroy: number;
    firstError: string;
    seconds: number;
}

type Kind = "rt" | "bundle" | "key";
interface Decl {
    kind: Kind;
    name: string;
    import?: string;
}

const DECLS: Decl[] = [
    ...Array.from({ length: 12 }, (_, i) => ({ kind: "rt" as const, name: `crash-rt-${i}` })),
    ...Array.from({ length: 4 }, (_, i) => ({ kind: "bundle" as const, name: `crash_bundle_${i}` })),
    ...Array.from({ length: 4 }, (_, i) => ({ kind: "key" as const, name: `crash-key-${i}` })),
];

/** Child processes of `pid`, from /proc (Linux): the engine, and below it the provider plugin. */
export function childrenOf(pid: number): number[] {
    const out: number[] = [];
    for (const d of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(d)) continue;
        try {
            const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
            const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            if (ppid === pid) out.push(Number(d));
        } catch {
            /* gone */
        }
    }
    return out;
}

export function descendants(pid: number): number[] {
    const kids = childrenOf(pid);
    return kids.flatMap((k) => [k, ...descendants(k)]);
}

export const commName = (pid: number) => {
    try {
        return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    } catch {
        return "";
    }
};

function orgObjects(emu: Emulator): { id: string; name: string }[] {
    return [
        ...[...emu.requestTypes.values()].map((t) => ({ id: t.id, name: t.name })),
        ...[...emu.pam.bundles.values()].map((b) => ({ id: (b as { id: string }).id, name: (b as { name: string }).name })),
        ...[...emu.hookKeys.values()].map((k) => ({ id: k.id, name: k.name })),
    ];
}

export async function crashOnce(killAfterCreates: number): Promise<CrashRow> {
    const t0 = Date.now();
    // Latency keeps several creates in flight, as a real org's would.
    const emu = await startEmulator({ tokens: [TOKEN], pam: { team: TEAM }, latencyMs: 150 });
    const user = emu.pam.addServiceUser({ keyId: randomUUID(), keySecret: randomUUID() });
    const decls: Decl[] = DECLS.map((d) => ({ ...d }));
    const team = emu.teams[0].id;
    const program = async () => {
        for (const d of decls) {
            const opts = d.import ? { import: d.import } : undefined;
            if (d.kind === "rt") {
                new RequestType(d.name, { name: d.name, description: `Crash test ${d.name}`, ownerId: team, resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP }] }, approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] } }, opts);
            } else if (d.kind === "bundle") {
                new ApiObject(d.name, { api: "privileged-access", path: "/sudo_command_bundles", data: { name: d.name, description: "crash test", structured_commands: [{ command_type: "executable", command: "/bin/ls", args_type: "any" }] }, uniqueKey: "name" }, opts);
            } else {
                new HookKey(d.name, { name: d.name }, opts);
            }
        }
    };
    const es = await inlineStack({
        projectName: "okta-crash",
        program,
        env: { OKTA_ORG_URL: emu.url, OKTA_API_TOKEN: TOKEN, OKTA_PAM_URL: emu.url, OKTA_PAM_TEAM: TEAM, OKTA_PAM_KEY_ID: user.keyId, OKTA_PAM_KEY_SECRET: user.keySecret },
    });
    const quiet = { onOutput: () => undefined, onError: () => undefined };
    const row: CrashRow = { killAfterCreates, madeBeforeKill: 0, pendingInState: 0, upsToConverge: 0, handEdits: 0, duplicates: 0, orphansAfterUp: 0, leftAfterDestroy: 0, firstError: "", seconds: 0 };
    try {
        const creates = () => emu.log.filter((l) => l.method === "POST" && CREATE_PATHS.includes(l.path)).length;
        const before = new Set(childrenOf(process.pid));
        const up = es.stack.up(quiet).then(
            () => "finished",
            () => "killed",
        );
        // Poll every 5 ms for the k-th create, then SIGKILL the engine (only the process this run started).
        await new Promise<void>((resolve) => {
            const timer = setInterval(() => {
                if (creates() < killAfterCreates) return;
                clearInterval(timer);
                const engine = childrenOf(process.pid).find((p) => !before.has(p) && commName(p) === "pulumi");
                if (engine) {
                    const tree = descendants(engine);
                    process.kill(engine, "SIGKILL");
                    // The plugin outlives the engine for a moment (and may finish its creates): as in CI, it is then killed too.
                    setTimeout(() => tree.forEach((p) => { try { process.kill(p, "SIGKILL"); } catch { /* exited */ } }), 2000);
                }
                resolve();
            }, 5);
        });
        await up;
        await new Promise((r) => setTimeout(r, 2500)); // in-flight requests reach the emulator
        row.madeBeforeKill = orgObjects(emu).length;

        // Pulumi's documented recovery. `cancel` applies to the Pulumi Cloud backend only; it is tried as documented.
        await es.stack.cancel().catch(() => undefined);
        // A kill during the file backend's save can leave the checkpoint truncated ("failed to load checkpoint: EOF",
        // seen once on CLI 3.276): Pulumi's recovery is its backup of the previous checkpoint.
        const exported = await es.stack.exportStack().catch(async (e: Error) => {
            if (!/failed to load checkpoint/.test(e.message) || !es.restoreStateBackup()) throw e;
            return es.stack.exportStack();
        });
        const deployment = exported.deployment as { pending_operations?: unknown[] };
        row.pendingInState = deployment.pending_operations?.length ?? 0;
        deployment.pending_operations = [];
        await es.stack.importStack(exported);
        await es.stack.refresh(quiet);

        for (let attempt = 1; attempt <= 4; attempt++) {
            row.upsToConverge = attempt;
            try {
                await es.stack.up(quiet);
                break;
            } catch (e) {
                const msg = (e as Error).message;
                row.firstError ||= (msg.split("\n").find((l) => /already exists|409/.test(l)) ?? msg.split("\n").find((l) => /error:/.test(l)) ?? "").trim().slice(0, 160);
                // The hand edit a user makes from the error: the named { import } on the resource of that name.
                const ids = [...msg.matchAll(/\{ import: "([^"]+)" \}/g)].map((m) => m[1]).filter((id) => id !== "<id>");
                let edits = 0;
                for (const id of new Set(ids)) {
                    const o = orgObjects(emu).find((x) => x.id === id);
                    const d = o && decls.find((x) => x.name === o.name && !x.import);
                    if (d) {
                        d.import = id;
                        edits++;
                    }
                }
                row.handEdits += edits;
                if (edits === 0) break; // nothing a user could act on: reported as not converged
            }
        }
        const state = (await es.stack.exportStack()).deployment as { resources?: { id?: string; type: string }[] };
        const inState = new Set((state.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/okta:")).map((r) => r.id));
        const objects = orgObjects(emu);
        const byName = new Map<string, number>();
        for (const o of objects) byName.set(o.name, (byName.get(o.name) ?? 0) + 1);
        row.duplicates = [...byName.values()].reduce((a, n) => a + n - 1, 0);
        row.orphansAfterUp = objects.filter((o) => !inState.has(o.id)).length;
        await es.stack.destroy(quiet).catch(() => undefined);
        row.leftAfterDestroy = orgObjects(emu).length;
    } finally {
        row.seconds = Math.round((Date.now() - t0) / 1000);
        await es.cleanup();
        await emu.stop();
    }
    return row;
}

export async function runCrashRecovery(points = [1, 4, 8, 12, 16, 19], onRow?: (r: CrashRow) => void): Promise<CrashRow[]> {
    const rows: CrashRow[] = [];
    for (const k of points) {
        const r = await crashOnce(k);
        onRow?.(r);
        rows.push(r);
    }
    return rows;
}

if (require.main === module) {
    const points = process.argv.slice(2).map(Number).filter((n) => n > 0);
    runCrashRecovery(points.length ? points : undefined, (r) => console.log(JSON.stringify(r))).catch((e) => {
        console.error(e);
        process.exit(1);
    });
}
