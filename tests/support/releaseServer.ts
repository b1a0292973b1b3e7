// A GitHub release as the engine downloads from it, on 127.0.0.1: the files of a release folder by name (as the
// engine asks for `<url>/pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz` once PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES
// points the github:// source at this server), with a log of what was asked, and files replaced at will (a tampered
// tarball).
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";

export interface ReleaseServer {
    url: string;
    /** Every request, in order: `GET /pulumi-resource-oktadynamic-v0.1.0-linux-amd64.tar.gz 200`. */
    log: string[];
    /** Serve these bytes under this name instead of the folder's file (undefined: the file again). */
    replace(name: string, body: Buffer | undefined): void;
    stop(): Promise<void>;
}

export async function startReleaseServer(dir: string): Promise<ReleaseServer> {
    const log: string[] = [];
    const replaced = new Map<string, Buffer>();
    const server = http.createServer((req, res) => {
        const name = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname.slice(1));
        const file = path.join(dir, name);
        const body = replaced.get(name) ?? (name && !name.includes("/") && fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file) : undefined);
        const status = req.method !== "GET" ? 405 : body ? 200 : 404;
        log.push(`${req.method} ${req.url} ${status}`);
        if (status !== 200) {
            res.writeHead(status).end();
            return;
        }
        res.writeHead(200, { "content-type": "application/gzip", "content-length": body!.length }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        log,
        replace: (name, body) => void (body ? replaced.set(name, body) : replaced.delete(name)),
        stop: () => new Promise((resolve) => server.close(() => resolve())),
    };
}

/** PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES's value sending the plugin source `source` (a github:// URL) to `url`. */
export function downloadOverride(source: string, url: string): string {
    return `^${source.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}=${url}`;
}
