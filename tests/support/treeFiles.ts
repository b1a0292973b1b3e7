// The files a clone of the repository has, for tests that look at the tree itself (the package, its imports).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** The files a clone has: git's tracked and new files; outside a checkout (a copy of the tree), all but build output. */
export function treeFiles(root: string): string[] {
    try {
        return execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).split("\n").filter(Boolean);
    } catch {
        const out: string[] = [];
        const walk = (rel: string) => {
            for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
                const p = path.join(rel, e.name);
                if (e.isDirectory() && !["node_modules", "dist", ".git"].includes(e.name)) walk(p);
                else if (e.isFile()) out.push(p);
            }
        };
        walk("");
        return out;
    }
}
