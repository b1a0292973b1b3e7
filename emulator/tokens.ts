// Org API authentication: `SSWS <api token>` and `Bearer <access token>` for the tokens the emulator was
// started with (all scopes). OAuth-issued tokens are checked by the authorization server's authorizer.
import type { Authorizer } from "./route";

export function staticTokenAuthorizer(tokens: Set<string>): Authorizer {
    return (kind, req) => {
        if (kind !== "org") return undefined;
        const m = /^(SSWS|Bearer)\s+(.+)$/.exec(String(req.headers.authorization ?? ""));
        if (m && tokens.has(m[2])) return { ok: true, scheme: m[1] };
        return undefined;
    };
}
