// Text from the org (names, Okta's error summaries) on its way to a terminal or a CI log. Pure.

/**
 * Control characters (NUL, ESC sequences that recolour, move the cursor or retitle the window), C1 controls, line
 * separators and bidirectional overrides are shown as `\uXXXX` escapes instead of acting.
 */
export function terminalSafe(s: string): string {
    return s.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
