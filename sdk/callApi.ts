// The "Custom API Action" card: an authenticated call to any Okta API, from a Pulumi program.
import * as pulumi from "@pulumi/pulumi";
import { ApiCallArgs, ApiCallResult, executeApiCall } from "../provider/apiCall";

const programConfig = { get: (k: string) => pulumi.runtime.getConfig(k) };

/**
 * Calls an Okta API with the stack's credentials. A non-2xx answer is returned (statusCode, headers, body),
 * not thrown, unless `throwOnError` is set. Bad input is refused before any request.
 */
export function callApi(args: ApiCallArgs): Promise<ApiCallResult> {
    return executeApiCall(args, programConfig);
}

type InputArgs = { [K in keyof ApiCallArgs]: pulumi.Input<ApiCallArgs[K]> };

/** callApi with Inputs; the result is an Output (marked secret if any argument was). */
export function callApiOutput(args: InputArgs): pulumi.Output<ApiCallResult> {
    return pulumi.output(args).apply((a) => callApi(a as ApiCallArgs));
}
