// A plugin started as the engine starts it: its executable with the engine's address as the argument, timed from
// the spawn to the port on its stdout (the engine waits for that line before its first call), then killed with a
// signal, as the engine ends plugins.
import { spawn } from "child_process";

export interface PluginStart {
    /** Milliseconds from the spawn to the port printed. */
    ms: number;
    port: number;
    stderr: string;
}

export interface StartOptions {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    /** Kept running this long after the port (default 150 ms), or until `until()` holds: the first start writes its code cache then. */
    graceMs?: number;
    until?: () => boolean;
}

export function startPlugin(cmd: string, opts: StartOptions = {}): Promise<PluginStart> {
    return new Promise((resolve, reject) => {
        const start = process.hrtime.bigint();
        // Its own process group: the dynamic door's launcher is a shell that forks node, which must go too.
        const child = spawn(cmd, ["127.0.0.1:1"], { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
        const kill = () => {
            try {
                process.kill(-child.pid!, "SIGKILL");
            } catch {
                // already gone
            }
        };
        let out = "";
        let stderr = "";
        let started: { ms: number; port: number } | undefined;
        child.stdout.on("data", (d) => {
            out += d;
            const m = /^(\d+)\r?\n/.exec(out);
            if (started || !m) return;
            started = { ms: Number(process.hrtime.bigint() - start) / 1e6, port: Number(m[1]) };
            const deadline = Date.now() + (opts.until ? 10_000 : (opts.graceMs ?? 150));
            const wait = () => (Date.now() >= deadline || opts.until?.() ? kill() : setTimeout(wait, 20));
            wait();
        });
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", (e) => {
            kill();
            reject(e);
        });
        child.on("exit", (code) => {
            if (started) resolve({ ...started, stderr });
            else reject(new Error(`${cmd} exited (${code}) before printing a port: ${out}${stderr}`));
        });
    });
}
