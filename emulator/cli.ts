#!/usr/bin/env node
// okta-emulator: run the Okta emulator by hand or in CI, e.g. `okta-emulator -p 4010 -t my-token`.
// Bad flags and a busy port end with one line on stderr and exit code 2 or 1, never a stack trace.
import * as fs from "fs";
import * as path from "path";
import { Command, InvalidArgumentError, Option } from "commander";
import { startEmulator } from "./index";
import { specDir } from "./openapi";
import { parseAllowedHost } from "./admission";
import { SPEC_EXAMPLE_DEVICES } from "./devices";

export interface CliOptions {
    port: number;
    token?: string[];
    team?: string[];
    pamTeam: string;
    pamKey?: { keyId: string; keySecret: string }[];
    exampleDevices: boolean;
    openapiDir?: string;
    validate: boolean;
    allowHost?: string[];
}

function port(v: string): number {
    const n = Number(v);
    if (!/^\d+$/.test(v) || n > 65535) throw new InvalidArgumentError("expected a port number from 0 to 65535 (0: any free port)");
    return n;
}

function pamKey(v: string, prev: CliOptions["pamKey"] = []): NonNullable<CliOptions["pamKey"]> {
    const i = v.indexOf(":");
    if (i < 1 || i === v.length - 1) throw new InvalidArgumentError("expected <key id>:<key secret>");
    return [...prev, { keyId: v.slice(0, i), keySecret: v.slice(i + 1) }];
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

function allowHost(v: string, prev: string[] = []): string[] {
    const r = parseAllowedHost(v);
    if ("error" in r) throw new InvalidArgumentError(r.error);
    return [...prev, r.name];
}

export function cliProgram(): Command {
    return new Command()
        .name("okta-emulator")
        .description("An offline Okta on 127.0.0.1: Access Requests, hook keys, devices, the org authorization server and Privileged Access.")
        .addOption(new Option("-p, --port <port>", "port to listen on (0: any free port)").argParser(port).default(4010))
        .option("-t, --token <token>", "API token accepted as SSWS or Bearer (repeatable; default test-token, printed at start)", collect)
        .option("--team <name>", "an Access Requests team besides the default IT (repeatable)", collect)
        .option("--pam-team <team>", "the Privileged Access team", "my-team")
        .option("--pam-key <id:secret>", "a Privileged Access service user's key (repeatable)", pamKey)
        .option("--example-devices", "seed the devices from Okta's API reference examples", false)
        .option("--openapi-dir <dir>", "other copies of Okta's OpenAPI specs to validate request bodies against (default: OKTA_OPENAPI_DIR, else the ones the package ships)")
        .option("--no-validate", "do not validate request bodies against the specs")
        .option("--allow-host <name>", "also answer requests whose Host (or browser Origin) is this name; by default only localhost, 127.x.x.x and [::1] (repeatable)", allowHost)
        .addHelpText("after", "\nExample:\n  okta-emulator -p 4010 -t my-token\n  export OKTA_ORG_URL=http://127.0.0.1:4010 OKTA_API_TOKEN=my-token")
        .configureOutput({ outputError: (s, write) => write(s) });
}

/** What the emulator says at start: where it listens, how to point a stack at it, and what it validates against. */
export function startupLines(url: string, opts: CliOptions, specs: string): string[] {
    const token = opts.token?.[0] ?? "test-token";
    const lines = [`Okta emulator on ${url}`, `  export OKTA_ORG_URL=${url} OKTA_API_TOKEN=${token}`];
    const user = opts.pamKey?.[0];
    if (user) lines.push(`  export OKTA_PAM_URL=${url} OKTA_PAM_TEAM=${opts.pamTeam} OKTA_PAM_KEY_ID=${user.keyId} OKTA_PAM_KEY_SECRET=<the secret you gave>`);
    if (opts.allowHost?.length) lines.push(`  answers Host: localhost, 127.x.x.x, [::1], ${opts.allowHost.join(", ")}`);
    if (!opts.validate) lines.push("  request bodies: not validated (--no-validate)");
    else lines.push(`  request bodies: validated against Okta's OpenAPI specs in ${specs}`);
    return lines;
}

async function main(argv: string[]): Promise<void> {
    const program = cliProgram().exitOverride();
    try {
        program.parse(argv);
    } catch (e) {
        const code = (e as { exitCode?: number; code?: string }).exitCode ?? 2;
        // --help and --version exit 0; usage errors were already printed in one line.
        process.exit(code === 0 ? 0 : 2);
    }
    // Taken first: npm's shell may be gone by the time the emulator listens.
    const starter = process.env.npm_command ? npmStarter() : undefined;
    const opts = program.opts<CliOptions>();
    if (opts.openapiDir) {
        const dir = path.resolve(opts.openapiDir);
        if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) fail(`--openapi-dir: no such folder: ${opts.openapiDir}`, 2);
        process.env.OKTA_OPENAPI_DIR = dir;
    }
    let emu;
    try {
        emu = await startEmulator({
            port: opts.port,
            tokens: opts.token?.length ? opts.token : ["test-token"],
            teams: (opts.team ?? []).map((name) => ({ name })),
            pam: { team: opts.pamTeam, serviceUsers: opts.pamKey ?? [] },
            validateSpec: opts.validate,
            allowHosts: opts.allowHost,
        });
    } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === "EADDRINUSE") fail(`port ${opts.port} is already in use: pick another with --port, or --port 0 for any free port`, 1);
        if (err.code === "EACCES") fail(`not allowed to listen on port ${opts.port}: use a port above 1023`, 1);
        // A missing spec file says which and how to get it back (MissingDataFile).
        fail(err.message ?? String(e), 1);
    }
    if (opts.exampleDevices) for (const d of SPEC_EXAMPLE_DEVICES) emu.seedDevice(d);
    const running = emu;
    let stopping = false;
    const stop = () => {
        if (stopping) return;
        stopping = true;
        setTimeout(() => process.exit(0), 2000).unref(); // a stop that hangs still ends the process
        void running.stop().finally(() => process.exit(0));
    };
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, stop);
    if (starter) whenGone(starter, stop);
    // Last: whoever waits for these lines may kill us as soon as they arrive.
    for (const l of startupLines(emu.url, opts, specDir())) console.log(l);
}

/**
 * npx and `npm run` start a bin through `sh -c`. A SIGTERM sent to npm is passed to that shell alone, which dies
 * and leaves its child running; a SIGHUP ends npm and leaves the shell. Either way the emulator kept the port.
 * So when npm started it, it ends once its parent is gone, or, under npm's shell, once npm is gone. Started
 * directly (`okta-emulator &` in a CI step), it outlives the shell that started it, as any server does.
 */
function npmStarter(): { parent: number; npm?: number } {
    const parent = process.ppid;
    return { parent, npm: isShellCommand(parent) ? parentOf(parent) : undefined };
}

function whenGone(starter: { parent: number; npm?: number }, onGone: () => void): void {
    const gone = () => process.ppid !== starter.parent || (starter.npm !== undefined && parentOf(starter.parent) !== starter.npm);
    if (gone()) return onGone();
    setInterval(() => gone() && onGone(), 200).unref();
}

/** A process's parent, from /proc (Linux); undefined where there is none to read (gone, or no /proc). */
function parentOf(pid: number): number | undefined {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8"); // "pid (comm) state ppid ...", comm may hold ") "
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
        return undefined;
    }
}

/** Whether a process is a shell running `sh -c <command>`, as npm starts scripts and bins. */
function isShellCommand(pid: number): boolean {
    try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[1] === "-c";
    } catch {
        return false;
    }
}

function fail(message: string, code: number): never {
    console.error(`okta-emulator: ${message}`);
    process.exit(code);
}

if (require.main === module) void main(process.argv);
