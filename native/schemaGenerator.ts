// The native plugin's Pulumi package schema, generated from the TypeScript types that both doors already use (the SDK's
// resource classes and argument interfaces, provider/'s Okta types and lookups, the native config), descriptions from
// their doc comments. `node dist/native/schemaGenerator.js --write` rewrites native/schema.json; tests/nativeSchema.test.ts
// fails when the checked-in schema and the code drift apart, or when anything lacks a description.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { PACKAGE } from "./config";
import { FUNCTIONS, RESOURCES } from "./routes";
import { API_OBJECT_ID_FORM } from "./apiObjectImport";
import { repositoryHome } from "../tools/repositoryHome";
import { examplesOf } from "./schemaExamples";

const ROOT = path.resolve(__dirname, "..", "..");
export const SCHEMA_FILE = path.join(ROOT, "native", "schema.json");

type Spec = Record<string, any>;
const ANY = { $ref: "pulumi.json#/Any" };
/** Wrappers whose first type argument is the value's type. */
const WRAPPERS = new Set(["Input", "DeepInput", "Output", "Promise"]);

/** Where each schema element comes from: file, exported name. */
const RESOURCE_SOURCES: Record<string, { file: string; cls: string; args: string; importNote: string }> = {
    RequestType: { file: "sdk/requestType.ts", cls: "RequestType", args: "RequestTypeArgs", importNote: "`pulumi import oktadynamic:index:RequestType <name> <request type id>` brings an existing request type under management." },
    HookKey: { file: "sdk/hookKey.ts", cls: "HookKey", args: "HookKeyArgs", importNote: "`pulumi import oktadynamic:index:HookKey <name> <hook key id>` brings an existing key under management." },
    ApiObject: { file: "sdk/apiObject.ts", cls: "ApiObject", args: "ApiObjectArgs", importNote: `\`pulumi import oktadynamic:index:ApiObject <name> <id>\` takes the id ${API_OBJECT_ID_FORM}; its \`data\` is then the whole object as the server answers.` },
};
/** Functions: the lookup in provider/lookups.ts (or another file), and the property a list result is returned under. */
const FUNCTION_SOURCES: Record<string, { file: string; fn: string; listUnder?: string }> = {
    getTeam: { file: "provider/lookups.ts", fn: "getTeam" },
    getTeams: { file: "provider/lookups.ts", fn: "getTeams", listUnder: "teams" },
    getRequestType: { file: "provider/lookups.ts", fn: "getRequestType" },
    getRequestTypes: { file: "provider/lookups.ts", fn: "getRequestTypes", listUnder: "requestTypes" },
    getHookKey: { file: "provider/lookups.ts", fn: "getHookKey" },
    getHookKeyPublicKey: { file: "provider/lookups.ts", fn: "getHookKeyPublicKey" },
    callApi: { file: "native/callApi.ts", fn: "callApiInvoke" },
};
const CALL_API_ARGS = { file: "native/callApi.ts", name: "NativeCallApiArgs" };
const CONFIG = { file: "native/config.ts", name: "NativeConfig" };
/** Each resource's and function's examples, `native/docs/<name>.md`: one `{{% examples %}}` section (native/schemaExamples.ts). */
export const DOCS_DIR = path.join(ROOT, "native", "docs");

/** The examples section of `native/docs/<name>.md`, checked to hold examples in every language. */
function examplesDoc(name: string): string {
    const file = path.join(DOCS_DIR, `${name}.md`);
    if (!fs.existsSync(file)) throw new Error(`no examples for ${name}: write ${path.relative(ROOT, file)}`);
    const text = fs.readFileSync(file, "utf8").trim();
    examplesOf(text, path.relative(ROOT, file));
    return text;
}

export function generateSchema(): Spec {
    const files = [...new Set([...Object.values(RESOURCE_SOURCES).map((r) => r.file), ...Object.values(FUNCTION_SOURCES).map((f) => f.file), CONFIG.file])];
    const program = ts.createProgram(
        files.map((f) => path.join(ROOT, f)),
        { strict: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, esModuleInterop: true, skipLibCheck: true, noEmit: true },
    );
    const checker = program.getTypeChecker();
    const types: Record<string, Spec> = {};
    const missing: string[] = [];

    const decl = (file: string, name: string): ts.Declaration => {
        const sf = program.getSourceFile(path.join(ROOT, file));
        const found = sf?.statements.find((s) => (ts.isInterfaceDeclaration(s) || ts.isClassDeclaration(s) || ts.isFunctionDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name?.text === name);
        if (!found) throw new Error(`${file} has no declaration ${name}`);
        return found as unknown as ts.Declaration;
    };
    const docOf = (sym: ts.Symbol | undefined): string => (sym ? ts.displayPartsToString(sym.getDocumentationComment(checker)).trim() : "");
    const isSecretTag = (sym: ts.Symbol) => sym.getJsDocTags(checker).some((t) => t.name === "secret");
    const described = (where: string, text: string): string => {
        if (!text) missing.push(where);
        return text;
    };

    const stripNullish = (t: ts.Type): ts.Type[] => (t.isUnion() ? t.types : [t]).filter((x) => !(x.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    const stringLiterals = (t: ts.Type): string[] | undefined => {
        const parts = stripNullish(t);
        return parts.every((x) => x.isStringLiteral()) ? parts.map((x) => (x as ts.StringLiteralType).value) : undefined;
    };

    function fromNode(node: ts.TypeNode | undefined, hint: string): Spec {
        if (!node) return ANY;
        if (ts.isParenthesizedTypeNode(node)) return fromNode(node.type, hint);
        if (ts.isTypeReferenceNode(node)) {
            const name = ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text;
            if (WRAPPERS.has(name) && node.typeArguments?.length) return fromNode(node.typeArguments[0], hint);
            if (name === "Record" && node.typeArguments?.length === 2) return { type: "object", additionalProperties: fromNode(node.typeArguments[1], hint) };
        }
        if (ts.isArrayTypeNode(node)) return { type: "array", items: fromNode(node.elementType, hint) };
        if (ts.isUnionTypeNode(node)) {
            const parts = node.types.filter((n) => !(n.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isLiteralTypeNode(n) && n.literal.kind === ts.SyntaxKind.NullKeyword)));
            if (parts.length === 1) return fromNode(parts[0], hint);
        }
        return fromType(checker.getTypeFromTypeNode(node), hint);
    }

    function fromType(t: ts.Type, hint: string): Spec {
        const parts = stripNullish(t);
        if (parts.length === 0) return ANY;
        if (parts.every((x) => x.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral))) return { type: "string" };
        if (parts.every((x) => x.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral))) return { type: "number" };
        if (parts.every((x) => x.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral))) return { type: "boolean" };
        if (parts.some((x) => x.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return ANY;
        // A mix of primitives (a query value: string, number or boolean) has no one schema type.
        if (parts.every((x) => x.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike))) return ANY;
        if (parts.length === 1 && checker.isArrayType(parts[0])) {
            const [item] = checker.getTypeArguments(parts[0] as ts.TypeReference);
            return { type: "array", items: fromType(item, hint) };
        }
        if (parts.length === 1 && checker.getPropertiesOfType(parts[0]).length === 0) {
            const index = checker.getIndexInfoOfType(parts[0], ts.IndexKind.String);
            if (index) return { type: "object", additionalProperties: fromType(index.type, hint) };
        }
        const named = t.aliasSymbol?.name ?? (parts.length === 1 && parts[0].symbol && !parts[0].symbol.name.startsWith("__") ? parts[0].symbol.name : hint);
        const token = `${PACKAGE}:index:${named}`;
        if (!types[token]) {
            types[token] = { type: "object" }; // placeholder first: types may refer to themselves
            const sym = t.aliasSymbol ?? (parts.length === 1 ? parts[0].symbol : undefined);
            const { properties, required } = objectOf(parts, named);
            types[token] = { description: described(`type ${named}`, docOf(sym) || (parts.length > 1 ? `One of: ${parts.map((p) => p.aliasSymbol?.name ?? p.symbol?.name).join(", ")}.` : "")), type: "object", properties, ...(required.length ? { required } : {}) };
        }
        return { $ref: `#/types/${token}` };
    }

    /** The properties of one object type, or of several merged (a union): required where every member requires it. */
    function objectOf(members: ts.Type[], owner: string): { properties: Record<string, Spec>; required: string[] } {
        const properties: Record<string, Spec> = {};
        const counts = new Map<string, number>();
        const literals = new Map<string, string[]>();
        for (const m of members) {
            for (const p of checker.getPropertiesOfType(m)) {
                if (p.name.startsWith("_")) continue; // `_links`, `_embedded`: Okta's hypermedia, not data
                const d = p.valueDeclaration as ts.PropertySignature | undefined;
                const pt = checker.getTypeOfSymbol(p);
                const lits = stringLiterals(pt);
                if (lits) literals.set(p.name, [...(literals.get(p.name) ?? []), ...lits]);
                if (!(p.flags & ts.SymbolFlags.Optional)) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
                const spec = d?.type ? fromNode(d.type, owner + cap(p.name)) : fromType(pt, owner + cap(p.name));
                const doc = docOf(p) || properties[p.name]?.description || "";
                properties[p.name] = { ...spec, ...(doc ? { description: doc } : {}) };
            }
        }
        for (const [name, spec] of Object.entries(properties)) {
            if (!spec.description && literals.get(name)) spec.description = `One of ${[...new Set(literals.get(name))].join(", ")}.`;
            described(`${owner}.${name}`, spec.description ?? "");
        }
        const required = [...counts].filter(([, n]) => n === members.length).map(([k]) => k);
        return { properties, required };
    }

    const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

    /** Properties of an interface or class, from its declared members (type nodes keep Input/Output visible). */
    function membersOf(file: string, name: string, owner: string, filter: (m: ts.Node) => boolean = () => true) {
        const d = decl(file, name) as ts.InterfaceDeclaration | ts.ClassDeclaration;
        const type = checker.getTypeAtLocation(d);
        const out: { name: string; spec: Spec; optional: boolean; doc: string; secret: boolean }[] = [];
        for (const p of checker.getPropertiesOfType(type)) {
            const m = p.valueDeclaration;
            if (!m || !(ts.isPropertySignature(m) || ts.isPropertyDeclaration(m)) || !filter(m)) continue;
            const pt = checker.getTypeOfSymbol(p);
            const nullable = pt.isUnion() && pt.types.some((x) => x.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined));
            const outputNullable = m.type && ts.isTypeReferenceNode(m.type) && m.type.typeArguments?.[0] && ts.isUnionTypeNode(m.type.typeArguments[0]) && m.type.typeArguments[0].types.some((n) => n.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isLiteralTypeNode(n) && n.literal.kind === ts.SyntaxKind.NullKeyword));
            out.push({ name: p.name, spec: fromNode(m.type, owner + cap(p.name)), optional: !!(p.flags & ts.SymbolFlags.Optional) || nullable || !!outputNullable, doc: docOf(p), secret: isSecretTag(p) });
        }
        return out;
    }

    const resources: Record<string, Spec> = {};
    for (const [name, src] of Object.entries(RESOURCE_SOURCES)) {
        const token = `${PACKAGE}:index:${name}`;
        const route = RESOURCES[token];
        if (!route) throw new Error(`${token} is in the schema sources but not served by native/routes.ts`);
        const args = membersOf(src.file, src.args, name);
        const argDocs = new Map(args.map((a) => [a.name, a.doc]));
        const outs = membersOf(src.file, src.cls, name, (m) => ts.isPropertyDeclaration(m) && !!m.modifiers?.some((x) => x.kind === ts.SyntaxKind.DeclareKeyword));
        const prop = (a: { name: string; spec: Spec; doc: string }, secret: boolean) => ({
            ...a.spec,
            description: described(`${name}.${a.name}`, a.doc || argDocs.get(a.name) || ""),
            ...(secret ? { secret: true } : {}),
        });
        const clsDoc = docOf(checker.getSymbolAtLocation((decl(src.file, src.cls) as ts.ClassDeclaration).name!));
        resources[token] = {
            description: described(`resource ${name}`, clsDoc ? `${clsDoc.replace(/\s*(Pass )?`?\{ import: "<id>" \}`?[^.]*\.(\s*\(see README\))?/g, "").trim()}\n\n${examplesDoc(name)}\n\n## Import\n\n${src.importNote}` : ""),
            properties: Object.fromEntries(outs.map((o) => [o.name, prop(o, route.alwaysSecret.includes(o.name))])),
            required: outs.filter((o) => !o.optional).map((o) => o.name),
            inputProperties: Object.fromEntries(args.map((a) => [a.name, prop(a, false)])),
            requiredInputs: args.filter((a) => !a.optional).map((a) => a.name),
        };
    }

    const functions: Record<string, Spec> = {};
    for (const [name, src] of Object.entries(FUNCTION_SOURCES)) {
        const token = `${PACKAGE}:index:${name}`;
        if (!FUNCTIONS[token]) throw new Error(`${token} is in the schema sources but not served by native/routes.ts`);
        const fn = decl(src.file, src.fn) as ts.FunctionDeclaration;
        const description = described(`function ${name}`, docOf(checker.getSymbolAtLocation(fn.name!)));
        // Lookups take (org, args); callApi takes its own argument interface.
        const argsType = name === "callApi" ? checker.getTypeAtLocation(decl(CALL_API_ARGS.file, CALL_API_ARGS.name)) : fn.parameters[1]?.type ? checker.getTypeFromTypeNode(fn.parameters[1].type) : undefined;
        const inputs = argsType ? objectOf(stripNullish(argsType), `${cap(name)}Args`) : { properties: {}, required: [] };
        const ret = fn.type && ts.isTypeReferenceNode(fn.type) && fn.type.typeArguments ? fn.type.typeArguments[0] : undefined;
        if (!ret) throw new Error(`${src.fn} must declare its Promise<...> result`);
        let outputs: { properties: Record<string, Spec>; required: string[] };
        if (src.listUnder) {
            outputs = { properties: { [src.listUnder]: { ...fromNode(ret, `${cap(name)}Item`), description } }, required: [src.listUnder] };
        } else {
            outputs = objectOf(stripNullish(checker.getTypeFromTypeNode(ret)), `${cap(name)}Result`);
        }
        functions[token] = {
            description: `${description}\n\n${examplesDoc(name)}`,
            inputs: { type: "object", properties: inputs.properties, ...(inputs.required.length ? { required: inputs.required } : {}) },
            outputs: { type: "object", properties: outputs.properties, ...(outputs.required.length ? { required: outputs.required } : {}) },
        };
    }

    const config = membersOf(CONFIG.file, CONFIG.name, "Config");
    const configProps = Object.fromEntries(config.map((c) => [c.name, { ...c.spec, description: described(`config ${c.name}`, c.doc), ...(c.secret ? { secret: true } : {}) }]));
    const configDoc = docOf(checker.getSymbolAtLocation((decl(CONFIG.file, CONFIG.name) as ts.InterfaceDeclaration).name));

    if (missing.length) throw new Error(`no description (write a doc comment) for: ${missing.join(", ")}`);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string; description: string; license: string };
    const home = repositoryHome(ROOT);
    return {
        name: PACKAGE,
        displayName: "Okta (dynamic)",
        version: pkg.version,
        description: "Okta objects the official provider lacks: Access Requests request types, hook keys, any endpoint as an object, and custom API calls (the native door of pulumi-okta-dynamic).",
        keywords: ["okta", "access-requests", "category/cloud", "kind/native"],
        license: pkg.license,
        // Where the project lives, all from package.json's repository (tools/repositoryHome.ts). No logoUrl: the
        // project has no logo of its own, and another's (Okta's) would say it is theirs.
        homepage: home.url,
        repository: home.url,
        publisher: home.owner,
        // The engine fetches the plugin from the GitHub release v<version> (codegen copies this into every SDK).
        pluginDownloadURL: home.pluginDownloadURL,
        meta: { moduleFormat: "(.*)" },
        config: { variables: configProps },
        provider: { description: configDoc, inputProperties: configProps },
        resources,
        functions,
        types: Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b))),
        language: {
            // The generated Node.js code calls @pulumi/pulumi APIs of 3.269; the package's version is the plugin's.
            nodejs: { packageName: "@pulumi-okta-dynamic/oktadynamic", respectSchemaVersion: true, dependencies: { "@pulumi/pulumi": "^3.269.0" } },
            python: { packageName: "pulumi_oktadynamic", requires: { "pulumi": ">=3.0.0,<4.0.0" } },
            // The Go SDK is committed at native/sdk (its own module). Without respectSchemaVersion it would ask the engine
            // for the plugin version its module path's /v<major> suffix says: none for 0.x, so v1.0.0.
            go: { importBasePath: home.goImportPath, generateResourceContainerTypes: false, respectSchemaVersion: true },
        },
    };
}

export function schemaText(): string {
    return JSON.stringify(generateSchema(), null, 2) + "\n";
}

if (require.main === module) {
    const text = schemaText();
    if (process.argv.includes("--write")) {
        fs.writeFileSync(SCHEMA_FILE, text);
        console.log(`wrote ${path.relative(ROOT, SCHEMA_FILE)} (${text.length} bytes)`);
    } else {
        process.stdout.write(text);
    }
}
