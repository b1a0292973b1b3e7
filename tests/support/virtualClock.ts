// A clock that tests move instead of waiting, so Okta's one-minute rate-limit window passes in milliseconds with
// the limiter, the client's sleeps and the emulator on one time. Time moves on only when every operation started
// with run() is asleep (none is sending or reading an answer), to the earliest wake-up: as a discrete-event
// simulation does, and as real time would look to requests that take no time at all.

export class VirtualClock {
    private t: number;
    private running = 0;
    private readonly sleepers: { wake: number; resolve: () => void }[] = [];
    /** What each sleep asked for, in order. */
    readonly slept: number[] = [];

    constructor(readonly start = Date.now()) {
        this.t = start;
    }

    readonly now = (): number => this.t;

    readonly sleep = (ms: number): Promise<void> =>
        new Promise<void>((resolve) => {
            this.slept.push(ms);
            this.sleepers.push({ wake: this.t + Math.max(0, ms), resolve });
            this.advanceIfIdle();
        });

    /** Runs one operation under the clock; a sleep outside any run() moves time on at once. */
    async run<T>(op: () => Promise<T>): Promise<T> {
        this.running++;
        try {
            return await op();
        } finally {
            this.running--;
            this.advanceIfIdle();
        }
    }

    /** Virtual milliseconds since the start. */
    elapsed(): number {
        return this.t - this.start;
    }

    private advanceIfIdle(): void {
        if (this.sleepers.length === 0 || this.sleepers.length < this.running) return;
        this.t = Math.max(this.t, Math.min(...this.sleepers.map((s) => s.wake)));
        for (const s of this.sleepers.filter((s) => s.wake <= this.t)) {
            this.sleepers.splice(this.sleepers.indexOf(s), 1);
            s.resolve();
        }
    }
}
