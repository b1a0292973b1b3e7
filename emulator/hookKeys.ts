// Hook keys as Okta keeps them (okta-api-notes §2): real RSA key pairs, JWK public keys, unique names, 50 per
// org, delete refused while an inline hook uses the key.
import { generateKeyPairSync, randomUUID } from "crypto";
import { HOOK_KEY_LIMITS, HOOK_KEYS_PATH, validateHookKey } from "../provider/schema/hookKey";
import { invalid, notFound, oktaError } from "./errors";
import { oktaId } from "./ids";
import { EmulatorServer } from "./server";
import type { Ctx, Reply } from "./route";

export const MANAGEMENT_SPEC = "management-minimal.yaml";

export interface StoredHookKey {
    id: string;
    keyId: string;
    name: string;
    isUsed: boolean;
    created: string;
    lastUpdated: string;
    jwk: { kty: string; alg: string; e: string; n: string; kid: string; use: string | null };
}

export class HookKeyState {
    readonly keys = new Map<string, StoredHookKey>();
    /**
     * Recorded real answers send isUsed as a JSON boolean; older notes saw the strings "true"/"false", so the
     * library still accepts both and tests it with this switch.
     */
    isUsedAsString = false;

    create(name: string): StoredHookKey {
        const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
        const jwk = publicKey.export({ format: "jwk" }) as { kty: string; e: string; n: string };
        const keyId = randomUUID();
        const now = new Date().toISOString();
        const k: StoredHookKey = {
            id: oktaId("HKY"),
            keyId,
            name,
            isUsed: false,
            created: now,
            lastUpdated: now,
            // As recorded: `alg` is "RSA" (not a JWA name) and `use` is JSON null.
            jwk: { kty: jwk.kty, alg: "RSA", e: jwk.e, n: jwk.n, kid: keyId, use: null },
        };
        this.keys.set(k.id, k);
        return k;
    }

    wire(k: StoredHookKey, embed: boolean): Record<string, unknown> {
        const out: Record<string, unknown> = {
            id: k.id,
            keyId: k.keyId,
            name: k.name,
            isUsed: this.isUsedAsString ? String(k.isUsed) : k.isUsed,
            created: k.created,
            lastUpdated: k.lastUpdated,
        };
        if (embed) out._embedded = { ...k.jwk };
        return out;
    }
}

export function registerHookKeys(server: EmulatorServer, state: HookKeyState): void {
    const read = "okta.inlineHooks.read";
    const manage = "okta.inlineHooks.manage";
    const nameTaken = (name: string, except?: string) => [...state.keys.values()].some((k) => k.name === name && k.id !== except);
    const check = (ctx: Ctx): Reply | undefined => {
        const failures = validateHookKey(ctx.body);
        return failures.length ? invalid(failures.map((f) => f.property).join(", "), failures.map((f) => `${f.property}: ${f.reason}`)) : undefined;
    };

    server.addRoute({ method: "GET", path: HOOK_KEYS_PATH, scope: read, handler: () => ({ status: 200, body: [...state.keys.values()].map((k) => state.wire(k, false)) }) });
    server.addRoute({
        method: "POST",
        path: HOOK_KEYS_PATH,
        scope: manage,
        spec: MANAGEMENT_SPEC,
        handler: (ctx) => {
            const bad = check(ctx);
            if (bad) return bad;
            const name = (ctx.body as { name: string }).name;
            if (nameTaken(name)) return invalid("name", [`A key with the name "${name}" already exists.`]);
            if (state.keys.size >= HOOK_KEY_LIMITS.perOrg) return invalid("name", [`The maximum number of keys (${HOOK_KEY_LIMITS.perOrg}) has been reached.`]);
            return { status: 200, body: state.wire(state.create(name), true) };
        },
    });
    server.addRoute({
        method: "GET",
        path: `${HOOK_KEYS_PATH}/public/{keyId}`,
        scope: read,
        handler: (ctx) => {
            const k = [...state.keys.values()].find((x) => x.keyId === ctx.params.keyId);
            return k ? { status: 200, body: { ...k.jwk } } : notFound(ctx.params.keyId, "PublicKey");
        },
    });
    server.addRoute({
        method: "GET",
        path: `${HOOK_KEYS_PATH}/{id}`,
        scope: read,
        handler: (ctx) => {
            const k = state.keys.get(ctx.params.id);
            return k ? { status: 200, body: state.wire(k, ctx.query.expand === "publickey") } : notFound(ctx.params.id, "HookKey");
        },
    });
    server.addRoute({
        method: "PUT",
        path: `${HOOK_KEYS_PATH}/{id}`,
        scope: manage,
        spec: MANAGEMENT_SPEC,
        handler: (ctx) => {
            const k = state.keys.get(ctx.params.id);
            if (!k) return notFound(ctx.params.id, "HookKey");
            const bad = check(ctx);
            if (bad) return bad;
            const name = (ctx.body as { name: string }).name;
            if (nameTaken(name, k.id)) return invalid("name", [`A key with the name "${name}" already exists.`]);
            k.name = name;
            k.lastUpdated = new Date().toISOString();
            return { status: 200, body: state.wire(k, true) };
        },
    });
    server.addRoute({
        method: "DELETE",
        path: `${HOOK_KEYS_PATH}/{id}`,
        scope: manage,
        handler: (ctx) => {
            const k = state.keys.get(ctx.params.id);
            if (!k) return notFound(ctx.params.id, "HookKey");
            if (k.isUsed) return { status: 400, body: oktaError("E0000001", "Api validation failed: key", ["The key is in use by an inline hook and cannot be deleted."]) };
            state.keys.delete(k.id);
            return { status: 204 };
        },
    });
}
