// A .tar.gz whose bytes depend only on the files' contents and whether each is executable: members sorted by name,
// every mtime the given epoch (SOURCE_DATE_EPOCH), owner and group 0 with no names, modes 0755/0644 whatever the
// umask, and gzip without the name or time in its header (GNU tar and gzip).
const { execFileSync } = require("child_process");

/** Packs `files` (paths relative to `dir`, folders recursed) into `out`; `epoch` in seconds. */
function tarGz({ dir, files, out, epoch }) {
    if (!Number.isInteger(epoch) || epoch < 0) throw new Error(`tarGz: epoch must be a whole number of seconds, got ${epoch}`);
    const tarArgs = ["--create", "--format=gnu", "--sort=name", `--mtime=@${epoch}`, "--owner=0", "--group=0", "--numeric-owner", "--mode=u=rwX,go=rX", "-C", dir, "--", ...files];
    // A pipe, not a buffer: an executable is over 100 MB. Level 6: -9 took three times as long for 0.5% less.
    execFileSync("bash", ["-c", 'set -euo pipefail; out="$1"; shift; tar "$@" | gzip -n -6 > "$out"', "tar-gz", out, ...tarArgs], { stdio: ["ignore", "ignore", "inherit"] });
}

/**
 * The commit time of HEAD, for SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/): the
 * variable itself when set, else `git log -1 --format=%ct` in `root`; an error outside a git checkout without it.
 */
function sourceDateEpoch(root) {
    const set = process.env.SOURCE_DATE_EPOCH;
    if (set !== undefined && set !== "") {
        if (!/^\d+$/.test(set)) throw new Error(`SOURCE_DATE_EPOCH must be a whole number of seconds, got "${set}"`);
        return Number(set);
    }
    try {
        return Number(execFileSync("git", ["log", "-1", "--format=%ct"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    } catch {
        throw new Error(`${root} is not a git checkout: set SOURCE_DATE_EPOCH (seconds) to the source's date`);
    }
}

module.exports = { tarGz, sourceDateEpoch };
