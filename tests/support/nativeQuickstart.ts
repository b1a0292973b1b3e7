// The YAML quickstart (docs/quickstarts.md) with the plugin installed from a clone's build, as docs/native.md's
// "Before a release: from a clone" says, read from their code blocks so that what the tests run is what the docs say.
import * as path from "path";
import { REPO_ROOT } from "../../harness/engine";
import { blockWith } from "./readme";
import { DOC_ORG_URL, quickstart, quickstartFile } from "./quickstarts";

export interface NativeQuickstart {
    /** The arguments of docs/native.md's `pulumi plugin install ... --file` line, `--file` made absolute (it runs in the clone). */
    install: string[];
    /** The org URL its config names (the tests put the emulator's in its place). */
    orgUrl: string;
    /** Its `pulumi stack init` and `config set` lines, as arguments; a `config set --secret <key>` line (the token read from the terminal) gets `apiToken`. */
    setup(apiToken: string): string[][];
    /** The YAML program (its Pulumi.yaml). */
    yaml: string;
}

export function nativeQuickstart(): NativeQuickstart {
    const clone = blockWith(path.join(REPO_ROOT, "docs", "native.md"), "sh", "npm ci && npm run plugin");
    const line = clone.split("\n").find((l) => l.startsWith("pulumi plugin install"))!;
    const install = line.replace(/\s+#.*$/, "").trim().split(/\s+/).slice(1).map((a, i, all) => (all[i - 1] === "--file" ? path.resolve(REPO_ROOT, a) : a));
    const steps = quickstart("YAML");
    const lines = steps.flatMap((s) => ("sh" in s && /^pulumi (stack init|config set) /.test(s.sh) ? [s.sh.split(/\s+/).slice(1)] : []));
    return {
        install,
        orgUrl: DOC_ORG_URL,
        setup: (apiToken) => lines.map((args) => (args[2] === "--secret" && args.length === 4 ? [...args, apiToken] : args)),
        yaml: quickstartFile(steps, "Pulumi.yaml"),
    };
}
