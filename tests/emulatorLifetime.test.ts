// okta-emulator ends when it is killed, also when started through npx: npm runs a bin through `sh -c`, passes a
// SIGTERM to that shell alone and ends on a SIGHUP without passing it on, so the emulator used to keep its port.
// Started directly, it outlives the shell that started it (the CI example's `okta-emulator &` relies on that).
import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../harness/engine";

const CLI = path.join(REPO_ROOT, "dist", "emulator", "cli.js");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function listening(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const s = net.connect(port, "127.0.0.1");
        s.on("connect", () => {
            s.destroy();
            resolve(true);
        });
        s.on("error", () => resolve(false));
    });
}

/** Waits for the port to be free; the milliseconds it took, or undefined if it was still taken after `ms`. */
async function freedWithin(port: number, ms: number): Promise<number | undefined> {
    const t0 = Date.now();
    while (Date.now() - t0 < ms) {
        if (!(await listening(port))) return Date.now() - t0;
        await sleep(50);
    }
    return undefined;
}

/** The port from the emulator's first line, once it printed all of them (`proc` may be a shell that started it). */
function startedOn(proc: ChildProcess, exitIsFailure = true): Promise<number> {
    let out = "";
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start within 20 s: ${out}`)), 20_000);
        proc.stdout!.on("data", (d) => {
            out += d;
            const m = /Okta emulator on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
            if (m && out.includes("request bodies")) {
                clearTimeout(timer);
                resolve(Number(m[1]));
            }
        });
        proc.stderr!.on("data", (d) => (out += d));
        if (exitIsFailure) proc.on("exit", (code) => reject(new Error(`exited ${code} before it started: ${out}`)));
    });
}

/** Processes of ours whose command line holds `marker` (the unique token each run passes). */
function processesWith(marker: string): number[] {
    return fs
        .readdirSync("/proc")
        .filter((p) => /^\d+$/.test(p))
        .filter((p) => {
            try {
                return fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes(marker);
            } catch {
                return false;
            }
        })
        .map(Number);
}

describe("okta-emulator ends when it is killed", function () {
    this.timeout(60_000);
    let project: string;
    const markers: string[] = [];
    const marker = () => {
        markers.push(`lifetime-${process.pid}-${markers.length}-${Date.now()}`);
        return markers[markers.length - 1];
    };

    before(() => {
        // A project with the package installed as npm installs it: node_modules/<name>, and a bin linked to its file.
        project = fs.mkdtempSync(path.join(os.tmpdir(), "okta-emulator-npx-"));
        fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "npx-user", version: "1.0.0", private: true }));
        fs.mkdirSync(path.join(project, "node_modules", ".bin"), { recursive: true });
        fs.symlinkSync(REPO_ROOT, path.join(project, "node_modules", "pulumi-okta-dynamic"), "dir");
        fs.symlinkSync(path.join("..", "pulumi-okta-dynamic", "dist", "emulator", "cli.js"), path.join(project, "node_modules", ".bin", "okta-emulator"));
        fs.chmodSync(CLI, 0o755); // as npm does to a bin it links
    });

    afterEach(() => {
        // A failed run must not leave an emulator behind: end ours, found by the token only they were given.
        for (const pid of markers.flatMap(processesWith)) {
            try {
                process.kill(pid, "SIGKILL");
            } catch {
                /* already gone */
            }
        }
    });

    after(() => fs.rmSync(project, { recursive: true, force: true }));

    for (const signal of ["SIGTERM", "SIGHUP"] as const) {
        it(`${signal} to the npx process frees the port`, async () => {
            const npx = spawn("npx", ["--no-install", "okta-emulator", "-p", "0", "-t", marker()], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
            const port = await startedOn(npx);
            npx.kill(signal);
            const ms = await freedWithin(port, 3000);
            assert.ok(ms !== undefined, `port ${port} still taken 3 s after ${signal} to npx`);
            await sleep(300);
            assert.deepStrictEqual(processesWith(markers[markers.length - 1]), [], "a process of the run is left");
        });
    }

    // npm passes a SIGINT sent to npx alone to its `sh -c`, which (dash) waits for the emulator: nothing ends, npx
    // included, and nothing reaches the emulator. Ctrl-C sends it to the whole foreground process group, as here.
    it("SIGINT to npx's process group (Ctrl-C) frees the port", async () => {
        const npx = spawn("npx", ["--no-install", "okta-emulator", "-p", "0", "-t", marker()], { cwd: project, stdio: ["ignore", "pipe", "pipe"], detached: true });
        const port = await startedOn(npx);
        process.kill(-npx.pid!, "SIGINT");
        assert.ok((await freedWithin(port, 3000)) !== undefined, `port ${port} still taken 3 s after SIGINT`);
    });

    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
        it(`${signal} to the emulator itself ends it with exit code 0`, async () => {
            const proc = spawn(process.execPath, [CLI, "-p", "0", "-t", marker()], { stdio: ["ignore", "pipe", "pipe"] });
            const port = await startedOn(proc);
            const exited = new Promise<number | null>((r) => proc.on("exit", (code) => r(code)));
            proc.kill(signal);
            assert.strictEqual(await exited, 0);
            assert.strictEqual(await listening(port), false);
        });
    }

    it("started through npx in the background of a shell that then exits (the CI example's step), it keeps running", async () => {
        const m = marker();
        const sh = spawn("sh", ["-c", `npx --no-install okta-emulator -p 0 -t ${m} &`], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
        const port = await startedOn(sh, false); // npx holds the shell's stdout
        if (sh.exitCode === null) await new Promise((r) => sh.on("exit", r));
        await sleep(600);
        assert.strictEqual(await listening(port), true, "the emulator ended with the step's shell");
    });

    it("started directly (not by npm), it outlives the shell that started it in the background", async () => {
        const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("npm_")));
        const m = marker();
        const sh = spawn("sh", ["-c", `"${process.execPath}" "${CLI}" -p 0 -t ${m} &`], { env, stdio: ["ignore", "pipe", "pipe"] });
        const port = await startedOn(sh, false); // the emulator holds the shell's stdout
        if (sh.exitCode === null) await new Promise((r) => sh.on("exit", r));
        await sleep(600); // three of the checks it would make if it watched its parent
        assert.strictEqual(await listening(port), true, "the emulator ended with the shell that started it");
        assert.strictEqual(processesWith(m).length, 1);
    });
});
