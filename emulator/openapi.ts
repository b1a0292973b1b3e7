// Okta's published OpenAPI specs as validators: the emulator checks what it receives against them, and tests
// check that what the library sends is valid. A checkout reads Okta's files whole from third_party/okta-openapi;
// the installed package reads the subset `npm pack` built (dist/emulator/okta-openapi, tools/packSpecs.ts).
// Loaded lazily and cached.
import * as fs from "fs";
import * as path from "path";
import Ajv, { ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import * as yaml from "js-yaml";
import { gitRestoreHint, IN_CHECKOUT, PACKAGE_ROOT, requireDataFile } from "./dataFiles";

export type Spec = { paths: Record<string, Record<string, any>>; components?: Record<string, any>; [key: string]: unknown };

/** The folder of the specs this checkout or package holds. */
export const BUNDLED_SPEC_DIR = IN_CHECKOUT ? path.join(PACKAGE_ROOT, "third_party", "okta-openapi") : path.join(__dirname, "okta-openapi");

/** The folder the specs are read from: OKTA_OPENAPI_DIR (`--openapi-dir`) when set, else the bundled copy. */
export function specDir(): string {
    return process.env.OKTA_OPENAPI_DIR || BUNDLED_SPEC_DIR;
}

/** specDir() when it exists. */
export function findSpecDir(): string | undefined {
    const dir = specDir();
    return fs.existsSync(dir) ? dir : undefined;
}

/** The full path of one spec file; a missing one throws a MissingDataFile that names it and the way back. */
export function specFilePath(file: string): string {
    const dir = specDir();
    const fix = process.env.OKTA_OPENAPI_DIR
        ? `OKTA_OPENAPI_DIR (or --openapi-dir) names ${dir}, which must hold Okta's ${file}; unset it to use the copy in ${BUNDLED_SPEC_DIR}`
        : IN_CHECKOUT
          ? gitRestoreHint("third_party/okta-openapi")
          : "this install of pulumi-okta-dynamic is incomplete: install the package again";
    return requireDataFile(dir, file, fix);
}

const specs = new Map<string, Spec>();
let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

/** A spec file, parsed; a missing one throws (see specFilePath). */
export function loadSpec(file: string): Spec {
    let spec = specs.get(file);
    if (!spec) specs.set(file, (spec = yaml.load(fs.readFileSync(specFilePath(file), "utf8")) as Spec));
    return spec;
}

function getAjv(): Ajv {
    if (!ajv) {
        ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
        addFormats(ajv);
        // Okta's own formats (okta-user-id, owner-id, iso-duration, ...) are described by patterns and lengths already.
        // "regex" too: Okta uses it to mean "checked by the pattern beside it", not "is a regular expression".
        for (const f of ["okta-user-id", "owner-id", "iso-duration", "okta-group-id", "okta-application-id", "okta-push-group-id", "entitlement-bundle-id", "request-type-id", "scim-filter", "order-by", "boolean", "regex"]) ajv.addFormat(f, true);
        ajv.addKeyword({ keyword: "discriminator" });
        for (const k of ["x-okta-lifecycle", "x-okta-ignore-redocly-rules-for-sdk", "example", "x-okta-tags", "xml", "externalDocs"]) if (!ajv.getKeyword(k)) ajv.addKeyword(k);
    }
    return ajv;
}

/** OpenAPI 3.0 `nullable: true` means "or null" in JSON Schema. */
function toJsonSchema(node: unknown): unknown {
    if (Array.isArray(node)) return node.map(toJsonSchema);
    if (!node || typeof node !== "object") return node;
    const o: Record<string, unknown> = {};
    // Okta's specs carry templated `$id`s (http://{yourOktaDomain}/...) inside examples; ids are ours to give.
    for (const [k, v] of Object.entries(node)) if (k !== "$id" && k !== "$schema") o[k] = toJsonSchema(v);
    // Inline flags like `(?i)` (Privileged Access `run_as`) are not JavaScript: make letter ranges caseless instead.
    if (typeof o.pattern === "string" && o.pattern.includes("(?i)")) o.pattern = o.pattern.replace(/\(\?i\)/g, "").replace(/A-Z/g, "A-Za-z");
    // OpenAPI 3.0: a readOnly property listed as required is required in responses only; these validate requests.
    if (Array.isArray(o.required) && o.properties && typeof o.properties === "object") {
        const props = o.properties as Record<string, { readOnly?: boolean }>;
        o.required = (o.required as string[]).filter((k) => props[k]?.readOnly !== true);
    }
    // A oneOf with a discriminator mapping picks its branch by the property's value, as Okta's servers do: one
    // branch's failures are reported, or one enum failure naming the allowed values (not every branch's).
    const disc = o.discriminator as { propertyName?: string; mapping?: Record<string, string> } | undefined;
    if (Array.isArray(o.oneOf) && disc?.propertyName && disc.mapping) {
        const prop = disc.propertyName;
        const { oneOf: _branches, discriminator: _d, ...rest } = o;
        return {
            ...rest,
            allOf: [
                { properties: { [prop]: { enum: Object.keys(disc.mapping) } }, required: [prop] },
                ...Object.entries(disc.mapping).map(([value, ref]) => ({ if: { properties: { [prop]: { const: value } }, required: [prop] }, then: { $ref: ref } })),
            ],
        };
    }
    if (o.nullable === true) {
        delete o.nullable;
        return { anyOf: [o, { type: "null" }] };
    }
    return o;
}

/** Registers a spec's components with ajv under the file's name, so `file#/components/...` refs resolve. */
function ensureDoc(file: string): void {
    const spec = loadSpec(file);
    const a = getAjv();
    if (!a.getSchema(file)) a.addSchema({ $id: file, components: toJsonSchema(spec.components ?? {}) } as object);
}

function validatorFor(file: string, pointer: string): ValidateFunction {
    const key = `${file}#${pointer}`;
    let v = validators.get(key);
    if (v) return v;
    ensureDoc(file);
    if (resolvePointer(loadSpec(file), `#${pointer}`) === undefined) throw new Error(`${file} has no ${pointer}`);
    v = getAjv().compile({ $ref: `${file}#${pointer}` });
    validators.set(key, v);
    return v;
}

/** One way a value fails a spec's schema: where (a JSON pointer), what (ajv's wording), and the keyword. */
export interface SpecViolation {
    location: string;
    message: string;
    keyword: string;
    params: Record<string, unknown>;
}

function violations(v: ValidateFunction): SpecViolation[] {
    // `must match "then" schema` only wraps the branch's own failures, which are reported.
    return (v.errors ?? []).filter((e) => e.keyword !== "if").map((e) => {
        const params = (e.params ?? {}) as Record<string, unknown>;
        // Okta's causes point at the missing property itself.
        const location = e.keyword === "required" ? `${e.instancePath}/${String(params.missingProperty)}` : e.instancePath || "/";
        let message = e.message ?? "is invalid";
        if (e.keyword === "additionalProperties") message += ` (${String(params.additionalProperty)})`;
        return { location, message, keyword: e.keyword, params };
    });
}

const asText = (x: SpecViolation) => `${x.keyword === "required" ? x.location.replace(/\/[^/]*$/, "") || "/" : x.location} ${x.message}`;

/** Validates a value against `#/components/schemas/<name>`; a missing spec file throws (see specFilePath). */
export function specSchemaValidator(specFile: string, schemaName: string): (value: unknown) => string[] {
    const v = validatorFor(specFile, `/components/schemas/${schemaName}`);
    return (value) => (v(value) ? [] : violations(v).map(asText));
}

/** Finds the operation for a concrete path and validates the JSON request body against it. */
export function validateRequestBody(specFile: string, method: string, concretePath: string, body: unknown): string[] {
    return specViolations(specFile, method, concretePath, body).map(asText);
}

/** The same, each failure with its location and keyword (for error bodies shaped as Okta's). */
export function specViolations(specFile: string, method: string, concretePath: string, body: unknown): SpecViolation[] {
    const spec = loadSpec(specFile);
    const other = (message: string): SpecViolation[] => [{ location: "/", message, keyword: "operation", params: {} }];
    const template = matchTemplate(Object.keys(spec.paths), concretePath);
    if (!template) return other(`no operation in ${specFile} for ${method} ${concretePath}`);
    const op = spec.paths[template][method.toLowerCase()];
    if (!op) return other(`${specFile} has no ${method} for ${template}`);
    let rb = op.requestBody;
    if (rb?.$ref) rb = resolvePointer(spec, rb.$ref);
    const schema = rb?.content?.["application/json"]?.schema;
    if (!schema) return body === undefined ? [] : other(`${method} ${template} takes no JSON body`);
    return validateSchema(specFile, schema, `${method} ${template}`, body);
}

function validateSchema(file: string, schema: Record<string, unknown>, key: string, body: unknown): SpecViolation[] {
    if (typeof schema.$ref === "string" && schema.$ref.startsWith("#/components/")) {
        const v = validatorFor(file, schema.$ref.slice(1));
        return v(body) ? [] : violations(v);
    }
    let v = validators.get(`${file} ${key}`);
    if (!v) {
        ensureDoc(file);
        v = getAjv().compile(JSON.parse(JSON.stringify(toJsonSchema(schema)).replace(/"#\/components\//g, `"${file}#/components/`)));
        validators.set(`${file} ${key}`, v);
    }
    return v(body) ? [] : violations(v);
}

export function resolvePointer(spec: unknown, ref: string): any {
    return ref
        .replace(/^#\//, "")
        .split("/")
        .reduce((o: any, k) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
}

/** `/api/v1/hook-keys/HKY123` matches `/api/v1/hook-keys/{id}`; literal segments beat parameters. */
export function matchTemplate(templates: string[], concrete: string): string | undefined {
    const segs = concrete.split("?")[0].split("/");
    let best: { t: string; score: number } | undefined;
    for (const t of templates) {
        const ts = t.split("/");
        if (ts.length !== segs.length) continue;
        let score = 0;
        let ok = true;
        for (let i = 0; i < ts.length; i++) {
            if (ts[i] === segs[i]) score += 2;
            else if (/^\{[^}]+\}$/.test(ts[i]) && segs[i] !== "") score += 1;
            else {
                ok = false;
                break;
            }
        }
        if (ok && (!best || score > best.score)) best = { t, score };
    }
    return best?.t;
}
