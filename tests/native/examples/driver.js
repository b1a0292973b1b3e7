// Runs the schema's TypeScript examples (compiled to bin/<name>.js beside this file) as Automation API inline
// programs, one stack each, in this one process: up, preview, destroy (up only for LOOKUPS, which declare no
// resource). Used by tests/nativeExamples.e2e.test.ts, which gives EXAMPLES and LOOKUPS (names, in order), WORK_DIR,
// EXAMPLE_CONFIG (stack config as JSON) and the CLI's environment. Prints one JSON line: for each example its
// outputs and the preview's change summary.
const path = require("path");
const fs = require("fs");
const { LocalWorkspace } = require("@pulumi/pulumi/automation");

(async () => {
    const config = JSON.parse(process.env.EXAMPLE_CONFIG);
    const results = {};
    const lookups = new Set((process.env.LOOKUPS || "").split(","));
    for (const name of process.env.EXAMPLES.split(",")) {
        const file = path.join(__dirname, "bin", `${name}.js`);
        // A fresh copy each run: the preview runs the program again, and a cached module would register nothing.
        const program = async () => {
            delete require.cache[require.resolve(file)];
            return { ...require(file) };
        };
        const projectName = `ex-ts-${name}`;
        const workDir = path.join(process.env.WORK_DIR, projectName);
        fs.mkdirSync(workDir, { recursive: true });
        const stack = await LocalWorkspace.createOrSelectStack({ projectName, stackName: "dev", program }, {
            workDir,
            projectSettings: { name: projectName, runtime: "nodejs", backend: { url: process.env.PULUMI_BACKEND_URL } },
        });
        await stack.setAllConfig(config);
        const up = await stack.up();
        const outputs = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value]));
        if (lookups.has(name)) {
            results[name] = { outputs };
            continue;
        }
        const preview = await stack.preview();
        await stack.destroy();
        results[name] = { outputs, preview: preview.changeSummary };
    }
    console.log(JSON.stringify(results));
})().catch((e) => {
    console.error(e);
    process.exit(1);
});
