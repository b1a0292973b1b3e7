// callApi as a function of the native plugin. The engine does not tell a function whether it runs in a preview
// (the dynamic door's SDK asks pulumi.runtime.isDryRun() in the program), so a call that is not a GET would be
// sent by every preview: it is refused unless `runInPreview: true` says that is wanted.
import { ApiCallArgs, ApiCallResult, executeApiCall, validateApiCall } from "../provider/apiCall";
import { Failure } from "../provider/schema/validate";

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
}

/**
 * Calls an Okta API with the provider's credentials. A non-2xx answer is returned (statusCode, headers, body), not
 * failed, unless `throwOnError` is set. Bad input is refused before any request; a method other than GET needs
 * `runInPreview: true`.
 */
export async function callApiInvoke(args: Record<string, unknown>): Promise<ApiCallResult> {
    const { runInPreview, ...call } = args;
    const failures = validateApiCall(call as Partial<ApiCallArgs>);
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
