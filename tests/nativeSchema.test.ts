// The native plugin's schema is generated from the TypeScript types (native/schemaGenerator.ts) and checked in; this
// fails when the two drift apart, so a changed doc comment, property or type is a schema change in the same commit.
import * as assert from "assert";
import * as fs from "fs";
import { generateSchema, SCHEMA_FILE, schemaText } from "../native/schemaGenerator";
import { FUNCTIONS, RESOURCES } from "../native/routes";

describe("native plugin schema", function () {
    this.timeout(120_000);
    let schema: Record<string, any>;
    before(() => (schema = generateSchema()));

    it("native/schema.json is what the generator makes from the code today (else: node dist/native/schemaGenerator.js --write)", () => {
        assert.strictEqual(fs.readFileSync(SCHEMA_FILE, "utf8"), schemaText());
    });

    it("names exactly what the plugin serves, at the package's version", () => {
        assert.deepStrictEqual(Object.keys(schema.resources).sort(), Object.keys(RESOURCES).sort());
        assert.deepStrictEqual(Object.keys(schema.functions).sort(), Object.keys(FUNCTIONS).sort());
        assert.strictEqual(schema.version, JSON.parse(fs.readFileSync("package.json", "utf8")).version);
    });

    it("marks the secrets: credentials in config and on the provider, ApiObject's object", () => {
        for (const where of [schema.config.variables, schema.provider.inputProperties]) {
            assert.deepStrictEqual(Object.keys(where).filter((k) => where[k].secret).sort(), ["accessToken", "apiToken", "pamKeySecret", "privateKey"]);
        }
        assert.strictEqual(schema.resources["oktadynamic:index:ApiObject"].properties.object.secret, true);
    });

    it("describes every resource, function, type and property", () => {
        const undescribed: string[] = [];
        const props = (where: string, ps: Record<string, any> = {}) => {
            for (const [k, v] of Object.entries(ps)) if (!v.description) undescribed.push(`${where}.${k}`);
        };
        for (const [t, r] of Object.entries<any>(schema.resources)) {
            if (!r.description) undescribed.push(t);
            props(t, r.properties);
            props(t, r.inputProperties);
        }
        for (const [t, f] of Object.entries<any>(schema.functions)) {
            if (!f.description) undescribed.push(t);
            props(t, f.inputs.properties);
            props(t, f.outputs.properties);
        }
        for (const [t, ty] of Object.entries<any>(schema.types)) {
            if (!ty.description) undescribed.push(t);
            props(t, ty.properties);
        }
        props("config", schema.config.variables);
        assert.deepStrictEqual(undescribed, []);
    });
});
