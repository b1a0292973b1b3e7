// The part of one of Okta's OpenAPI specs that the emulator reads, for the npm package (the Management spec
// alone is 3.4 MB): the operations whose bodies it validates, the schemas it checks by name, and every component
// they reference, directly or not. Pure: a spec in, a smaller spec out.
import { matchTemplate, resolvePointer, Spec } from "../emulator/openapi";

/** An operation as the emulator routes it: the method and its own path template (`/api/v1/hook-keys/{id}`). */
export interface RoutedOperation {
    method: string;
    path: string;
}

const segments = (p: string) => p.split("/");
const isParam = (s: string) => /^\{[^}]+\}$/.test(s);

/**
 * The spec's path templates that some concrete path of the route can match (a route parameter may take the value
 * of a template's literal segment): keeping all of them keeps matchTemplate's choice for every such path.
 */
export function templatesFor(templates: string[], routePath: string): string[] {
    const route = segments(routePath);
    return templates.filter((t) => {
        const ts = segments(t);
        return ts.length === route.length && ts.every((s, i) => s === route[i] || isParam(s) || isParam(route[i]));
    });
}

/** `#/components/<kind>/<name>`, the component a local reference falls in; other references are refused. */
function componentOf(ref: string): [string, string] {
    const m = /^#\/components\/([^/]+)\/([^/]+)/.exec(ref);
    if (!m) throw new Error(`a reference the subset cannot follow: ${ref}`);
    const unescape = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");
    return [unescape(m[1]), unescape(m[2])];
}

export function specSubset(spec: Spec, operations: RoutedOperation[], schemas: string[]): Spec {
    const templates = Object.keys(spec.paths);
    const paths: Spec["paths"] = {};
    for (const op of operations) {
        const method = op.method.toLowerCase();
        // The one the emulator's own paths match must be there (a route with no operation in the spec is a mistake).
        if (!matchTemplate(templates, op.path)) throw new Error(`no operation in the spec for ${op.method} ${op.path}`);
        for (const t of templatesFor(templates, op.path)) {
            const item = spec.paths[t];
            const kept = (paths[t] ??= {});
            if (item.parameters) kept.parameters = item.parameters;
            if (item[method]) kept[method] = item[method];
        }
    }

    const components: Record<string, Record<string, unknown>> = {};
    const seen = new Set<string>();
    const follow = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(follow);
        if (!node || typeof node !== "object") return;
        for (const [k, v] of Object.entries(node)) {
            if (k === "$ref" && typeof v === "string") keep(componentOf(v));
            else follow(v);
        }
    };
    const keep = ([kind, name]: [string, string]): void => {
        const key = `${kind}/${name}`;
        if (seen.has(key)) return;
        seen.add(key);
        const value = spec.components?.[kind]?.[name];
        if (value === undefined) throw new Error(`the spec has no #/components/${key}`);
        (components[kind] ??= {})[name] = value;
        follow(value);
    };
    follow(paths);
    for (const name of schemas) keep(["schemas", name]);
    // Security schemes are named by `security`, not referenced: a few lines, kept whole.
    if (spec.components?.securitySchemes) components.securitySchemes = spec.components.securitySchemes;

    // The document's own fields (openapi, info with its license, servers, security); tags and the like describe
    // the operations left out.
    const { openapi, info, servers, security } = spec as Record<string, unknown>;
    const out: Spec = { openapi, info, servers, security, paths, components } as Spec;
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    // Every reference kept resolves inside the subset.
    const check = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(check);
        if (!node || typeof node !== "object") return;
        for (const [k, v] of Object.entries(node)) {
            if (k === "$ref" && typeof v === "string" && resolvePointer(out, v) === undefined) throw new Error(`the subset lost ${v}`);
            else check(v);
        }
    };
    check(out);
    return out;
}
