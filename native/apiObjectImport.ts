// The id `pulumi import oktadynamic:index:ApiObject <name> <id>` takes: where the object lives, since the engine
// reads with the id alone. `/api/v1/groups/00g1` is object 00g1 of the Management API's collection /api/v1/groups;
// `privileged-access:/sudo_command_bundles/<id>` one of Privileged Access (paths relative to /v1/teams/{team}).
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { validateRelativeUrl } from "../provider/apiCall";
import { isObject } from "../provider/schema/validate";
import { withoutOktaSecrets } from "../provider/answerSecrets";

export const API_OBJECT_ID_FORM = "[privileged-access:]<collection path>/<object id>, e.g. /api/v1/groups/00g1abc";

export function apiObjectImportProps(importId: string): { id: string; props: Record<string, unknown> } {
    const pam = importId.startsWith("privileged-access:");
    const full = pam ? importId.slice("privileged-access:".length) : importId;
    const cut = full.lastIndexOf("/");
    const id = decodeURIComponent(full.slice(cut + 1));
    const path = full.slice(0, cut);
    const bad = validateRelativeUrl(path, "path");
    if (cut <= 0 || id === "" || bad.length) {
        throw new Error(`an ApiObject is imported by the id ${API_OBJECT_ID_FORM} (got "${importId}")${bad.length ? `: the path ${bad[0].reason}` : ""}`);
    }
    return { id, props: { api: pam ? "privileged-access" : "management", path } };
}

/** A value without its null fields, at any depth (array items stay, so positions keep their meaning). */
export function withoutNulls(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(withoutNulls);
    if (!isObject(v)) return v;
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]));
}

/**
 * The imported object's `data` (in state and as inputs) without the null fields the server answered: no Pulumi
 * language can declare a null input (the YAML host, for one, drops it), so the generated code would lack them and
 * its first preview would show an update. And without the credentials Okta generated or keeps (an app's
 * `client_secret`, key material: provider/answerSecrets.ts): `pulumi import` writes a secret input into the code as
 * `secret("<plaintext>")`, which gets committed. The whole answer, nulls and credentials included, stays in the
 * `object` output, which is always secret.
 */
export function importedApiObject(res: dynamic.ReadResult): dynamic.ReadResult {
    const strip = (p: Record<string, unknown> | undefined) => (p && "data" in p ? { ...p, data: withoutOktaSecrets(withoutNulls(p.data)) } : p);
    return { ...res, props: strip(res.props), inputs: strip(res.inputs) };
}
