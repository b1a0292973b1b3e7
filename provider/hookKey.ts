// The hook-key resource (Management API). Only the name can change, in place (PUT); the key pair is Okta's.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { OktaApiError, OktaResponseError } from "./okta/errors";
import { createOnce } from "./createOnce";
import { AdoptionCache, IMPORT_GONE_HINT, withTakenHint, NOT_OURS } from "./adoptionCache";
import { assertSameOrg, currentOrg } from "./okta/context";
import { OktaClient } from "./okta/client";
import { jwkToPem } from "./okta/jwk";
import { extractJwk, HOOK_KEY_LIMITS, HOOK_KEYS_PATH, HookKeyJwk, HookKeyObject, parseIsUsed, validateHookKey } from "./schema/hookKey";
import { isObject, isUnknown } from "./schema/validate";
import { configure } from "./configure";
import { userArgs, withContext } from "./resourceArgs";
import { engineFailures } from "./checkFailures";
import { previewFailures } from "./verifyAccess";
import { idSegment } from "./okta/pathSafety";
import { withoutStackEcho } from "./messageOnly";

type Props = Record<string, unknown>;

const OUTPUT_ONLY = ["keyId", "isUsed", "created", "lastUpdated", "publicKey", "publicKeyPem", "orgUrl"] as const;

const path = (id: string) => `${HOOK_KEYS_PATH}/${idSegment(id)}`;

function assertHookKey(body: unknown, op: string, requestId?: string): asserts body is HookKeyObject {
    if (!isObject(body) || typeof body.id !== "string" || typeof body.keyId !== "string" || typeof body.name !== "string") {
        throw new OktaResponseError(op, "hook key", "the body is not a hook key (no id, keyId or name)", requestId);
    }
}

/** State: the key as Okta holds it, `isUsed` as a real boolean, and the public key as JWK and PEM. */
export function hookKeyOutputs(o: HookKeyObject, jwk: HookKeyJwk | undefined, orgUrl: string, importId?: unknown): Props {
    const out: Props = {
        name: o.name,
        keyId: o.keyId,
        isUsed: parseIsUsed(o.isUsed),
        created: o.created ?? null,
        lastUpdated: o.lastUpdated ?? null,
        publicKey: jwk ?? null,
        publicKeyPem: jwk ? jwkToPem(jwk) : null,
        orgUrl,
    };
    if (typeof importId === "string") out.importId = importId;
    return out;
}

async function getKey(client: OktaClient, id: string): Promise<HookKeyObject | undefined> {
    const res = await client.get<HookKeyObject>(path(id), { query: { expand: "publickey" }, expect: [404] });
    if (res.status === 404) return undefined;
    assertHookKey(res.body, "GET", res.requestId);
    return res.body;
}

/** The public key from an answer, or (if Okta left `_embedded` out) from the public-key endpoint. */
async function jwkOf(client: OktaClient, o: HookKeyObject): Promise<HookKeyJwk | undefined> {
    const jwk = extractJwk(o);
    if (jwk) return jwk;
    const res = await client.get(`${HOOK_KEYS_PATH}/public/${idSegment(o.keyId)}`, { expect: [404] });
    return res.status === 404 ? undefined : extractJwk(res.body);
}

function createHint(e: unknown, name: string): string | undefined {
    if (!(e instanceof OktaApiError) || e.status !== 400) return undefined;
    // Okta's text may quote the name, which must not decide the hint (a key named "signing-50" is no limit).
    const text = `${e.errorSummary ?? ""} ${e.errorCauses.map((c) => c.errorSummary).join(" ")}`.split(name).join(" ");
    if (/limit|maximum|50/i.test(text)) return `the org has reached Okta's limit of ${HOOK_KEY_LIMITS.perOrg} hook keys: delete unused ones first`;
    if (/name|exist|unique|duplicate/i.test(text)) return `a hook key named "${name}" already exists in the org (names are unique): pick another name or adopt it with { import: "<id>" }`;
    return undefined;
}

const fetchedForAdoption = new AdoptionCache<HookKeyObject>();

export const hookKeyProvider: dynamic.ResourceProvider & { configure: typeof configure } = withoutStackEcho({
    configure,

    async check(olds: Props, news: Props): Promise<dynamic.CheckResult> {
        const args = userArgs(news, OUTPUT_ONLY);
        const failures = validateHookKey(args);
        if (failures.length) return { failures: engineFailures(failures, news) };
        const unreachable = await previewFailures(news, "management");
        if (unreachable.length) return { failures: unreachable };
        const inputs: Props = { name: args.name };
        if (news.importId !== undefined) inputs.importId = news.importId;
        if (typeof news.importId === "string" && Object.keys(olds).length === 0 && !isUnknown(args.name)) {
            const ctx = currentOrg();
            const existing = await getKey(ctx.client, news.importId);
            if (!existing) return { failures: engineFailures([{ property: "importId", reason: `no hook key with id ${news.importId} exists in ${ctx.orgUrl}; ${IMPORT_GONE_HINT}` }], news) };
            // A different name would be renamed in place after adoption, so it is not a mismatch.
            fetchedForAdoption.keep(news.importId, existing);
        }
        return { inputs };
    },

    async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
        assertSameOrg(olds.orgUrl, currentOrg(), `hook key ${String(olds.name)}`);
        const changed = isUnknown(news.name) || olds.name !== news.name;
        return { changes: changed, replaces: [] };
    },

    async create(inputs: Props): Promise<dynamic.CreateResult> {
        const ctx = currentOrg();
        const name = String(inputs.name);
        try {
            if (typeof inputs.importId === "string") {
                let o = fetchedForAdoption.take(inputs.importId) ?? (await getKey(ctx.client, inputs.importId));
                if (!o) throw new Error(`it does not exist in ${ctx.orgUrl}; ${IMPORT_GONE_HINT}`);
                fetchedForAdoption.noteAdopted(o.id);
                // Rename first: Okta's PUT answer carries the key in `_embedded`, which saves the public-key call.
                if (o.name !== name) o = await rename(ctx.client, o.id, name);
                const jwk = await jwkOf(ctx.client, o);
                return { id: o.id, outs: hookKeyOutputs(o, jwk, ctx.orgUrl, inputs.importId) };
            }
            const { value: o, taken } = await createOnce(
                async () => {
                    const res = await ctx.client.request<HookKeyObject>("POST", HOOK_KEYS_PATH, { body: { name }, idempotency: "create" });
                    assertHookKey(res.body, "create", res.requestId);
                    return res.body;
                },
                // Names are unique: a key with our name that appeared is the one our lost create made.
                async () => {
                    const hit = (await ctx.client.listAll<HookKeyObject>(HOOK_KEYS_PATH)).find((k) => k.name === name);
                    return hit && ((await getKey(ctx.client, hit.id)) ?? hit);
                },
            );
            if (taken) {
                // A key holds only its name: one in use by an inline hook, or made by another resource of this run, is not ours.
                const why = !taken.afterUnknownOutcome
                    ? NOT_OURS
                    : parseIsUsed(o.isUsed)
                      ? "an inline hook uses it"
                      : fetchedForAdoption.createdInThisRun(o.id)
                        ? "another resource of this stack created it in this run"
                        : undefined;
                if (why) throw withTakenHint(taken.error, o.id, why);
                fetchedForAdoption.noteAdopted(o.id);
            } else fetchedForAdoption.noteCreated(o.id);
            return { id: o.id, outs: hookKeyOutputs(o, await jwkOf(ctx.client, o), ctx.orgUrl) };
        } catch (e) {
            throw withContext(e, `${typeof inputs.importId === "string" ? `importing hook key ${inputs.importId}` : `creating hook key "${name}"`}`, createHint(e, name));
        }
    },

    async read(id: string, props?: Props): Promise<dynamic.ReadResult> {
        const ctx = currentOrg();
        assertSameOrg(props?.orgUrl, ctx, `hook key ${id}`);
        let o: HookKeyObject | undefined;
        try {
            o = await getKey(ctx.client, id);
        } catch (e) {
            throw withContext(e, `reading hook key ${id}`);
        }
        if (!o) return {}; // deleted outside Pulumi (for good): refresh drops it, the next up makes a new one
        // The key pair never changes, so a read without `_embedded` keeps the one in state: still one call.
        const jwk = extractJwk(o) ?? ((props?.publicKey as HookKeyJwk | null) || undefined);
        const inputs: Props = { name: o.name };
        if (typeof props?.importId === "string") inputs.importId = props.importId;
        return { id: o.id, props: hookKeyOutputs(o, jwk, ctx.orgUrl, props?.importId), inputs };
    },

    async update(id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
        const ctx = currentOrg();
        assertSameOrg(olds.orgUrl, ctx, `hook key ${String(olds.name)}`);
        try {
            const o = await rename(ctx.client, id, String(news.name));
            const jwk = extractJwk(o) ?? ((olds.publicKey as HookKeyJwk | null) || undefined);
            return { outs: hookKeyOutputs(o, jwk, ctx.orgUrl, news.importId) };
        } catch (e) {
            throw withContext(e, `renaming hook key "${String(olds.name)}" to "${String(news.name)}"`, createHint(e, String(news.name)));
        }
    },

    async delete(id: string, props: Props): Promise<void> {
        const ctx = currentOrg();
        assertSameOrg(props.orgUrl, ctx, `hook key ${String(props.name)}`);
        if (fetchedForAdoption.adoptedInThisRun(id)) return;
        try {
            await ctx.client.request("DELETE", path(id), { expect: [404], idempotency: "idempotent" });
        } catch (e) {
            // A 403 is a missing scope or role, not a key in use.
            const inUse = e instanceof OktaApiError && (e.status === 400 || e.status === 409);
            throw withContext(
                e,
                `deleting hook key "${String(props.name)}"`,
                inUse ? "Okta deletes a hook key only while no inline hook uses it: detach it first (point the inline hook at another key, or delete the hook)" : undefined,
            );
        }
    },
});

async function rename(client: OktaClient, id: string, name: string): Promise<HookKeyObject> {
    const res = await client.request<HookKeyObject>("PUT", path(id), { body: { name }, idempotency: "idempotent" });
    assertHookKey(res.body, "rename", res.requestId);
    return res.body;
}

