// Pure helpers that decide what a request type change costs: the canonical form (Okta's defaults filled in,
// server-made ids dropped), the payload a create sends, and the diff. Request types have no update endpoint,
// so everything but `status` replaces.
import {
    DEFAULT_APPROVAL_DESCRIPTIONS,
    RequestTypeCreatable,
    RequestTypeObject,
} from "./schema/requestType";
import { isObject, isUnknown, UNKNOWN } from "./schema/validate";
import { WRITABLE_KEYS } from "./schema/requestTypeRules";

/** Fields whose change Okta can apply in place (publish / un-publish). Everything else is immutable. */
export const IN_PLACE_KEYS = ["status"] as const;
export const REPLACE_KEYS = WRITABLE_KEYS.filter((k) => k !== "status");

type Json = unknown;

/**
 * Optional fields Okta fills in when a declaration leaves them out. Left out, such a field means "whatever Okta
 * holds": before comparing, it takes Okta's value, so Okta's wording (its default, or an admin's) never shows
 * as a mismatch, a diff or a replacement. A declared value still counts, and its drift still shows.
 */
export const HELD_WHEN_OMITTED = ["description", "requestSettings", "accessDuration", "approvalSettings.approvals[].description", "approvalSettings.approvals[].approverFields"] as const;

const TOP_HELD = ["description", "requestSettings", "accessDuration"] as const;
const APPROVAL_HELD = ["description", "approverFields"] as const;

/** The declaration with every field of HELD_WHEN_OMITTED it leaves out taken from what Okta holds. */
export function withHeldValues(declared: Record<string, Json>, held: Record<string, Json>): Record<string, Json> {
    const out: Record<string, Json> = { ...declared };
    for (const k of TOP_HELD) if (declared[k] === undefined && held[k] !== undefined) out[k] = held[k];
    const d = declared.approvalSettings;
    const h = held.approvalSettings;
    if (isObject(d) && isObject(h) && Array.isArray(d.approvals) && Array.isArray(h.approvals)) {
        const heldApprovals = h.approvals;
        out.approvalSettings = {
            ...d,
            approvals: d.approvals.map((a, i) => {
                const ha = heldApprovals[i];
                // Only an approval of the same kind inherits: another kind is a difference of its own.
                if (!isObject(a) || !isObject(ha) || a.approverType !== ha.approverType) return a;
                const merged: Record<string, Json> = { ...a };
                for (const k of APPROVAL_HELD) if (a[k] === undefined && ha[k] !== undefined) merged[k] = ha[k];
                return merged;
            }),
        };
    }
    return out;
}

/**
 * The writable attributes as Okta holds them once created: documented defaults filled in (status DRAFT,
 * requestSettings EVERYONE with no fields, empty field lists, required true, accessDuration null), server-made
 * ids and resource names dropped. An approval's description is Okta's to word: it is never filled in from our
 * code (see HELD_WHEN_OMITTED). Unknown preview values and shapes we do not model (the admin UI's CUSTOM
 * settings) pass through untouched.
 */
export function canonicalRequestType(x: Record<string, Json>): Record<string, Json> {
    const out: Record<string, Json> = {};
    out.name = x.name;
    if (x.description !== undefined && x.description !== null && x.description !== "") out.description = x.description;
    out.ownerId = x.ownerId;
    out.resourceSettings = resourceSettings(x.resourceSettings);
    out.requestSettings = requestSettings(x.requestSettings);
    out.approvalSettings = approvalSettings(x.approvalSettings);
    out.accessDuration = x.accessDuration === undefined ? null : x.accessDuration;
    out.status = x.status === undefined || x.status === null ? "DRAFT" : x.status;
    return out;
}

function resourceSettings(v: Json): Json {
    if (!isObject(v) || !Array.isArray(v.targetResources)) return v;
    return {
        type: v.type,
        targetResources: v.targetResources.map((t) => (isObject(t) ? { resourceId: t.resourceId } : t)),
    };
}

function requestSettings(v: Json): Json {
    if (v === undefined || v === null) return { type: "EVERYONE", requesterFields: [] };
    if (!isObject(v) || (v.type !== "EVERYONE" && v.type !== "MEMBER_OF")) return v;
    const out: Record<string, Json> = { type: v.type };
    if (v.type === "MEMBER_OF") out.requesterMemberOf = v.requesterMemberOf;
    out.requesterFields = fields(v.requesterFields);
    return out;
}

function approvalSettings(v: Json): Json {
    if (!isObject(v)) return v;
    if (v.type === "NONE") return { type: "NONE" };
    if (v.type !== "SERIAL" || !Array.isArray(v.approvals)) return v;
    return { type: "SERIAL", approvals: v.approvals.map(approval) };
}

function approval(a: Json): Json {
    if (!isObject(a) || typeof a.approverType !== "string" || !(a.approverType in DEFAULT_APPROVAL_DESCRIPTIONS)) return a;
    const type = a.approverType as keyof typeof DEFAULT_APPROVAL_DESCRIPTIONS;
    const out: Record<string, Json> = { approverType: type };
    if (a.description !== undefined && a.description !== null) out.description = a.description;
    if (type === "MEMBER_OF") out.approverMemberOf = a.approverMemberOf;
    if (type === "USER") out.approverUserId = a.approverUserId;
    // Okta answers `approverFields: []` even for RESOURCE_OWNER, which takes none: keep it out of the canonical form.
    if (type !== "RESOURCE_OWNER") out.approverFields = fields(a.approverFields, true);
    return out;
}

/**
 * Okta treats approver fields as required whatever `required` says, so for them the canonical value is true: a
 * type made elsewhere with `required: false` adopts, imports and refreshes as the same thing it is.
 */
function fields(v: Json, approver = false): Json {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return v;
    return v.map((f) => {
        if (!isObject(f)) return f;
        const out: Record<string, Json> = {
            prompt: f.prompt,
            required: approver || f.required === undefined || f.required === null ? true : f.required,
            type: f.type,
        };
        if (f.type === "SELECT") {
            out.options = Array.isArray(f.options) ? f.options.map((o) => (isObject(o) ? { value: o.value } : o)) : f.options;
        }
        return out;
    });
}

/**
 * The canonical form with Okta's documented defaults left out (`status` stays, as the one field that changes in
 * place): what `check` keeps as inputs, so a preview's diff reads as the program is written, and each resource's
 * state is smaller. A field of HELD_WHEN_OMITTED that the program declares stays, even in its default value
 * (`accessDuration: null`, `approverFields: []`, Okta's usual wording): left out, it would mean whatever Okta
 * holds, and a declared value counts.
 */
export function minimalRequestType(x: Record<string, Json>): Record<string, Json> {
    return minimalForm(x, true);
}

/**
 * What Okta holds, in the minimal form, as a person would declare it: `read`'s inputs and the import command's
 * declarations. Documented defaults and an approval description in Okta's usual wording are left out; that only
 * shortens what is shown and stored, since a field left out means whatever Okta holds (HELD_WHEN_OMITTED).
 */
export function minimalHeldRequestType(o: Record<string, Json>): Record<string, Json> {
    return minimalForm(o, false);
}

function minimalForm(x: Record<string, Json>, keepDeclared: boolean): Record<string, Json> {
    const c = canonicalRequestType(x);
    const out: Record<string, Json> = { ...c };
    const declared = (v: Json) => keepDeclared && v !== undefined;
    const rs = c.requestSettings;
    if (isObject(rs) && Array.isArray(rs.requesterFields)) {
        if (rs.type === "EVERYONE" && rs.requesterFields.length === 0 && !declared(x.requestSettings)) delete out.requestSettings;
        else out.requestSettings = withFields(rs, "requesterFields");
    }
    const as = c.approvalSettings;
    const raw = isObject(x.approvalSettings) && Array.isArray(x.approvalSettings.approvals) ? x.approvalSettings.approvals : [];
    if (isObject(as) && as.type === "SERIAL" && Array.isArray(as.approvals)) {
        out.approvalSettings = {
            type: "SERIAL",
            approvals: as.approvals.map((a, i) => {
                if (!isObject(a)) return a;
                const r = isObject(raw[i]) ? (raw[i] as Record<string, Json>) : {};
                const m = withFields(a, "approverFields");
                if (declared(r.approverFields) && a.approverFields !== undefined && m.approverFields === undefined) m.approverFields = [];
                if (!keepDeclared && m.description === DEFAULT_APPROVAL_DESCRIPTIONS[a.approverType as keyof typeof DEFAULT_APPROVAL_DESCRIPTIONS]) delete m.description;
                return m;
            }),
        };
    }
    if (c.accessDuration === null && !declared(x.accessDuration)) delete out.accessDuration;
    return out;
}

/** Drops an empty field list, and `required: true` (the default) from each field. */
function withFields(o: Record<string, Json>, key: string): Record<string, Json> {
    const out = { ...o };
    const list = o[key];
    if (Array.isArray(list)) {
        if (list.length === 0) delete out[key];
        else {
            out[key] = list.map((f) => {
                if (!isObject(f) || f.required !== true) return f;
                const { required: _default, ...rest } = f;
                return rest;
            });
        }
    }
    return out;
}

/** The body of `POST /request-types`: the canonical form, which is exactly what the user declared plus defaults. */
export function createPayload(canonical: Record<string, Json>): RequestTypeCreatable {
    const body: Record<string, Json> = {};
    for (const k of WRITABLE_KEYS) if (canonical[k] !== undefined) body[k] = canonical[k];
    return body as unknown as RequestTypeCreatable;
}

export interface RequestTypeDiff {
    /** Writable keys whose value differs (or is unknown until apply). */
    changed: string[];
    replaces: string[];
    deleteBeforeReplace: boolean;
}

/**
 * Compares what Okta holds (previous outputs, or previous inputs) with the new declared inputs, both in
 * canonical form and the fields the declaration leaves out taken from Okta's, so server-filled defaults never
 * show as changes.
 */
export function diffRequestType(olds: Record<string, Json>, news: Record<string, Json>): RequestTypeDiff {
    const a = canonicalRequestType(olds);
    const b = canonicalRequestType(withHeldValues(news, olds));
    const changed = WRITABLE_KEYS.filter((k) => !deepEqual(a[k], b[k]));
    const replaces = changed.filter((k) => k !== "status");
    // Names are unique in the org: a replacement that keeps its name must delete the old one first.
    const sameName = !isUnknown(b.name) && a.name === b.name;
    return { changed, replaces, deleteBeforeReplace: replaces.length > 0 && sameName };
}

/** Structural equality over JSON values; an unknown preview value never equals anything. */
export function deepEqual(a: Json, b: Json): boolean {
    if (containsUnknown(a) || containsUnknown(b)) return false;
    if (a === b) return true;
    if (Array.isArray(a) || Array.isArray(b)) {
        if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
        return a.every((x, i) => deepEqual(x, b[i]));
    }
    if (isObject(a) && isObject(b)) {
        const ka = Object.keys(a).filter((k) => a[k] !== undefined);
        const kb = Object.keys(b).filter((k) => b[k] !== undefined);
        if (ka.length !== kb.length) return false;
        return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
    }
    return false;
}

export function containsUnknown(v: Json): boolean {
    if (v === UNKNOWN) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (isObject(v)) return Object.values(v).some(containsUnknown);
    return false;
}

/** Names the fields that differ between a declaration and an existing object, with both values (for adoption). */
export function describeMismatch(existing: RequestTypeObject, declared: Record<string, Json>): string[] {
    const a = canonicalRequestType(existing as unknown as Record<string, Json>);
    const b = canonicalRequestType(withHeldValues(declared, existing as unknown as Record<string, Json>));
    const lines: string[] = [];
    for (const k of WRITABLE_KEYS) {
        if (k === "status") continue; // a status difference is applied in place after adoption
        if (!deepEqual(a[k], b[k])) lines.push(`${k}: Okta has ${JSON.stringify(a[k])}, the program declares ${JSON.stringify(b[k])}`);
    }
    return lines;
}

/** Settings only the admin UI can make; such a type cannot be reproduced through the API. */
export function customSettingsOf(o: Partial<RequestTypeObject>): string[] {
    const out: string[] = [];
    for (const k of ["resourceSettings", "requestSettings", "approvalSettings"] as const) {
        const v = o[k] as unknown;
        if (isObject(v) && v.type === "CUSTOM") out.push(k);
    }
    return out;
}
