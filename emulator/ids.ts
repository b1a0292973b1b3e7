// Okta's id formats, as real orgs send them (third_party/okta-recordings): object ids are a 3-character prefix
// and 17 alphanumerics (`HKYr9awje8zXYgZF41d7`, `00uvtzg30nZuVg8o01d7`), errorIds `oae` and 22 more (25 in all).
import { randomBytes } from "crypto";

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function alnum(n: number): string {
    let s = "";
    for (const b of randomBytes(n)) s += ALNUM[b % ALNUM.length];
    return s;
}

/** An object id: the prefix and alphanumerics up to 20 characters. */
export const oktaId = (prefix: string): string => prefix + alnum(20 - prefix.length);

/** An error id as in real error bodies: `oae` + 22 characters of base64url (25 in all). */
export const errorId = (): string => `oae${randomBytes(17).toString("base64url").slice(0, 22)}`;
