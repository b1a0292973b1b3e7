// Creates are not idempotent, so they are never blindly repeated. When the outcome is unknown (the
// connection dropped after sending, a timeout, a 5xx), look the object up by its unique name: found means
// the create happened (adopt it, if it is what we asked for); not found means it did not, so sending it
// again cannot make a duplicate.
import { OktaApiError, OktaNetworkError, OktaResponseError } from "./okta/errors";
import { backoffMs, DEFAULT_RETRY } from "./okta/retry";
import { sleep } from "./okta/client";

/** The create may have happened: the request left, and no answer said it did not (a 2xx with a broken body says it did). */
export function outcomeUnknown(e: unknown): boolean {
    return (e instanceof OktaNetworkError && e.maybeApplied) || (e instanceof OktaApiError && e.status >= 500) || e instanceof OktaResponseError;
}

export interface CreateOnceResult<T> {
    value: T;
    /** True when a lost create was found by name instead of answered. */
    recovered: boolean;
}

/**
 * As persistent as an idempotent call (each repeat is proven safe by the lookup before it), and paced the same:
 * a create that met a reset, a lost answer and two 503s in a row failed after three attempts sent back to back.
 */
export async function createOnce<T>(
    create: () => Promise<T>,
    findByName: () => Promise<T | undefined>,
    attempts = DEFAULT_RETRY.maxRetries + 1,
    pause: (attempt: number) => Promise<void> = (i) => sleep(backoffMs(i, DEFAULT_RETRY)),
): Promise<CreateOnceResult<T>> {
    for (let i = 1; ; i++) {
        try {
            return { value: await create(), recovered: false };
        } catch (e) {
            if (!outcomeUnknown(e)) throw e;
            const found = await findByName();
            if (found !== undefined) return { value: found, recovered: true };
            if (i >= attempts) throw e;
            await pause(i - 1);
        }
    }
}
