// The README's samples, as the tests that compile and run them read them.
import * as fs from "fs";
import * as path from "path";

/** The ```ts blocks of a README. */
export function tsBlocks(markdown: string): string[] {
    return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]);
}

/** The one ```ts block of a README that contains `marker`. */
export function tsBlockWith(readmePath: string, marker: string): string {
    const found = tsBlocks(fs.readFileSync(path.resolve(readmePath), "utf8")).filter((b) => b.includes(marker));
    if (found.length !== 1) throw new Error(`${found.length} TypeScript samples in ${readmePath} contain ${marker}`);
    return found[0];
}
