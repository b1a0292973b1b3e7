// Runs index.ts through the Pulumi engine with the Automation API, the way the README tells users to: the
// project folder as workDir and dynamicProviderEnv for the engine. `node bin/run.js up|destroy` prints one
// JSON line; the file backend lives in CONSUMER_STATE, so the two runs share the stack.
import * as path from "path";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { dynamicProviderEnv } from "pulumi-okta-dynamic/automation";
import { program } from "./index";

async function main(command: string): Promise<Record<string, unknown>> {
    const workDir = path.resolve(__dirname, "..");
    const state = process.env.CONSUMER_STATE!;
    const envVars = {
        ...dynamicProviderEnv({ workDir }),
        PULUMI_BACKEND_URL: `file://${state}`,
        PULUMI_CONFIG_PASSPHRASE: "consumer",
        PULUMI_HOME: path.join(state, "home"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
    const pulumiCommand = await PulumiCommand.get({ root: process.env.PULUMI_CLI_ROOT!, skipVersionCheck: true });
    const stack = await LocalWorkspace.createOrSelectStack(
        { projectName: "consumer", stackName: "dev", program },
        { workDir, pulumiCommand, envVars, projectSettings: { name: "consumer", runtime: "nodejs" } },
    );
    if (command === "destroy") return { destroy: (await stack.destroy()).summary.resourceChanges };
    const up = await stack.up();
    return {
        up: up.summary.resourceChanges,
        outputs: Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value])),
        preview: (await stack.preview()).changeSummary,
    };
}

main(process.argv[2] ?? "up").then(
    (out) => console.log(JSON.stringify(out)),
    (e) => {
        console.error(e instanceof Error ? e.message : e);
        process.exit(1);
    },
);
