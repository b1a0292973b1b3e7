// `GET /api/v1/users/me`: the call Okta clients make first to check their credentials (the library's preview
// check, the official Terraform and Pulumi providers). An API token acts as its admin user; a service app's
// token has no user behind it.
import { notFound } from "./errors";
import { EmulatorServer } from "./server";

export const ADMIN_USER_ID = "00uemulatoradmin0001";

export function registerUsers(server: EmulatorServer): void {
    server.addRoute({
        method: "GET",
        path: "/api/v1/users/me",
        scope: "okta.users.read.self",
        handler: (ctx) => {
            if (ctx.scopes) return notFound("me", "User");
            const at = "2024-01-01T00:00:00.000Z";
            return {
                status: 200,
                body: {
                    id: ADMIN_USER_ID,
                    status: "ACTIVE",
                    created: at,
                    activated: at,
                    statusChanged: at,
                    lastLogin: at,
                    lastUpdated: at,
                    passwordChanged: at,
                    type: { id: "otyemulatordefault01" },
                    profile: { firstName: "Emulator", lastName: "Admin", email: "admin@example.com", login: "admin@example.com", mobilePhone: null },
                    credentials: { provider: { type: "OKTA", name: "OKTA" } },
                    _links: { self: { href: `${ctx.baseUrl}/api/v1/users/${ADMIN_USER_ID}` } },
                },
            };
        },
    });
}
