// The Devices API as Okta answers it (okta-api-notes §4, management-minimal.yaml `/api/v1/devices`): SCIM
// `search`, `expand=user|userSummary`, cursor paging with `Link rel="next"`, the lifecycle with Okta's state
// rules, delete only once DEACTIVATED, and the users linked to a device.
import { oktaId } from "./ids";
import { invalid, notFound, oktaError } from "./errors";
export { oktaId } from "./ids";
import { MANAGEMENT_SPEC } from "./hookKeys";
import { EmulatorServer } from "./server";
import type { Ctx, Reply } from "./route";

export const DEVICES_PATH = "/api/v1/devices";
export const DEVICE_LIMITS = { defaultLimit: 200, maxLimit: 200 } as const;

/** Okta Verify, as real orgs name the authenticator that registered a device (`_embedded.originatedFrom`). */
export const ORIGINATED_FROM = { id: "autnkw1sgntSDQThR1d7", name: "Okta Verify", key: "okta_verify" } as const;

/** The spec's DeviceStatus, plus "CREATED", which Okta's own list examples show for a device never activated. */
export type DeviceStatus = "ACTIVE" | "DEACTIVATED" | "SUSPENDED" | "UNSUSPENDED" | "CREATED";
export type DevicePlatform = "ANDROID" | "IOS" | "MACOS" | "WINDOWS";
export type LifecycleAction = "activate" | "deactivate" | "suspend" | "unsuspend";

export interface DeviceProfile {
    displayName: string;
    platform: DevicePlatform;
    registered: boolean;
    manufacturer?: string;
    model?: string;
    osVersion?: string;
    serialNumber?: string;
    udid?: string;
    sid?: string;
    imei?: string;
    meid?: string;
    managed?: boolean;
    secureHardwarePresent?: boolean;
    integrityJailbreak?: boolean;
    diskEncryptionType?: string;
    tpmPublicKeyHash?: string;
}

/** A user as the emulator keeps it: just enough for `_embedded.users` and `/devices/{id}/users`. */
export interface DeviceOwner {
    id: string;
    login: string;
    firstName: string;
    lastName: string;
    email: string;
    created: string;
}

export interface DeviceUserLink {
    userId: string;
    created: string;
    managementStatus: "MANAGED" | "NOT_MANAGED";
    screenLockType: "NONE" | "PASSCODE" | "BIOMETRIC";
}

export interface StoredDevice {
    id: string;
    status: DeviceStatus;
    created: string;
    lastUpdated: string;
    profile: DeviceProfile;
    users: DeviceUserLink[];
}

export interface DeviceUserSeed {
    id?: string;
    login: string;
    firstName?: string;
    lastName?: string;
    email?: string;
    managementStatus?: DeviceUserLink["managementStatus"];
    screenLockType?: DeviceUserLink["screenLockType"];
}

export interface DeviceSeed {
    id?: string;
    status?: DeviceStatus;
    created?: string;
    lastUpdated?: string;
    profile?: Partial<DeviceProfile>;
    users?: DeviceUserSeed[];
}

/** The devices in Okta's own examples (management-minimal.yaml: DeviceResponse, APIDevicesListAll*Response). */
export const SPEC_EXAMPLE_DEVICES: DeviceSeed[] = [
    {
        id: "guo8jx5vVoxfvJeLb0w4",
        status: "ACTIVE",
        created: "2020-11-03T21:47:01.000Z",
        lastUpdated: "2020-11-03T23:46:27.000Z",
        profile: {
            displayName: "DESKTOP-EHAD3IE",
            platform: "WINDOWS",
            manufacturer: "International Corp",
            model: "VMware7,1",
            osVersion: "10.0.18362",
            serialNumber: "56 4d 4f 95 74 c5 d3 e7-fc 3a 57 9c c2 f8 5d ce",
            udid: "954F4D56-C574-E7D3-FC3A-579CC2F85DCE",
            sid: "S-1-5-21-3992267483-1860856704-2413701314-500",
            registered: true,
            secureHardwarePresent: false,
            diskEncryptionType: "NONE",
        },
    },
    {
        id: "guo4a5u7YAHhjXrMK0g4",
        status: "CREATED",
        created: "2019-10-02T18:03:07.000Z",
        lastUpdated: "2019-10-02T18:03:07.000Z",
        profile: {
            displayName: "Example device name 1",
            platform: "WINDOWS",
            serialNumber: "XXDDRFCFRGF3M8MD6D",
            sid: "S-1-11-111",
            registered: true,
            secureHardwarePresent: false,
            diskEncryptionType: "ALL_INTERNAL_VOLUMES",
        },
    },
    {
        id: "guo4a5u7YAHhjXrMK0g5",
        status: "ACTIVE",
        created: "2023-06-21T23:24:02.000Z",
        lastUpdated: "2023-06-21T23:24:02.000Z",
        profile: {
            displayName: "Example device name 2",
            platform: "ANDROID",
            manufacturer: "Google",
            model: "Pixel 6",
            osVersion: "13:2023-05-05",
            registered: true,
            secureHardwarePresent: true,
            diskEncryptionType: "USER",
        },
        users: [{ id: "00u17vh0q8ov8IU881d7", login: "email@email.com", firstName: "fname", lastName: "lname", email: "email@email.com", managementStatus: "MANAGED", screenLockType: "BIOMETRIC" }],
    },
];


export class DeviceState {
    readonly devices = new Map<string, StoredDevice>();
    readonly users = new Map<string, DeviceOwner>();
    /** Every id ever listed, in list order, so a cursor stays valid after its device is deleted. */
    private readonly order = new Map<string, number>();
    private seq = 0;

    seed(s: DeviceSeed = {}): StoredDevice {
        const now = new Date().toISOString();
        const id = s.id ?? oktaId("guo");
        if (this.devices.has(id)) throw new Error(`a device ${id} already exists`);
        const n = this.seq + 1;
        const d: StoredDevice = {
            id,
            status: s.status ?? "ACTIVE",
            created: s.created ?? now,
            lastUpdated: s.lastUpdated ?? s.created ?? now,
            profile: { displayName: `Device ${n}`, platform: "WINDOWS", registered: true, ...(s.profile ?? {}) },
            users: [],
        };
        for (const u of s.users ?? []) d.users.push(this.link(u, d.created));
        this.devices.set(id, d);
        if (!this.order.has(id)) this.order.set(id, ++this.seq);
        return d;
    }

    private link(u: DeviceUserSeed, at: string): DeviceUserLink {
        const existing = u.id ? this.users.get(u.id) : [...this.users.values()].find((x) => x.login === u.login);
        const [first, last] = u.login.split("@")[0].split(".");
        const owner: DeviceOwner = existing ?? {
            id: u.id ?? oktaId("00u"),
            login: u.login,
            firstName: u.firstName ?? first ?? "First",
            lastName: u.lastName ?? last ?? "Last",
            email: u.email ?? u.login,
            created: at,
        };
        this.users.set(owner.id, owner);
        return { userId: owner.id, created: at, managementStatus: u.managementStatus ?? "NOT_MANAGED", screenLockType: u.screenLockType ?? "PASSCODE" };
    }

    /** Devices in list order (the order they were enrolled). */
    ordered(): StoredDevice[] {
        return [...this.devices.values()].sort((a, b) => this.order.get(a.id)! - this.order.get(b.id)!);
    }

    position(id: string): number | undefined {
        return this.order.get(id);
    }

    wire(d: StoredDevice, baseUrl: string, expand?: "user" | "userSummary"): Record<string, unknown> {
        const self = `${baseUrl}${DEVICES_PATH}/${d.id}`;
        const post = (action: LifecycleAction) => ({ href: `${self}/lifecycle/${action}`, hints: { allow: ["POST"] } });
        // The lifecycle links Okta offers in each state (as in the spec's examples).
        const actions: LifecycleAction[] =
            d.status === "ACTIVE" || d.status === "UNSUSPENDED" ? ["suspend", "deactivate"] : d.status === "SUSPENDED" ? ["unsuspend", "deactivate"] : ["activate"];
        const links: Record<string, unknown> = {};
        for (const a of actions) links[a] = post(a);
        links.self = { href: self, hints: { allow: d.status === "DEACTIVATED" ? ["GET", "DELETE"] : ["GET", "PATCH", "PUT"] } };
        // A recorded DEACTIVATED device offers no users link: deactivation unlinked them.
        if (d.status !== "DEACTIVATED") links.users = { href: `${self}/users`, hints: { allow: ["GET"] } };
        const out: Record<string, unknown> = {
            id: d.id,
            status: d.status,
            created: d.created,
            lastUpdated: d.lastUpdated,
            profile: { ...d.profile },
            resourceType: "UDDevice",
            resourceDisplayName: { value: d.profile.displayName, sensitive: false },
            resourceAlternateId: null,
            resourceId: d.id,
            _links: links,
        };
        // Real orgs answer every device with the authenticator that registered it (recorded; not in the spec).
        out._embedded = { originatedFrom: [ORIGINATED_FROM], ...(expand ? { users: d.users.map((l) => this.deviceUser(l, baseUrl, expand === "user")) } : {}) };
        return out;
    }

    deviceUser(l: DeviceUserLink, baseUrl: string, full: boolean): Record<string, unknown> {
        const u = this.users.get(l.userId)!;
        const self = { self: { href: `${baseUrl}/api/v1/users/${u.id}` } };
        const user = full
            ? {
                  id: u.id,
                  status: "ACTIVE",
                  created: u.created,
                  activated: u.created,
                  statusChanged: u.created,
                  lastLogin: null,
                  lastUpdated: u.created,
                  passwordChanged: u.created,
                  type: { id: "oty1emulatorDefault0" },
                  profile: { firstName: u.firstName, lastName: u.lastName, mobilePhone: null, secondEmail: null, login: u.login, email: u.email },
                  credentials: { provider: { type: "OKTA", name: "OKTA" } },
                  _links: self,
              }
            : { id: u.id, profile: { firstName: u.firstName, lastName: u.lastName, login: u.login, email: u.email }, _links: self };
        return { created: l.created, managementStatus: l.managementStatus, screenLockType: l.screenLockType, user };
    }
}

// ---- SCIM `search` ------------------------------------------------------------------------------------------

export type Filter =
    | { op: "and" | "or"; left: Filter; right: Filter }
    | { op: "pr"; attr: string }
    | { op: "eq" | "sw" | "co" | "gt" | "ge" | "lt" | "le"; attr: string; value: string | number | boolean | null };

export class SearchError extends Error {}

const PROFILE_ATTRS = [
    "displayName",
    "platform",
    "registered",
    "manufacturer",
    "model",
    "osVersion",
    "serialNumber",
    "udid",
    "sid",
    "imei",
    "meid",
    "managed",
    "secureHardwarePresent",
    "integrityJailbreak",
    "diskEncryptionType",
    "tpmPublicKeyHash",
];
/** The spec: searches cover the profile, `id`, `status` and `lastUpdated`; `co` only these profile attributes. */
const CONTAINS_ATTRS = ["profile.displayName", "profile.serialNumber", "profile.imei", "profile.meid", "profile.udid", "profile.sid"];
const DATE_ATTRS = ["lastUpdated"];

function canonicalAttr(raw: string): string {
    const lower = raw.toLowerCase();
    for (const a of ["id", "status", "lastUpdated"]) if (a.toLowerCase() === lower) return a;
    const m = /^profile\.(.+)$/i.exec(raw);
    const p = m && PROFILE_ATTRS.find((x) => x.toLowerCase() === m[1].toLowerCase());
    if (p) return `profile.${p}`;
    throw new SearchError(`the attribute "${raw}" cannot be searched (supported: id, status, lastUpdated, profile.*)`);
}

type Token = { kind: "(" | ")" | "word" | "value"; text: string; value?: string | number | boolean | null };

function tokenize(s: string): Token[] {
    const out: Token[] = [];
    let i = 0;
    while (i < s.length) {
        const c = s[i];
        if (/\s/.test(c)) {
            i++;
        } else if (c === "(" || c === ")") {
            out.push({ kind: c, text: c });
            i++;
        } else if (c === '"') {
            let j = i + 1;
            let v = "";
            while (j < s.length && s[j] !== '"') {
                if (s[j] === "\\" && j + 1 < s.length) j++;
                v += s[j++];
            }
            if (j >= s.length) throw new SearchError("a quoted value is not closed");
            out.push({ kind: "value", text: s.slice(i, j + 1), value: v });
            i = j + 1;
        } else {
            const m = /^[^\s()"]+/.exec(s.slice(i))!;
            const w = m[0];
            if (/^-?\d+(\.\d+)?$/.test(w)) out.push({ kind: "value", text: w, value: Number(w) });
            else if (/^(true|false|null)$/i.test(w)) out.push({ kind: "value", text: w, value: w.toLowerCase() === "null" ? null : w.toLowerCase() === "true" });
            else out.push({ kind: "word", text: w });
            i += w.length;
        }
    }
    return out;
}

/** Parses the SCIM filters Okta's Devices search takes: eq, sw, co, pr, gt/ge/lt/le on dates, and/or, parentheses. */
export function parseSearch(s: string): Filter {
    const t = tokenize(s);
    let i = 0;
    const peekWord = (w: string) => t[i]?.kind === "word" && t[i].text.toLowerCase() === w;
    const expr = (): Filter => {
        let left = conj();
        while (peekWord("or")) {
            i++;
            left = { op: "or", left, right: conj() };
        }
        return left;
    };
    const conj = (): Filter => {
        let left = unary();
        while (peekWord("and")) {
            i++;
            left = { op: "and", left, right: unary() };
        }
        return left;
    };
    const unary = (): Filter => {
        const tok = t[i];
        if (!tok) throw new SearchError("the expression ends too early");
        if (tok.kind === "(") {
            i++;
            const inner = expr();
            if (t[i]?.kind !== ")") throw new SearchError("a parenthesis is not closed");
            i++;
            return inner;
        }
        if (tok.kind !== "word") throw new SearchError(`expected an attribute, found ${tok.text}`);
        if (tok.text.toLowerCase() === "not") throw new SearchError("the not operator is not supported");
        const attr = canonicalAttr(tok.text);
        i++;
        const opTok = t[i++];
        if (!opTok || opTok.kind !== "word") throw new SearchError(`expected an operator after ${tok.text}`);
        const op = opTok.text.toLowerCase();
        if (op === "pr") return { op: "pr", attr };
        if (!["eq", "sw", "co", "gt", "ge", "lt", "le"].includes(op)) throw new SearchError(`the operator "${opTok.text}" is not supported (supported: eq, sw, co, pr, gt, ge, lt, le)`);
        if (op === "co" && !CONTAINS_ATTRS.includes(attr)) throw new SearchError(`co can only be used with ${CONTAINS_ATTRS.join(", ")}`);
        if (/^(gt|ge|lt|le)$/.test(op) && !DATE_ATTRS.includes(attr)) throw new SearchError(`${op} can only be used with lastUpdated`);
        const v = t[i++];
        if (!v || v.kind !== "value") throw new SearchError(`expected a value after ${tok.text} ${opTok.text}`);
        if (/^(gt|ge|lt|le)$/.test(op) && (typeof v.value !== "string" || Number.isNaN(Date.parse(v.value)))) throw new SearchError(`${attr} ${op} needs a quoted timestamp`);
        return { op: op as "eq", attr, value: v.value ?? null };
    };
    const f = expr();
    if (i < t.length) throw new SearchError(`unexpected "${t[i].text}"`);
    return f;
}

function attrValue(d: StoredDevice, attr: string): unknown {
    if (attr === "id") return d.id;
    if (attr === "status") return d.status;
    if (attr === "lastUpdated") return d.lastUpdated;
    return (d.profile as unknown as Record<string, unknown>)[attr.slice("profile.".length)];
}

export function matches(d: StoredDevice, f: Filter): boolean {
    switch (f.op) {
        case "and":
            return matches(d, f.left) && matches(d, f.right);
        case "or":
            return matches(d, f.left) || matches(d, f.right);
        case "pr": {
            const v = attrValue(d, f.attr);
            return v !== undefined && v !== null && v !== "";
        }
        default: {
            const v = attrValue(d, f.attr);
            if (v === undefined || v === null) return f.op === "eq" && f.value === null;
            if (["gt", "ge", "lt", "le"].includes(f.op)) {
                const a = Date.parse(String(v));
                const b = Date.parse(String(f.value));
                return f.op === "gt" ? a > b : f.op === "ge" ? a >= b : f.op === "lt" ? a < b : a <= b;
            }
            // Case-insensitive, as the spec says of device searches.
            const a = String(v).toLowerCase();
            const b = String(f.value).toLowerCase();
            return f.op === "eq" ? a === b : f.op === "sw" ? a.startsWith(b) : a.includes(b);
        }
    }
}

// ---- routes -------------------------------------------------------------------------------------------------

/** Which lifecycle call is allowed from which status, and where it leads. */
const TRANSITIONS: Record<LifecycleAction, { from: DeviceStatus[]; to: DeviceStatus }> = {
    // Activating an ACTIVE device answers 204 in recorded real traffic (a no-op), not an error.
    activate: { from: ["CREATED", "DEACTIVATED", "ACTIVE"], to: "ACTIVE" },
    deactivate: { from: ["CREATED", "ACTIVE", "SUSPENDED", "UNSUSPENDED"], to: "DEACTIVATED" },
    suspend: { from: ["ACTIVE", "UNSUSPENDED"], to: "SUSPENDED" },
    // The spec: "Unsuspends a device by returning its status to ACTIVE. Only devices with a SUSPENDED status can be unsuspended."
    unsuspend: { from: ["SUSPENDED"], to: "ACTIVE" },
};

function linkHeader(baseUrl: string, query: Record<string, string>, after?: string): string {
    const u = (q: Record<string, string>) => {
        const s = new URLSearchParams(q).toString().replace(/\+/g, "%20");
        return `<${baseUrl}${DEVICES_PATH}${s ? `?${s}` : ""}>`;
    };
    const links = [`${u(query)}; rel="self"`];
    if (after) {
        const next: Record<string, string> = { ...query, after };
        links.push(`${u(next)}; rel="next"`);
    }
    return links.join(", ");
}

export function registerDevices(server: EmulatorServer, state: DeviceState): void {
    const read = "okta.devices.read";
    const manage = "okta.devices.manage";
    const get = (ctx: Ctx) => state.devices.get(ctx.params.deviceId);

    server.addRoute({
        method: "GET",
        path: DEVICES_PATH,
        scope: read,
        handler: (ctx) => {
            const q = ctx.query;
            let limit: number = DEVICE_LIMITS.defaultLimit;
            if (q.limit !== undefined) {
                if (!/^\d+$/.test(q.limit) || Number(q.limit) < 1) return invalid("limit", [`limit must be an integer from 1 to ${DEVICE_LIMITS.maxLimit} (got "${q.limit}")`]);
                // Like Okta's other Management lists, a limit above the maximum is capped rather than refused.
                limit = Math.min(Number(q.limit), DEVICE_LIMITS.maxLimit);
            }
            let expand: "user" | "userSummary" | undefined;
            if (q.expand !== undefined) {
                if (q.expand !== "user" && q.expand !== "userSummary") return invalid("expand", [`expand must be user or userSummary (got "${q.expand}")`]);
                expand = q.expand;
            }
            let filter: Filter | undefined;
            if (q.search !== undefined && q.search.trim() !== "") {
                try {
                    filter = parseSearch(q.search);
                } catch (e) {
                    if (e instanceof SearchError) return invalid("search", [`Invalid search criteria: ${e.message}`]);
                    throw e;
                }
            }
            let list = state.ordered();
            if (q.after !== undefined) {
                const pos = state.position(q.after);
                if (pos === undefined) return { status: 400, body: oktaError("E0000029", "Invalid paging request.", [`after: "${q.after}" is not a cursor this list gave`]) };
                list = list.filter((d) => state.position(d.id)! > pos);
            }
            if (filter) list = list.filter((d) => matches(d, filter!));
            const page = list.slice(0, limit);
            const more = list.length > limit;
            return {
                status: 200,
                body: page.map((d) => state.wire(d, ctx.baseUrl, expand)),
                headers: { Link: linkHeader(ctx.baseUrl, q, more ? page[page.length - 1].id : undefined) },
            };
        },
    });
    server.addRoute({
        method: "GET",
        path: `${DEVICES_PATH}/{deviceId}`,
        scope: read,
        handler: (ctx) => {
            const d = get(ctx);
            return d ? { status: 200, body: state.wire(d, ctx.baseUrl) } : notFound(ctx.params.deviceId, "Device");
        },
    });
    server.addRoute({
        method: "GET",
        path: `${DEVICES_PATH}/{deviceId}/users`,
        scope: read,
        handler: (ctx) => {
            const d = get(ctx);
            return d ? { status: 200, body: d.users.map((l) => state.deviceUser(l, ctx.baseUrl, true)) } : notFound(ctx.params.deviceId, "Device");
        },
    });
    for (const action of Object.keys(TRANSITIONS) as LifecycleAction[]) {
        server.addRoute({
            method: "POST",
            path: `${DEVICES_PATH}/{deviceId}/lifecycle/${action}`,
            scope: manage,
            spec: MANAGEMENT_SPEC,
            handler: (ctx): Reply => {
                const d = get(ctx);
                if (!d) return notFound(ctx.params.deviceId, "Device");
                const t = TRANSITIONS[action];
                if (!t.from.includes(d.status)) {
                    return invalid("status", [`Cannot ${action} a device whose status is ${d.status}; ${action} needs a device that is ${t.from.join(" or ")}.`]);
                }
                // A no-op (activating an ACTIVE device) leaves lastUpdated as it was, as recorded.
                if (d.status !== t.to) d.lastUpdated = new Date().toISOString();
                d.status = t.to;
                // The spec: deactivation makes a device lose all its device user links.
                if (action === "deactivate") d.users = [];
                return { status: 204 };
            },
        });
    }
    server.addRoute({
        method: "DELETE",
        path: `${DEVICES_PATH}/{deviceId}`,
        scope: manage,
        handler: (ctx) => {
            const d = get(ctx);
            if (!d) return notFound(ctx.params.deviceId, "Device");
            if (d.status !== "DEACTIVATED") {
                return invalid("status", [`The device is ${d.status}: only a DEACTIVATED device can be deleted. Deactivate it first (POST ${DEVICES_PATH}/${d.id}/lifecycle/deactivate).`]);
            }
            state.devices.delete(d.id);
            return { status: 204 };
        },
    });
}
