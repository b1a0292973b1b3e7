// A stand-in for Pulumi's Go language host (`pulumi-language-go`), whose module the Go module proxy here refuses, so
// that `pulumi up` can run a Go program as written: the engine is pointed at this server with `--client=<address>`
// (as the Automation API points it at its inline servers), and Run does what the Go host's Run does: `go build` the
// program in its folder, then run the binary with the environment the Go SDK's `pulumi.Run` reads (PULUMI_MONITOR,
// PULUMI_ENGINE, PULUMI_PROJECT, PULUMI_STACK, PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS, PULUMI_DRY_RUN,
// PULUMI_PARALLEL, PULUMI_ORGANIZATION, PULUMI_ROOT_DIRECTORY). What it does not do: report the program's required
// plugins (the engine then loads the plugin the SDK names when the program first uses it, as for inline programs).
import * as grpc from "@grpc/grpc-js";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
const langrpc = require("@pulumi/pulumi/proto/language_grpc_pb");
const langproto = require("@pulumi/pulumi/proto/language_pb");
const plugproto = require("@pulumi/pulumi/proto/plugin_pb");

export interface GoLanguageHost {
    /** The `--client` flag for `pulumi up|preview|destroy`. */
    clientFlag: string;
    /** What each Run printed (stdout and stderr of the build and the program). */
    output: string[];
    stop(): Promise<void>;
}

const exec = (file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number; out: string }>((resolve) =>
        execFile(file, args, { cwd, env, encoding: "utf8", maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
            resolve({ code: err ? ((err as { code?: number }).code as number) || 1 : 0, out: `${stdout}${stderr}` }),
        ),
    );

/** Starts the host on 127.0.0.1; `env` is the environment the build and the program get (the user's shell's). */
export async function startGoLanguageHost(env: NodeJS.ProcessEnv): Promise<GoLanguageHost> {
    const output: string[] = [];
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), "okta-go-host-"));
    const server = new grpc.Server();
    server.addService(langrpc.LanguageRuntimeService, {
        getRequiredPlugins: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
            const resp = new langproto.GetRequiredPluginsResponse();
            resp.setPluginsList([]);
            callback(null, resp);
        },
        getPluginInfo: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
            const resp = new plugproto.PluginInfo();
            resp.setVersion("1.0.0");
            callback(null, resp);
        },
        run: (call: { request: any }, callback: grpc.sendUnaryData<unknown>) => {
            const req = call.request;
            const dir: string = req.getInfo()?.getProgramDirectory() || req.getPwd();
            const resp = new langproto.RunResponse();
            void (async () => {
                const program = path.join(bin, "program");
                const build = await exec("go", ["build", "-o", program, "."], dir, env);
                output.push(build.out);
                if (build.code !== 0) {
                    resp.setError(`go build failed:\n${build.out}`);
                    return callback(null, resp);
                }
                const config: Record<string, string> = {};
                for (const [k, v] of req.getConfigMap().entries()) config[k] = v;
                const run = await exec(program, [], dir, {
                    ...env,
                    PULUMI_MONITOR: req.getMonitorAddress(),
                    PULUMI_ENGINE: req.getArgsList()[0] ?? "",
                    PULUMI_PROJECT: req.getProject(),
                    PULUMI_STACK: req.getStack(),
                    PULUMI_ORGANIZATION: req.getOrganization(),
                    PULUMI_ROOT_DIRECTORY: req.getInfo()?.getRootDirectory() || dir,
                    PULUMI_CONFIG: JSON.stringify(config),
                    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
                    PULUMI_DRY_RUN: String(req.getDryrun()),
                    PULUMI_PARALLEL: String(req.getParallel()),
                });
                output.push(run.out);
                if (run.code !== 0) resp.setError(`the program exited ${run.code}:\n${run.out}`);
                callback(null, resp);
            })();
        },
    });
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    return {
        clientFlag: `--client=127.0.0.1:${port}`,
        output,
        stop: async () => {
            await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
            fs.rmSync(bin, { recursive: true, force: true });
        },
    };
}
