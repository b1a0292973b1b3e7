// The README's YAML and Python quickstarts (section "Quickstarts in YAML and Python"), read from its code blocks so
// that what the tests run is what the README says.
import * as path from "path";
import { REPO_ROOT } from "../../harness/engine";
import { blockWith } from "./readme";

export interface NativeQuickstart {
    /** The arguments of its `pulumi plugin install ...` line, `--file` made absolute (the line runs in the clone). */
    install: string[];
    /** The org URL its config names: the emulator it starts (`npx okta-emulator -p <port>`). */
    orgUrl: string;
    /** The `pulumi ...` commands run in the project before `pulumi up` (stack init, config set), as arguments. */
    setup: string[][];
    /** The token its config sets (`oktadynamic:apiToken`). */
    apiToken: string;
    /** The YAML program (its Pulumi.yaml). */
    yaml: string;
    /** The Python project's Pulumi.yaml and its __main__.py. */
    pythonProject: string;
    pythonMain: string;
}

/** The `pulumi ...` lines of a shell block, comments dropped, as arguments. */
function pulumiLines(block: string): string[][] {
    return block
        .split("\n")
        .map((l) => l.replace(/\s+#.*$/, "").trim())
        .filter((l) => l.startsWith("pulumi "))
        .map((l) => l.split(/\s+/).slice(1));
}

export function readmeNativeQuickstart(): NativeQuickstart {
    const readme = path.join(REPO_ROOT, "README.md");
    const build = blockWith(readme, "sh", "pulumi plugin install resource oktadynamic");
    const install = pulumiLines(build)[0].map((a, i, all) => (all[i - 1] === "--file" ? path.resolve(REPO_ROOT, a) : a));
    const port = /npx okta-emulator -p (\d+)/.exec(build)?.[1];
    if (!port) throw new Error("the README's quickstart does not start the emulator with `npx okta-emulator -p <port>`");
    const commands = pulumiLines(blockWith(readme, "sh", "pulumi config set oktadynamic:orgUrl"));
    const last = commands.pop()!;
    if (last.join(" ") !== "up") throw new Error(`the README's quickstart ends with \`pulumi ${last.join(" ")}\`, not \`pulumi up\``);
    const tokenLine = commands.find((c) => c[0] === "config" && c.includes("oktadynamic:apiToken"));
    if (!tokenLine) throw new Error("the README's quickstart sets no oktadynamic:apiToken");
    return {
        install,
        orgUrl: `http://127.0.0.1:${port}`,
        setup: commands,
        apiToken: tokenLine[tokenLine.length - 1],
        yaml: blockWith(readme, "yaml", "oktadynamic:index:getTeam"),
        pythonProject: blockWith(readme, "yaml", "name: python"),
        pythonMain: blockWith(readme, "python", "import pulumi_oktadynamic"),
    };
}
