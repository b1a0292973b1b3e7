// The four places where `@pulumi/pulumi/provider`'s gRPC server (3.248 to 3.276) does not serve what this plugin
// needs, patched where it registers its service, and nowhere else:
// - CheckConfig: the server answers UNIMPLEMENTED (its Provider interface has no checkConfig), and the engine then
//   keeps the config unchecked and a token set without `--secret` in clear; native/checkConfig.ts answers instead.
// - Configure: the server answers it itself and drops the stack config (its Provider interface has no configure);
//   the request is handed to `onConfigure` first.
// - DiffConfig: the server answers UNIMPLEMENTED (its Provider interface has no diffConfig), and the engine then
//   guesses; the plugin's own decision (native/configDiff.ts) answers instead.
// - Read without properties: `pulumi import` on CLIs before 3.2xx sends Read with the id alone, and the server
//   then fails on `undefined.toJavaScript()`; an empty property set is what newer CLIs send.
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";

export interface ConfigureRequestView {
    variables: Record<string, string>;
    args: Record<string, unknown> | undefined;
}

// The generated request classes' accessors this file uses.
interface ConfigureRequest {
    getVariablesMap(): { forEach(cb: (value: string, key: string) => void): void };
    getArgs(): { toJavaScript(): Record<string, unknown> } | undefined;
}
interface DiffRequest {
    getOldInputs(): { toJavaScript(): Record<string, unknown> } | undefined;
    getOlds(): { toJavaScript(): Record<string, unknown> } | undefined;
    getNews(): { toJavaScript(): Record<string, unknown> } | undefined;
}
interface CheckConfigRequest {
    getNews(): { toJavaScript(): Record<string, unknown> } | undefined;
}
interface ReadRequest {
    hasProperties(): boolean;
    setProperties(s: Struct): void;
}
type Handler = (call: { request: unknown }, callback: (...a: unknown[]) => void) => unknown;

/** Reads a Configure request into plain values. */
export function viewConfigure(req: ConfigureRequest): ConfigureRequestView {
    const variables: Record<string, string> = {};
    req.getVariablesMap().forEach((v, k) => (variables[k] = v));
    return { variables, args: req.getArgs()?.toJavaScript() };
}

/** What DiffConfig answers: whether any key changed, which (sorted), and which of them replace (native/configDiff.ts). */
export interface ConfigDiffAnswer {
    changes: boolean;
    diffs: string[];
    replaces: string[];
}

/** The plugin's decision for DiffConfig, from the provider's old and new inputs (secrets wrapped or not). */
export type DiffConfig = (olds: Record<string, unknown>, news: Record<string, unknown>) => ConfigDiffAnswer;

/** A DiffConfig request's old inputs (the old outputs when the engine sends none) and new inputs. */
export function viewDiffConfig(req: DiffRequest): { olds: Record<string, unknown>; news: Record<string, unknown> } {
    const olds = req.getOldInputs()?.toJavaScript() ?? {};
    return { olds: Object.keys(olds).length ? olds : (req.getOlds()?.toJavaScript() ?? {}), news: req.getNews()?.toJavaScript() ?? {} };
}

/** The DiffConfig answer the engine reads. */
export function diffConfigResponse(d: ConfigDiffAnswer): provproto.DiffResponse {
    const resp = new provproto.DiffResponse();
    resp.setChanges(d.changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
    resp.setDiffsList(d.diffs);
    resp.setReplacesList(d.replaces);
    return resp;
}

/** The plugin's decision for CheckConfig, from the provider's new inputs (native/checkConfig.ts). */
export type CheckConfig = (news: Record<string, unknown>) => { inputs: Record<string, unknown>; failures: { property: string; reason: string }[] };

/** The CheckConfig answer the engine reads. */
export function checkConfigResponse(c: ReturnType<CheckConfig>): provproto.CheckResponse {
    const resp = new provproto.CheckResponse();
    resp.setInputs(Struct.fromJavaScript(c.inputs as Parameters<typeof Struct.fromJavaScript>[0]));
    resp.setFailuresList(
        c.failures.map((f) => {
            const failure = new provproto.CheckFailure();
            failure.setProperty(f.property);
            failure.setReason(f.reason);
            return failure;
        }),
    );
    return resp;
}

/** Wraps the provider service's handlers at the next `addService` (the one `main()` makes), then un-patches. */
export function hookProviderService(
    onConfigure: (req: ConfigureRequestView) => void,
    diffConfig: DiffConfig,
    checkConfig: CheckConfig,
): void {
    const original = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (this: grpc.Server, service, implementation) {
        grpc.Server.prototype.addService = original;
        const impl = implementation as unknown as Record<string, Handler>;
        const configure = impl.configure;
        const read = impl.read;
        impl.configure = function (this: unknown, call, callback) {
            try {
                onConfigure(viewConfigure(call.request as ConfigureRequest));
            } catch (e) {
                return callback({ code: grpc.status.INVALID_ARGUMENT, details: e instanceof Error ? e.message : String(e) });
            }
            return configure.call(this, call, callback);
        };
        impl.checkConfig = function (this: unknown, call, callback) {
            try {
                return callback(undefined, checkConfigResponse(checkConfig((call.request as CheckConfigRequest).getNews()?.toJavaScript() ?? {})));
            } catch (e) {
                return callback({ code: grpc.status.INTERNAL, details: e instanceof Error ? e.message : String(e) });
            }
        };
        impl.diffConfig = function (this: unknown, call, callback) {
            try {
                const { olds, news } = viewDiffConfig(call.request as DiffRequest);
                return callback(undefined, diffConfigResponse(diffConfig(olds, news)));
            } catch (e) {
                return callback({ code: grpc.status.INTERNAL, details: e instanceof Error ? e.message : String(e) });
            }
        };
        impl.read = function (this: unknown, call, callback) {
            const req = call.request as ReadRequest;
            if (!req.hasProperties()) req.setProperties(new Struct());
            return read.call(this, call, callback);
        };
        return original.call(this, service, implementation);
    };
}
