// docs/installation-configuration.md is the Pulumi Registry's installation page: its front matter has what the
// Registry reads (title, meta_desc, layout: package), its configuration table lists exactly the schema's config keys
// with the environment variable each one's description names and its secrecy, and the versions it pins are the
// package's. (Its YAML program and --checksum command run in tests/pluginDownload.e2e.test.ts.)
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { REPO_ROOT } from "../harness/engine";

const DOC = fs.readFileSync(path.join(REPO_ROOT, "docs", "installation-configuration.md"), "utf8");
const SCHEMA = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "native", "schema.json"), "utf8"));
const VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).version;

describe("docs/installation-configuration.md (the Registry's installation page)", () => {
    it("has the Registry's front matter: title, meta_desc, layout: package", () => {
        const m = /^---\n([\s\S]*?)\n---\n/.exec(DOC);
        assert.ok(m, "no front matter");
        const fm = yaml.load(m[1]) as Record<string, string>;
        assert.deepStrictEqual(Object.keys(fm).sort(), ["layout", "meta_desc", "title"]);
        assert.strictEqual(fm.layout, "package");
        assert.ok(fm.title && fm.meta_desc.length <= 160 && fm.meta_desc.length >= 50, `meta_desc is ${fm.meta_desc.length} characters`);
    });

    it("lists every config key of the schema with its environment variable and secrecy, and no other", () => {
        const rows = [...DOC.matchAll(/^\| `(\w+)` \| `(OKTA_\w+)` \| (yes)? ?\|/gm)].map((m) => [m[1], m[2], !!m[3]]);
        const want = Object.entries<{ description: string; secret?: boolean }>(SCHEMA.config.variables).map(([k, v]) => [k, /\(environment: (OKTA_\w+)/.exec(v.description)?.[1], !!v.secret]);
        assert.deepStrictEqual(rows, want);
    });

    it("pins the package's version wherever it names one", () => {
        const named = [...DOC.matchAll(/(?:version: |@v|==|oktadynamic |-v|"oktadynamic": ")(\d+\.\d+\.\d+)/g)].map((m) => m[1]);
        assert.ok(named.length >= 6, `only ${named.length} versions named`);
        assert.deepStrictEqual([...new Set(named)], [VERSION]);
    });
});
