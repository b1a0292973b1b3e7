// Several CI jobs running `up` against one org at once: 3 stacks of 50 request types each, through the real
// engine (three engines, three plugins, three limiters), against one emulator org whose create limit they
// share. Measures failures, 429s, and the total time against the rate-limit floor.
import { Emulator, startEmulator } from "../emulator";
import { RequestType } from "../sdk";
import { inlineStack } from "./engine";

const TOKEN = "concurrent-stacks-token";
const GROUP = "00g1emaKYZTWRYYRRTSK";
const CREATE_BUCKET = "POST /governance/api/v1/request-types";

export interface ConcurrentResult {
    stacks: number;
    perStack: number;
    limit: string;
    failedUps: number;
    created: number;
    duplicates: number;
    responses429: number;
    seconds: number;
    floorSeconds: number;
    ratio: number;
}

export async function runConcurrentStacks(stacks = 3, perStack = 50, limit = 20, windowSeconds = 10): Promise<ConcurrentResult> {
    const emu: Emulator = await startEmulator({ tokens: [TOKEN], rateLimits: { [CREATE_BUCKET]: { limit, windowSeconds } } });
    const team = emu.teams[0].id;
    const engines = await Promise.all(
        Array.from({ length: stacks }, (_, s) =>
            inlineStack({
                projectName: `okta-concurrent-${s}`,
                program: async () => {
                    for (let i = 0; i < perStack; i++) {
                        const name = `job${s}-rt-${i}`;
                        new RequestType(name, { name, description: `Concurrent ${name}`, ownerId: team, resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP }] }, approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] } });
                    }
                },
                env: { OKTA_ORG_URL: emu.url, OKTA_API_TOKEN: TOKEN },
            }),
        ),
    );
    const quiet = { onOutput: () => undefined, onError: () => undefined };
    try {
        const t0 = Date.now();
        const outcomes = await Promise.all(engines.map((e) => e.stack.up(quiet).then(() => true, () => false)));
        const seconds = (Date.now() - t0) / 1000;
        const total = stacks * perStack;
        // The floor: the creates alone, at the limit, from the first window's start (the last window's are instant).
        const floorSeconds = (Math.ceil(total / limit) - 1) * windowSeconds;
        const names = [...emu.requestTypes.values()].map((t) => t.name);
        return {
            stacks,
            perStack,
            limit: `${limit} creates per ${windowSeconds} s`,
            failedUps: outcomes.filter((ok) => !ok).length,
            created: names.length,
            duplicates: names.length - new Set(names).size,
            responses429: emu.log.filter((l) => l.status === 429).length,
            seconds: Math.round(seconds * 10) / 10,
            floorSeconds,
            ratio: Math.round((seconds / floorSeconds) * 100) / 100,
        };
    } finally {
        for (const e of engines) await e.cleanup();
        await emu.stop();
    }
}

if (require.main === module) {
    runConcurrentStacks().then(
        (r) => console.log(JSON.stringify(r)),
        (e) => {
            console.error(e);
            process.exit(1);
        },
    );
}
