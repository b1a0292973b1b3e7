// Makes `require("pulumi-okta-dynamic/provider")` resolve inside this repo the way it does in a user's project
// (the engine's plugin resolves the serialized stub's require from the program's directory, not ours).
const fs = require("fs");
const path = require("path");
const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-okta-dynamic");
try {
    if (fs.realpathSync(link) === root) process.exit(0);
    fs.rmSync(link, { recursive: true, force: true });
} catch {
    /* missing: create it */
}
fs.mkdirSync(path.dirname(link), { recursive: true });
fs.symlinkSync(path.relative(path.dirname(link), root) || ".", link, "dir");
