// The error a promise must reject with, kept in `thrown` so a test can later search every error for secrets.
import * as assert from "assert";

export async function rejectionInto(thrown: Error[], pr: Promise<unknown>): Promise<Error> {
    const e = await pr.then(
        () => assert.fail("expected a rejection"),
        (x: unknown) => x as Error,
    );
    thrown.push(e);
    return e;
}
