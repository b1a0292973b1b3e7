// The engine starts the plugin as its child (the launcher `exec`s node), and stops it when a run ends. An engine
// killed outright (SIGKILL, the OOM killer, a CI runner's hard stop) stops nothing, and `@pulumi/pulumi/provider`'s
// gRPC server never notices: the plugin lived on with no end, and finished the creates the dead engine had asked
// for, each one an object Okta holds that no state can record, sent while the user was already recovering the stack
// (tests/nativeCrashRecovery.e2e.test.ts). So the plugin leaves as soon as its parent is gone.

/**
 * Exits (status 1) once the process's parent changes from `parent`, checked every `everyMs`: an orphan is adopted
 * by init or a subreaper. The timer does not keep the process alive.
 */
export function exitWithEngine(parent = process.ppid, everyMs = 250, exit: () => void = () => process.exit(1), ppid = () => process.ppid): NodeJS.Timeout {
    const timer = setInterval(() => {
        if (ppid() === parent) return;
        clearInterval(timer);
        exit();
    }, everyMs);
    timer.unref();
    return timer;
}
