// The repository's one home: package.json's `repository`. Everything that names where the project lives (the schema's
// pluginDownloadURL, repository, homepage and publisher, the Go SDK's module path, the SDKs' package metadata, the
// Go module's tag) is derived here; tests/repositoryHome.test.ts fails when the home is spelled anywhere else.
import * as fs from "fs";
import * as path from "path";

/** Where the committed Go SDK's module lives in the repository (Pulumi's layout: `<dir>/go.mod`, `<dir>/go/<pkg>`). */
export const GO_SDK_DIR = "native/sdk";
/** The Go package inside that module. */
export const GO_PACKAGE_DIR = "go/oktadynamic";

export interface RepositoryHome {
    /** `https://github.com/<owner>/<repo>`, the canonical URL. */
    url: string;
    owner: string;
    repo: string;
    /** The plugin's source for the engine: `github://api.github.com/<owner>/<repo>` (GitHub release `v<version>`). */
    pluginDownloadURL: string;
    /** The committed Go SDK's module path: `github.com/<owner>/<repo>/native/sdk`. */
    goModule: string;
    /** Its package's import path (the schema's `language.go.importBasePath`). */
    goImportPath: string;
}

/**
 * The home from package.json's `repository` (a string or `{ url }`), which must be a GitHub repository URL in any of
 * npm's spellings (`https://github.com/o/r`, `git+https://github.com/o/r.git`, `github:o/r`).
 */
export function homeOf(repository: unknown): RepositoryHome {
    const raw = typeof repository === "string" ? repository : (repository as { url?: unknown } | undefined)?.url;
    if (typeof raw !== "string") throw new Error(`package.json: repository must be a GitHub URL (or { "url": <GitHub URL> }), got ${JSON.stringify(repository)}`);
    const m = /^(?:git\+)?https:\/\/github\.com\/([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/.exec(raw) ?? /^github:([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(raw);
    if (!m) throw new Error(`package.json: repository.url must name a GitHub repository as https://github.com/<owner>/<repo>, got ${raw}`);
    const [, owner, repo] = m;
    const goModule = `github.com/${owner}/${repo}/${GO_SDK_DIR}`;
    return {
        url: `https://github.com/${owner}/${repo}`,
        owner,
        repo,
        pluginDownloadURL: `github://api.github.com/${owner}/${repo}`,
        goModule,
        goImportPath: `${goModule}/${GO_PACKAGE_DIR}`,
    };
}

/** The Go module's tag for a release: `native/sdk/v<version>` (a module in a subfolder is tagged with its path). */
export function goModuleTag(version: string): string {
    return `${GO_SDK_DIR}/v${version}`;
}

const ROOT = path.resolve(__dirname, "..", "..");

/** This repository's home, from its package.json. */
export function repositoryHome(root = ROOT): RepositoryHome {
    return homeOf(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).repository);
}

// `node dist/tools/repositoryHome.js <field>` prints one field (for shell scripts and the release workflow).
if (require.main === module) {
    const home = repositoryHome() as unknown as Record<string, string>;
    const field = process.argv[2];
    if (field === "goModuleTag") console.log(goModuleTag(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version));
    else if (field && field in home) console.log(home[field]);
    else {
        console.error(`usage: repositoryHome.js <${[...Object.keys(home), "goModuleTag"].join("|")}>`);
        process.exit(2);
    }
}
