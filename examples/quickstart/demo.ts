// `npm run demo`: the quickstart through the real Pulumi engine against the Okta emulator, step by step.
import { startEmulator } from "pulumi-okta-dynamic/emulator";
import { inlineStack, pulumiCliRoot } from "../../harness/engine";
import { quickstart, QuickstartStage, GROUP_ENGINEERING } from "./program";

const TOKEN = "demo-token-not-a-real-secret";

function step(title: string): void {
    console.log(`\n\x1b[1m== ${title}\x1b[0m`);
}

async function main(): Promise<void> {
    pulumiCliRoot(); // first: a CLI that must be built is built before anything else happens
    const emu = await startEmulator({ tokens: [TOKEN] });
    const stage: QuickstartStage = { publishContractors: false, laptopDescription: "Engineers request the engineering group; their manager approves" };
    const es = await inlineStack({
        projectName: "okta-quickstart",
        program: async () => quickstart(stage),
        // As a user would: `pulumi config set pulumi-okta-dynamic:orgUrl ...` and `pulumi config set --secret okta:apiToken ...`.
        config: { "pulumi-okta-dynamic:orgUrl": { value: emu.url }, "okta:apiToken": { value: TOKEN, secret: true } },
    });
    const calls = () => {
        const writes = emu.log.filter((l) => l.method !== "GET").map((l) => `${l.method} ${l.path.replace(/\/[0-9a-f]{24}/, "/{id}")} → ${l.status}`);
        const reads = emu.log.length - writes.length;
        console.log(`   Okta API calls: ${reads} read(s)${writes.length ? `; writes: ${writes.join(", ")}` : "; no writes"}`);
        emu.clearLog();
    };
    const print = (s: string) => console.log(s.replace(/^/gm, "   ").trimEnd());
    try {
        console.log(`Okta emulator listening on ${emu.url} (the stack's config: pulumi-okta-dynamic:orgUrl, okta:apiToken)`);
        const legacy = emu.seedRequestType({
            name: "legacy-vpn-access",
            description: "Made in the admin UI before Pulumi",
            ownerId: emu.teams[0].id,
            resourceSettings: { type: "GROUPS", targetResources: [{ resourceId: GROUP_ENGINEERING }] },
            approvalSettings: { type: "SERIAL", approvals: [{ approverType: "MANAGER" }] },
            status: "ACTIVE",
            lastUpdateSource: "WEB",
        });
        console.log(`An admin already made "legacy-vpn-access" (id ${legacy.id}) in Okta.`);
        emu.clearLog();

        step("1. pulumi preview --diff (what CI shows before merge)");
        print((await es.stack.preview({ diff: true, color: "never" })).stdout);
        calls();

        step("2. pulumi up");
        const up = await es.stack.up({ color: "never" });
        console.log(`   ${JSON.stringify(up.summary.resourceChanges)}; outputs: ${JSON.stringify(Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value])))}`);
        calls();

        step("3. Edit: publish the contractor type, reword the engineering type; pulumi preview --diff");
        stage.publishContractors = true;
        stage.laptopDescription = "Engineers request the engineering group; their manager approves within a day";
        print((await es.stack.preview({ diff: true, color: "never" })).stdout);
        calls();
        step("   pulumi up (publish is in place; the reword replaces, deleting first since names are unique)");
        console.log(`   ${JSON.stringify((await es.stack.up({ color: "never" })).summary.resourceChanges)}`);
        calls();

        step(`4. Bring "legacy-vpn-access" under management: new RequestType(..., { import: "${legacy.id}" })`);
        stage.adoptId = legacy.id;
        console.log(`   ${JSON.stringify((await es.stack.up({ color: "never" })).summary.resourceChanges)} (shown as a create: the provider adopts it with a GET, no POST)`);
        calls();
        step("   pulumi preview: nothing left to do");
        console.log(`   ${JSON.stringify((await es.stack.preview()).changeSummary)}`);
        calls();

        step("5. pulumi refresh --expect-no-changes");
        await es.stack.refresh({ expectNoChanges: true });
        console.log("   no drift");
        calls();

        step("6. pulumi destroy");
        console.log(`   ${JSON.stringify((await es.stack.destroy({ color: "never" })).summary.resourceChanges)}`);
        calls();
        console.log(`   request types left in the org: ${emu.requestTypes.size}`);
    } finally {
        await es.cleanup();
        await emu.stop();
    }
}

main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
});
