// `npm run reliability`: runs every injected fault against every operation, and every bad-input class
// through check(), and writes docs/internals/reliability.md.
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { runFaultMatrix, FaultResult } from "../harness/faultMatrix";
import { REPO_ROOT } from "../harness/engine";
import { requestTypeProvider } from "../provider/requestType";
import { hookKeyProvider } from "../provider/hookKey";
import { apiObjectProvider } from "../provider/apiObject";
import { validateApiCall } from "../provider/apiCall";
import { runHostileAttacks } from "../harness/hostileAttacks";
import { runEmulatorAbuse, runEmulatorFloods } from "../harness/emulatorAbuse";
import { runCrashRecovery } from "../harness/crashRecovery";
import { runConcurrentStacks } from "../harness/concurrentStacks";
import { answerSecretsMarkdown, runAnswerSecrets } from "../harness/answerSecrets";

const RUNS = 1000;

async function badInputs() {
    const rows: { class: string; tried: number; refused: number; threw: number; unnamed: number }[] = [];
    const run = async (name: string, gen: fc.Arbitrary<any>, check: (x: any) => Promise<{ property: string }[] | undefined>) => {
        const row = { class: name, tried: 0, refused: 0, threw: 0, unnamed: 0 };
        for (const x of fc.sample(gen, RUNS)) {
            row.tried++;
            try {
                const f = await check(x);
                if (f && f.length) {
                    row.refused++;
                    if (f.some((e) => !e.property)) row.unnamed++;
                }
            } catch {
                row.threw++;
            }
        }
        rows.push(row);
    };
    const anyObj = fc.dictionary(fc.string(), fc.anything(), { maxKeys: 8 });
    await run("request type: arbitrary objects", anyObj, async (x) => (await requestTypeProvider.check!({}, x)).failures);
    await run("hook key: arbitrary objects", anyObj, async (x) => (await hookKeyProvider.check!({}, x)).failures);
    await run("API object: arbitrary objects", anyObj, async (x) => (await apiObjectProvider.check!({}, x)).failures);
    await run("custom API call: arbitrary arguments", fc.record({ method: fc.oneof(fc.string(), fc.constantFrom("GET", "POST", "TRACE")), relativeUrl: fc.oneof(fc.string(), fc.constantFrom("//x", "/../a", "https://a")), headers: fc.dictionary(fc.string(), fc.string()) }), async (x) => validateApiCall(x));
    return rows;
}

function table(rows: any[], cols: string[]): string {
    return [`| ${cols.join(" | ")} |`, `| ${cols.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${cols.map((c) => String(r[c]).replace(/\|/g, "\\|").replace(/\n/g, " ")).join(" | ")} |`)].join("\n");
}

async function main() {
    for (const k of Object.keys(process.env)) if (k.startsWith("OKTA_")) delete process.env[k];
    const faults: FaultResult[] = await runFaultMatrix((r) => console.log(`${r.operation} / ${r.fault}: ${r.converged ? "converged" : "NOT converged"}`));
    const inputs = await badInputs();
    const attacks = await runHostileAttacks((r) => console.log(`${r.attack} / ${r.operation}: ${r.outcome.slice(0, 60)} (${r.seconds} s)`));
    const abuse = await runEmulatorAbuse((r) => console.log(`emulator: ${r.input}: ${r.answer}`));
    const floods = (await runEmulatorFloods((r) => console.log(`emulator flood: ${r.input}: ${JSON.stringify(r.answers)}`))).map((r) => ({ ...r, answers: Object.entries(r.answers).map(([k, v]) => `${v} x ${k}`).join(", "), growthMb: r.peakMb - r.idleMb }));
    const crashes = await runCrashRecovery([1, 5, 10, 15, 20], (r) => console.log(`crash after ${r.killAfterCreates} creates: ${JSON.stringify(r)}`));
    const concurrent = await runConcurrentStacks();
    console.log(`concurrent stacks: ${JSON.stringify(concurrent)}`);
    const answers = await runAnswerSecrets();
    const total = (k: keyof FaultResult) => faults.reduce((a, r) => a + Number(r[k]), 0);
    const doc = `# Reliability

Written by \`npm run reliability\` on ${new Date().toISOString()}. Each fault is injected by the emulator on the
route of one operation, once; the operation then runs as \`pulumi up\` would run it (the providers' code,
over real HTTP, client timeout 0.8 s). "reran" means the first run failed and a second, clean run was needed.
Converged: Okta holds exactly the declared object (by id and by name), a refresh reads back exactly the
declared inputs, and nothing else exists.

## Faults

${table(
        faults.map((r) => ({ ...r, firstRun: r.firstRun === "ok" ? "ok" : r.firstRun.slice(0, 120) })),
        ["operation", "fault", "firstRun", "reran", "converged", "duplicates", "orphans", "leaks", "calls"],
    )}

Totals over ${faults.length} cases: converged ${faults.filter((r) => r.converged).length}, duplicates ${total("duplicates")}, orphans ${total("orphans")}, leaked credentials ${total("leaks")}.

Faults through the real engine (\`tests/reliability.e2e.test.ts\`): an \`up\` of five request types and a hook
key through a lost create answer, a connection reset, two 503s and a 429 burst converges in one run; a
create Okta refuses fails with its code and request id, and the rerun converges; a destroy through a lost
delete answer converges.

## Bad input

${RUNS} generated inputs per class, through the same check() the engine calls. "threw" counts crashes
(an exception instead of a failure list); "unnamed" counts failures that do not name a property.

${table(inputs, ["class", "tried", "refused", "threw", "unnamed"])}

## Hostile servers

Each attack from a server on 127.0.0.1 that is not Okta, against each operation it can reach, with the default
bounds (longest wait 300 s, the default of terraform-provider-okta's \`max_wait_seconds\`, with one Okta window of 63 s
always waited out; 10,000 pages, 32 MiB per answer, 15 min per operation; docs/recovery.md, "Bounds"). "ok" means the
operation finished normally (an attack on a later call of a bucket cannot reach an operation that makes only one);
peak memory is the process's RSS above the case's start, sampled every 10 ms. Before the bounds, the first three
attacks stalled the next call of the bucket for an hour, spun at full CPU for ever, and waited 10 minutes; the
Date of 1970 hung; endless paging reached 82,293 pages in 60 s and never returned; a 600 MB answer was read six
times (1.38 GB peak).

${table(attacks, ["attack", "operation", "outcome", "seconds", "peakMb"])}

Tests: \`tests/hostileServer\` (waits, pages, sizes, deadline), \`tests/rateLimitWindow\` (Okta's own minute,
rounded and skewed, waited out on a virtual clock), \`tests/pathsAndIds\` (\`.\\t.\` paths, ids \`.\` and
\`..\`, the import command's ids and terminal output, header case and framing), \`tests/alreadyExists\`.

## Interrupted runs: SIGKILL and Pulumi's recovery

A 20-resource \`up\` (12 request types, 4 sudo command bundles as \`ApiObject\` with \`uniqueKey\`, 4 hook keys) through
the real engine against the emulator (150 ms latency per request, so several creates are in flight). The engine is
SIGKILLed once the emulator has received k creates (its plugin is killed 2 s later); then Pulumi's documented
recovery: \`pulumi cancel\` (on the file backend, it deletes the lock the killed engine left), \`stack export\`, the pending operations removed,
\`stack import\`, \`refresh\`. Then \`up\` until it converges, where each failing \`up\` names the objects it found
taken with their exact \`{ import: "<id>" }\`, which the script adds to those resources as a user would (a hand edit
each); then \`destroy\`. Objects whose create was in flight at the kill exist in Okta but not in state: no provider
can tell them from an identical object another stack made, so they are named, never silently adopted (an object
found taken after this very create's own unknown outcome is adopted: \`tests/alreadyExists\`).

${table(crashes, ["killAfterCreates", "madeBeforeKill", "pendingInState", "upsToConverge", "handEdits", "duplicates", "orphansAfterUp", "leftAfterDestroy", "seconds"])}

"upsToConverge" counts the \`up\`s after recovery, the converging one included (an \`up\` stops at its first failures,
so a later one can name more); "orphansAfterUp" counts objects in the org but not in state once converged;
"leftAfterDestroy" counts objects left in the org after \`destroy\` (the org was empty before).

### The native door

The engine, not our provider, handles the native door's imports and pending operations, so its recovery is the
CLI's. \`tests/nativeCrashRecovery.e2e\`: plain \`pulumi up\` of a YAML program (3 request types, 3 hook keys, the
installed plugin tarball), the emulator holding each endpoint's first create for 4 s, the engine SIGKILLed once two
creates have reached it. The engine had asked for all six (the plugin sends one create per endpoint until it knows
the rate limit), so the state holds 6 pending creates, and the two held creates complete in Okta after the kill.

- **The plugin dies with the engine.** It exits once its parent is gone (\`native/engineWatch.ts\`), about 0.1 s
  after the kill. Before, it lived on with no end and sent the four queued creates after the kill: six objects
  instead of two, made while the user was already recovering. (The YAML language host, Pulumi's, outlives the
  engine; it sends nothing to Okta.)
- **No automatic adoption.** The provider's adoption of a lost create (\`createOnce\`) holds within one create of
  one plugin process. The next run's plugin finds the name taken by an object it cannot show it made, so it
  refuses and names the object, on either door.

Recovery, as the CLI leads a user there (the same on CLI 3.248 and 3.276, file backend):

1. \`pulumi up\` fails: \`the stack is currently locked ... delete the lock file with pulumi cancel\`. Run
   \`pulumi cancel\`: it deletes the file backend's lock (and cancels a Pulumi Cloud update). If a command says
   \`failed to load checkpoint\` (the kill cut the file short), copy \`<stack>.json.bak\` over \`<stack>.json\` under
   the backend's \`.pulumi/stacks/<project>/\`.
2. \`pulumi refresh --clear-pending-creates\` (or answer "clear" for each create in an interactive \`pulumi refresh\`).
   \`--import-pending-creates <urn> <id>\` and the prompt's "import" are no help: on both CLIs the refresh drops the
   pending import without reading it (no GET reaches Okta), and the object ends up neither imported nor pending.
   It does no harm here, as step 3 finds the object.
3. \`pulumi up\` creates what never reached Okta. For each object that did, it fails with \`... already exists ...
   The object holding it has id <id> ... adopt it by adding { import: "<id>" } to the resource's options\`. Add
   that option to the resource (YAML \`options: { import: <id> }\`, Python
   \`opts=pulumi.ResourceOptions(import_="<id>")\`, Go \`pulumi.Import(pulumi.ID("<id>"))\`) and run \`up\` again: the
   engine imports the object with GETs only. An \`up\` stops at its first failures, so repeat until one passes, then
   remove the options.

| cli | pending | madeByLostCreates | postsAfterKill | pluginGoneMs | importedByRefresh | ups | handEdits | duplicates | orphans | leftAfterDestroy | seconds |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| v3.248.0 | 6 | 2 | 2 | 118 | 0 | 2 | 2 | 0 | 0 | 0 | 12 |
| v3.276.0 | 6 | 2 | 2 | 143 | 0 | 2 | 2 | 0 | 0 | 0 | 10 |

"postsAfterKill": the creates of the killed run that ever reached Okta (6 before the plugin exited with the
engine); "ups": the \`up\`s of step 3, the passing one included.

## The emulator under abuse

Raw requests to one emulator with its defaults (bodies up to 10 MiB, a log of the latest 10,000 requests, secrets
redacted). "stillServing": it answered a normal request afterwards. Before: \`GET //[/x\` made it exit, a 700 MB body
killed it, and the log grew without bound (58 MB after 20,000 requests) with key secrets and client assertions in
plaintext.

${table(abuse.rows, ["input", "answer", "stillServing", "peakMb", "seconds"])}

After ${abuse.log.requests} requests the log holds ${abuse.log.entries} entries, ${Math.round(abuse.log.jsonBytes / 1024)} KiB as JSON. Tests: \`tests/emulatorAbuse\`.

### Issue 20: who is asking, before the body is read

The emulator used to read a whole body before it looked at who sent it. Now it decides on the head alone, in
this order: the Host must be a loopback name (\`localhost\`, \`127.x.x.x\`, \`[::1]\`, any port) or one given to
\`--allow-host\` / \`allowHosts\` (a page that rebinds its own domain to 127.0.0.1 still sends its domain), and a
browser's Origin likewise (403 otherwise); then the route (404/405); the credentials (401/403); the media
type (JSON routes take \`application/json\` and \`application/*+json\`, the token endpoint a form: a \`text/plain\`
"simple request" is answered 400 E0000021, as Okta answers it); the declared length (413 over \`maxBodyBytes\`); and a budget of
body bytes held at once across every request in flight (\`maxBufferedBytes\`, 32 MiB: 503 with \`Retry-After: 1\`
beyond, which the library retries). A refused upload is never held: what still arrives is dropped for at most
2 s so the client reads the answer, then the connection closes. The log keeps a refused request's method, path
and status only, and an admitted body over 64 KiB as its size.

The \`okta-emulator\` command (defaults, a token given) in a child process, 40 POSTs of an 8 MiB JSON body at once
over real sockets; RSS read from \`/proc\` every 5 ms, idle after one create and one list:

${table(floods, ["input", "answers", "idleMb", "peakMb", "growthMb", "seconds", "afterwards"])}

"afterwards": the status of a normal GET after the flood. Before this change, the same run: without credentials
40 x 401, each after its 8 MiB was read, RSS 121 -> 639 MB (+518; the log kept every body); a foreign Host with
the token, 40 x 400 (read, parsed and validated: a rebinding page is served); with the token, 40 x 400, +448 MB.
Goals, checked by \`tests/emulatorAbuse\` (each failed on the old code): without credentials RSS within 50 MB of idle;
a foreign Host answered 4xx; 40 authenticated 8 MiB bodies at once never hold more than the 32 MiB budget
(measured in process); it answers normally afterwards. With the token, RSS grows by about three times what was
admitted (bytes, text, parsed value) plus what V8 has not yet collected: it varies with how many are admitted one
after another as earlier ones finish, never with how many arrive.

## Many stacks, one org

${concurrent.stacks} \`up\`s at once (three engines, three plugins, three limiters), ${concurrent.perStack} request types each,
against one emulator org whose create limit (${concurrent.limit}) they share.

| failed ups | request types created | duplicates | 429 answers | seconds | rate-limit floor (s) | ratio |
| --- | --- | --- | --- | --- | --- | --- |
| ${concurrent.failedUps} | ${concurrent.created} | ${concurrent.duplicates} | ${concurrent.responses429} | ${concurrent.seconds} | ${concurrent.floorSeconds} | ${concurrent.ratio} |

The floor is the creates alone at the limit from the first window on; each limiter learns only its own share from
the headers, so the others' creates show as 429s, which are waited out (goal: 0 failures, at most 1.3x the floor).

## Secrets

Checked by tests, each of which greps for the token it configured: the stored state (\`tests/engine.e2e\`,
\`tests/reliability.e2e\`), the serialized provider (\`tests/serialization\`), the engine's and plugin's
output at \`--debug\` and at \`-v=9\` with the token in the environment, every error message (the fault matrix
above, \`tests/requestTypeProvider\`, \`tests/client\`). Redirects are not followed (\`tests/client\`), and an
error never echoes a response body. Plain http is refused except for loopback.

Refused credentials, each answered by the emulator as Okta does and each tested for how the library reacts
(\`tests/oauth\`, \`tests/privilegedAccess\`, \`tests/client\`): a wrong API token (401 E0000004: surfaced, not
renewed), an expired or revoked OAuth token (401 E0000011: renewed exactly once, then surfaced), a token without
the route's scope (403 E0000006: surfaced, not renewed), a client assertion signed by an unregistered key, a
replayed or mis-bound DPoP proof, an ungranted scope at the token endpoint, and a wrong Privileged Access key
secret (one refused call, no retry storm). No private key, client assertion, access token or key secret appears
in any of those errors.

Stack config is not the library's to keep out of state: credentials set with \`pulumi config set --secret\` are stored
by Pulumi, encrypted, as the inputs of the default \`pulumi-nodejs\` provider in state (as for any provider), shown by
\`pulumi stack export --show-secrets\`, and printed decrypted by the engine's own logs at \`-v=7\` and above. Keep
credentials in the environment (\`OKTA_API_TOKEN\`, ...) and out of stack config to keep them out of state and logs.
The emulator's request log redacts key secrets, client assertions and passwords (\`tests/emulatorAbuse\`).

## The CI example: least privilege (issue 20)

\`examples/ci\` used to preview each pull request with the write token that \`update\` uses. A preview runs the pull
request's own program, so a program calling \`callApi({ method: "DELETE", ..., runInPreview: true })\` deleted a
request type, and anyone who could open a pull request from a branch could print the token. Now
(\`examples/ci/README.md\` has the setup step by step):

- The preview job runs in the GitHub environment \`okta-preview\` with an API service app (private-key JWT) granted
  only read scopes, taken from each operation's \`security\` in Okta's specs: request types and teams
  \`okta.governance.accessRequests.read\` (create, delete, publish, un-publish need \`.manage\`); hook keys
  \`okta.inlineHooks.read\` (create, replace, delete need \`.manage\`); devices \`okta.devices.read\` (delete and the
  lifecycle calls need \`.manage\`). Of the 453 write operations (POST, PUT, PATCH, DELETE) with OAuth scopes in the
  four specs, 3 accept a \`.read\` scope (a test email, a directory group query, a policy simulation), none under
  those three. So with it a preview can read and send \`callApi\` GETs; a \`runInPreview\` write is refused (403).
  Its access check is the token request itself (\`provider/verifyAccess.ts\`); an API token's check,
  \`GET /api/v1/users/me\` (\`okta.users.read\`), fails only on 401. The governance spec lists only
  \`ACCESS_REQUESTS_ADMIN\` in \`x-okta-iam-admin-roles\` for the request-type and team calls, not \`READ_ONLY_ADMIN\`,
  so a Read-Only Administrator's API token is not offered: the specs do not confirm it can preview. The Privileged
  Access spec has a bearer token and no scopes; the preview gets no Privileged Access credentials.
- The write credential is an environment secret of \`okta-production\` only (required reviewers, deployment branch
  \`main\`), named by the \`update\` job only, which runs only for a push to \`main\`. Never a repository secret (every
  job can read those) nor stack config (which outranks the environment, so a preview would use it).
- \`pull_request\`, not \`pull_request_target\`; fork pull requests get no secrets, so their preview is skipped.
- Every action is pinned to a full commit SHA with its release in a comment, each read from a snapshot of the
  action's repository as the commit its tag points at: \`actions/checkout\` v6.1.0
  \`d23441a48e516b6c34aea4fa41551a30e30af803\`, \`actions/setup-node\` v6.5.0
  \`249970729cb0ef3589644e2896645e5dc5ba9c38\`, \`pulumi/actions\` v6.6.1 \`8582a9e8cc630786854029b4e09281acd6794b58\`.
  Every checkout sets \`persist-credentials: false\`. Top-level \`permissions: {}\`; each job asks for its own.
- \`infra/\` has a lockfile (233 packages, \`@pulumi/pulumi\` 3.248.0) against a vendored tarball,
  \`file:vendor/pulumi-okta-dynamic-0.1.0.tgz\`, recorded without an integrity hash so a rebuilt tarball of the same
  version installs. Before, \`npm ci\` failed in every job for want of a lockfile.

Checked by \`tests/ciExample.e2e\`: actionlint passes on the workflow as pinned and with each pin read as the major
its comment names (actionlint checks inputs only for \`owner/repo@vN\`); a least-privilege check finds 15 faults in the
old workflow (9 tag pins, 3 checkouts keeping their token, the preview outside \`okta-preview\`, the preview naming
\`OKTA_API_TOKEN\` and \`PULUMI_ACCESS_TOKEN\`, top-level \`contents: read\`) and none now, and catches each of 7
reintroduced faults (a tag pin, a kept token, the write token in the preview, the preview in \`okta-production\`,
\`update\` on any branch, \`log-verbosity\`, \`pull_request_target\`); \`infra/\` copied out of the tree fails \`npm ci\`
without the tarball and installs with it, type-checks, and runs the emulator job (its installed \`okta-emulator\`,
then up, preview with no changes, destroy) through the engine.

Never turn on Pulumi's verbose logging (\`-v=9\`, \`--logtostderr\`, \`pulumi/actions\`' \`log-verbosity\` or \`debug\`) in a
CI job that holds credentials: those logs print resource inputs, secrets included, in plaintext (see Secrets
above: stack-config credentials appear decrypted from \`-v=7\`), and a run log is readable by everyone who can read
the repository. The least-privilege check refuses them in the example's workflow.

${answerSecretsMarkdown(answers, `Node ${process.versions.node}, @pulumi/pulumi and its CLI ${require("@pulumi/pulumi/package.json").version}`)}`;
    fs.mkdirSync(path.join(REPO_ROOT, "docs", "internals"), { recursive: true });
    fs.writeFileSync(path.join(REPO_ROOT, "docs", "internals", "reliability.md"), doc);
    console.log(`wrote docs/internals/reliability.md: ${faults.filter((r) => r.converged).length}/${faults.length} converged; duplicates ${total("duplicates")}, orphans ${total("orphans")}, leaks ${total("leaks")}`);
    console.table(inputs);
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
