// Every fault the emulator can inject, against every operation the providers make: does the operation
// succeed or fail clearly, does a rerun converge, and is anything duplicated, orphaned or leaked?
// Used by tests/reliability.test.ts (through both doors) and by reports/reliability.ts (docs/internals/reliability.md,
// the dynamic door).
import { startEmulator, FaultKind } from "../emulator";
import { setStackConfig } from "../provider/okta/settings";
import { Door, dynamicDoor } from "../tests/support/doors";
import { REQUEST_TYPES_PATH } from "../provider/schema/requestType";
import { HOOK_KEYS_PATH } from "../provider/schema/hookKey";

export const FAULTS: FaultKind[] = ["429", "429-no-headers", "500", "502", "503", "reset-before", "lost-response", "timeout", "malformed-json"];
export const OPERATIONS = [
    "create request type",
    "publish request type",
    "read request type",
    "delete request type",
    "create hook key",
    "rename hook key",
    "create sudo bundle (ApiObject)",
    "update sudo bundle (ApiObject)",
] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface FaultResult {
    operation: Operation;
    fault: FaultKind;
    /** "ok", or the first run's error (what the user would read). */
    firstRun: string;
    /** A second run was needed (as the next `pulumi up`). */
    reran: boolean;
    converged: boolean;
    duplicates: number;
    orphans: number;
    leaks: number;
    calls: number;
}

const TOKEN = "fault-SECRET-token-0b9e";
const PAM_TEAM = "fault-team";
const PAM_USER = { keyId: "0d6f1a9e-3b7c-4e21-9a5d-7c2b8e4f1a30", keySecret: "fault-PAM-SECRET-5c1d" };
const CLIENT_TIMEOUT_MS = 800;

interface Held {
    id?: string;
    outs?: Record<string, any>;
}

/** One operation under one fault, on a fresh emulator, through one door onto the providers. */
export async function runFaultCase(operation: Operation, fault: FaultKind, door: Door = dynamicDoor): Promise<FaultResult> {
    const emu = await startEmulator({ tokens: [TOKEN], pam: { team: PAM_TEAM, serviceUsers: [PAM_USER] } });
    const requestTypeProvider = door.provider("RequestType");
    const hookKeyProvider = door.provider("HookKey");
    const apiObjectProvider = door.provider("ApiObject");
    try {
        // The providers resolve the org per call; a case's emulator has its own URL, so its own client.
        await door.configure({ orgUrl: emu.url, apiToken: TOKEN, pam: { url: emu.url, team: PAM_TEAM, ...PAM_USER } });
        const team = emu.teams[0].id;
        const rtArgs = {
            name: `fault-${operation.replace(/\W+/g, "-")}-${fault}`,
            description: "Made under a fault",
            ownerId: team,
            resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: "00g1emaKYZTWRYYRRTSK" }] },
            approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
        };
        const rtInputs = (await requestTypeProvider.check!({}, rtArgs)).inputs!;
        const bundleArgs = (description: string) => ({
            api: "privileged-access",
            path: "/sudo_command_bundles",
            data: { name: "fault_bundle", description, structured_commands: [{ command_type: "executable", command: "/bin/mkdir", args_type: "any" }] },
            uniqueKey: "name",
        });
        const bundleInputs = (await apiObjectProvider.check!({}, bundleArgs("Made under a fault"))).inputs!;
        const bundleUpdated = (await apiObjectProvider.check!({}, bundleArgs("Updated under a fault"))).inputs!;
        const held: Held = {};
        const isHookKey = operation.includes("hook key");
        const isBundle = operation.includes("sudo bundle");
        // Set-up, without faults: the object the operation acts on.
        if (operation === "update sudo bundle (ApiObject)") {
            const r = await apiObjectProvider.create(bundleInputs);
            Object.assign(held, { id: r.id, outs: r.outs });
        }
        if (operation !== "create request type" && !isHookKey && !isBundle) {
            const r = await requestTypeProvider.create(rtInputs);
            Object.assign(held, { id: r.id, outs: r.outs });
        }
        if (operation === "rename hook key") {
            const r = await hookKeyProvider.create({ name: "fault-key" });
            Object.assign(held, { id: r.id, outs: r.outs });
        }
        emu.clearLog();
        const path: Record<Operation, [string, string, boolean]> = {
            "create request type": ["POST", REQUEST_TYPES_PATH, true],
            "publish request type": ["POST", `${REQUEST_TYPES_PATH}/${held.id}/publish`, true],
            "read request type": ["GET", `${REQUEST_TYPES_PATH}/${held.id}`, true],
            "delete request type": ["DELETE", `${REQUEST_TYPES_PATH}/${held.id}`, true],
            "create hook key": ["POST", HOOK_KEYS_PATH, true],
            "rename hook key": ["PUT", `${HOOK_KEYS_PATH}/${held.id}`, true],
            "create sudo bundle (ApiObject)": ["POST", `/v1/teams/${PAM_TEAM}/sudo_command_bundles`, true],
            "update sudo bundle (ApiObject)": ["PUT", `/v1/teams/${PAM_TEAM}/sudo_command_bundles/${held.id}`, true],
        };
        const [method, p, exact] = path[operation];
        emu.injectFault({ method, path: p, exact, kind: fault, times: 1, delayMs: CLIENT_TIMEOUT_MS * 2 });

        const run = async (): Promise<void> => {
            switch (operation) {
                case "create request type": {
                    const r = await requestTypeProvider.create(rtInputs);
                    Object.assign(held, { id: r.id, outs: r.outs });
                    break;
                }
                case "publish request type":
                    held.outs = (await requestTypeProvider.update!(held.id!, held.outs!, { ...rtInputs, status: "ACTIVE" })).outs;
                    break;
                case "read request type": {
                    const r = await requestTypeProvider.read!(held.id!, held.outs);
                    if (r.id !== held.id) throw new Error("read lost the object");
                    held.outs = r.props;
                    break;
                }
                case "delete request type":
                    await requestTypeProvider.delete!(held.id!, held.outs!);
                    held.id = undefined;
                    break;
                case "create hook key": {
                    const r = await hookKeyProvider.create({ name: "fault-key" });
                    Object.assign(held, { id: r.id, outs: r.outs });
                    break;
                }
                case "rename hook key":
                    held.outs = (await hookKeyProvider.update!(held.id!, held.outs!, { name: "fault-key-renamed" })).outs;
                    break;
                case "create sudo bundle (ApiObject)": {
                    const r = await apiObjectProvider.create(bundleInputs);
                    Object.assign(held, { id: r.id, outs: r.outs });
                    break;
                }
                case "update sudo bundle (ApiObject)":
                    held.outs = (await apiObjectProvider.update!(held.id!, held.outs!, bundleUpdated)).outs;
                    break;
            }
        };

        let firstRun = "ok";
        let reran = false;
        let leaks = 0;
        try {
            await run();
        } catch (e) {
            firstRun = (e as Error).message;
            if (firstRun.includes(TOKEN) || firstRun.includes(PAM_USER.keySecret)) leaks++;
            reran = true;
            await run(); // the next `pulumi up`, with nothing injected
        }
        // Let a delayed (timed-out) request finish on the server before judging the org.
        if (fault === "timeout") await new Promise((r) => setTimeout(r, CLIENT_TIMEOUT_MS * 2 + 200));

        const store: Map<string, { name: string }> = isHookKey ? emu.hookKeys : isBundle ? emu.pam.bundles : emu.requestTypes;
        const names = [...store.values()].map((o) => o.name);
        const duplicates = names.length - new Set(names).size;
        const ids = [...store.keys()];
        const orphans = ids.filter((id) => id !== held.id).length;
        let converged = orphans === 0 && duplicates === 0;
        if (operation === "delete request type") converged &&= ids.length === 0;
        else converged &&= held.id !== undefined && ids.includes(held.id);
        if (operation === "publish request type") converged &&= emu.requestTypes.get(held.id!)?.status === "ACTIVE" && held.outs?.status === "ACTIVE";
        if (operation === "rename hook key") converged &&= emu.hookKeys.get(held.id!)?.name === "fault-key-renamed";
        if (operation === "update sudo bundle (ApiObject)") converged &&= emu.pam.bundles.get(held.id!)?.description === "Updated under a fault";
        if (converged && held.id && operation !== "delete request type") {
            // A refresh reads back exactly the declared inputs (server timestamps may move: a timed-out
            // write that the client repeated can land a second time).
            const provider = isHookKey ? hookKeyProvider : isBundle ? apiObjectProvider : requestTypeProvider;
            const r = await provider.read!(held.id, held.outs);
            const declared = isHookKey
                ? { name: operation === "rename hook key" ? "fault-key-renamed" : "fault-key" }
                : isBundle
                  ? operation === "update sudo bundle (ApiObject)"
                      ? bundleUpdated
                      : bundleInputs
                  : { ...rtInputs, status: operation === "publish request type" ? "ACTIVE" : "DRAFT" };
            converged = JSON.stringify(r.inputs) === JSON.stringify(declared);
        }
        return { operation, fault, firstRun, reran, converged, duplicates, orphans, leaks, calls: emu.log.length };
    } finally {
        setStackConfig(undefined);
        await emu.stop();
    }
}

export async function runFaultMatrix(onResult: (r: FaultResult) => void = () => {}, door: Door = dynamicDoor, faults: readonly FaultKind[] = FAULTS): Promise<FaultResult[]> {
    process.env.OKTA_DYNAMIC_TIMEOUT_MS = String(CLIENT_TIMEOUT_MS);
    const results: FaultResult[] = [];
    try {
        for (const op of OPERATIONS) {
            for (const f of faults) {
                const r = await runFaultCase(op, f, door);
                results.push(r);
                onResult(r);
            }
        }
    } finally {
        delete process.env.OKTA_DYNAMIC_TIMEOUT_MS;
    }
    return results;
}
