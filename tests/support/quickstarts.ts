// docs/quickstarts.md as the tests read it: per language (its `## <Language>` section), its steps in order, each a
// shell line of a ```sh block (comments dropped) or a file of another block, named by the block's first line
// (`# Pulumi.yaml`, `// index.ts`, ...). What the tests run is what the page says, in the page's order.
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../../harness/engine";

export const QUICKSTARTS = path.join(REPO_ROOT, "docs", "quickstarts.md");
export const LANGUAGES = ["YAML", "TypeScript", "Python", "Go"] as const;
export type Language = (typeof LANGUAGES)[number];

export type Step = { sh: string } | { file: string; text: string };

/** The org URL and the group id the page tells users to change (the tests point the org URL at the emulator). */
export const DOC_ORG_URL = "https://dev-123456.okta.com";

/** The steps of one language's quickstart. */
export function quickstart(lang: Language, markdown = fs.readFileSync(QUICKSTARTS, "utf8")): Step[] {
    const start = markdown.search(new RegExp(`^## ${lang}$`, "m"));
    if (start < 0) throw new Error(`docs/quickstarts.md has no section "## ${lang}"`);
    const rest = markdown.slice(start + 1);
    const end = rest.search(/^## /m);
    const section = end < 0 ? rest : rest.slice(0, end);
    const steps: Step[] = [];
    for (const [, info, body] of section.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)) {
        if (info === "sh") {
            for (const line of body.replace(/\\\n\s*/g, "").split("\n")) {
                const sh = line.replace(/\s+#.*$/, "").trim();
                if (sh) steps.push({ sh });
            }
        } else {
            const name = /^(?:#|\/\/)\s*(\S+)\n/.exec(body)?.[1];
            if (!name) throw new Error(`docs/quickstarts.md, ${lang}: a \`\`\`${info} block does not name its file on its first line`);
            steps.push({ file: name, text: body });
        }
    }
    return steps;
}

/** The one file of that name in a quickstart. */
export function quickstartFile(steps: Step[], name: string): string {
    const files = steps.filter((s): s is { file: string; text: string } => "file" in s && s.file === name);
    if (files.length !== 1) throw new Error(`${files.length} files named ${name}`);
    return files[0].text;
}
