// No import circles anywhere in the house: every source file of the tree (provider, sdk, native, emulator, bench,
// scripts, tests, examples), every kind of import, type-only ones included.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { describeCircle, importCircles, importGraph, importsOf, resolveImport, tsconfigLayout } from "./support/importGraph";
import { treeFiles } from "./support/treeFiles";

const ROOT = path.resolve(__dirname, "..", "..");

/** The graph of these made-up files (path -> text). */
const graphOf = (files: Record<string, string>) => importGraph(Object.keys(files), (f) => files[f]);

describe("import graph", () => {
    it("reads every form of import, type-only ones too, and nothing in strings or comments", () => {
        const text = [
            'import { a } from "./a";',
            'import type { B } from "./b";',
            'import "./c";',
            'export { d } from "./d";',
            'export type { E } from "./e";',
            'export * from "./f";',
            'import g = require("./g");',
            'const h = require("./h");',
            'const i = () => import("./i");',
            'type J = typeof import("./j");',
            'const k = `import { k } from "./k";`;',
            '// import { l } from "./l";',
            'const m = require(name);',
        ].join("\n");
        assert.deepStrictEqual(
            importsOf("x.ts", text).map((s) => `${s.line}:${s.specifier}`),
            ["1:./a", "2:./b", "3:./c", "4:./d", "5:./e", "6:./f", "7:./g", "8:./h", "9:./i", "10:./j"],
        );
        assert.deepStrictEqual(importsOf("x.js", 'const a = require("./a");\nmodule.exports = require(`../b`);').map((s) => s.specifier), ["./a", "../b"]);
    });

    it("resolves a specifier as node16 does: .js for its .ts source, an added extension, a folder's index, the package's own names", () => {
        const files = new Set(["p/a.ts", "p/b.js", "p/c/index.ts", "p/d.json", "sdk/index.ts"]);
        const aliases = new Map([["pulumi-okta-dynamic", "sdk/index.ts"]]);
        assert.strictEqual(resolveImport("p/x.ts", "./a.js", files), "p/a.ts");
        assert.strictEqual(resolveImport("p/x.ts", "./a", files), "p/a.ts");
        assert.strictEqual(resolveImport("p/q/x.ts", "../b", files), "p/b.js");
        assert.strictEqual(resolveImport("p/x.ts", "./c", files), "p/c/index.ts");
        assert.strictEqual(resolveImport("p/x.ts", "./d.json", files), "p/d.json");
        assert.strictEqual(resolveImport("p/x.ts", "pulumi-okta-dynamic", files, aliases), "sdk/index.ts");
        assert.strictEqual(resolveImport("p/x.ts", "typescript", files, aliases), undefined);
        assert.strictEqual(resolveImport("p/x.ts", "./gone", files), undefined);
    });

    it("reads a require written for the build output from where the compiled file stands", () => {
        const files = { "p/q.ts": 'require("../../package.json"); require("../../gone.json");', "package.json": "{}" };
        const graph = importGraph(Object.keys(files), (f) => files[f as keyof typeof files], { aliases: new Map(), outDir: "dist" });
        assert.deepStrictEqual(graph.unresolved.map((u) => u.specifier), ["../../gone.json"]);
    });

    it("finds a circle through a type-only import and names each tie with its line", () => {
        const graph = graphOf({ "a.ts": 'import { b } from "./b";', "b.ts": '\nimport type { C } from "./c";', "c.ts": 'export type C = typeof import("./a");', "d.ts": 'import "./a";' });
        assert.deepStrictEqual(importCircles(graph).map(describeCircle), [
            'a.ts, b.ts, c.ts: a.ts:1 imports "./b" (b.ts) -> b.ts:2 imports "./c" (c.ts) -> c.ts:1 imports "./a" (a.ts)',
        ]);
    });

    it("names every file of a tangle, not only those of the loop it shows", () => {
        const graph = graphOf({ "a.ts": 'import "./b";', "b.ts": 'import "./a"; import "./c";', "c.ts": 'import "./b";' });
        assert.deepStrictEqual(importCircles(graph).map(describeCircle), ['a.ts, b.ts, c.ts: a.ts:1 imports "./b" (b.ts) -> b.ts:1 imports "./a" (a.ts)']);
    });

    it("finds a file that requires itself, and each separate circle once", () => {
        const graph = graphOf({ "a.js": 'require("./a");', "b.ts": 'import "./c";', "c.ts": 'import("./b");', "d.ts": 'import "./b";' });
        assert.deepStrictEqual(importCircles(graph).map(describeCircle), [
            'a.js: a.js:1 imports "./a" (a.js)',
            'b.ts, c.ts: b.ts:1 imports "./c" (c.ts) -> c.ts:1 imports "./b" (b.ts)',
        ]);
    });

    it("finds no circle in a graph without one", () => {
        const graph = graphOf({ "a.ts": 'import "./b"; import "./c";', "b.ts": 'import "./c";', "c.ts": "export {};" });
        assert.strictEqual(graph.edges.length, 3);
        assert.deepStrictEqual(importCircles(graph), []);
    });
});

describe("the house's imports", () => {
    const files = treeFiles(ROOT)
        .map((f) => f.split(path.sep).join("/"))
        .filter((f) => !/(^|\/)(node_modules|dist)\//.test(f))
        // Deleted but not yet committed, or a link (a node_modules link is untracked but not ignored).
        .filter((f) => fs.existsSync(path.join(ROOT, f)) && fs.lstatSync(path.join(ROOT, f)).isFile());
    const graph = importGraph(files, (f) => fs.readFileSync(path.join(ROOT, f), "utf8"), tsconfigLayout(ROOT));

    it("reads the whole tree: every part of the house has source files and imports", () => {
        for (const part of ["provider", "sdk", "native", "emulator", "bench", "tools", "harness", "reports", "tests"]) {
            assert.ok(graph.files.some((f) => f.startsWith(`${part}/`)), `no source file read under ${part}/`);
            assert.ok(graph.edges.some((e) => e.from.startsWith(`${part}/`)), `no import read under ${part}/`);
        }
    });

    it("has no import circle", () => {
        const circles = importCircles(graph).map(describeCircle);
        assert.deepStrictEqual(circles, [], `import circles:\n${circles.join("\n")}`);
    });

    it("every relative import names a file of the tree (an unread import would hide a circle)", () => {
        const missing = graph.unresolved.map((u) => `${u.from}:${u.line} "${u.specifier}"`);
        assert.deepStrictEqual(missing, []);
    });
});
