// callApi as a function of the native plugin. The engine does not tell a function whether it runs in a preview
// (the dynamic door's SDK asks pulumi.runtime.isDryRun() in the program), so a call that is not a GET would be
// sent by every preview: it is refused unless `runInPreview: true` says that is wanted.
import { ApiCallArgs, ApiCallResult, executeApiCall, validateApiCall } from "../provider/apiCall";
import { Failure } from "../provider/schema/validate";
import { CALL_API_OPT_OUT } from "../provider/answerSecrets";

export class InvokeFailures extends Error {
    constructor(readonly failures: Failure[]) {
        super(failures.map((f) => `${f.property} ${f.reason}`).join("; "));
    }
}

/** The arguments of the callApi function of the native plugin. */
export interface NativeCallApiArgs extends ApiCallArgs {
    /**
     * Must be true for any method but GET, and then the call is sent by `pulumi preview` too: on this provider a function
     * cannot tell a preview from an update.
     */
    runInPreview?: boolean;
    /**
     * The answer (statusCode, headers, body) is a secret unless this is `false`. Okta's answers can carry credentials
     * (an app's `client_secret`, a generated key), and a value that is not secret is printed by `pulumi preview` and
     * `up` (which CI may post as a pull-request comment) and stored in clear in the stack's state. Opt out only for
     * answers that cannot hold one; a secret argument still makes the answer secret.
     */
    secret?: boolean;
}

/**
 * Calls an Okta API with the provider's credentials. A non-2xx answer is returned (statusCode, headers, body), not
 * failed, unless `throwOnError` is set. Bad input is refused before any request; a method other than GET needs
 * `runInPreview: true`. The answer is a secret unless `secret: false`.
 */
export async function callApiInvoke(args: Record<string, unknown>): Promise<ApiCallResult> {
    // `secret` is the adapter's to apply (native/provider.ts): the answer is wrapped on its way out.
    const { runInPreview, [CALL_API_OPT_OUT]: secret, ...call } = args;
    const failures = validateApiCall(call as Partial<ApiCallArgs>);
    if (secret !== undefined && typeof secret !== "boolean") failures.push({ property: CALL_API_OPT_OUT, reason: `must be true or false (got ${JSON.stringify(secret)})` });
    if (!failures.length && call.method !== "GET" && runInPreview !== true) {
        failures.push({
            property: "runInPreview",
            reason:
                `must be true for a ${String(call.method)}: on this provider a function runs in \`pulumi preview\` too (the engine does not say which it is), ` +
                "so only GETs are sent unless runInPreview is set; to change an object on `up` only, manage it with ApiObject",
        });
    }
    if (failures.length) throw new InvokeFailures(failures);
    return executeApiCall(call as unknown as ApiCallArgs);
}
