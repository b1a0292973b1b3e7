// A managed object at any Okta endpoint that has no resource of its own (a Privileged Access sudo command
// bundle, say): POST to create, GET / PUT (or PATCH) / DELETE at `path/{id}`. Diffs compare only what the
// user declared, so fields the server adds never cause changes.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { ApiName, clientForApi, validateRelativeUrl } from "./apiCall";
import { OktaClient } from "./okta/client";
import { currentOrg, currentPam } from "./okta/context";
import { deepEqual } from "./requestTypeDiff";
import { Failure, isObject, isUnknown } from "./schema/validate";
import { configure } from "./configure";
import { withContext } from "./resourceArgs";

type Props = Record<string, unknown>;

export interface ApiObjectInputs {
    api?: ApiName;
    /** The collection path, like `/sudo_command_bundles` or `/api/v1/groups`. */
    path: string;
    /** The object's fields as the API takes them. */
    data: Record<string, unknown>;
    /** Where the id is in the create answer (default `id`). */
    idAttribute?: string;
    /** PUT (default) or PATCH for updates. */
    updateMethod?: "PUT" | "PATCH";
    /** Top-level keys of `data` whose change replaces the object instead of updating it. */
    replaceOnChanges?: string[];
}

const IDENTITY_KEYS = ["api", "path", "idAttribute"] as const;

export function validateApiObject(x: Props): Failure[] {
    const f: Failure[] = [];
    if (x.api !== undefined && x.api !== "management" && x.api !== "privileged-access" && !isUnknown(x.api)) {
        f.push({ property: "api", reason: `must be "management" or "privileged-access" (got ${JSON.stringify(x.api)})` });
    }
    if (!isUnknown(x.path)) f.push(...validateRelativeUrl(x.path, "path"));
    if (typeof x.path === "string" && x.path.includes("?")) f.push({ property: "path", reason: "must be a collection path without a query string" });
    if (!isObject(x.data) && !isUnknown(x.data)) f.push({ property: "data", reason: "is required: an object with the fields to send" });
    if (x.idAttribute !== undefined && (typeof x.idAttribute !== "string" || x.idAttribute === "")) f.push({ property: "idAttribute", reason: "must be a non-empty string" });
    if (x.updateMethod !== undefined && x.updateMethod !== "PUT" && x.updateMethod !== "PATCH") f.push({ property: "updateMethod", reason: `must be PUT or PATCH (got ${JSON.stringify(x.updateMethod)})` });
    if (x.replaceOnChanges !== undefined && (!Array.isArray(x.replaceOnChanges) || x.replaceOnChanges.some((k) => typeof k !== "string"))) {
        f.push({ property: "replaceOnChanges", reason: "must be a list of top-level keys of data" });
    }
    return f;
}

/**
 * The server's view of just the declared fields, deeply (objects, and lists item by item): drift shows,
 * additions do not. A list whose length changed is drift as a whole.
 */
export function projectOnto(server: unknown, declared: unknown): unknown {
    if (isObject(declared) && isObject(server)) {
        const out: Props = {};
        for (const k of Object.keys(declared)) if (k in server) out[k] = projectOnto(server[k], declared[k]);
        return out;
    }
    if (Array.isArray(declared) && Array.isArray(server) && declared.length === server.length) {
        return server.map((item, i) => projectOnto(item, declared[i]));
    }
    return server;
}

function itemPath(inputs: Props, id: string): string {
    return `${String(inputs.path).replace(/\/+$/, "")}/${encodeURIComponent(id)}`;
}

function baseOf(api: unknown): string {
    return api === "privileged-access" ? currentPam().baseUrl : currentOrg().orgUrl;
}

function client(api: unknown): OktaClient {
    return clientForApi(api as ApiName | undefined).client;
}

function assertSameBase(props: Props | undefined, what: string): void {
    const stored = props?.baseUrl;
    const now = baseOf(props?.api);
    if (typeof stored === "string" && stored !== now) {
        throw new Error(`${what} was created at ${stored}, but the stack is now configured for ${now}. Refusing to act on another org.`);
    }
}

function outputs(inputs: Props, id: string, object: unknown): Props {
    return {
        api: inputs.api ?? "management",
        path: inputs.path,
        data: inputs.data,
        idAttribute: inputs.idAttribute ?? "id",
        updateMethod: inputs.updateMethod ?? "PUT",
        replaceOnChanges: inputs.replaceOnChanges ?? [],
        object: isObject(object) ? object : {},
        objectId: id,
        baseUrl: baseOf(inputs.api),
    };
}

export const apiObjectProvider: dynamic.ResourceProvider & { configure: typeof configure } = {
    configure,

    async check(_olds: Props, news: Props): Promise<dynamic.CheckResult> {
        const failures = validateApiObject(news);
        if (failures.length) return { failures };
        const inputs: Props = {
            api: news.api ?? "management",
            path: news.path,
            data: news.data,
            idAttribute: news.idAttribute ?? "id",
            updateMethod: news.updateMethod ?? "PUT",
            replaceOnChanges: news.replaceOnChanges ?? [],
        };
        return { inputs };
    },

    async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
        assertSameBase(olds, `object ${String(olds.path)}/${String(olds.objectId)}`);
        const replaces: string[] = IDENTITY_KEYS.filter((k) => !deepEqual(olds[k] ?? (k === "api" ? "management" : k === "idAttribute" ? "id" : undefined), news[k]));
        const oldData = isObject(olds.data) ? olds.data : {};
        const newData = isObject(news.data) ? news.data : {};
        const keys = new Set([...Object.keys(oldData), ...Object.keys(newData)]);
        const changedKeys = [...keys].filter((k) => !deepEqual(oldData[k], newData[k]));
        const forced = Array.isArray(news.replaceOnChanges) ? (news.replaceOnChanges as string[]) : [];
        if (isUnknown(news.data) || changedKeys.some((k) => forced.includes(k))) replaces.push("data");
        const changes = replaces.length > 0 || changedKeys.length > 0 || !deepEqual(olds.updateMethod ?? "PUT", news.updateMethod) || !deepEqual(olds.replaceOnChanges ?? [], news.replaceOnChanges);
        return { changes, replaces };
    },

    async create(inputs: Props): Promise<dynamic.CreateResult> {
        try {
            const res = await client(inputs.api).request("POST", String(inputs.path), { body: inputs.data, idempotency: "create" });
            const idAttr = String(inputs.idAttribute ?? "id");
            const id = isObject(res.body) ? res.body[idAttr] : undefined;
            if (typeof id !== "string" && typeof id !== "number") {
                throw new Error(`the answer (${res.status}) has no "${idAttr}" to identify the object by; set idAttribute | X-Okta-Request-Id: ${res.requestId ?? "(none)"}`);
            }
            return { id: String(id), outs: outputs(inputs, String(id), res.body) };
        } catch (e) {
            throw withContext(e, `creating an object at ${String(inputs.path)}`);
        }
    },

    async read(id: string, props?: Props): Promise<dynamic.ReadResult> {
        const p = props ?? {};
        assertSameBase(p, `object ${String(p.path)}/${id}`);
        const res = await client(p.api)
            .get(itemPath(p, id), { expect: [404] })
            .catch((e) => {
                throw withContext(e, `reading ${String(p.path)}/${id}`);
            });
        if (res.status === 404) return {};
        const data = projectOnto(res.body, p.data);
        const inputs: Props = { api: p.api, path: p.path, data, idAttribute: p.idAttribute, updateMethod: p.updateMethod, replaceOnChanges: p.replaceOnChanges };
        return { id, props: { ...outputs(p, id, res.body), data }, inputs };
    },

    async update(id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
        assertSameBase(olds, `object ${String(olds.path)}/${id}`);
        const method = news.updateMethod === "PATCH" ? "PATCH" : "PUT";
        try {
            const res = await client(news.api).request(method, itemPath(news, id), { body: news.data, idempotency: method === "PUT" ? "idempotent" : "create" });
            // PUT often answers 204: the object is then what we had, with the declared fields applied (no read after write).
            const object = isObject(res.body) ? res.body : { ...(isObject(olds.object) ? olds.object : {}), ...(news.data as Props) };
            return { outs: outputs(news, id, object) };
        } catch (e) {
            throw withContext(e, `updating ${String(news.path)}/${id}`);
        }
    },

    async delete(id: string, props: Props): Promise<void> {
        assertSameBase(props, `object ${String(props.path)}/${id}`);
        try {
            await client(props.api).request("DELETE", itemPath(props, id), { expect: [404], idempotency: "idempotent" });
        } catch (e) {
            throw withContext(e, `deleting ${String(props.path)}/${id}`);
        }
    },
};
