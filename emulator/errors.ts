// Okta's error body: {errorCode, errorSummary, errorLink, errorId, errorCauses}. The Management API's causes
// carry only errorSummary (recorded); the governance APIs' carry reason, locationType, location and domain too.
import type { OktaErrorBody } from "../provider/schema/requestType";
import { errorId } from "./ids";

export type ErrorCause = NonNullable<OktaErrorBody["errorCauses"]>[number];

export function oktaError(code: string, summary: string, causes: (string | ErrorCause)[] = []): OktaErrorBody {
    return {
        errorCode: code,
        errorSummary: summary,
        errorLink: code,
        errorId: errorId(),
        errorCauses: causes.map((c) => (typeof c === "string" ? { errorSummary: c } : c)),
    };
}

export const notFound = (id: string, kind: string) => ({ status: 404, body: oktaError("E0000007", `Not found: Resource not found: ${id} (${kind})`) });
export const invalid = (summary: string, causes: string[]) => ({ status: 400, body: oktaError("E0000001", `Api validation failed: ${summary}`, causes) });
