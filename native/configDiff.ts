// What a change of the provider's own configuration (the engine's DiffConfig) does to the resources it manages:
// it is an update of the provider in place, never a replacement.
//
// - A rotated credential (apiToken, privateKey, pamKeySecret...) must not touch any resource.
// - A provider pointed at another org (orgUrl, orgName/baseUrl) or Privileged Access team (pamUrl, pamTeam) must not
//   orphan what it made in the old one. Each resource keeps its org (`orgUrl`, ApiObject's `baseUrl`) and refuses
//   every operation through a provider configured for another (provider/okta/context.ts assertSameOrg), so the
//   preview fails, naming the resource and both orgs, before anything is sent.
// The engine's other answer, a replacement (as AWS's region does), replaces every resource of the provider: one
// provider serves two places, the org and the Privileged Access team, so changing the team would recreate every
// request type and hook key, and a new spelling of the same org (its custom domain) would delete and recreate them.
import type { ConfigDiffAnswer } from "./engineHooks";
import { ENGINE_KEYS, UNKNOWN } from "./config";
import { unwrap } from "./secrets";

type Props = Record<string, unknown>;

const text = (v: unknown) => JSON.stringify(unwrap(v) ?? null);

/** The decision for DiffConfig, from the provider's old and new inputs (secrets wrapped or not). */
export function diffProviderConfig(olds: Props, news: Props): ConfigDiffAnswer {
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)].filter((k) => !k.startsWith("__") && !ENGINE_KEYS.has(k)));
    const diffs = [...keys].filter((k) => unwrap(news[k]) === UNKNOWN || text(olds[k]) !== text(news[k])).sort();
    return { changes: diffs.length > 0, diffs, replaces: [] };
}
