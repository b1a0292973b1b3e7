// The org's devices, read with the "Custom API Action" call inside a program and exported as stack outputs:
// `GET /api/v1/devices` with a SCIM `search`, every page followed (`allPages`), nothing managed.
import * as pulumi from "@pulumi/pulumi";
import { callApiOutput } from "pulumi-okta-dynamic";

/** The fields of Okta's Device object this program reads. */
interface Device {
    id: string;
    status: string;
    profile: { displayName: string; platform: string; serialNumber?: string };
    _embedded?: { users?: { user: { profile: { login: string } } }[] };
}

export function devices(platform: pulumi.Input<string> = "WINDOWS") {
    const active = callApiOutput({
        method: "GET",
        relativeUrl: "/api/v1/devices",
        query: pulumi.output(platform).apply((p) => ({ search: `status eq "ACTIVE" and profile.platform eq "${p}"`, expand: "userSummary", limit: 200 })),
        allPages: true,
        throwOnError: true, // fail the update on an Okta error instead of exporting it
    });
    const suspended = callApiOutput({
        method: "GET",
        relativeUrl: '/api/v1/devices?search=status%20eq%20%22SUSPENDED%22',
        allPages: true,
        throwOnError: true,
    });
    const list = active.apply((r) => r.body as Device[]);
    // callApiOutput's results are secret (an answer may carry a credential); these fields of a device are not.
    return {
        activeDeviceCount: pulumi.unsecret(list.apply((l) => l.length)),
        activeDevices: pulumi.unsecret(
            list.apply((l) =>
                l.map((d) => ({
                    id: d.id,
                    displayName: d.profile.displayName,
                    serialNumber: d.profile.serialNumber ?? null,
                    users: (d._embedded?.users ?? []).map((u) => u.user.profile.login),
                })),
            ),
        ),
        suspendedDeviceIds: pulumi.unsecret(suspended.apply((r) => (r.body as Device[]).map((d) => d.id))),
    };
}
