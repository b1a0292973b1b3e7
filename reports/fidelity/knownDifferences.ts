// The differences between the emulator's answers and recorded real-Okta answers that are understood and kept,
// each with its reason. Anything else the comparison finds is a fidelity bug (the tests fail on it).
import { Interaction } from "./recordings";
import { ShapeDifference } from "./shape";

export interface KnownDifference {
    /** Which recordings and requests it concerns. */
    file: RegExp;
    request: RegExp;
    /** The difference's path (`$.id`, `status`...) and kind. */
    path: RegExp;
    kind: ShapeDifference["kind"];
    reason: string;
}

export const KNOWN_DIFFERENCES: KnownDifference[] = [
    {
        file: /TestAccDataSourceHookKey_read/,
        request: /^GET \/api\/v1\/hook-keys\//,
        path: /^\$\.id$/,
        kind: "id format",
        reason: "The recorder replaced this key's id with the placeholder `abcdefghij0123456789`; real ids (the other recordings) are `HKY` + 17 characters, as the emulator's are.",
    },
];

/** The reason for a difference, if it is a known one. */
export function explain(file: string, i: Interaction, d: ShapeDifference): string | undefined {
    const request = `${i.method} ${i.path}`;
    return KNOWN_DIFFERENCES.find((k) => k.file.test(file) && k.request.test(request) && k.path.test(d.path) && k.kind === d.kind)?.reason;
}
