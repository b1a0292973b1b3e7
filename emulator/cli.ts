#!/usr/bin/env node
// okta-emulator: run the Okta emulator by hand, e.g. `okta-emulator --port 4010 --token my-token`.
import { parseArgs } from "util";
import { startEmulator } from "./index";

const { values } = parseArgs({
    options: {
        port: { type: "string", default: "4010" },
        token: { type: "string", multiple: true },
        team: { type: "string", multiple: true },
    },
});

startEmulator({ port: Number(values.port), tokens: values.token?.length ? values.token : ["test-token"], teams: (values.team ?? []).map((name) => ({ name })) }).then((emu) => {
    console.log(`Okta emulator on ${emu.url}`);
    console.log(`  export OKTA_ORG_URL=${emu.url} OKTA_API_TOKEN=${values.token?.[0] ?? "test-token"}`);
    const stop = () => emu.stop().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
});
