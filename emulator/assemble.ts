// The emulator's parts with every route registered, before anything listens: what startEmulator serves, and
// what tools/packSpecs.ts asks which spec operations the routes validate.
import type { EmulatorOptions } from "./options";
import { AccessRequestsState, registerAccessRequests } from "./requestTypes";
import { HookKeyState, registerHookKeys } from "./hookKeys";
import { EmulatorServer } from "./server";
import { parseAllowedHost } from "./admission";
import { staticTokenAuthorizer } from "./tokens";
import { DeviceState, registerDevices } from "./devices";
import { pamAuthorizer, PamState, registerPrivilegedAccess } from "./privilegedAccess";
import { registerOrgAuthorizationServer } from "./oauth";
import { registerUsers } from "./users";
import { AppState, registerApps } from "./apps";

export function assembleEmulator(options: EmulatorOptions) {
    const allowHosts = (options.allowHosts ?? []).map((h, i) => {
        const r = parseAllowedHost(h);
        if ("error" in r) throw new Error(`allowHosts[${i}]: ${r.error}`);
        return r.name;
    });
    const server = new EmulatorServer({ maxConcurrent: options.maxConcurrent ?? 75, latencyMs: options.latencyMs ?? 0, validateSpec: options.validateSpec ?? true,
        maxBodyBytes: options.maxBodyBytes,
        maxLogEntries: options.maxLogEntries,
        logSecrets: options.logSecrets,
        allowHosts,
        maxBufferedBytes: options.maxBufferedBytes,
        clock: options.clock,
    });
    const ar = new AccessRequestsState(options.teams);
    ar.refuseNoOpStatusChange = options.refuseNoOpStatusChange ?? false;
    for (const [id, name] of Object.entries(options.resources ?? {})) ar.resourceNames.set(id, name);
    const hk = new HookKeyState();
    server.authorizers.push(staticTokenAuthorizer(new Set(options.tokens ?? ["test-token"])));
    // After the static tokens: it refuses every Bearer/DPoP token it did not issue.
    const oauth = registerOrgAuthorizationServer(server, { tokenTtlSeconds: options.tokenTtlSeconds, dpopNonceOnApi: options.dpopNonceOnApi });
    registerAccessRequests(server, ar);
    registerHookKeys(server, hk);
    registerUsers(server);
    const apps = new AppState();
    registerApps(server, apps);
    const dev = new DeviceState();
    registerDevices(server, dev);
    const pam = new PamState(options.pam);
    server.authorizers.push(pamAuthorizer(pam));
    registerPrivilegedAccess(server, pam);
    for (const [bucket, l] of Object.entries(options.rateLimits ?? {})) server.setRateLimit(bucket, l.limit, l.windowSeconds);
    return { server, ar, hk, dev, pam, oauth, apps };
}
