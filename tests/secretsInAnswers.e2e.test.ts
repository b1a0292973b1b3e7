// A credential that Okta hands back in an answer (an OpenID Connect app's generated client_secret) must never be
// printed or stored in clear: not in `pulumi preview --diff` (which CI posts as a pull-request comment), not in
// `up` or `refresh` output, not in the engine's events, not in `pulumi stack export` or the state file; the
// program can still use it. `secret: false` is the caller's explicit opt-out, and shows that the search finds a
// secret where there is one. The scenario is scripts/answerSecrets.ts (also behind docs/reliability.md).
import * as assert from "assert";
import { AnswerSecretsResult, DEBUG_SURFACE, runAnswerSecrets } from "../scripts/answerSecrets";

describe("credentials in Okta's answers stay secret, through the real engine", function () {
    this.timeout(600_000);
    let r: AnswerSecretsResult;

    before(async () => {
        r = await runAnswerSecrets();
    });

    it("callApiOutput and ApiObject: no client secret in preview --diff, up, refresh, engine events, stack export or state", () => {
        assert.ok(r.secretsHandedOut >= 6, `only ${r.secretsHandedOut} secrets handed out`);
        assert.ok(r.rows.length >= 10 && r.rows.every((x) => x.characters > 0), JSON.stringify(r.rows));
        assert.ok(r.diffShown, "the changed ApiObject's preview --diff did not show the change");
        const leaks = r.rows.filter((x) => x.secretsInClear > 0 && x.surface !== DEBUG_SURFACE);
        assert.deepStrictEqual(leaks, [], `client secrets in clear:\n${r.firstLeak}`);
    });

    it("the only debug diagnostics that carry one are Pulumi's own logs of the engine's answers, none of ours", () => {
        for (const source of r.debugLeakSources) assert.match(source, /^(RegisterResource|ReadResource|RegisterResourceOutputs) RPC finished$/);
    });

    it("every output made from an answer is secret, and the program can still use the value", () => {
        assert.deepStrictEqual(r.outputsSecret, { readApp: true, createdApp: true, managedApp: true, broughtData: true, secretLength: true, basicAuth: true });
        assert.ok(r.usable, "apply and interpolate on the secret result gave the wrong value");
        assert.ok(r.managedObjectHasSecret, "ApiObject's object no longer holds the secret for the program");
        assert.ok(r.apiObjectsEncrypted, "an ApiObject's object is stored in plaintext");
    });

    it("secret: false is the caller's explicit opt-out: the answer is then plain in output and state", () => {
        assert.deepStrictEqual(r.optOut, { secret: false, valueMatches: true, inUpOutput: true, inState: true });
    });
});
