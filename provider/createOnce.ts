// Creates are not idempotent, so they are never blindly repeated. When the outcome is unknown (the
// connection dropped after sending, a timeout, a 5xx), look the object up by its unique name: found means
// the create happened (adopt it, if it is what we asked for); not found means it did not, so sending it
// again cannot make a duplicate. When Okta answers that the name is taken, the object is looked up and handed
// back with the refusal: after an unknown outcome of this very create it is most likely ours (a create slower
// than the timeout that the lookup did not see yet), and the caller adopts it if it is what was declared;
// otherwise (another resource's, or one an interrupted run left behind) the caller names it for `{ import }`.
import { OktaApiError, OktaNetworkError, OktaResponseError, ResponseTooLargeError } from "./okta/errors";
import { backoffMs, DEFAULT_RETRY } from "./okta/retry";
import { sleep } from "./okta/client";

/** The create may have happened: the request left, and no answer said it did not (a 2xx with a broken body says it did). */
export function outcomeUnknown(e: unknown): boolean {
    return (
        (e instanceof OktaNetworkError && e.maybeApplied) ||
        (e instanceof OktaApiError && e.status >= 500) ||
        e instanceof OktaResponseError ||
        (e instanceof ResponseTooLargeError && (e.status < 300 || e.status >= 500))
    );
}

/** Okta (400 "... already exists") or Privileged Access (409 Conflict) refused a create because the unique value is taken. */
export function alreadyExists(e: unknown): boolean {
    if (!(e instanceof OktaApiError)) return false;
    if (e.status === 409) return true;
    const text = `${e.errorSummary ?? ""} ${e.errorCauses.map((c) => c.errorSummary).join(" ")}`;
    return e.status === 400 && /already exists|already in use|must be unique|is not unique|duplicate/i.test(text);
}

export interface CreateOnceResult<T> {
    value: T;
    /** True when the object was found instead of answered: a lost create, or a name already taken. */
    recovered: boolean;
    /** Set when Okta refused the create because the name was taken, and `value` is the object holding it. */
    taken?: {
        /** Okta's refusal, for the error if the object is not adopted. */
        error: unknown;
        /** An earlier attempt of this create may have reached Okta: the object is then likely ours. */
        afterUnknownOutcome: boolean;
    };
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
    let afterUnknownOutcome = false;
    for (let i = 1; ; i++) {
        try {
            return { value: await create(), recovered: false };
        } catch (e) {
            if (alreadyExists(e)) {
                const found = await findByName();
                if (found !== undefined) return { value: found, recovered: true, taken: { error: e, afterUnknownOutcome } };
                throw e;
            }
            if (!outcomeUnknown(e)) throw e;
            afterUnknownOutcome = true;
            const found = await findByName();
            if (found !== undefined) return { value: found, recovered: true };
            if (i >= attempts) throw e;
            await pause(i - 1);
        }
    }
}
