// OpenID Connect apps (`/api/v1/apps`, management-minimal.yaml `OpenidConnectEx` / `OpenidConnectResponseEx`):
// the smallest piece of the Apps API that hands a credential back, so the tests can show no Okta answer's
// credential reaches Pulumi's output or state in clear. Okta answers the generated `client_secret` in the
// create's answer and, as the spec's examples show, in later reads and replaces too.
// Only OPENID_CONNECT apps are modelled; an app is deleted only once INACTIVE, as Okta requires.
import { randomBytes } from "crypto";
import { invalid, notFound, oktaError } from "./errors";
import { oktaId } from "./ids";
import { MANAGEMENT_SPEC } from "./hookKeys";
import { EmulatorServer } from "./server";
import type { Ctx } from "./route";

export const APPS_PATH = "/api/v1/apps";

type Json = Record<string, unknown>;

export interface StoredApp {
    id: string;
    status: "ACTIVE" | "INACTIVE";
    created: string;
    lastUpdated: string;
    label: string;
    /** `client_id` (the app's id, as Okta makes it), `client_secret`, `token_endpoint_auth_method`. */
    oauthClient: { client_id: string; client_secret?: string; token_endpoint_auth_method: string };
    settings: Json;
    profile?: Json;
}

const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const obj = (v: unknown): Json => (isObj(v) ? v : {});

/** A generated client secret: 64 characters of base64url, as Okta's examples are. */
export const newClientSecret = (): string => randomBytes(48).toString("base64url");

/** Methods that authenticate with a shared secret (the others, `none` and `private_key_jwt`, have none). */
const SECRET_METHODS = ["client_secret_basic", "client_secret_post", "client_secret_jwt"];

export class AppState {
    readonly apps = new Map<string, StoredApp>();

    wire(a: StoredApp, baseUrl: string): Json {
        return {
            id: a.id,
            name: "oidc_client",
            label: a.label,
            status: a.status,
            created: a.created,
            lastUpdated: a.lastUpdated,
            signOnMode: "OPENID_CONNECT",
            features: [],
            accessibility: { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null },
            visibility: { autoLaunch: false, autoSubmitToolbar: false, hide: { iOS: true, web: true }, appLinks: { oidc_client_link: true } },
            credentials: {
                userNameTemplate: { template: "${source.email}", type: "BUILT_IN" },
                oauthClient: { autoKeyRotation: true, ...a.oauthClient, pkce_required: a.oauthClient.token_endpoint_auth_method === "none" },
            },
            settings: { app: {}, ...a.settings },
            ...(a.profile ? { profile: a.profile } : {}),
            _links: {
                self: { href: `${baseUrl}${APPS_PATH}/${a.id}` },
                groups: { href: `${baseUrl}${APPS_PATH}/${a.id}/groups` },
                users: { href: `${baseUrl}${APPS_PATH}/${a.id}/users` },
                [a.status === "ACTIVE" ? "deactivate" : "activate"]: { href: `${baseUrl}${APPS_PATH}/${a.id}/lifecycle/${a.status === "ACTIVE" ? "deactivate" : "activate"}` },
            },
        };
    }
}

/** Why Okta would refuse this app body, naming the field; undefined when it is fine. */
function refusal(body: unknown) {
    const b = obj(body);
    if (b.signOnMode !== "OPENID_CONNECT") return invalid("signOnMode", [`signOnMode: the emulator models only OPENID_CONNECT apps (got ${JSON.stringify(b.signOnMode)})`]);
    if (typeof b.label !== "string" || b.label === "") return invalid("label", ["label: The field cannot be left blank"]);
    const oauth = obj(obj(b.settings).oauthClient);
    if (!Array.isArray(oauth.grant_types) || oauth.grant_types.length === 0) return invalid("settings.oauthClient.grant_types", ["grant_types: The field cannot be left blank"]);
    return undefined;
}

export function registerApps(server: EmulatorServer, state: AppState): void {
    const read = "okta.apps.read";
    const manage = "okta.apps.manage";
    const get = (ctx: Ctx) => state.apps.get(ctx.params.appId);

    server.addRoute({
        method: "POST",
        path: APPS_PATH,
        scope: manage,
        spec: MANAGEMENT_SPEC,
        handler: (ctx) => {
            const bad = refusal(ctx.body);
            if (bad) return bad;
            const b = obj(ctx.body);
            const asked = obj(obj(b.credentials).oauthClient);
            const method = String(asked.token_endpoint_auth_method ?? "client_secret_basic");
            // A secret the caller brings (as terraform-provider-okta's client_basic_secret does) is kept; else Okta makes one.
            const secret = typeof asked.client_secret === "string" && asked.client_secret !== "" ? asked.client_secret : newClientSecret();
            const id = oktaId("0oa");
            const now = new Date().toISOString();
            const app: StoredApp = {
                id,
                status: ctx.query.activate === "false" ? "INACTIVE" : "ACTIVE",
                created: now,
                lastUpdated: now,
                label: String(b.label),
                oauthClient: { client_id: id, token_endpoint_auth_method: method, ...(SECRET_METHODS.includes(method) ? { client_secret: secret } : {}) },
                settings: obj(b.settings),
                profile: isObj(b.profile) ? b.profile : undefined,
            };
            state.apps.set(id, app);
            return { status: 200, body: state.wire(app, ctx.baseUrl) };
        },
    });
    server.addRoute({
        method: "GET",
        path: `${APPS_PATH}/{appId}`,
        scope: read,
        handler: (ctx) => {
            const a = get(ctx);
            return a ? { status: 200, body: state.wire(a, ctx.baseUrl) } : notFound(ctx.params.appId, "Application");
        },
    });
    server.addRoute({
        method: "PUT",
        path: `${APPS_PATH}/{appId}`,
        scope: manage,
        spec: MANAGEMENT_SPEC,
        handler: (ctx) => {
            const a = get(ctx);
            if (!a) return notFound(ctx.params.appId, "Application");
            const bad = refusal(ctx.body);
            if (bad) return bad;
            const b = obj(ctx.body);
            // System-assigned fields (id, status, the client's id and secret) are kept, as the spec says.
            a.label = String(b.label);
            a.settings = obj(b.settings);
            a.profile = isObj(b.profile) ? b.profile : a.profile;
            a.lastUpdated = new Date().toISOString();
            return { status: 200, body: state.wire(a, ctx.baseUrl) };
        },
    });
    for (const [action, status] of [["activate", "ACTIVE"], ["deactivate", "INACTIVE"]] as const) {
        server.addRoute({
            method: "POST",
            path: `${APPS_PATH}/{appId}/lifecycle/${action}`,
            scope: manage,
            handler: (ctx) => {
                const a = get(ctx);
                if (!a) return notFound(ctx.params.appId, "Application");
                a.status = status;
                return { status: 200, body: {} };
            },
        });
    }
    server.addRoute({
        method: "DELETE",
        path: `${APPS_PATH}/{appId}`,
        scope: manage,
        handler: (ctx) => {
            const a = get(ctx);
            if (!a) return notFound(ctx.params.appId, "Application");
            if (a.status === "ACTIVE") return { status: 403, body: oktaError("E0000056", "Delete application forbidden.", ["The application must be deactivated before it can be deleted."]) };
            state.apps.delete(a.id);
            return { status: 204 };
        },
    });
}
