// Errors whose message is the whole story (Okta's answer, a refused credential, a bad setting, a missing team)
// are shown to the user as that message alone. Two parts of Pulumi would add a stack trace of our internals:
// the engine's dynamic-provider plugin prints `${e}: ${e.stack}` for an error thrown from check, diff, read or
// delete (the engine shows those lines under the stack, beside the error it already shows under the resource),
// and the program runner reports an error that is not a pulumi.RunError as "Unhandled exception" with its stack
// (sdk/client.ts marks the program's). The JavaScript engine's own errors (TypeError, ...) are bugs: they keep it.
import type { dynamic } from "@pulumi/pulumi";

const BUGS = [TypeError, ReferenceError, SyntaxError, RangeError, EvalError, URIError];

/** Whether an error is one we (or Okta) worded for the user, rather than a bug whose stack helps. */
export function saysItAll(e: unknown): e is Error {
    return e instanceof Error && !BUGS.some((bug) => e instanceof bug);
}

/** The lines the plugin is about to print for errors of ours it was handed, each dropped once when printed. */
const echoes = new Set<string>();

/** Whether this process is the engine's dynamic-provider plugin (`@pulumi/pulumi/cmd/dynamic-provider`). */
const IN_PLUGIN = /[\\/]cmd[\\/]dynamic-provider([\\/]index\.js)?$/.test(require.main?.filename ?? "");

function dropEchoes(): void {
    const print = console.error;
    console.error = (...args: unknown[]) => {
        if (args.length === 1 && typeof args[0] === "string" && echoes.delete(args[0])) return;
        print.apply(console, args);
    };
}
if (IN_PLUGIN) dropEchoes();

/**
 * The provider, with the plugin's echo of its errors' stacks dropped: the error itself still fails the operation,
 * and the engine shows its message under the resource. Outside the plugin the provider is returned as it is.
 */
export function withoutStackEcho<P extends dynamic.ResourceProvider>(provider: P): P {
    if (!IN_PLUGIN) return provider;
    const wrapped = { ...provider } as Record<string, unknown>;
    for (const method of ["check", "diff", "read", "delete"] as const) {
        const fn = provider[method] as ((...args: unknown[]) => Promise<unknown>) | undefined;
        if (!fn) continue;
        wrapped[method] = async (...args: unknown[]) => {
            try {
                return await fn.apply(provider, args);
            } catch (e) {
                if (saysItAll(e)) {
                    if (echoes.size >= 100) echoes.clear(); // never printed (another SDK version): do not grow
                    echoes.add(`${e}: ${e.stack}`);
                }
                throw e;
            }
        };
    }
    return wrapped as P;
}
