// The spec subset the npm package ships (tools/specSubset.ts, written by tools/packSpecs.ts at pack time)
// must judge every body the emulator validates as Okta's whole files do: the same bodies, given to the
// validators reading each, get the same verdicts word for word.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import * as yaml from "js-yaml";
import { BUNDLED_SPEC_DIR, loadSpec, resolvePointer, specSchemaValidator, validateRequestBody } from "../emulator/openapi";
import { REPO_ROOT } from "../harness/engine";
import { packSpecs, specUses } from "../tools/packSpecs";
import { specSubset, templatesFor } from "../tools/specSubset";

interface Case {
    spec: string;
    /** An operation (method and concrete path) or a schema by name. */
    method?: string;
    path?: string;
    schema?: string;
    body: unknown;
}

/** Runs in this process (the checkout's whole specs) and in a child reading OKTA_OPENAPI_DIR. */
function verdicts(cases: Case[], validate = { validateRequestBody, specSchemaValidator }): unknown[] {
    return cases.map((c) => {
        try {
            return c.schema ? validate.specSchemaValidator(c.spec, c.schema)(c.body) : validate.validateRequestBody(c.spec, c.method!, c.path!, c.body);
        } catch (e) {
            return `threw: ${(e as Error).message}`;
        }
    });
}

function verdictsReading(dir: string, cases: Case[]): unknown[] {
    const file = path.join(dir, "..", "cases.json");
    fs.writeFileSync(file, JSON.stringify(cases));
    const script = `const v = require(${JSON.stringify(path.join(REPO_ROOT, "dist", "emulator", "openapi.js"))});
        const verdicts = (${verdicts.toString()});
        process.stdout.write(JSON.stringify(verdicts(JSON.parse(require("fs").readFileSync(${JSON.stringify(file)}, "utf8")), v)));`;
    const r = spawnSync(process.execPath, ["-e", script], { env: { PATH: process.env.PATH, OKTA_OPENAPI_DIR: dir }, encoding: "utf8", maxBuffer: 64 << 20 });
    assert.strictEqual(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as unknown[];
}

/** The operation's own request examples (valid bodies), and each with one top-level key dropped or mistyped. */
function bodiesFor(spec: string, method: string, concretePath: string): unknown[] {
    const doc = loadSpec(spec);
    const template = Object.keys(doc.paths).find((t) => templatesFor([t], concretePath).length && doc.paths[t][method.toLowerCase()]);
    let rb = template && doc.paths[template][method.toLowerCase()]?.requestBody;
    if (rb?.$ref) rb = resolvePointer(doc, rb.$ref);
    const content = rb?.content?.["application/json"] ?? {};
    const examples: unknown[] = [content.example, ...Object.values(content.examples ?? {}).map((e: any) => (e.$ref ? resolvePointer(doc, e.$ref) : e)?.value)].filter((e) => e !== undefined);
    const out: unknown[] = [...examples];
    for (const e of examples) {
        if (!e || typeof e !== "object" || Array.isArray(e)) continue;
        for (const k of Object.keys(e)) {
            const { [k]: _dropped, ...rest } = e as Record<string, unknown>;
            out.push(rest, { ...e, [k]: 5 }, { ...e, [k]: "x" });
        }
    }
    return out;
}

describe("the spec subset the package ships", function () {
    this.timeout(120_000);
    let dir: string;
    let sizes: Record<string, number>;
    before(() => {
        dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "okta-spec-subset-")), "okta-openapi");
        sizes = packSpecs(dir);
    });
    after(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

    it("holds a small part of Okta's files, with their license and a notice saying it is derived from them", () => {
        const whole = Object.keys(sizes).reduce((n, f) => n + fs.statSync(path.join(BUNDLED_SPEC_DIR, f)).size, 0);
        const subset = Object.values(sizes).reduce((a, b) => a + b, 0);
        assert.deepStrictEqual(Object.keys(sizes), ["governance-production-requests-admin-v1-reference-minimal.yaml", "management-minimal.yaml", "oauth-minimal.yaml", "opa-minimal.yaml"]);
        assert.ok(subset < whole / 10, `${subset} bytes of ${whole}`);
        assert.ok(fs.readFileSync(path.join(dir, "LICENSE"), "utf8").includes("Apache License\n                           Version 2.0, January 2004"));
        const notice = fs.readFileSync(path.join(dir, "README.md"), "utf8");
        assert.match(notice, /derived from Okta's OpenAPI 3\.0 descriptions/);
        assert.match(notice, /\*\*Changed by this project:\*\*/);
        // Each file's info (title, version, license where Okta states one) as Okta wrote it.
        for (const f of Object.keys(sizes)) assert.deepStrictEqual((yaml.load(fs.readFileSync(path.join(dir, f), "utf8")) as { info: unknown }).info, loadSpec(f).info);
    });

    it("judges every body the emulator validates as Okta's whole files do, word for word", () => {
        const uses = specUses();
        const cases: Case[] = [];
        const random = fc.sample(fc.json().map((t) => JSON.parse(t) as unknown), { seed: 19, numRuns: 20 });
        for (const op of uses.operations) {
            const concrete = op.path.replace(/\{[^}]+\}/g, "abcXYZ123");
            for (const body of [...bodiesFor(op.spec, op.method, concrete), ...random, {}, []]) cases.push({ spec: op.spec, method: op.method, path: concrete, body });
        }
        for (const s of uses.schemas) {
            for (const body of [...random, { grant_type: "client_credentials", scope: "okta.users.read" }, { grant_type: "client_credentials" }]) cases.push({ spec: s.spec, schema: s.name, body });
        }
        const whole = verdicts(cases);
        // The cases must test something: some bodies pass, many fail, none makes the validator throw.
        assert.ok(whole.some((v) => Array.isArray(v) && v.length === 0), "no case passes");
        assert.ok(whole.filter((v) => Array.isArray(v) && v.length > 0).length > cases.length / 2, "too few cases fail");
        assert.deepStrictEqual(whole.filter((v) => typeof v === "string"), []);
        const subset = verdictsReading(dir, cases);
        const differing = cases.map((c, i) => ({ c, whole: whole[i], subset: subset[i] })).filter((x) => JSON.stringify(x.whole) !== JSON.stringify(x.subset));
        assert.deepStrictEqual(differing.slice(0, 3), [], `${differing.length} of ${cases.length} cases differ`);
    });

    it("keeps every template a path of a route can match, so the same operation is chosen", () => {
        const templates = ["/api/v1/hook-keys", "/api/v1/hook-keys/{id}", "/api/v1/hook-keys/public/{keyId}", "/api/v1/hook-keys/public", "/api/v1/users/{id}"];
        assert.deepStrictEqual(templatesFor(templates, "/api/v1/hook-keys/{hookKeyId}"), ["/api/v1/hook-keys/{id}", "/api/v1/hook-keys/public"]);
        assert.deepStrictEqual(templatesFor(templates, "/api/v1/hook-keys"), ["/api/v1/hook-keys"]);
    });

    it("refuses a route the spec has no operation for, and a reference it cannot follow", () => {
        const spec = { openapi: "3.0.3", paths: { "/a": { post: { requestBody: { $ref: "#/components/requestBodies/B" } } } }, components: { requestBodies: { B: { content: { "application/json": { schema: { $ref: "#/paths/~1a" } } } } } } };
        assert.throws(() => specSubset(spec, [{ method: "POST", path: "/b" }], []), /no operation in the spec for POST \/b/);
        assert.throws(() => specSubset(spec, [{ method: "POST", path: "/a" }], []), /a reference the subset cannot follow: #\/paths\/~1a/);
        assert.throws(() => specSubset(spec, [], ["Missing"]), /the spec has no #\/components\/schemas\/Missing/);
    });
});
