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
import { createOnce, outcomeUnknown } from "./createOnce";
import { withContext } from "./resourceArgs";
import { engineFailures } from "./checkFailures";
import { previewFailures } from "./verifyAccess";
import { AdoptionCache, IMPORT_GONE_HINT, importStillDeclared, withTakenHint, NOT_OURS } from "./adoptionCache";
import { idSegment } from "./okta/pathSafety";
import { withoutStackEcho } from "./messageOnly";

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
    /**
     * A top-level key of `data` whose value is unique in the collection (`name`, say). When a create's answer is
     * lost, the object is looked up by it (GET `path`, every page) and adopted, instead of created twice.
     */
    uniqueKey?: string;
    /** The id of an existing object to adopt on the first `up` (the SDK sets it from the `import` option). */
    importId?: string;
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
    if (x.uniqueKey !== undefined && !isUnknown(x.uniqueKey)) {
        if (typeof x.uniqueKey !== "string" || x.uniqueKey === "") f.push({ property: "uniqueKey", reason: "must be a non-empty string: a top-level key of data" });
        else if (isObject(x.data) && !(x.uniqueKey in x.data)) f.push({ property: "uniqueKey", reason: `must name a key of data (data has no "${x.uniqueKey}")` });
    }
    if (x.importId !== undefined && (typeof x.importId !== "string" || x.importId === "")) f.push({ property: "importId", reason: "must be the id of the object to adopt" });
    return f;
}

/**
 * The server's view of just the declared fields, deeply (objects, and lists item by item): drift shows,
 * additions do not. A list whose length changed is drift as a whole. With `keepUnreported`, a declared field
 * the answer leaves out (a write-only password, a secret) keeps its declared value: refresh cannot see it, so
 * it is no drift, and not an update on every `up`.
 */
export function projectOnto(server: unknown, declared: unknown, keepUnreported = false): unknown {
    if (isObject(declared) && isObject(server)) {
        const out: Props = {};
        for (const k of Object.keys(declared)) {
            if (k in server) out[k] = projectOnto(server[k], declared[k], keepUnreported);
            else if (keepUnreported) out[k] = declared[k];
        }
        return out;
    }
    if (Array.isArray(declared) && Array.isArray(server) && declared.length === server.length) {
        return server.map((item, i) => projectOnto(item, declared[i], keepUnreported));
    }
    return server;
}

function itemPath(inputs: Props, id: string): string {
    return `${String(inputs.path).replace(/\/+$/, "")}/${idSegment(id)}`;
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
        throw new Error(
            `${what} was created at ${stored}, but its provider is now configured for ${now}. Refusing to act on another org, which would leave it behind at ${stored}: ` +
                "restore the settings (stack config, or the explicit provider's inputs); to move it, delete it with the old settings first, or leave it there deliberately with `pulumi state delete`.",
        );
    }
}

/** The user's settings with their defaults: check's inputs, and what every output echoes. */
function settings(x: Props): Props {
    const out: Props = {
        api: x.api ?? "management",
        path: x.path,
        data: x.data,
        idAttribute: x.idAttribute ?? "id",
        updateMethod: x.updateMethod ?? "PUT",
        replaceOnChanges: x.replaceOnChanges ?? [],
    };
    if (x.uniqueKey !== undefined) out.uniqueKey = x.uniqueKey;
    if (x.importId !== undefined) out.importId = x.importId;
    return out;
}

function outputs(inputs: Props, id: string, object: unknown): Props {
    return { ...settings(inputs), object: isObject(object) ? object : {}, objectId: id, baseUrl: baseOf(inputs.api) };
}

function idOf(body: unknown, idAttr: string): string | undefined {
    const id = isObject(body) ? body[idAttr] : undefined;
    return typeof id === "string" || typeof id === "number" ? String(id) : undefined;
}

/** After a create whose answer was lost: the object in the collection whose unique key has our value. */
async function findByUniqueKey(c: OktaClient, inputs: Props): Promise<Props | undefined> {
    const key = String(inputs.uniqueKey);
    const want = (inputs.data as Props)[key];
    const items = await c.listAll<unknown>(String(inputs.path));
    return items.find((o): o is Props => isObject(o) && deepEqual(o[key], want));
}

/** Adopts an existing object: one GET; declared fields that differ are then sent as an update. */
/** Only its adopted-in-this-run guard is used: ApiObject's check makes no GET, so there is nothing to keep. */
const adoptions = new AdoptionCache<never>();
const adoptionKey = (props: Props, id: string) => `${String(props.api ?? "management")} ${itemPath(props, id)}`;

async function adopt(inputs: Props, importId: string): Promise<dynamic.CreateResult> {
    const c = client(inputs.api);
    const res = await c.get(itemPath(inputs, importId), { expect: [404] });
    if (res.status === 404) throw new Error(`cannot import ${String(inputs.path)}/${importId}: it does not exist at ${baseOf(inputs.api)}; ${IMPORT_GONE_HINT}`);
    adoptions.noteAdopted(adoptionKey(inputs, importId));
    let object: unknown = res.body;
    if (!deepEqual(projectOnto(object, inputs.data), inputs.data)) object = await sendUpdate(c, inputs, importId, object);
    return { id: importId, outs: outputs(inputs, importId, object) };
}

async function sendUpdate(c: OktaClient, news: Props, id: string, previous: unknown): Promise<unknown> {
    const method = news.updateMethod === "PATCH" ? "PATCH" : "PUT";
    const res = await c.request(method, itemPath(news, id), { body: news.data, idempotency: method === "PUT" ? "idempotent" : "create" });
    // PUT often answers 204: the object is then what we had, with the declared fields applied (no read after write).
    return isObject(res.body) ? res.body : { ...(isObject(previous) ? previous : {}), ...(news.data as Props) };
}

export const apiObjectProvider: dynamic.ResourceProvider & { configure: typeof configure } = withoutStackEcho({
    configure,

    async check(_olds: Props, news: Props): Promise<dynamic.CheckResult> {
        const failures = validateApiObject(news);
        if (failures.length) return { failures: engineFailures(failures, news) };
        const unreachable = await previewFailures(news, news.api === "privileged-access" ? "privileged-access" : "management");
        if (unreachable.length) return { failures: unreachable };
        return { inputs: settings(news) };
    },

    async diff(id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
        assertSameBase(olds, `object ${String(olds.path)}/${String(olds.objectId)}`);
        const replaces: string[] = IDENTITY_KEYS.filter((k) => !deepEqual(olds[k] ?? (k === "api" ? "management" : k === "idAttribute" ? "id" : undefined), news[k]));
        const oldData = isObject(olds.data) ? olds.data : {};
        const newData = isObject(news.data) ? news.data : {};
        const keys = new Set([...Object.keys(oldData), ...Object.keys(newData)]);
        const changedKeys = [...keys].filter((k) => !deepEqual(oldData[k], newData[k]));
        const forced = Array.isArray(news.replaceOnChanges) ? (news.replaceOnChanges as string[]) : [];
        // Data not known until apply can only replace when a key of it is declared to.
        if ((isUnknown(news.data) && forced.length > 0) || changedKeys.some((k) => forced.includes(k))) replaces.push("data");
        const refused = importStillDeclared(`object ${String(olds.path)}/${id}`, id, news, replaces);
        if (refused) throw refused;
        // Settings that only steer the provider (updateMethod, replaceOnChanges, uniqueKey) change in place, with no call.
        const settingsChanged =
            !deepEqual(olds.updateMethod ?? "PUT", news.updateMethod) || !deepEqual(olds.replaceOnChanges ?? [], news.replaceOnChanges) || !deepEqual(olds.uniqueKey, news.uniqueKey);
        // A replacement that keeps the unique value must delete first, or the collection refuses the new one.
        const key = typeof news.uniqueKey === "string" ? news.uniqueKey : undefined;
        const deleteBeforeReplace = replaces.length > 0 && key !== undefined && (isUnknown(newData[key]) || isUnknown(news.data) || deepEqual(oldData[key], newData[key]));
        return { changes: replaces.length > 0 || changedKeys.length > 0 || settingsChanged || isUnknown(news.data), replaces, deleteBeforeReplace };
    },

    async create(inputs: Props): Promise<dynamic.CreateResult> {
        const idAttr = String(inputs.idAttribute ?? "id");
        try {
            if (typeof inputs.importId === "string") return await adopt(inputs, inputs.importId);
            const c = client(inputs.api);
            const post = async () => {
                const res = await c.request("POST", String(inputs.path), { body: inputs.data, idempotency: "create" });
                if (idOf(res.body, idAttr) === undefined) {
                    throw new Error(`the answer (${res.status}) has no "${idAttr}" to identify the object by; set idAttribute | X-Okta-Request-Id: ${res.requestId ?? "(none)"}`);
                }
                idSegment(idOf(res.body, idAttr)!, `the answer's ${idAttr}`); // "." or ".." would address the collection's parent

                return res.body;
            };
            if (typeof inputs.uniqueKey !== "string") {
                try {
                    const body = await post();
                    const id = idOf(body, idAttr)!; // post() refused an answer without one
                    return { id, outs: outputs(inputs, id, body) };
                } catch (e) {
                    // Without a unique key nothing can tell whether the object was made, so it is not sent again.
                    if (outcomeUnknown(e)) {
                        throw withContext(e, "the answer was lost and the object may exist now", `set uniqueKey (a key of data unique in ${String(inputs.path)}) so a lost create is found and adopted, or check the collection before running again`);
                    }
                    throw e;
                }
            }
            const { value: body, recovered, taken } = await createOnce(post, () => findByUniqueKey(c, inputs));
            const id = idOf(body, idAttr);
            if (id === undefined) throw new Error(`the object found by ${String(inputs.uniqueKey)} has no "${idAttr}"`);
            idSegment(id, `the found object's ${idAttr}`);
            const key = adoptionKey(inputs, id);
            if (taken) {
                // Taken: ours from a slow create of this very call only if it holds exactly what we declare.
                const why = !taken.afterUnknownOutcome
                    ? NOT_OURS
                    : !deepEqual(projectOnto(body, inputs.data), inputs.data)
                      ? "its declared fields differ from what the server holds"
                      : adoptions.createdInThisRun(key)
                        ? "another resource of this stack created it in this run"
                        : undefined;
                if (why) throw withTakenHint(taken.error, id, why);
                adoptions.noteAdopted(key);
            } else if (recovered && !deepEqual(projectOnto(body, inputs.data), inputs.data)) {
                throw new Error(
                    `the create's answer was lost and ${String(inputs.path)} now holds an object with ${String(inputs.uniqueKey)} ${JSON.stringify((inputs.data as Props)[String(inputs.uniqueKey)])} ` +
                        `(id ${id}) that differs from the declaration. Adopt it with { import: "${id}" } or delete it, then run again`,
                );
            }
            if (!taken) adoptions.noteCreated(key);
            return { id, outs: outputs(inputs, id, body) };
        } catch (e) {
            throw withContext(e, typeof inputs.importId === "string" ? `importing ${String(inputs.path)}/${inputs.importId}` : `creating an object at ${String(inputs.path)}`);
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
        const data = projectOnto(res.body, p.data, true);
        const inputs = settings({ ...p, data });
        return { id, props: { ...outputs(p, id, res.body), data }, inputs };
    },

    async update(id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
        assertSameBase(olds, `object ${String(olds.path)}/${id}`);
        try {
            // Only the provider's own settings changed: nothing to send.
            if (deepEqual(olds.data, news.data)) return { outs: outputs(news, id, olds.object) };
            return { outs: outputs(news, id, await sendUpdate(client(news.api), news, id, olds.object)) };
        } catch (e) {
            throw withContext(e, `updating ${String(news.path)}/${id}`);
        }
    },

    async delete(id: string, props: Props): Promise<void> {
        assertSameBase(props, `object ${String(props.path)}/${id}`);
        if (adoptions.adoptedInThisRun(adoptionKey(props, id))) return;
        try {
            await client(props.api).request("DELETE", itemPath(props, id), { expect: [404], idempotency: "idempotent" });
        } catch (e) {
            throw withContext(e, `deleting ${String(props.path)}/${id}`);
        }
    },
});
