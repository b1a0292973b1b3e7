// A sudo command bundle in Okta Privileged Access. There is no resource for it, so ApiObject manages it at
// `/sudo_command_bundles` (relative to https://{org}.pam.okta.com/v1/teams/{team}): create POSTs `data`, refresh
// GETs `/sudo_command_bundles/{id}`, a change PUTs the new `data`, destroy DELETEs it. Only the fields declared
// here are compared, so what Okta adds (id, created_at, created_by...) never shows as a change.
import * as pulumi from "@pulumi/pulumi";
import { ApiObject } from "pulumi-okta-dynamic";

export interface BundleSettings {
    /** Bundle names order the bundles of a team: letters, digits, `-`, `_` and `.` only. */
    name: string;
    description: string;
}

export function privilegedAccess(settings: BundleSettings = { name: "create_directories", description: "Lets engineers create directories" }) {
    const bundle = new ApiObject("create-directories", {
        api: "privileged-access",
        path: "/sudo_command_bundles",
        data: {
            name: settings.name,
            description: settings.description,
            structured_commands: [{ command_type: "executable", command: "/bin/mkdir", args_type: "any" }],
            no_passwd: true,
            no_exec: false,
            set_env: false,
        },
        // A new name is a new bundle for the security policies that reference it: replace rather than rename.
        replaceOnChanges: ["name"],
        // Bundle names are unique in a team: a create whose answer was lost is found by name, not made twice.
        uniqueKey: "name",
    });
    return {
        bundleId: bundle.objectId,
        // `object` is secret (the server's answer may echo secret fields of data); these fields are not.
        createdBy: pulumi.unsecret(bundle.object.apply((o) => String(o.created_by ?? ""))),
        // What sudoers will see, as Okta renders it ("/bin/mkdir *").
        renderedCommands: pulumi.unsecret(bundle.object.apply((o) =>
            Array.isArray(o.structured_commands) ? (o.structured_commands as { rendered_command?: string }[]).map((c) => c.rendered_command ?? "") : [],
        )),
    };
}
