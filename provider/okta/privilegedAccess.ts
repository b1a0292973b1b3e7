// Okta Privileged Access service users: a key id and secret exchanged for a bearer token at
// `POST /v1/teams/{team}/service_token`, cached until shortly before `expires_at`, renewed once on a 401.
import fetch from "node-fetch";
import type { AuthStrategy } from "./client";
import { renewAt } from "./renewal";

export interface PamSettings {
    /** `https://myorg.pam.okta.com` (or the emulator), no trailing slash. */
    url: string;
    team: string;
    keyId: string;
    keySecret: string;
}

export class PamServiceAuth implements AuthStrategy {
    private token?: { value: string; renewAt: number };
    private pending?: Promise<{ value: string; renewAt: number }>;
    tokenRequests = 0;

    constructor(private readonly s: PamSettings, private readonly now = () => Date.now()) {}

    /** Every Privileged Access path is relative to this. */
    get baseUrl(): string {
        return `${this.s.url}/v1/teams/${encodeURIComponent(this.s.team)}`;
    }

    async headers(): Promise<Record<string, string>> {
        if (!this.token || this.now() >= this.token.renewAt) {
            this.pending ??= this.mint().finally(() => (this.pending = undefined));
            this.token = await this.pending;
        }
        return { Authorization: `Bearer ${this.token.value}` };
    }

    async renew(): Promise<boolean> {
        this.token = undefined;
        await this.headers();
        return true;
    }

    private async mint(): Promise<{ value: string; renewAt: number }> {
        this.tokenRequests++;
        const res = await fetch(`${this.baseUrl}/service_token`, {
            method: "POST",
            headers: { "Content-Type": "application/json", Accept: "application/json" },
            body: JSON.stringify({ key_id: this.s.keyId, key_secret: this.s.keySecret }),
            redirect: "manual",
        });
        let body: Record<string, unknown> = {};
        try {
            body = (await res.json()) as Record<string, unknown>;
        } catch {
            /* handled below */
        }
        if (!res.ok || typeof body.bearer_token !== "string") {
            const msg = typeof body.message === "string" ? body.message : "no message";
            throw new Error(`Okta Privileged Access refused the service user token for team ${this.s.team} (${res.status}: ${msg})`);
        }
        const at = Date.parse(String(body.expires_at ?? ""));
        const now = this.now();
        return { value: body.bearer_token, renewAt: renewAt(now, Number.isNaN(at) ? now + 3600_000 : at) };
    }
}
