// Every relative link in the README and docs/ (docs/internals/ included) resolves: the file it names exists (relative to the page), and an
// #anchor names a heading of that page as GitHub renders its id. Links in code blocks are not links.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../harness/engine";

/** The README, the changelog and every page under docs/ (docs/internals/ too). */
const PAGES = ["README.md", "CHANGELOG.md", ...fs.readdirSync(path.join(REPO_ROOT, "docs"), { recursive: true }).map(String).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`)];

/** A page's text without fenced code blocks (their lines kept empty, so line numbers hold) and inline code. */
const prose = (md: string) => md.replace(/^```[\s\S]*?^```/gm, (block) => block.replace(/[^\n]/g, "")).replace(/`[^`\n]*`/g, "");

/** GitHub's heading ids: lower case, punctuation but `-` and `_` dropped, spaces to `-`; repeats get -1, -2. */
function headingIds(md: string): Set<string> {
    const ids = new Set<string>();
    const seen = new Map<string, number>();
    for (const [, text] of md.replace(/^```[\s\S]*?^```/gm, "").matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
        const plain = text.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/<[^>]+>/g, "");
        const base = plain.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        ids.add(n ? `${base}-${n}` : base);
    }
    return ids;
}

/** The relative links of a page, `[text](target)`: [target, line]. */
function relativeLinks(md: string): [string, number][] {
    const out: [string, number][] = [];
    const text = prose(md);
    for (const m of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(m[1])) continue; // https:, mailto:
        out.push([m[1], text.slice(0, m.index).split("\n").length]);
    }
    return out;
}

describe("relative links in the README and docs/", () => {
    it("finds the ids GitHub gives headings", () => {
        assert.deepStrictEqual([...headingIds("# A b\n## Quickstarts in YAML and Python\n### `x` (y): z\n## A b\n")], ["a-b", "quickstarts-in-yaml-and-python", "x-y-z", "a-b-1"]);
    });

    for (const page of PAGES) {
        it(`${page}: every relative link names a file that exists, and a heading of it`, () => {
            const md = fs.readFileSync(path.join(REPO_ROOT, page), "utf8");
            const broken: string[] = [];
            for (const [link, line] of relativeLinks(md)) {
                const [file, anchor] = link.split("#");
                const target = file ? path.resolve(path.dirname(path.join(REPO_ROOT, page)), decodeURIComponent(file)) : path.join(REPO_ROOT, page);
                if (!fs.existsSync(target)) broken.push(`${page}:${line}: ${link} (no such file)`);
                else if (anchor !== undefined && !(target.endsWith(".md") && headingIds(fs.readFileSync(target, "utf8")).has(anchor))) broken.push(`${page}:${line}: ${link} (no such heading)`);
            }
            assert.deepStrictEqual(broken, []);
        });
    }
});
