// One home: package.json's `repository` is the one place the project's GitHub URL is written. The schema (and through
// it every SDK), the Go module path and the release workflow derive it (tools/repositoryHome.ts); this fails when
// the home is spelled anywhere else in the tree. Generated files are exempt, and so are the files that must spell it
// for a reader or a compiler (the docs, the Go program's import and go.mod), where every mention must be one derived
// from package.json as it is now: a moved repository then fails here, naming each place to change.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../harness/engine";
import { goModuleTag, homeOf, repositoryHome } from "../tools/repositoryHome";

/** Generated from package.json's repository (by native/schemaGenerator.ts, tools/gen-sdks.sh). */
const GENERATED = [/^native\/schema\.json$/, /^native\/sdk\//];
/** Must spell the home for a reader (docs) or a compiler (Go's import path, go.mod): mentions checked, not forbidden. */
const SPELLED = [/^README\.md$/, /^CHANGELOG\.md$/, /^docs\/(internals\/)?[^/]+\.md$/, /^native\/docs\/[^/]+\.md$/, /^tests\/native\/go_program\/(main\.go|go\.mod)$/];

describe("the repository's one home (package.json's repository)", () => {
    const home = repositoryHome();
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

    it("derives the URL, the plugin's github:// source and the Go module path from any npm spelling of a GitHub URL", () => {
        for (const spelling of ["https://github.com/o-1/r.x", "git+https://github.com/o-1/r.x.git", { type: "git", url: "https://github.com/o-1/r.x/" }, "github:o-1/r.x"]) {
            assert.deepStrictEqual(homeOf(spelling), {
                url: "https://github.com/o-1/r.x",
                owner: "o-1",
                repo: "r.x",
                pluginDownloadURL: "github://api.github.com/o-1/r.x",
                goModule: "github.com/o-1/r.x/native/sdk",
                goImportPath: "github.com/o-1/r.x/native/sdk/go/oktadynamic",
            }, JSON.stringify(spelling));
        }
        assert.strictEqual(goModuleTag("1.2.3"), "native/sdk/v1.2.3");
        assert.throws(() => homeOf(undefined), /package\.json: repository must be a GitHub URL/);
        assert.throws(() => homeOf("https://gitlab.com/o/r"), /repository\.url must name a GitHub repository as https:\/\/github\.com\/<owner>\/<repo>, got https:\/\/gitlab\.com\/o\/r/);
    });

    it("is in the schema as the engine and the Registry read it (and from there in every SDK)", () => {
        const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "native", "schema.json"), "utf8"));
        assert.deepStrictEqual(
            [schema.pluginDownloadURL, schema.repository, schema.homepage, schema.publisher, schema.language.go.importBasePath],
            [home.pluginDownloadURL, home.url, home.url, home.owner, home.goImportPath],
        );
    });

    it("is spelled nowhere else; where it must be spelled, only as derived from package.json today", () => {
        const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: REPO_ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
        // Any spelling of the home: owner/repo, or a github.com / api.github.com path under the owner.
        // (Not a folder of that name: `../pulumi-okta-dynamic/pulumi-okta-dynamic-0.1.0.tgz` is a clone's tarball.)
        const mention = new RegExp(`[\\w@:+./\\\\-]*(?:github\\\\?\\.com/${esc(home.owner)}\\b|(?<![\\w./-])${esc(home.owner)}/${esc(home.repo)}(?![\\w-]))[\\w@./-]*`, "g");
        // The URL, the github:// source (also as the regexp PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES takes), the Go module.
        const forms = [home.url, home.pluginDownloadURL, esc(home.pluginDownloadURL), home.goModule];
        const derived = forms.map((d) => new RegExp(`^${esc(d)}(?:[/@][\\w@./-]*)?$`));
        const strays: string[] = [];
        const wrong: string[] = [];
        let checked = 0;
        for (const f of files) {
            if (f === "package.json" || GENERATED.some((g) => g.test(f)) || !fs.existsSync(path.join(REPO_ROOT, f))) continue;
            const text = fs.readFileSync(path.join(REPO_ROOT, f), "utf8");
            for (const m of text.matchAll(mention)) {
                const line = text.slice(0, m.index).split("\n").length;
                if (!SPELLED.some((s) => s.test(f))) strays.push(`${f}:${line}: ${m[0]}`);
                // `gh attestation verify --repo <owner>/<repo>` names the repository bare.
                else if (!(derived.some((d) => d.test(m[0])) || m[0] === `${home.owner}/${home.repo}`)) wrong.push(`${f}:${line}: ${m[0]}`);
                else checked++;
            }
        }
        assert.deepStrictEqual(strays, [], "the home is spelled outside package.json (derive it from tools/repositoryHome.ts)");
        assert.deepStrictEqual(wrong, [], "not the home package.json gives");
        assert.ok(checked >= 5, `only ${checked} mentions in the docs and the Go program`);
    });
});
