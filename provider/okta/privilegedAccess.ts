// Okta Privileged Access service users: a key id and secret exchanged for a bearer token at
// `POST /v1/teams/{team}/service_token`, cached until shortly before `expires_at`, renewed once on a 401.
import { AuthStrategy, defaultWire, tokenRequest, WireSettings } from "./client";
import { OktaErrorCause, parseErrorBody } from "./errors";
import { renewAt } from "./renewal";
import { terminalSafe } from "./terminalSafe";
import { idSegment } from "./pathSafety";
import type { PamSettings } from "./credentials";

/** A refused service_token call: Okta's request id and `errors[{path, message}]` ride along; the key secret never does. */
export class PamTokenError extends Error {
    constructor(message: string, readonly status: number, readonly requestId: string | undefined, readonly errorCauses: OktaErrorCause[]) {
        super(message);
        this.name = "PamTokenError";
    }
}

export class PamServiceAuth implements AuthStrategy {
    private token?: { value: string; renewAt: number };
    private pending?: Promise<{ value: string; renewAt: number }>;
    tokenRequests = 0;
    private wire: WireSettings = defaultWire();

    constructor(private readonly s: PamSettings, private readonly now = () => Date.now()) {}

    /** Every Privileged Access path is relative to this. */
    get baseUrl(): string {
        return `${this.s.url}/v1/teams/${idSegment(this.s.team, "the Privileged Access team")}`;
    }

    async headers(): Promise<Record<string, string>> {
        if (!this.token || this.now() >= this.token.renewAt) {
            this.pending ??= this.mint().finally(() => (this.pending = undefined));
            this.token = await this.pending;
        }
        return { Authorization: `Bearer ${this.token.value}` };
    }

    useWire(wire: WireSettings): void {
        this.wire = wire;
    }

    async renew(refused?: Record<string, string>): Promise<boolean> {
        // A late 401 for a token already replaced (by another call's renewal) needs no new one.
        const sent = refused?.Authorization?.replace(/^Bearer\s+/i, "");
        if (sent === undefined || this.token?.value === sent) this.token = undefined;
        await this.headers();
        return true;
    }

    private async mint(): Promise<{ value: string; renewAt: number }> {
        // Privileged Access says when to retry a 429 with X-RateLimit-Retry-At; tokenRequest reads it.
        const res = await tokenRequest(
            this.wire,
            `${this.baseUrl}/service_token`,
            async () => ({
                headers: { "Content-Type": "application/json", Accept: "application/json" },
                body: JSON.stringify({ key_id: this.s.keyId, key_secret: this.s.keySecret }),
            }),
            () => this.tokenRequests++,
        );
        let body: Record<string, unknown> = {};
        try {
            body = (await res.json()) as Record<string, unknown>;
        } catch {
            /* handled below */
        }
        if (!res.ok || typeof body.bearer_token !== "string") {
            const msg = typeof body.message === "string" ? terminalSafe(body.message) : "no message";
            const requestId = res.headers.get("x-okta-request-id") ?? undefined;
            const causes = parseErrorBody(body).errorCauses;
            const tail = [
                causes.length ? `causes: ${causes.map((c) => (c.location ? `${c.location}: ${c.errorSummary}` : c.errorSummary)).join("; ")}` : "",
                requestId ? `X-Okta-Request-Id: ${requestId}` : "",
            ].filter(Boolean);
            throw new PamTokenError(
                `Okta Privileged Access refused the service user token for team ${this.s.team} (${res.status}: ${msg})${tail.map((t) => ` | ${t}`).join("")}`,
                res.status,
                requestId,
                causes,
            );
        }
        const at = Date.parse(String(body.expires_at ?? ""));
        const now = this.now();
        return { value: body.bearer_token, renewAt: renewAt(now, Number.isNaN(at) ? now + 3600_000 : at) };
    }
}
