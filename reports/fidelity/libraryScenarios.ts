// The library against real Okta answers: each recording, and the library operations that should cause its
// interactions (same method, path and JSON body, the same number of times), with what the outputs must be.
// Shared by tests/replayLibrary.test.ts and the fidelity report, so both judge the same thing.
import { executeApiCall } from "../../provider/apiCall";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { jwkToPem } from "../../provider/okta/jwk";
import { setStackConfig } from "../../provider/okta/settings";
import { Interaction, loadRecording, Recording } from "./recordings";
import { ReplayServer } from "./replayServer";
import { deepEqualJson } from "./shape";

type Props = Record<string, any>;
type Provider = dynamic.ResourceProvider;

export const REPLAY_TOKEN = "replay-token";

/** What an operation may read and leave for the next one of its scenario. */
export interface ScenarioState {
    server: ReplayServer;
    recording: Recording;
    /** Outputs of earlier operations, by name. */
    outs: Props;
    config: { get(k: string): string | undefined };
}

export interface Operation {
    name: string;
    /** The recorded interactions it should cause, in order. */
    interactions: number[];
    /** An answer the recordings lack, made from recorded data (say which). */
    derived?: (r: Recording) => { interaction: Interaction; from: string };
    /** Runs the library; returns what is wrong with its outputs (empty: right). */
    run(s: ScenarioState): Promise<string[]>;
}

export interface Scenario {
    file: string;
    what: string;
    operations: Operation[];
}

/**
 * A provider as a new plugin process loads it: the engine runs each operation (up, refresh, destroy) in a
 * process of its own, so nothing an earlier one remembered (adoptions of this run) carries over.
 */
function freshProvider(module: "hookKey" | "apiObject"): Provider {
    const id = require.resolve(`../../provider/${module}`);
    delete require.cache[id];
    const m = require(id);
    return module === "hookKey" ? m.hookKeyProvider : m.apiObjectProvider;
}

const expectEq = (problems: string[], what: string, actual: unknown, expected: unknown) => {
    if (!deepEqualJson(actual, expected)) problems.push(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
};

const answer = (r: Recording, i: number) => r.interactions[i].responseBody as Props;
const request = (r: Recording, i: number) => r.interactions[i];

// ---- hook keys ---------------------------------------------------------------------------------------------

/** The checks every hook-key output must pass: isUsed a boolean, the JWK as Okta sent it, its PEM. */
function hookKeyOutputProblems(outs: Props, recorded: Props, jwkSource: Props): string[] {
    const p: string[] = [];
    expectEq(p, "name", outs.name, recorded.name);
    expectEq(p, "keyId", outs.keyId, recorded.keyId);
    if (typeof outs.isUsed !== "boolean") p.push(`isUsed: expected a boolean, got ${JSON.stringify(outs.isUsed)}`);
    else expectEq(p, "isUsed", outs.isUsed, recorded.isUsed === true || recorded.isUsed === "true");
    const e = jwkSource._embedded ?? {};
    expectEq(p, "publicKey", outs.publicKey, { kty: e.kty, alg: e.alg, e: e.e, n: e.n, kid: e.kid, use: e.use });
    if (outs.publicKey?.alg !== "RSA") p.push(`publicKey.alg: expected "RSA" as Okta sends it, got ${JSON.stringify(outs.publicKey?.alg)}`);
    if (outs.publicKey?.use !== null) p.push(`publicKey.use: expected null, got ${JSON.stringify(outs.publicKey?.use)}`);
    if (typeof e.n === "string") expectEq(p, "publicKeyPem", outs.publicKeyPem, jwkToPem({ kty: e.kty, e: e.e, n: e.n }));
    return p;
}

function hookKeyCrud(file: string): Scenario {
    return {
        file,
        what: "HookKey provider: create, refresh, adopt, rename, refresh, delete",
        operations: [
            {
                name: "create",
                interactions: [0],
                async run(s) {
                    const p = freshProvider("hookKey");
                    const c = await p.check!({}, { name: (request(s.recording, 0).body as Props).name });
                    const r = await p.create(c.inputs);
                    s.outs.created = { id: r.id, ...r.outs };
                    const problems = hookKeyOutputProblems(r.outs, answer(s.recording, 0), answer(s.recording, 0));
                    expectEq(problems, "id", r.id, answer(s.recording, 0).id);
                    return problems;
                },
            },
            {
                name: "refresh (plain GET without _embedded: the key in state is kept)",
                interactions: [1],
                async run(s) {
                    const { id, ...outs } = s.outs.created;
                    const r = await freshProvider("hookKey").read!(id, outs);
                    const problems = hookKeyOutputProblems(r.props!, answer(s.recording, 1), answer(s.recording, 0));
                    expectEq(problems, "inputs after refresh", r.inputs, { name: answer(s.recording, 1).name });
                    expectEq(problems, "outputs after refresh", r.props, outs);
                    return problems;
                },
            },
            {
                name: "adopt with { import } (check's GET is the only read of the key)",
                interactions: [2, -1],
                derived: (r) => ({
                    interaction: {
                        id: -1,
                        method: "GET",
                        path: `/api/v1/hook-keys/public/${answer(r, 0).keyId}`,
                        query: {},
                        body: undefined,
                        status: 200,
                        responseHeaders: { "content-type": "application/json" },
                        responseBody: answer(r, 0)._embedded,
                    },
                    from: "the public-key endpoint is in no recording: its answer is #0's `_embedded` (the same key)",
                }),
                async run(s) {
                    const p = freshProvider("hookKey");
                    const id = answer(s.recording, 0).id;
                    const c = await p.check!({}, { name: answer(s.recording, 2).name, importId: id });
                    if (c.failures?.length) return c.failures.map((f) => `check: ${f.property} ${f.reason}`);
                    const r = await p.create(c.inputs);
                    const problems = hookKeyOutputProblems(r.outs, answer(s.recording, 2), answer(s.recording, 0));
                    expectEq(problems, "id", r.id, id);
                    expectEq(problems, "importId", r.outs.importId, id);
                    return problems;
                },
            },
            {
                name: "rename (PUT in place)",
                interactions: [3],
                async run(s) {
                    const { id, ...olds } = s.outs.created;
                    const p = freshProvider("hookKey");
                    const newName = (request(s.recording, 3).body as Props).name;
                    const d = await p.diff!(id, olds, { name: newName });
                    const problems: string[] = [];
                    expectEq(problems, "diff", [d.changes, d.replaces], [true, []]);
                    const u = await p.update!(id, olds, { name: newName });
                    problems.push(...hookKeyOutputProblems(u.outs!, answer(s.recording, 3), answer(s.recording, 3)));
                    expectEq(problems, "lastUpdated", u.outs!.lastUpdated, answer(s.recording, 3).lastUpdated);
                    s.outs.renamed = { id, ...u.outs };
                    return problems;
                },
            },
            {
                name: "refresh after the rename",
                interactions: [4],
                async run(s) {
                    const { id, ...outs } = s.outs.renamed;
                    const r = await freshProvider("hookKey").read!(id, outs);
                    const problems = hookKeyOutputProblems(r.props!, answer(s.recording, 4), answer(s.recording, 3));
                    expectEq(problems, "outputs after refresh", r.props, outs);
                    return problems;
                },
            },
            {
                name: "delete",
                interactions: [5],
                async run(s) {
                    const { id, ...outs } = s.outs.renamed;
                    await freshProvider("hookKey").delete!(id, outs);
                    return [];
                },
            },
        ],
    };
}

/** Adoption under another name: the rename's answer carries `_embedded`, so no public-key call is needed. */
function hookKeyAdoptRenamed(file: string): Scenario {
    return {
        file,
        what: "HookKey provider: adopt with { import } under a new name",
        operations: [
            {
                name: "adopt and rename: one GET, one PUT, the key from the PUT's _embedded",
                interactions: [2, 3],
                async run(s) {
                    const p = freshProvider("hookKey");
                    const id = answer(s.recording, 0).id;
                    const newName = (request(s.recording, 3).body as Props).name;
                    const c = await p.check!({}, { name: newName, importId: id });
                    if (c.failures?.length) return c.failures.map((f) => `check: ${f.property} ${f.reason}`);
                    const r = await p.create(c.inputs);
                    const problems = hookKeyOutputProblems(r.outs, answer(s.recording, 3), answer(s.recording, 3));
                    expectEq(problems, "id", r.id, id);
                    return problems;
                },
            },
        ],
    };
}

function hookKeyRead(file: string): Scenario {
    return {
        file,
        what: "HookKey provider: refresh of a key whose state holds its public key",
        operations: [
            {
                name: "refresh (plain GET without _embedded)",
                interactions: [0],
                async run(s) {
                    const o = answer(s.recording, 0);
                    // The key in state: the one recorded at create elsewhere (this recording has no key material).
                    const e = answer(loadRecording("idaas/TestAccResourceHookKey_crud/oie-00.yaml"), 0)._embedded;
                    const kept = { kty: e.kty, alg: e.alg, e: e.e, n: e.n, kid: o.keyId, use: e.use };
                    const stateOuts = { name: o.name, keyId: o.keyId, isUsed: false, created: o.created, lastUpdated: o.lastUpdated, publicKey: kept, publicKeyPem: jwkToPem(kept), orgUrl: s.server.url };
                    const r = await freshProvider("hookKey").read!(o.id, stateOuts);
                    const problems: string[] = [];
                    expectEq(problems, "outputs after refresh (the key in state kept)", r.props, stateOuts);
                    if (typeof r.props?.isUsed !== "boolean") problems.push("isUsed is not a boolean");
                    return problems;
                },
            },
        ],
    };
}

// ---- devices: callApi ---------------------------------------------------------------------------------------

function callOp(name: string, i: number, opts: { throwOnError?: boolean; expectError?: RegExp } = {}): Operation {
    return {
        name,
        interactions: [i],
        async run(s) {
            const rec = request(s.recording, i);
            const problems: string[] = [];
            try {
                const res = await executeApiCall(
                    { method: rec.method as "GET", relativeUrl: rec.path, ...(rec.body !== undefined ? { body: rec.body } : {}), throwOnError: opts.throwOnError },
                    s.config,
                );
                if (opts.expectError) problems.push(`expected an error matching ${opts.expectError}, got ${res.statusCode}`);
                expectEq(problems, "statusCode", res.statusCode, rec.status);
                expectEq(problems, "body", res.body ?? null, rec.responseBody ?? null);
            } catch (e) {
                if (!opts.expectError || !opts.expectError.test((e as Error).message)) problems.push(`threw: ${(e as Error).message}`);
            }
            return problems;
        },
    };
}

// ---- governance objects: ApiObject ----------------------------------------------------------------------------

function apiObjectScenario(file: string, what: string, o: { path: string; create: number; read: number[]; patch?: number; readAfter?: number; del: number }): Scenario {
    const ops: Operation[] = [
        {
            name: "create (POST)",
            interactions: [o.create],
            async run(s) {
                const p = freshProvider("apiObject");
                const data = request(s.recording, o.create).body as Props;
                const c = await p.check!({}, { path: o.path, data, updateMethod: o.patch !== undefined ? "PATCH" : undefined });
                if (c.failures?.length) return c.failures.map((f) => `check: ${f.property} ${f.reason}`);
                const r = await p.create(c.inputs);
                s.outs.obj = { id: r.id, ...r.outs };
                const problems: string[] = [];
                expectEq(problems, "id", r.id, answer(s.recording, o.create).id);
                expectEq(problems, "object", r.outs.object, answer(s.recording, o.create));
                return problems;
            },
        },
        ...o.read.map((i) => apiObjectRefresh("refresh (GET): fields Okta adds are no drift", i, true)),
    ];
    if (o.patch !== undefined) {
        const patch = o.patch;
        ops.push({
            name: "update (PATCH)",
            interactions: [patch],
            async run(s) {
                const { id, ...olds } = s.outs.obj;
                const p = freshProvider("apiObject");
                const news = (await p.check!(olds, { path: o.path, data: request(s.recording, patch).body, updateMethod: "PATCH" })).inputs;
                const d = await p.diff!(id, olds, news);
                const problems: string[] = [];
                expectEq(problems, "diff", [d.changes, d.replaces], [true, []]);
                const u = await p.update!(id, olds, news);
                expectEq(problems, "object", u.outs!.object, answer(s.recording, patch));
                s.outs.obj = { id, ...u.outs };
                return problems;
            },
        });
    }
    if (o.readAfter !== undefined) ops.push(apiObjectRefresh("refresh after the update: no drift", o.readAfter, false));
    ops.push({
        name: "delete",
        interactions: [o.del],
        async run(s) {
            const { id, ...outs } = s.outs.obj;
            await freshProvider("apiObject").delete!(id, outs);
            return [];
        },
    });
    return { file, what, operations: ops };
}

/** An ApiObject refresh answered by recorded interaction `i`: declared data shows no drift; `checkObject` also compares the object kept. */
function apiObjectRefresh(name: string, i: number, checkObject: boolean): Operation {
    return {
        name,
        interactions: [i],
        async run(s) {
            const { id, ...outs } = s.outs.obj;
            const r = await freshProvider("apiObject").read!(id, outs);
            const problems: string[] = [];
            expectEq(problems, "data after refresh", r.inputs?.data, outs.data);
            if (checkObject) expectEq(problems, "object", r.props?.object, answer(s.recording, i));
            return problems;
        },
    };
}

const CONDITIONS = "/governance/api/v2/resources/0oaoum6j3cElINe1z1d7/request-conditions";

export const SCENARIOS: Scenario[] = [
    hookKeyCrud("idaas/TestAccResourceHookKey_crud/oie-00.yaml"),
    hookKeyCrud("idaas/TestAccResourceHookKey_crud/classic-00.yaml"),
    hookKeyAdoptRenamed("idaas/TestAccResourceHookKey_crud/oie-00.yaml"),
    hookKeyRead("idaas/TestAccDataSourceHookKey_read/oie-00.yaml"),
    hookKeyRead("idaas/TestAccDataSourceHookKey_read/classic-00.yaml"),
    {
        file: "idaas/TestAccDeviceResource_basic/oie-00.yaml",
        what: "callApi on a device: get, activate, deactivate, get, delete",
        operations: [callOp("get", 0), callOp("activate (204, no body)", 2), callOp("deactivate", 6), callOp("get: DEACTIVATED", 7), callOp("delete", 9)],
    },
    { file: "idaas/TestAccDataSourceOktaDevice_read/oie-00.yaml", what: "callApi: get a device", operations: [callOp("get", 0)] },
    apiObjectScenario("governance/TestAccRequestConditionResource_basic/oie-00.yaml", "ApiObject on an Access Requests V2 request condition (PATCH updates)", {
        path: CONDITIONS,
        create: 0,
        read: [1],
        patch: 3,
        readAfter: 4,
        del: 5,
    }),
    apiObjectScenario("governance/TestAccEntitlementBundleResource_basic/oie-00.yaml", "ApiObject on an entitlement bundle (governance V1)", {
        path: "/governance/api/v1/entitlement-bundles",
        create: 0,
        read: [1],
        del: 2,
    }),
    apiObjectScenario("governance/TestAccDataSourceOktaEntitlementBundle_read/oie-00.yaml", "ApiObject on an entitlement bundle, read back as Okta expands it", {
        path: "/governance/api/v1/entitlement-bundles",
        create: 0,
        read: [1],
        del: 6,
    }),
    {
        file: "governance/TestAccRequestSettingResource_basic/oie-00.yaml",
        what: "callApi on a resource's request settings (V2): GET, PATCH",
        operations: [callOp("get", 0), callOp("PATCH", 2), callOp("get", 3), callOp("PATCH back", 5)],
    },
    {
        file: "idaas/TestAccResourceOktaUser_invalidCustomProfileAttribute/oie-00.yaml",
        what: "callApi meets a 400 E0000001 (errorCauses with only errorSummary)",
        operations: [
            callOp("returned as an answer", 0),
            { ...callOp("thrown with throwOnError, naming the cause", 0, { throwOnError: true, expectError: /E0000001: Api validation failed: newUser.*Property name 'notValid' is not defined in profile/ }) },
        ],
    },
    {
        file: "idaas/TestAccResourceOktaGroupOwners_alreadyAssignedOwner400/oie-00.yaml",
        what: "callApi meets a duplicate assignment (400) and a 404 with empty errorCauses",
        operations: [
            callOp("assign an owner", 7),
            callOp("assign the same owner again: returned as an answer", 9),
            callOp("list owners", 10),
            callOp("remove an owner", 18),
            callOp("remove it again: 404 E0000007", 19, { throwOnError: true, expectError: /404 to DELETE .*E0000007: Not found: Resource not found: 00uvtzh2lxuzsNmBI1d7 \(LinkedObject\)/ }),
        ],
    },
];

export interface OperationResult {
    file: string;
    operation: string;
    expected: string[];
    sent: string[];
    /** What differs: requests not recorded or not sent, and wrong outputs. */
    problems: string[];
    /** Differences that are not failures: a query string the recording did not carry. */
    notes: string[];
    derived?: string;
}

const describeInteraction = (i: Interaction) => `${i.method} ${i.path}${i.body !== undefined ? ` ${JSON.stringify(i.body).slice(0, 60)}` : ""}`;

/** Runs one operation against the replay server; the recording is already loaded into the state. */
export async function runOperation(s: ScenarioState, op: Operation): Promise<OperationResult> {
    const derived = op.derived?.(s.recording);
    const expected = op.interactions.map((i) => (i === -1 ? derived!.interaction : s.recording.interactions[i]));
    s.server.expect(expected);
    let problems: string[];
    try {
        problems = await op.run(s);
    } catch (e) {
        problems = [`threw: ${(e as Error).message}`];
    }
    const sent = s.server.sent.map((r) => `${r.method} ${r.path}${r.answeredBy === undefined ? " (no recorded answer)" : ` -> #${r.answeredBy}`}`);
    for (const r of s.server.sent) if (r.answeredBy === undefined) problems.push(`sent ${r.method} ${r.path} ${JSON.stringify(r.body) ?? ""}: not the recorded request`);
    for (const i of s.server.pending) problems.push(`did not send ${describeInteraction(i)} (#${i.id})`);
    const notes: string[] = [];
    for (const r of s.server.sent) {
        const rec = expected.find((i) => i.id === r.answeredBy);
        const q = new URLSearchParams(r.query).toString();
        if (rec && q !== new URLSearchParams(rec.query).toString()) notes.push(`${r.method} ${r.path} sent ?${q}; the recording has ${Object.keys(rec.query).length ? `?${new URLSearchParams(rec.query)}` : "no query"}`);
    }
    return {
        file: s.recording.file,
        operation: op.name,
        expected: expected.map((i) => `${i.id < 0 ? "(derived)" : `#${i.id}`} ${i.method} ${i.path}`),
        sent,
        problems,
        notes,
        derived: derived?.from,
    };
}

/** Points the providers (stack config) and callApi at the replay server. */
export function replayState(server: ReplayServer, file: string): ScenarioState {
    const config = { get: (k: string) => ({ "pulumi-okta-dynamic:orgUrl": server.url, "okta:apiToken": REPLAY_TOKEN } as Record<string, string>)[k] };
    setStackConfig(config);
    return { server, recording: loadRecording(file), outs: {}, config };
}
