// The prose of docs/internals/fidelity.md that no run can measure: where the judges disagree and which one won, and
// which fields follow the "whatever Okta holds" rule. Kept beside the code that applies them.
import { HELD_WHEN_OMITTED } from "../../provider/requestTypeDiff";

export const DISAGREEMENTS: { topic: string; recordings: string; specsOrDocs: string; won: string }[] = [
    {
        topic: "Hook key `isUsed`",
        recordings: "a JSON boolean (every hook-key answer in 4 files)",
        specsOrDocs: "okta-api-notes: a boolean or the strings \"true\"/\"false\"; the emulator sent strings by default",
        won: "recordings: the emulator sends a boolean; the library still reads both (unit-tested)",
    },
    {
        topic: "Hook key JWK `alg` and `use`",
        recordings: '`"alg": "RSA"`, `"use": null`',
        specsOrDocs: 'the emulator sent `alg: "RS256"` and `use: "null"`; the notes allow "null" and "sig"',
        won: "recordings",
    },
    {
        topic: "Hook key id length",
        recordings: "`HKY` + 17 = 20 characters",
        specsOrDocs: "notes: 20 characters; the emulator made 19",
        won: "recordings (and notes)",
    },
    {
        topic: "Hook key GET with `?expand=publickey`",
        recordings: "the Terraform provider's GETs carry no `expand` and get no `_embedded`",
        specsOrDocs: "the spec documents `expand=publickey`",
        won: "both hold: the library sends `expand` and, when `_embedded` is missing anyway, keeps the key in state (replayed)",
    },
    {
        topic: "Device `_embedded.originatedFrom`",
        recordings: "every device GET carries `_embedded.originatedFrom` (the authenticator that registered it)",
        specsOrDocs: "not in the spec's Device schema; the spec says `_embedded` comes with `expand`",
        won: "recordings: the emulator adds it to every device",
    },
    {
        topic: "Activating an ACTIVE device",
        recordings: "204 (TestAccDeviceResource_basic #2)",
        specsOrDocs: "the spec only lists activating a CREATED or DEACTIVATED device; the emulator refused with 400",
        won: "recordings: a 204 no-op that leaves `lastUpdated` alone",
    },
    {
        topic: "Links of a DEACTIVATED device",
        recordings: "`activate` and `self` only",
        specsOrDocs: "the emulator also offered `users`",
        won: "recordings",
    },
    {
        topic: "Management API error causes",
        recordings: "`errorCauses` hold only `errorSummary`; errorIds are `oae` + 22 characters",
        specsOrDocs: "the governance spec's causes add `reason`, `locationType`, `location`, `domain`",
        won: "both, per API: Management errors as recorded, governance errors as their spec's examples (no governance error was recorded)",
    },
    {
        topic: "`E0000029` summary",
        recordings: "(none recorded)",
        specsOrDocs: 'the governance spec\'s examples end "Invalid paging request" with a period in two examples and without in three',
        won: "each example as printed, per case",
    },
    {
        topic: "Request type `description` left out at create",
        recordings: "(none recorded)",
        specsOrDocs: "the full and sparse schemas require it in answers, non-nullable, minLength 1",
        won: 'spec, as far as it can be followed: the emulator answers `""` (nothing says what Okta writes; the library treats `""`, null and absent alike)',
    },
    {
        topic: "Default approval descriptions",
        recordings: "(none recorded)",
        specsOrDocs: "two of the four wordings appear in Okta's examples; the library hard-coded all four",
        won: "neither: the library no longer sends or compares them (see the rule below); only the emulator still fills them in",
    },
    {
        topic: "Governance 429 summary",
        recordings: "(none recorded)",
        specsOrDocs: '"The API call exceeded the rate limit due to too many requests." (governance spec) vs the Management wording',
        won: "each API's own wording",
    },
];

export const HELD_FIELDS: { resource: string; field: string; how: string }[] = [
    ...HELD_WHEN_OMITTED.map((f) => ({ resource: "RequestType", field: `\`${f}\``, how: "left out: Okta's value is taken before comparing (adoption, diff); declared: compared, drift shows" })),
    { resource: "RequestType", field: "`status`", how: "not covered: it is the resource's own documented default (DRAFT), applied after adoption with one publish or un-publish" },
    { resource: "HookKey", field: "(none)", how: "`name` is required; everything else is output only" },
    { resource: "ApiObject", field: "every field of the object", how: "already the rule: only declared fields of `data` are compared (projectOnto); fields the server adds never diff" },
];
