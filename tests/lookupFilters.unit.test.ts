// getRequestTypes' filter values go into a filter expression (`status eq "..." AND lastUpdated gt "..."`): each
// must have the shape Okta takes, so none can close the string literal and add a clause. Pure.
import * as assert from "assert";
import { validateGetRequestTypesArgs } from "../provider/lookups";

describe("getRequestTypes' filter values: the shape Okta takes, or a failure naming the property", () => {
    it("takes the statuses of Okta's schema and RFC 3339 date-times (Z or an offset, with or without a fraction)", () => {
        for (const status of ["DRAFT", "ACTIVE", "DISABLED"] as const) assert.deepStrictEqual(validateGetRequestTypesArgs({ status }), []);
        for (const t of ["2024-05-01T00:00:00Z", "2024-05-01T08:30:00.123Z", "2024-05-01T08:30:00+02:00", "2024-05-01T08:30:00.123456789-05:30"]) {
            assert.deepStrictEqual(validateGetRequestTypesArgs({ lastUpdatedAfter: t }), [], t);
        }
        assert.deepStrictEqual(validateGetRequestTypesArgs({}), []);
    });

    it("refuses anything else, naming the property and the rule", () => {
        for (const status of ["active", 'ACTIVE" or status eq "DRAFT', "", 1]) {
            const f = validateGetRequestTypesArgs({ status: status as never });
            assert.deepStrictEqual(f.map((x) => x.property), ["status"], String(status));
            assert.match(f[0].reason, /^must be one of DRAFT, ACTIVE, DISABLED \(got .+\)$/);
        }
        for (const t of ["2024-05-01", "2024-05-01 00:00:00Z", "2024-13-01T00:00:00Z", "2024-05-01T00:00:00Z\" or name sw \"", "yesterday", "2024-05-01T00:00:00", 0]) {
            const f = validateGetRequestTypesArgs({ lastUpdatedAfter: t as never });
            assert.deepStrictEqual(f.map((x) => x.property), ["lastUpdatedAfter"], String(t));
            assert.match(f[0].reason, /^must be an ISO 8601 date-time like 2024-05-01T00:00:00Z/);
        }
    });
});
