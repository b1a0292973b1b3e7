// One operation's total time: a call with its retries and waits, or a listing with all its pages. Every wait
// asks it first, so an operation fails at its deadline naming what it was waiting for, instead of hanging.
import { BoundError } from "./bounds";

export class Deadline {
    private readonly endsAt: number;

    constructor(readonly totalMs: number, readonly what: string, private readonly now: () => number = Date.now) {
        this.endsAt = now() + totalMs;
    }

    remainingMs(): number {
        return this.endsAt - this.now();
    }

    /** Throws unless `ms` more of waiting (for `waitingFor`) still ends before the deadline. */
    allow(ms: number, waitingFor: string): void {
        if (ms > this.remainingMs()) throw this.error(waitingFor);
    }

    error(waitingFor: string): BoundError {
        return new BoundError(`${this.what} did not finish within ${Math.round(this.totalMs / 1000)} s: it was waiting for ${waitingFor}`, "deadlineMs");
    }
}
