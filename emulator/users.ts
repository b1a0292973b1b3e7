// `GET /api/v1/users/me`: the user an API token acts as, shaped like the users real orgs return (recorded:
// third_party/okta-recordings, TestAccResourceOktaGroupOwners). Other Okta clients (the Terraform and Pulumi Okta
// providers) call it first to check their configuration. A service app's token has no user: Okta answers 404.
import { notFound } from "./errors";
import { ADMIN_USER } from "./requestTypes";
import { EmulatorServer } from "./server";

export const USERS_ME_PATH = "/api/v1/users/me";

export const ADMIN_PROFILE = { firstName: "Emulator", lastName: "Admin", mobilePhone: null, secondEmail: null, login: "admin@example.com", email: "admin@example.com" };

export function adminUser(baseUrl: string, since: string): Record<string, unknown> {
    const self = `${baseUrl}/api/v1/users/${ADMIN_USER}`;
    const post = (action: string) => ({ href: `${self}/lifecycle/${action}`, method: "POST" });
    return {
        id: ADMIN_USER,
        status: "ACTIVE",
        created: since,
        activated: since,
        statusChanged: since,
        lastLogin: since,
        lastUpdated: since,
        passwordChanged: since,
        realmId: "guo1emulatorRealm001",
        type: { id: "oty1emulatorDefault0" },
        profile: ADMIN_PROFILE,
        credentials: { password: {}, provider: { type: "OKTA", name: "OKTA" } },
        _links: {
            suspend: post("suspend"),
            schema: { href: `${baseUrl}/api/v1/meta/schemas/user/osc1emulatorDefault0` },
            resetPassword: post("reset_password"),
            expirePassword: post("expire_password"),
            forgotPassword: { href: `${self}/credentials/forgot_password`, method: "POST" },
            changeRecoveryQuestion: { href: `${self}/credentials/change_recovery_question`, method: "POST" },
            self: { href: self },
            resetFactors: post("reset_factors"),
            type: { href: `${baseUrl}/api/v1/meta/types/user/oty1emulatorDefault0` },
            changePassword: { href: `${self}/credentials/change_password`, method: "POST" },
            deactivate: post("deactivate"),
        },
    };
}

export function registerUsers(server: EmulatorServer): void {
    const since = new Date().toISOString();
    server.addRoute({
        method: "GET",
        path: USERS_ME_PATH,
        // ctx.scopes is set only for OAuth tokens: a service app acts as itself, not as a user.
        handler: (ctx) => (ctx.scopes ? notFound("me", "User") : { status: 200, body: adminUser(ctx.baseUrl, since) }),
    });
}
