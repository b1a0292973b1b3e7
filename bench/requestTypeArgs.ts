// The request type every benchmark section declares, and the emulator's token: one definition, so that each door
// and each no-op is measured with the same arguments.
import type { Emulator } from "../emulator";
import type { RequestTypeArgs } from "../sdk";

export const TOKEN = "bench-token";
const GROUP = "00g1emaKYZTWRYYRRTSK";

export const rt = (emu: Emulator, name: string, extra: Partial<RequestTypeArgs> = {}): RequestTypeArgs => ({
    name,
    description: `Benchmark ${name}`,
    ownerId: emu.teams[0].id,
    resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP }] },
    approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
    ...extra,
});
