// Checks that a value Okta's Node SDK deserialized really fits its model. The SDK's ObjectSerializer copies
// primitives as they come (a "false" string stays a string in a boolean field) and never throws, so "parses
// without error" is checked here, field by field, against the SDK's own attribute type maps.
const modelsDir = require.resolve("@okta/okta-sdk-nodejs/src/generated/models/ObjectSerializer").replace(/ObjectSerializer\.js$/, "");

type ModelClass = { new (): unknown; getAttributeTypeMap?: () => { name: string; baseName: string; type: string }[] };

function modelClass(type: string): ModelClass | undefined {
    try {
        const m = require(`${modelsDir}${type}.js`);
        return typeof m[type] === "function" && typeof m[type].getAttributeTypeMap === "function" ? m[type] : undefined;
    } catch {
        return undefined;
    }
}

/** What does not fit the model `type` in a deserialized value (empty: it fits). */
export function modelProblems(value: unknown, type: string, path = "$"): string[] {
    if (value === undefined || value === null) return [];
    const t = type.replace(/ \| (null|undefined)$/, "");
    const lower = t.toLowerCase();
    if (lower === "string") return typeof value === "string" ? [] : [`${path}: ${JSON.stringify(value)} is not a string`];
    if (lower === "boolean") return typeof value === "boolean" ? [] : [`${path}: ${JSON.stringify(value)} is not a boolean`];
    if (lower === "number" || lower === "integer") return typeof value === "number" ? [] : [`${path}: ${JSON.stringify(value)} is not a number`];
    if (t === "Date") return value instanceof Date && !Number.isNaN(value.getTime()) ? [] : [`${path}: not a valid date`];
    if (lower === "any" || lower === "object") return [];
    const arr = /^Array<(.+)>$/.exec(t);
    if (arr) return Array.isArray(value) ? value.flatMap((v, i) => modelProblems(v, arr[1], `${path}[${i}]`)) : [`${path}: not an array`];
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(t);
    if (map) return typeof value === "object" ? Object.entries(value as object).flatMap(([k, v]) => modelProblems(v, map[1], `${path}.${k}`)) : [`${path}: not an object`];
    const cls = modelClass(t);
    // Enums (and types the SDK keeps as plain data) arrive as strings or objects, unchecked by the SDK.
    if (!cls) return typeof value === "string" || typeof value === "object" ? [] : [`${path}: ${JSON.stringify(value)} does not fit ${t}`];
    if (!(value instanceof cls)) return [`${path}: not a ${t}`];
    return cls.getAttributeTypeMap!().flatMap((a) => modelProblems((value as Record<string, unknown>)[a.name], a.type, `${path}.${a.name}`));
}
