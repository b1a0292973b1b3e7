// A credential that Okta hands back in an answer (an OpenID Connect app's generated client_secret) must never be
// printed or stored in clear: not in `pulumi preview --diff` (which CI posts as a pull-request comment), not in
// `up` or `refresh` output, not in the engine's events, not in `pulumi stack export` or the state file; the
// program can still use it. `secret: false` is the caller's explicit opt-out, and shows that the search finds a
// secret where there is one. The same cases on both doors: a custom call's answer exported, and an existing app
// imported (the dynamic door's `import` option; the native door's `pulumi import --out`, whose written code is
// searched too and previews with no changes). The scenarios are harness/answerSecrets.ts (also behind
// docs/internals/reliability.md) and harness/nativeAnswerSecrets.ts.
import * as assert from "assert";
import { AnswerSecretsResult, DEBUG_SURFACE, runAnswerSecrets } from "../harness/answerSecrets";
import { NativeAnswerSecretsResult, runNativeAnswerSecrets } from "../harness/nativeAnswerSecrets";

describe("credentials in Okta's answers stay secret, through the real engine (dynamic door)", function () {
    this.timeout(600_000);
    let r: AnswerSecretsResult;

    before(async () => {
        r = await runAnswerSecrets();
    });

    it("callApiOutput and ApiObject (made, brought, adopted by import): no client secret in preview --diff, up, refresh, engine events, stack export or state", () => {
        assert.ok(r.secretsHandedOut >= 7, `only ${r.secretsHandedOut} secrets handed out`);
        assert.ok(r.rows.length >= 10 && r.rows.every((x) => x.characters > 0), JSON.stringify(r.rows));
        assert.ok(r.diffShown, "the changed ApiObject's preview --diff did not show the change");
        const leaks = r.rows.filter((x) => x.secretsInClear > 0 && x.surface !== DEBUG_SURFACE);
        assert.deepStrictEqual(leaks, [], `client secrets in clear:\n${r.firstLeak}`);
    });

    it("the only debug diagnostics that carry one are Pulumi's own logs of the engine's answers, none of ours", () => {
        for (const source of r.debugLeakSources) assert.match(source, /^(RegisterResource|ReadResource|RegisterResourceOutputs) RPC finished$/);
    });

    it("every output made from an answer is secret, and the program can still use the value", () => {
        assert.deepStrictEqual(r.outputsSecret, { readApp: true, createdApp: true, managedApp: true, broughtData: true, adoptedApp: true, secretLength: true, basicAuth: true });
        assert.ok(r.usable, "apply and interpolate on the secret result gave the wrong value");
        assert.ok(r.managedObjectHasSecret, "ApiObject's object no longer holds the secret for the program");
        assert.ok(r.apiObjectsEncrypted, "an ApiObject's object is stored in plaintext");
    });

    it("secret: false is the caller's explicit opt-out: the answer is then plain in output and state", () => {
        assert.deepStrictEqual(r.optOut, { secret: false, valueMatches: true, inUpOutput: true, inState: true });
    });
});

describe("credentials in Okta's answers stay secret, through the real engine (native door, YAML)", function () {
    this.timeout(900_000);
    let r: NativeAnswerSecretsResult;

    before(async () => {
        r = await runNativeAnswerSecrets();
        console.log(`      (Pulumi CLI ${r.cliVersion})`);
    });

    it("callApi exported and pulumi import --out of an OIDC app: no client secret in the written code, any command's output, stack export or the backend", () => {
        assert.ok(r.secretsHandedOut >= 4, `only ${r.secretsHandedOut} secrets handed out`);
        assert.ok(r.rows.length >= 10 && r.rows.every((x) => x.characters > 0), JSON.stringify(r.rows));
        const leaks = r.rows.filter((x) => x.secretsInClear > 0);
        assert.deepStrictEqual(leaks, [], `client secrets in clear:\n${r.firstLeak}`);
    });

    it("the import is one import step; the written code is the app without its secret, and previews with no changes", () => {
        assert.ok(r.imported, "no import step, or a create");
        assert.match(r.generatedCode, /type: oktadynamic:(index:)?ApiObject/);
        assert.match(r.generatedCode, /token_endpoint_auth_method: client_secret_post/, r.generatedCode);
        assert.doesNotMatch(r.generatedCode, /client_secret:|secret\(/, "a secret in the written code");
        assert.strictEqual(r.cleanPreview, true);
    });

    it("the answer is [secret] in up and stack output and ciphertext in state, as the imported object is; the program still has the value", () => {
        assert.deepStrictEqual(r.shownAsSecret, { up: true, stackOutput: true });
        assert.deepStrictEqual(r.encrypted, { readApp: true, readHeaders: true, object: true });
        assert.ok(r.objectHasSecret, "the imported object no longer holds the app's secret");
    });

    it("secret: false is the caller's explicit opt-out, as on the dynamic door: the answer is then plain in output and state", () => {
        assert.deepStrictEqual(r.optOut, { inUpOutput: true, inState: true });
    });
});
