// Okta's error body: {errorCode, errorSummary, errorLink, errorId, errorCauses: [{errorSummary}]}.
import { randomBytes } from "crypto";
import type { OktaErrorBody } from "../provider/schema/requestType";

export function oktaError(code: string, summary: string, causes: string[] = []): OktaErrorBody {
    return {
        errorCode: code,
        errorSummary: summary,
        errorLink: code,
        errorId: `oae${randomBytes(9).toString("base64url")}`,
        errorCauses: causes.map((c) => ({ errorSummary: c })),
    };
}

export const notFound = (id: string, kind: string) => ({ status: 404, body: oktaError("E0000007", `Not found: Resource not found: ${id} (${kind})`) });
export const invalid = (summary: string, causes: string[]) => ({ status: 400, body: oktaError("E0000001", `Api validation failed: ${summary}`, causes) });
