#!/usr/bin/env node
// okta-emulator: run the Okta emulator by hand, e.g. `okta-emulator --port 4010 --token my-token`.
import { parseArgs } from "util";
import { startEmulator } from "./index";
import { SPEC_EXAMPLE_DEVICES } from "./devices";

const { values } = parseArgs({
    options: {
        port: { type: "string", default: "4010" },
        token: { type: "string", multiple: true },
        team: { type: "string", multiple: true },
        "pam-team": { type: "string", default: "my-team" },
        /** `<key id>:<key secret>` of a Privileged Access service user. */
        "pam-key": { type: "string", multiple: true },
        "example-devices": { type: "boolean", default: false },
    },
});

const serviceUsers = (values["pam-key"] ?? []).map((k) => {
    const i = k.indexOf(":");
    if (i < 1) throw new Error(`--pam-key: expected <key id>:<key secret>`);
    return { keyId: k.slice(0, i), keySecret: k.slice(i + 1) };
});

startEmulator({
    port: Number(values.port),
    tokens: values.token?.length ? values.token : ["test-token"],
    teams: (values.team ?? []).map((name) => ({ name })),
    pam: { team: values["pam-team"], serviceUsers },
}).then((emu) => {
    if (values["example-devices"]) for (const d of SPEC_EXAMPLE_DEVICES) emu.seedDevice(d);
    console.log(`Okta emulator on ${emu.url}`);
    console.log(`  export OKTA_ORG_URL=${emu.url} OKTA_API_TOKEN=${values.token?.[0] ?? "test-token"}`);
    if (serviceUsers.length) {
        console.log(`  export OKTA_PAM_URL=${emu.url} OKTA_PAM_TEAM=${values["pam-team"]} OKTA_PAM_KEY_ID=${serviceUsers[0].keyId} OKTA_PAM_KEY_SECRET=<the secret you gave>`);
    }
    const stop = () => emu.stop().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
});
