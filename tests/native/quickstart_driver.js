// One `pulumi up`, `pulumi preview` or `pulumi destroy` of docs/quickstarts.md's TypeScript project, as an Automation
// API inline program (the Node.js language host cannot be built here): the stack the page's `pulumi stack init` made
// in the folder (argv[2]) is selected, its Pulumi.yaml read, and its index.ts, compiled by the project's own
// TypeScript into bin/index.js, is the program, loaded with the project's own @pulumi/pulumi and package; the
// engine gets dynamicProviderEnv, which puts Pulumi's Node.js dynamic-provider plugin on PATH, where a regular
// Pulumi install has it beside `pulumi`. Prints one JSON line: what changed, and after `up` the outputs.
// Run by tests/quickstarts.e2e.test.ts.
const { createRequire } = require("module");
const path = require("path");

const [project, projectName, command] = process.argv.slice(2);
const load = createRequire(path.join(project, "package.json"));
const { LocalWorkspace } = load("@pulumi/pulumi/automation");
const { dynamicProviderEnv } = load("pulumi-okta-dynamic/automation");

(async () => {
    const stack = await LocalWorkspace.selectStack(
        { stackName: "dev", projectName, program: async () => load("./bin/index.js") },
        { workDir: project, envVars: dynamicProviderEnv({ workDir: project }) },
    );
    let out;
    if (command === "up") {
        const up = await stack.up();
        out = { changes: up.summary.resourceChanges, outputs: Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value])) };
    } else if (command === "preview") out = { changes: (await stack.preview()).changeSummary };
    else if (command === "destroy") out = { changes: (await stack.destroy()).summary.resourceChanges };
    else throw new Error(`unknown command ${command}`);
    console.log(JSON.stringify(out));
})().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
});
