// The "Custom API Action" card: an authenticated call to any Okta API, from a Pulumi program.
import * as pulumi from "@pulumi/pulumi";
import { ApiCallArgs, ApiCallError, ApiCallResult, executeApiCall, validateApiCall } from "../provider/apiCall";
import { inProgram } from "./client";
import { callApiAnswerIsSecret } from "../provider/answerSecrets";

const programConfig = { get: (k: string) => pulumi.runtime.getConfig(k) };

export interface CallApiArgs extends ApiCallArgs {
    /**
     * Send a call that is not a GET during `pulumi preview` too. By default it is sent only by `pulumi up`: a
     * preview, which CI runs on every change before review, must not change the org.
     */
    runInPreview?: boolean;
}

export interface CallApiResult extends ApiCallResult {
    /** Set when the call was not sent because this is a preview (see `runInPreview`); statusCode is then 0. */
    skippedInPreview?: true;
}

function heldForUp(a: CallApiArgs): boolean {
    if (a.method === "GET" || a.runInPreview || !pulumi.runtime.isDryRun()) return false;
    // Bad input is still refused in preview, naming the argument.
    const failures = validateApiCall(a);
    if (failures.length) throw new ApiCallError(failures);
    return true;
}

/**
 * Calls an Okta API with the stack's credentials. A non-2xx answer is returned (statusCode, headers, body),
 * not thrown, unless `throwOnError` is set. Bad input is refused before any request. In a preview, only GETs
 * are sent unless `runInPreview` is set; the others answer `{ statusCode: 0, skippedInPreview: true }`.
 *
 * The answer is a plain value, which Pulumi cannot tell from any other: an answer that may carry a credential
 * (an app's `client_secret`) is printed and stored in clear if exported or passed on as is. Wrap it in
 * `pulumi.secret(...)`, or use `callApiOutput`, whose result is secret by default.
 */
export function callApi(args: CallApiArgs): Promise<CallApiResult> {
    return inProgram(async () => {
        if (heldForUp(args)) return { statusCode: 0, headers: {}, body: undefined, skippedInPreview: true };
        const { runInPreview: _inPreview, ...call } = args;
        return executeApiCall(call, programConfig);
    });
}

type InputArgs = { [K in keyof CallApiArgs]: pulumi.Input<CallApiArgs[K]> };

export interface CallApiOutputArgs extends InputArgs {
    /**
     * The result is a secret unless this is `false`. Okta's answers can carry credentials (a created app's
     * `client_secret`, a generated key), and a value that is not secret is printed by `pulumi preview` and
     * `up` (which CI may post as a pull-request comment) and stored in clear in the stack's state. Opt out only
     * for answers that cannot hold one; `pulumi.unsecret` on a derived field is the narrower choice.
     */
    secret?: boolean;
}

/**
 * callApi with Inputs. The result is an Output, secret unless `secret: false` is given (and then still secret
 * if any argument was); it stays usable in `apply` and `pulumi.interpolate`, whose results are secret too. In
 * a preview, a call that is not a GET is not sent and its result is unknown, as a resource's outputs are
 * before it is created.
 */
export function callApiOutput(args: CallApiOutputArgs): pulumi.Output<CallApiResult> {
    const { secret, ...call } = args;
    // An Output of pulumi.unknown is how a value that only `up` will know is said from inside an apply.
    const unknown = () => pulumi.output(pulumi.unknown as unknown as CallApiResult);
    const result = pulumi.output(call).apply((a) => (heldForUp(a as CallApiArgs) ? unknown() : pulumi.output(callApi(a as CallApiArgs))));
    const typed = result as unknown as pulumi.Output<CallApiResult>;
    // A secret argument makes the Output secret by itself, whatever this says.
    return callApiAnswerIsSecret(secret, false) ? (pulumi.secret(typed) as unknown as pulumi.Output<CallApiResult>) : typed;
}
