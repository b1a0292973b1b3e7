// The README's samples, as the tests that compile and run them read them.
import * as fs from "fs";
import * as path from "path";

/** The fenced blocks of a README in one language (```ts, ```yaml, ```python, ```sh). */
export function codeBlocks(markdown: string, lang: string): string[] {
    return [...markdown.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\``, "gm"))].map((m) => m[1]);
}

/** The ```ts blocks of a README. */
export function tsBlocks(markdown: string): string[] {
    return codeBlocks(markdown, "ts");
}

/** The one block in `lang` of a README that contains `marker`. */
export function blockWith(readmePath: string, lang: string, marker: string): string {
    const found = codeBlocks(fs.readFileSync(path.resolve(readmePath), "utf8"), lang).filter((b) => b.includes(marker));
    if (found.length !== 1) throw new Error(`${found.length} ${lang} samples in ${readmePath} contain ${marker}`);
    return found[0];
}

/** The one ```ts block of a README that contains `marker`. */
export function tsBlockWith(readmePath: string, marker: string): string {
    return blockWith(readmePath, "ts", marker);
}
