// The schema the plugin serves (GetSchema) and its version (GetPluginInfo): schema.json beside the bundle (the
// plugin tarball) or in the source tree (dist/native/ -> native/), read once on first use.
import * as fs from "fs";
import * as path from "path";

function readSchema(): string {
    for (const p of [path.join(__dirname, "schema.json"), path.join(__dirname, "..", "..", "native", "schema.json")]) {
        if (fs.existsSync(p)) return fs.readFileSync(p, "utf8");
    }
    throw new Error("schema.json is missing beside the plugin");
}

let text: string | undefined;

export const pluginSchema = (): string => (text ??= readSchema());

/** The schema carries the package version (its generator takes it from package.json; the drift test holds them equal). */
export const pluginVersion = (): string => (JSON.parse(pluginSchema()) as { version: string }).version;
