// The request-type resource: check / diff / create / read / update / delete against Access Requests V1.
// Okta has no update for request types: `status` flips in place (publish / un-publish), all else replaces.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { OktaApiError, OktaResponseError } from "./okta/errors";
import { createOnce } from "./createOnce";
import { AdoptionCache, IMPORT_GONE_HINT, importStillDeclared, withTakenHint, NOT_OURS } from "./adoptionCache";
import { assertSameOrg, currentOrg, OrgContext } from "./okta/context";
import { OktaClient } from "./okta/client";
import { REQUEST_TYPES_PATH, RequestTypeObject, RequestTypeSparse } from "./schema/requestType";
import { validateRequestType } from "./schema/requestTypeRules";
import { containsUnknown, createPayload, customSettingsOf, describeMismatch, canonicalRequestType, diffRequestType, minimalHeldRequestType, minimalRequestType } from "./requestTypeDiff";
import { isObject } from "./schema/validate";
import { configure } from "./configure";
import { userArgs, withContext } from "./resourceArgs";
import { engineFailures } from "./checkFailures";
import { previewFailures } from "./verifyAccess";
import { idSegment } from "./okta/pathSafety";
import { withoutStackEcho } from "./messageOnly";

/** Outputs only: what Okta adds, and the org the object lives in. */
const OUTPUT_ONLY = ["created", "createdBy", "lastUpdated", "lastUpdatedBy", "lastUpdateSource", "orgUrl"] as const;

type Props = Record<string, unknown>;

const REPAIR_HINT =
    "the request type is DISABLED: Okta disables a type when its settings become invalid (an approver left the org, a group or app was removed). " +
    "Repair it in the Access Requests admin UI, or make Pulumi replace it: give the resource the option `deleteBeforeReplace: true` " +
    "(names are unique, and a targeted replace does not ask the provider whether to delete first), remove any `import` option, and run `pulumi up --replace <urn>`";

const UNKNOWN_RESOURCE_HINT =
    "if a group or app id is right, note that Okta can take up to 24 hours before Access Requests can reference a newly created group or app " +
    "(an admin can force it with Settings > Configuration > Sync Now in Okta Access Requests)";

const declared = (news: Props) => userArgs(news, OUTPUT_ONLY);

/** What state keeps: Okta's object (server-made ids and defaults included) without links, plus the org. */
export function toOutputs(o: RequestTypeObject, orgUrl: string, importId?: unknown): Props {
    const { id: _id, _links: _l, ...rest } = o;
    const out: Props = { ...rest, orgUrl };
    if (out.description === undefined) delete out.description;
    if (typeof importId === "string") out.importId = importId;
    return out;
}

function wrap(e: unknown, what: string): Error {
    if (e instanceof OktaApiError) {
        if (e.errorCode === "E0000195") return withContext(e, `${what}: ${REPAIR_HINT}`);
        if (e.status === 400 && /resourceId/i.test(e.message)) return withContext(e, what, UNKNOWN_RESOURCE_HINT);
    }
    return withContext(e, what);
}

async function getRequestType(client: OktaClient, id: string): Promise<RequestTypeObject | undefined> {
    const res = await client.get<RequestTypeObject>(`${REQUEST_TYPES_PATH}/${idSegment(id)}`, { expect: [404] });
    if (res.status === 404) return undefined;
    assertRequestType(res.body, "GET", res.requestId);
    return res.body;
}

function assertRequestType(body: unknown, op: string, requestId?: string): asserts body is RequestTypeObject {
    if (!isObject(body) || typeof body.id !== "string" || typeof body.name !== "string" || typeof body.status !== "string") {
        throw new OktaResponseError(op, "request type", "the body is not a request type (no id, name or status)", requestId);
    }
}

/**
 * After a create whose answer was lost, Okta may hold the object already. Names are unique, so look it up by
 * name and adopt it only if it is what we asked for; otherwise say so rather than create a second one.
 */
async function findByName(client: OktaClient, name: string): Promise<RequestTypeObject | undefined> {
    const items = await client.listAll<RequestTypeSparse>(REQUEST_TYPES_PATH, { limit: 200 });
    const hit = items.find((t) => t.name === name);
    return hit ? getRequestType(client, hit.id) : undefined;
}

async function setStatus(client: OktaClient, id: string, status: string): Promise<RequestTypeObject> {
    const action = status === "ACTIVE" ? "publish" : "un-publish";
    try {
        const res = await client.request<RequestTypeObject>("POST", `${REQUEST_TYPES_PATH}/${idSegment(id)}/${action}`, { idempotency: "idempotent" });
        assertRequestType(res.body, action, res.requestId);
        return res.body;
    } catch (e) {
        // Whether Okta refuses to publish an already ACTIVE type (or un-publish a DRAFT one) is not documented.
        // If it refuses, one GET tells whether the type already is what we asked for (drift we had not refreshed).
        if (!(e instanceof OktaApiError) || e.status < 400 || e.status >= 500 || e.status === 404 || e.errorCode === "E0000195") throw e;
        const now = await getRequestType(client, id);
        if (now?.status === status) return now;
        throw e;
    }
}

export const requestTypeProvider: dynamic.ResourceProvider & { configure: typeof configure } = withoutStackEcho({
    configure,

    async check(olds: Props, news: Props): Promise<dynamic.CheckResult> {
        const args = declared(news);
        const failures = validateRequestType(args);
        if (failures.length) return { failures: engineFailures(failures, news) };
        const unreachable = await previewFailures(news, "management");
        if (unreachable.length) return { failures: unreachable };
        const inputs: Props = minimalRequestType(args);
        if (news.importId !== undefined) inputs.importId = news.importId;
        if (typeof news.importId === "string" && !olds.orgUrl && Object.keys(olds).length === 0 && !containsUnknown(inputs)) {
            // Adopting: say now, in preview, whether the declaration matches what Okta holds.
            const ctx = currentOrg();
            const existing = await getRequestType(ctx.client, news.importId);
            if (!existing) return { failures: engineFailures([{ property: "importId", reason: `no request type with id ${news.importId} exists in ${ctx.orgUrl}; ${IMPORT_GONE_HINT}` }], news) };
            const problems = adoptionProblems(existing, inputs);
            // Said in preview, not first at `up`: a DISABLED type can be neither published nor unpublished.
            if (existing.status === "DISABLED") problems.push(`request type ${existing.id} cannot be adopted as it is: ${REPAIR_HINT}`);
            if (problems.length) return { failures: engineFailures(problems.map((reason) => ({ property: "importId", reason })), news) };
            fetchedForAdoption.keep(news.importId, existing);
        }
        return { inputs };
    },

    async diff(id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
        assertSameOrg(olds.orgUrl, currentOrg(), `request type ${String(olds.name)}`);
        const d = diffRequestType(olds, news);
        const refused = importStillDeclared(`request type "${String(olds.name)}"`, id, news, d.replaces);
        if (refused) throw refused;
        return { changes: d.changed.length > 0, replaces: d.replaces, deleteBeforeReplace: d.deleteBeforeReplace };
    },

    async create(inputs: Props): Promise<dynamic.CreateResult> {
        const ctx = currentOrg();
        const what = `creating request type "${String(inputs.name)}"`;
        try {
            if (typeof inputs.importId === "string") return await adopt(ctx, inputs.importId, inputs);
            const payload = createPayload(canonicalRequestType(declared(inputs)));
            const { value: created, recovered, taken } = await createOnce(
                async () => {
                    const res = await ctx.client.request<RequestTypeObject>("POST", REQUEST_TYPES_PATH, { body: payload, idempotency: "create" });
                    assertRequestType(res.body, "create", res.requestId);
                    return res.body;
                },
                () => findByName(ctx.client, payload.name),
            );
            if (taken) {
                // The name was taken: ours from a slow create of this very call only if it is exactly what we declare.
                const problems = adoptionProblems(created, inputs);
                if (created.status !== (payload.status ?? "DRAFT")) problems.push(`status: Okta has ${created.status}, the program declares ${payload.status ?? "DRAFT"}`);
                if (fetchedForAdoption.createdInThisRun(created.id)) problems.push("another resource of this stack created it in this run");
                if (!taken.afterUnknownOutcome) problems.unshift(NOT_OURS);
                if (problems.length) throw withTakenHint(taken.error, created.id, problems.join("; "));
                fetchedForAdoption.noteAdopted(created.id);
            } else if (recovered) {
                const problems = adoptionProblems(created, inputs);
                if (problems.length || created.status !== (payload.status ?? "DRAFT")) {
                    throw new Error(
                        `the create's answer was lost and Okta now holds a request type named "${payload.name}" (id ${created.id}) that differs from the declaration ` +
                            `(${[...problems, `status: ${created.status}`].join("; ")}). Adopt it with { import: "${created.id}" } or delete it, then run again`,
                    );
                }
            }
            if (!taken) fetchedForAdoption.noteCreated(created.id);
            return { id: created.id, outs: toOutputs(created, ctx.orgUrl) };
        } catch (e) {
            throw wrap(e, what);
        }
    },

    async read(id: string, props?: Props): Promise<dynamic.ReadResult> {
        const ctx = currentOrg();
        assertSameOrg(props?.orgUrl, ctx, `request type ${id}`);
        let o: RequestTypeObject | undefined;
        try {
            o = await getRequestType(ctx.client, id);
        } catch (e) {
            throw wrap(e, `reading request type ${id}`);
        }
        if (!o) return {}; // deleted outside Pulumi: refresh drops it, the next up creates it again
        const inputs: Props = minimalHeldRequestType(o as unknown as Props);
        if (typeof props?.importId === "string") inputs.importId = props.importId;
        return { id: o.id, props: toOutputs(o, ctx.orgUrl, props?.importId), inputs };
    },

    async update(id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
        const ctx = currentOrg();
        assertSameOrg(olds.orgUrl, ctx, `request type ${String(olds.name)}`);
        try {
            const o = await setStatus(ctx.client, id, String(news.status ?? "DRAFT"));
            return { outs: toOutputs(o, ctx.orgUrl, news.importId) };
        } catch (e) {
            throw wrap(e, `${news.status === "ACTIVE" ? "publishing" : "unpublishing"} request type "${String(olds.name)}"`);
        }
    },

    async delete(id: string, props: Props): Promise<void> {
        const ctx = currentOrg();
        assertSameOrg(props.orgUrl, ctx, `request type ${String(props.name)}`);
        if (fetchedForAdoption.adoptedInThisRun(id)) return;
        try {
            await ctx.client.request("DELETE", `${REQUEST_TYPES_PATH}/${idSegment(id)}`, { expect: [404], idempotency: "idempotent" });
        } catch (e) {
            throw wrap(e, `deleting request type "${String(props.name)}"`);
        }
    },
});

/** Why an existing object cannot be adopted under this declaration (empty when it can). */
export function adoptionProblems(existing: RequestTypeObject, declared: Props): string[] {
    const custom = customSettingsOf(existing);
    if (custom.length) {
        return [
            `request type ${existing.id} ("${existing.name}") has ${custom.join(", ")} of type CUSTOM, made in the admin UI; the API cannot express or recreate it, so it cannot be managed here`,
        ];
    }
    return describeMismatch(existing, declared);
}

const fetchedForAdoption = new AdoptionCache<RequestTypeObject>();

async function adopt(ctx: OrgContext, importId: string, inputs: Props): Promise<dynamic.CreateResult> {
    let o = fetchedForAdoption.take(importId) ?? (await getRequestType(ctx.client, importId));
    if (!o) throw new Error(`cannot import request type ${importId}: it does not exist in ${ctx.orgUrl}; ${IMPORT_GONE_HINT}`);
    const problems = adoptionProblems(o, inputs);
    if (problems.length) throw new Error(`cannot import request type ${importId}: the declaration differs from what Okta holds:\n  ${problems.join("\n  ")}`);
    const want = String(inputs.status ?? "DRAFT");
    if (o.status === "DISABLED") throw new Error(`cannot import request type ${importId}: ${REPAIR_HINT}`);
    fetchedForAdoption.noteAdopted(o.id);
    if (o.status !== want) o = await setStatus(ctx.client, o.id, want);
    return { id: o.id, outs: toOutputs(o, ctx.orgUrl, importId) };
}
