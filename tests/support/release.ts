// A stand-in until the release branch (issue 27's build half) is merged, whose release.ts replaces this one: the same
// signature, with no build. Fill dist/release/ by hand (the standalone linux-amd64 plugin tarball, the wheel, the
// Node.js SDK tarball, SHA256SUMS) or with `npm run release` once it exists.
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../../scripts/engine";

/**
 * The absolute path of a complete `dist/release/` (OKTA_DYNAMIC_RELEASE_DIR names another: scripts/test-newest.sh
 * runs in a copy of the tree without dist/).
 */
export function releaseDir(): string {
    const dir = process.env.OKTA_DYNAMIC_RELEASE_DIR ?? path.join(REPO_ROOT, "dist", "release");
    if (!fs.existsSync(path.join(dir, "SHA256SUMS"))) {
        throw new Error(`${dir}/SHA256SUMS is missing: build the release first (npm run release, or by hand until it exists)`);
    }
    return dir;
}
