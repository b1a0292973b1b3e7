// Where the data copied from other projects is read from (third_party/ in a checkout, see the READMEs there;
// what `npm pack` built into dist/ in the installed package), and the error for a file of it that is missing:
// its name and how to get it back, instead of a TypeError or an ENOENT further on.
import * as fs from "fs";
import * as path from "path";

/** The checkout, or node_modules/pulumi-okta-dynamic once installed (this file runs from dist/emulator/). */
export const PACKAGE_ROOT = path.resolve(__dirname, "..", "..");

/** A checkout has the TypeScript sources beside dist/; the installed package has only dist/. */
export const IN_CHECKOUT = fs.existsSync(path.join(PACKAGE_ROOT, "emulator", "dataFiles.ts"));

/** A data file that should be there is not. */
export class MissingDataFile extends Error {
    constructor(message: string) {
        super(message);
        this.name = "MissingDataFile";
    }
}

/** `rel` under the root when it is inside, else the full path: what a person looks for in a checkout. */
export function shownPath(full: string, root = PACKAGE_ROOT): string {
    const rel = path.relative(root, full);
    return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : full;
}

/** How to get a checkout's third_party/<folder> back as git has it. */
export function gitRestoreHint(folder: string, root = PACKAGE_ROOT): string {
    return `restore it with \`git -C ${root} checkout -- ${folder}\` (${folder}/README.md says what it is)`;
}

/** The full path of `file` in `dir`; when it is missing, a MissingDataFile naming it and `fix`. */
export function requireDataFile(dir: string, file: string, fix: string): string {
    const full = path.join(dir, file);
    if (fs.existsSync(full)) return full;
    throw new MissingDataFile(`${IN_CHECKOUT ? shownPath(full) : full} is missing: ${fix}`);
}
