// The repository's own import graph, read by the TypeScript parser (not by patterns, which strings, comments
// and generated code fool): which file names which, and the circles in it. A type-only import is an edge too.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/** One place a file names another module: `import`/`export ... from` (type-only too), `import x = require()`, `require()`, `import()` and `import("...")` types. */
export interface ImportSite {
    specifier: string;
    /** 1-based. */
    line: number;
}

/** A tied edge: `from` names `to` at `line` as `specifier`. */
export interface ImportEdge extends ImportSite {
    from: string;
    to: string;
}

export interface ImportGraph {
    /** Repository-relative posix paths of the files read. */
    files: string[];
    edges: ImportEdge[];
    /** Relative (or self-package) specifiers that name no file of the tree. */
    unresolved: (ImportSite & { from: string })[];
}

const SOURCE = /\.(ts|mts|cts|tsx|js|mjs|cjs)$/;

/** Every module a source file names by a string literal; a name built by an expression cannot be read and is left out. */
export function importsOf(fileName: string, text: string): ImportSite[] {
    const js = /\.[mc]?js$/.test(fileName);
    const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, js ? ts.ScriptKind.JS : ts.ScriptKind.TS);
    const sites: ImportSite[] = [];
    const add = (node: ts.Node, spec: ts.Node | undefined) => {
        if (spec && (ts.isStringLiteral(spec) || ts.isNoSubstitutionTemplateLiteral(spec))) {
            sites.push({ specifier: spec.text, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
        }
    };
    const visit = (node: ts.Node): void => {
        if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
        else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression);
        else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) {
            add(node, node.arguments[0]);
        } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal);
        ts.forEachChild(node, visit);
    };
    visit(sf);
    return sites;
}

const isRelative = (s: string) => s === "." || s === ".." || s.startsWith("./") || s.startsWith("../");

/** Whether a specifier ought to name a file of the tree (relative, or the package's own name). */
export const isOwn = (specifier: string, aliases: ReadonlyMap<string, string>) => isRelative(specifier) || aliases.has(specifier);

/**
 * The file of the tree a specifier names, as Node and TypeScript (node16) find it: the path itself, `.js` written
 * for its `.ts` source, an extension added, or a folder's index. `aliases` are the self-package names (tsconfig
 * `paths`), each to its file. Undefined for a package's module and for a path that names no file of the tree.
 */
export function resolveImport(from: string, specifier: string, files: ReadonlySet<string>, aliases: ReadonlyMap<string, string> = new Map()): string | undefined {
    const alias = aliases.get(specifier);
    if (alias !== undefined) return files.has(alias) ? alias : undefined;
    if (!isRelative(specifier)) return undefined;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
    const stem = base.replace(/\.([mc]?)js$/, ".$1ts");
    const candidates = [base, stem, ...[".ts", ".tsx", ".d.ts", ".js", ".json"].map((e) => base + e), ...["index.ts", "index.js"].map((i) => path.posix.join(base, i))];
    return candidates.find((c) => files.has(c));
}

/** How the tree is built, as tsconfig.json says: the package's own names (each to its file), and where output goes. */
export interface Layout {
    aliases: ReadonlyMap<string, string>;
    /** A source's compiled file sits here at the same relative path (`dist`), for a require written for it. */
    outDir?: string;
}

/** The graph of these files (repository-relative); `read` gives a file's text. */
export function importGraph(files: string[], read: (file: string) => string, { aliases, outDir }: Layout = { aliases: new Map() }): ImportGraph {
    const sources = files.filter((f) => SOURCE.test(f)).sort();
    const all = new Set(files);
    const edges: ImportEdge[] = [];
    const unresolved: ImportGraph["unresolved"] = [];
    for (const from of sources) {
        for (const site of importsOf(from, read(from))) {
            if (!isOwn(site.specifier, aliases)) continue;
            // A require of what sits beside the build output (`../../../package.json` from dist/provider/okta/)
            // is read from where the compiled file stands.
            const to = resolveImport(from, site.specifier, all, aliases) ?? (outDir === undefined ? undefined : resolveImport(path.posix.join(outDir, from), site.specifier, all));
            if (to === undefined) unresolved.push({ from, ...site });
            else if (SOURCE.test(to)) edges.push({ from, to, ...site });
        }
    }
    return { files: sources, edges, unresolved };
}

/** Files tied in a loop: all of them (each reaches every other), and one closed walk that shows the loop. */
export interface ImportCircle {
    files: string[];
    /** The shortest walk from the alphabetically first file back to itself (one edge for a file that imports itself). */
    walk: ImportEdge[];
}

/** Every circle of the graph, one per strongly connected set of files (Tarjan). */
export function importCircles(graph: ImportGraph): ImportCircle[] {
    const out = new Map<string, ImportEdge[]>();
    for (const e of graph.edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const sets: string[][] = [];
    const connect = (v: string): void => {
        index.set(v, index.size);
        low.set(v, index.get(v)!);
        stack.push(v);
        onStack.add(v);
        for (const { to } of out.get(v) ?? []) {
            if (!index.has(to)) {
                connect(to);
                low.set(v, Math.min(low.get(v)!, low.get(to)!));
            } else if (onStack.has(to)) low.set(v, Math.min(low.get(v)!, index.get(to)!));
        }
        if (low.get(v) === index.get(v)) {
            const set: string[] = [];
            let w: string;
            do {
                w = stack.pop()!;
                onStack.delete(w);
                set.push(w);
            } while (w !== v);
            sets.push(set);
        }
    };
    for (const f of [...new Set(graph.edges.map((e) => e.from))].sort()) if (!index.has(f)) connect(f);
    const circles: ImportCircle[] = [];
    for (const set of sets) {
        const members = new Set(set);
        const files = [...set].sort();
        const start = files[0];
        const self = (out.get(start) ?? []).find((e) => e.to === start);
        if (set.length === 1 && !self) continue;
        circles.push({ files, walk: self ? [self] : shortestWayBack(start, members, out) });
    }
    return circles.sort((a, b) => a.files[0].localeCompare(b.files[0]));
}

/** The shortest walk from `start` back to itself inside `members` (breadth first). */
function shortestWayBack(start: string, members: Set<string>, out: Map<string, ImportEdge[]>): ImportEdge[] {
    const via = new Map<string, ImportEdge>();
    const queue = [start];
    while (queue.length) {
        const v = queue.shift()!;
        for (const e of out.get(v) ?? []) {
            if (!members.has(e.to)) continue;
            if (e.to === start) {
                const walk = [e];
                for (let at = v; at !== start; at = via.get(at)!.from) walk.unshift(via.get(at)!);
                return walk;
            }
            if (!via.has(e.to)) {
                via.set(e.to, e);
                queue.push(e.to);
            }
        }
    }
    throw new Error(`no way back to ${start} in its own strongly connected set`);
}

/** `a.ts, b.ts: a.ts:3 imports "./b" (b.ts) -> b.ts:5 imports "./a" (a.ts)`: the files, and where the ties of one loop stand. */
export const describeCircle = ({ files, walk }: ImportCircle) => `${files.join(", ")}: ${walk.map((e) => `${e.from}:${e.line} imports "${e.specifier}" (${e.to})`).join(" -> ")}`;

/** The self-package names tsconfig.json maps to files (`paths` without wildcards) and its outDir, repository-relative. */
export function tsconfigLayout(root: string): Layout {
    const { config, error } = ts.readConfigFile(path.join(root, "tsconfig.json"), (f) => fs.readFileSync(f, "utf8"));
    if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
    const options = (config.compilerOptions ?? {}) as { paths?: Record<string, string[]>; outDir?: string };
    const aliases = new Map(Object.entries(options.paths ?? {}).filter(([k]) => !k.includes("*")).map(([k, [target]]) => [k, path.posix.normalize(target)]));
    return { aliases, outDir: options.outDir === undefined ? undefined : path.posix.normalize(options.outDir) };
}
