// Errors as the governance APIs word them (Okta's examples in the Access Requests spec): each cause names its
// reason, where it is (`body` or `query`, a JSON pointer) and the domain; the summary repeats the causes.
import { ErrorCause, oktaError } from "./errors";
import type { SpecViolation } from "./openapi";
import type { Reply } from "./route";

export type Reason =
    | "REQUIRED_PROPERTY_MISSING"
    | "INVALID_ARRAY_LENGTH_OVER_MAX"
    | "INVALID_ARRAY_LENGTH_UNDER_MIN"
    | "INVALID_STRING_LENGTH_OVER_MAX"
    | "INVALID_STRING_LENGTH_UNDER_MIN"
    | "INVALID_ENUM_VALUE"
    | "STRING_FORMAT_INVALID"
    | "INVALID_DATA_TYPE"
    | "IDENTIFIER_NOT_FOUND"
    | "EMPTY_PARAMETER"
    | "UNIQUE_CONSTRAINT"
    | "INVALID_VALUE";

export const cause = (errorSummary: string, reason: Reason, locationType: "body" | "query", location: string): ErrorCause => ({
    errorSummary,
    reason,
    locationType,
    location,
    domain: "governance",
});

/** 400 E0000001, summarised as Okta does: "Api validation failed: <location> <summary>, ...". */
export function governanceInvalid(causes: ErrorCause[]): Reply {
    // As in Okta's examples: a nested location leads its summary; a missing top-level property, "/" and a bare
    // name (`ownerId`, whose summary already says it) do not.
    const lead = (c: ErrorCause) => !!c.location && c.location.startsWith("/") && c.location !== "/" && !(c.reason === "REQUIRED_PROPERTY_MISSING" && /^\/[^/]+$/.test(c.location));
    const parts = causes.map((c) => (lead(c) ? `${c.location} ${c.errorSummary}` : c.errorSummary));
    return { status: 400, body: oktaError("E0000001", `Api validation failed: ${parts.join(", ")}`, causes) };
}

/** 400 E0000029, a paging parameter Okta refuses (its examples end the summary with a period, or not). */
export const invalidPaging = (summary: "Invalid paging request" | "Invalid paging request.", ...causes: ErrorCause[]): Reply => ({ status: 400, body: oktaError("E0000029", summary, causes) });

/** The reason Okta gives for a JSON-schema keyword that failed. */
export function reasonFor(keyword: string): Reason {
    const map: Record<string, Reason> = {
        required: "REQUIRED_PROPERTY_MISSING",
        maxItems: "INVALID_ARRAY_LENGTH_OVER_MAX",
        minItems: "INVALID_ARRAY_LENGTH_UNDER_MIN",
        maxLength: "INVALID_STRING_LENGTH_OVER_MAX",
        minLength: "INVALID_STRING_LENGTH_UNDER_MIN",
        enum: "INVALID_ENUM_VALUE",
        pattern: "STRING_FORMAT_INVALID",
        format: "STRING_FORMAT_INVALID",
        type: "INVALID_DATA_TYPE",
    };
    return map[keyword] ?? "INVALID_VALUE";
}

/** A body that fails the governance spec's schema, answered as Okta's examples show (ajv's wording per cause). */
export function governanceSchemaFailure(violations: SpecViolation[]): Reply {
    return governanceInvalid(
        violations.map((v) => {
            const allowed = v.keyword === "enum" && Array.isArray(v.params.allowedValues) ? `: ${v.params.allowedValues.join(", ")}` : "";
            return cause(`${v.message}${allowed}`, reasonFor(v.keyword), "body", v.location);
        }),
    );
}
